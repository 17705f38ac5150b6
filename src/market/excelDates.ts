/**
 * Excel serial dates in the 1900 date system, counted the way Excel counts them: serial 1 is
 * 1900-01-01 and serial 60 is the fictitious 1900-02-29 that Excel keeps for Lotus 1-2-3
 * compatibility, so from 1900-03-01 (serial 61) on a serial is the number of days since 1899-12-30.
 */

import { civilToDayNumber, dayNumberToIso, isIsoDate, isoToDayNumber } from "./isoDate";
import { MarketError } from "./types";

/** The largest serial Excel accepts: 9999-12-31. */
export const MAX_EXCEL_SERIAL = 2958465;
/** Serial 60: Excel's 1900-02-29, a day that never existed. */
export const FICTITIOUS_LEAP_DAY_SERIAL = 60;

const DAY_1899_12_30 = civilToDayNumber(1899, 12, 30);
const DAY_1899_12_31 = civilToDayNumber(1899, 12, 31);
const DAY_1900_03_01 = civilToDayNumber(1900, 3, 1);

/** Excel serial number for a `YYYY-MM-DD` date from 1900-01-01 on. */
export function toExcelSerial(iso: string): number {
  if (!isIsoDate(iso)) {
    throw new MarketError("bad_date", `Not a real date written YYYY-MM-DD: ${JSON.stringify(iso)}`);
  }
  const day = isoToDayNumber(iso);
  if (day < DAY_1899_12_31 + 1) {
    throw new MarketError("bad_date", `${iso} is before 1900-01-01, the first date Excel can show`);
  }
  // Before March 1900 Excel has not yet counted its fictitious leap day.
  return day >= DAY_1900_03_01 ? day - DAY_1899_12_30 : day - DAY_1899_12_31;
}

/**
 * `YYYY-MM-DD` for an Excel serial number. A fractional serial is a date with a time of day: the
 * day is kept and the time dropped. Serial 60 throws because 1900-02-29 does not exist; mapping it
 * to a neighbouring day would silently change the analyst's input.
 */
export function fromExcelSerial(serial: number): string {
  if (typeof serial !== "number" || !Number.isFinite(serial)) {
    throw new MarketError("bad_date", `An Excel date serial must be a finite number (got ${String(serial)})`);
  }
  const whole = Math.floor(serial);
  if (whole < 1 || whole > MAX_EXCEL_SERIAL) {
    throw new MarketError(
      "bad_date",
      `${serial} is not an Excel date: serial numbers run from 1 (1900-01-01) to ${MAX_EXCEL_SERIAL} (9999-12-31)`,
    );
  }
  if (whole === FICTITIOUS_LEAP_DAY_SERIAL) {
    throw new MarketError(
      "bad_date",
      "Serial 60 is 1900-02-29, a date that does not exist (Excel keeps it only for compatibility)",
    );
  }
  return dayNumberToIso(whole > FICTITIOUS_LEAP_DAY_SERIAL ? DAY_1899_12_30 + whole : DAY_1899_12_31 + whole);
}

/**
 * A custom function's date argument as `YYYY-MM-DD`: an Excel date (a serial number, which is what
 * a date cell arrives as) or strict `YYYY-MM-DD` text naming a real date. Anything else (booleans,
 * empty cells, numeric text, other date spellings) throws MarketError("bad_date") with a message
 * naming the argument, for the caller to show as `#VALUE!`.
 */
export function parseDateArgument(value: unknown, argName = "date"): string {
  const expected = `${argName} must be a date (a date cell, serial number or YYYY-MM-DD text)`;
  if (typeof value === "number") {
    if (!Number.isFinite(value) || value < 1 || value >= MAX_EXCEL_SERIAL + 1) {
      throw new MarketError("bad_date", `${expected}; ${String(value)} is outside Excel's dates (1 to ${MAX_EXCEL_SERIAL})`);
    }
    try {
      return fromExcelSerial(value);
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      throw new MarketError("bad_date", `${argName}: ${reason}`);
    }
  }
  if (typeof value === "string") {
    const text = value.trim();
    if (isIsoDate(text)) return text;
    if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
      throw new MarketError("bad_date", `${argName}: ${text} is not a real calendar date`);
    }
    if (text === "") throw new MarketError("bad_date", `${expected}; it is empty`);
    throw new MarketError("bad_date", `${expected}; got ${quoted(text)}`);
  }
  throw new MarketError("bad_date", `${expected}; got ${describeKind(value)}`);
}

function describeKind(value: unknown): string {
  if (value === null || value === undefined) return "nothing";
  if (typeof value === "boolean") return `the logical value ${value ? "TRUE" : "FALSE"}`;
  if (Array.isArray(value)) return "a range of cells";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

/** Typed text as a message repeats it: at most 40 characters, so a pasted page stays out. */
function quoted(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 39)}…` : text);
}
