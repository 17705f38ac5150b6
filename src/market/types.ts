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
  | "bad_range"; // end before start, or similar

export class MarketError extends Error {
  constructor(
    public readonly code: MarketErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "MarketError";
  }
}
