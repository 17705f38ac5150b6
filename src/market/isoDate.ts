/**
 * The calendar as the market arithmetic uses it: the shared `YYYY-MM-DD` arithmetic from
 * src/calendar, plus the check that turns a bad date into the market's own error.
 */
import { isIsoDate } from "../calendar/isoDate";
import { MarketError } from "./types";

export {
  addDays,
  civilToDayNumber,
  dayNumberToCivil,
  dayNumberToIso,
  daysBetween,
  daysInMonth,
  firstOfMonth,
  isIsoDate,
  isoToDayNumber,
  mondayOfWeek,
  parseIsoParts,
  weekdayIndex,
} from "../calendar/isoDate";

/** Throws MarketError("bad_date") unless `text` is a real `YYYY-MM-DD` date. */
export function assertIsoDate(text: unknown, what = "date"): string {
  if (!isIsoDate(text)) {
    throw new MarketError("bad_date", `${what} must be a real date written YYYY-MM-DD (got ${describeValue(text)})`);
  }
  return text;
}

function describeValue(v: unknown): string {
  return typeof v === "string" ? JSON.stringify(v) : String(v);
}
