/**
 * The one calendar: arithmetic on `YYYY-MM-DD` strings, done with plain integers (proleptic
 * Gregorian calendar, day 0 = 1970-01-01). No `Date` object is involved in the arithmetic, so
 * nothing here can depend on the machine's time zone or on `Date`'s two-digit-year quirks.
 * Every part imports its dates from here (the add-in, the service and the pure parts alike).
 */

/** The written form: four-digit year, two-digit month and day (whether the date exists is checked apart). */
export const ISO_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Number of days in a month (month 1-12). */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Year, month (1-12) and day of a strictly formatted real calendar date, or null. */
export function parseIsoParts(text: string): { year: number; month: number; day: number } | null {
  const m = ISO_DATE_PATTERN.exec(text);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

/**
 * Conversions already made, both ways. A recalculation of many cells, or a service answer of many
 * rows, converts the same few thousand dates over and over; the maps are emptied when they hold
 * MEMO_LIMIT entries (about 3 MB), so odd inputs cannot grow them without bound.
 */
const MEMO_LIMIT = 40_000;
const dayOfText = new Map<string, number>();
const textOfDay = new Map<number, string>();

/** True for `YYYY-MM-DD` text naming a date that exists (2024-02-29 yes, 2023-02-29 no). */
export function isIsoDate(text: unknown): text is string {
  return typeof text === "string" && (dayOfText.has(text) || parseIsoParts(text) !== null);
}

/** Days since 1970-01-01 for a civil date (works for any year, negative results before 1970). */
export function civilToDayNumber(year: number, month: number, day: number): number {
  // Count from a March-based year so the leap day is the last day of the counted year.
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const shiftedMonth = (month + 9) % 12; // March = 0 ... February = 11
  const dayOfYear = Math.floor((153 * shiftedMonth + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468; // 719468 = days from 0000-03-01 to 1970-01-01
}

/** The civil date for a day number (inverse of civilToDayNumber). */
export function dayNumberToCivil(dayNumber: number): { year: number; month: number; day: number } {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return { year, month, day };
}

/** Days since 1970-01-01 for `YYYY-MM-DD` text (throws bad_date on anything else). */
export function isoToDayNumber(iso: string): number {
  const known = dayOfText.get(iso);
  if (known !== undefined) return known;
  const parts = parseIsoParts(iso);
  if (!parts) throw new RangeError(`Not a real date written YYYY-MM-DD: ${JSON.stringify(iso)}`);
  const dayNumber = civilToDayNumber(parts.year, parts.month, parts.day);
  if (dayOfText.size >= MEMO_LIMIT) dayOfText.clear();
  dayOfText.set(iso, dayNumber);
  return dayNumber;
}

/** `YYYY-MM-DD` text for a day number. */
export function dayNumberToIso(dayNumber: number): string {
  const known = textOfDay.get(dayNumber);
  if (known !== undefined) return known;
  const { year, month, day } = dayNumberToCivil(dayNumber);
  const text = `${String(year).padStart(4, "0")}-${pad2(month)}-${pad2(day)}`;
  if (textOfDay.size >= MEMO_LIMIT) textOfDay.clear();
  textOfDay.set(dayNumber, text);
  return text;
}

function pad2(n: number): string {
  return String(n).padStart(2, "0");
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return isoToDayNumber(to) - isoToDayNumber(from);
}

/** The date `days` calendar days after `iso` (before, when negative). */
export function addDays(iso: string, days: number): string {
  return dayNumberToIso(isoToDayNumber(iso) + days);
}

/** Day of the week with Monday = 0 ... Sunday = 6 (1970-01-01 was a Thursday). */
export function weekdayIndex(iso: string): number {
  return (((isoToDayNumber(iso) + 3) % 7) + 7) % 7;
}

/** The Monday that begins the week containing `iso`. */
export function mondayOfWeek(iso: string): string {
  return addDays(iso, -weekdayIndex(iso));
}

/** The 1st of the month containing `iso`. */
export function firstOfMonth(iso: string): string {
  return `${iso.slice(0, 8)}01`;
}

const DAY_MS = 86_400_000;

/** The day number (days since 1970-01-01) of the UTC calendar date of an instant in epoch milliseconds. */
export function utcMsToDayNumber(ms: number): number {
  return Math.floor(ms / DAY_MS);
}

/** The UTC calendar date of an instant in epoch milliseconds. */
export function utcMsToIsoDate(ms: number): string {
  return dayNumberToIso(utcMsToDayNumber(ms));
}

/** Epoch milliseconds of a real `YYYY-MM-DD` date at UTC midnight, or NaN for anything else. */
export function isoDateToUtcMs(iso: string): number {
  const parts = parseIsoParts(iso);
  return parts ? civilToDayNumber(parts.year, parts.month, parts.day) * DAY_MS : Number.NaN;
}

/** The earlier of two ISO dates (string order is date order for YYYY-MM-DD). */
export function minDate(a: string, b: string): string {
  return a <= b ? a : b;
}

/** The later of two ISO dates. */
export function maxDate(a: string, b: string): string {
  return a >= b ? a : b;
}
