/**
 * Exchange calendar dates from instants. Yahoo stamps each daily bar with the session's opening
 * instant in UTC; the trading date is that instant's date in the exchange's own time zone
 * (a Hong Kong bar opens at 01:30 UTC, a New Zealand one the evening before in UTC).
 * Intl with an explicit timeZone keeps this independent of the machine's zone.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    } catch {
      // An unknown zone name from upstream should not break the series; UTC is the neutral choice.
      formatter = formatterFor("UTC");
    }
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** `YYYY-MM-DD` of an instant (milliseconds) on the calendar of `timeZone`. */
export function dateInZone(epochMs: number, timeZone: string): string {
  const parts = formatterFor(timeZone).formatToParts(new Date(epochMs));
  const get = (type: string) => parts.find((part) => part.type === type)?.value ?? "";
  return `${get("year")}-${get("month")}-${get("day")}`;
}

/** True when `timeZone` is a zone name this runtime knows. */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
    return true;
  } catch {
    return false;
  }
}
