/**
 * The few calendar steps the client needs, on `YYYY-MM-DD` strings in UTC so that nothing depends
 * on the machine's time zone.
 */

const DAY_MS = 86_400_000;

/** Today's date in UTC for an instant given in epoch milliseconds. */
export function utcDateOf(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 10);
}

/** The date `days` calendar days after (before, when negative) `iso`. */
export function shiftDays(iso: string, days: number): string {
  const ms = Date.parse(`${iso}T00:00:00Z`) + days * DAY_MS;
  return new Date(ms).toISOString().slice(0, 10);
}

/** The earlier of two ISO dates (string order is date order for YYYY-MM-DD). */
export function minDate(a: string, b: string): string {
  return a <= b ? a : b;
}

/** The later of two ISO dates. */
export function maxDate(a: string, b: string): string {
  return a >= b ? a : b;
}
