/** Types for price-series arithmetic. Pure: no Office, no network. */

/** "total" compounds dividends (adjusted close); "price" uses the plain close. */
export type ReturnKind = "total" | "price";

/** One trading day. `date` is `YYYY-MM-DD` on the exchange's calendar; rows are oldest first. */
export interface DailyBar {
  date: string;
  open: number | null;
  high: number | null;
  low: number | null;
  close: number;
  adjclose: number;
  volume: number | null;
}

/** Result of a windowed calculation, with the dates actually used. */
export interface WindowResult {
  value: number;
  /** Date of the base close (last close on or before the start date). */
  baseDate: string;
  /** Date of the end close (last close on or before the end date). */
  endDate: string;
}

/** Why a calculation has no answer; the message is shown to the analyst as is. */
export type MarketErrorCode =
  | "before_first_date" // start is before the first data point
  | "no_data" // nothing in the window
  | "period_too_short" // CAGR asked for less than a year
  | "bad_range" // end before start, or similar
  | "bad_date" // not a date: malformed text, impossible calendar date, out-of-range serial
  | "bad_argument"; // any other malformed argument (e.g. a HISTORY property that does not exist)

export class MarketError extends Error {
  constructor(
    public readonly code: MarketErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "MarketError";
  }
}

/**
 * Codes that mean the caller's argument is malformed (Excel `#VALUE!`); every other code means the
 * argument is fine but there is no answer for it (Excel `#N/A`).
 */
export const ARGUMENT_ERROR_CODES: readonly MarketErrorCode[] = ["bad_range", "bad_date", "bad_argument"];

/** True when the error is the caller's malformed argument rather than missing data. */
export function isArgumentError(err: unknown): boolean {
  return err instanceof MarketError && ARGUMENT_ERROR_CODES.includes(err.code);
}
