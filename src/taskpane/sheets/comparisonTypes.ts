/** The ETF comparison: what the analyst asked for and what the data service answered. */

export type ComparisonInterval = "daily" | "weekly" | "monthly";
export type ComparisonKind = "total" | "price";
/** "shared": every figure on the period all funds share; "full": each fund on its own data. */
export type ComparisonPeriod = "shared" | "full";

export interface ComparisonParams {
  symbols: string[];
  /** YYYY-MM-DD. */
  start: string;
  /** YYYY-MM-DD, or null for the latest data (refreshing then brings the comparison up to date). */
  end: string | null;
  kind: ComparisonKind;
  interval: ComparisonInterval;
  /** Defaults to "shared". */
  period?: ComparisonPeriod;
}

export interface SummaryRow {
  symbol: string;
  name: string;
  currency: string;
  /** The fund's own data in the window: its base close and its last close. */
  firstDate: string;
  lastDate: string;
  /** Date of the last price used in this row's figures. */
  asOf: string;
  return: number;
  /** Null for periods shorter than a year (CAGR is not defined there). */
  cagr: number | null;
  volatility: number | null;
  maxDrawdown: number;
  expenseRatio: number | null;
  note: string;
}

export interface LeftOutFund {
  symbol: string;
  /** Why, in the data service's words ("no 3033.HK.csv in the CSV folder"). */
  reason: string;
}

export interface ComparisonData {
  params: ComparisonParams;
  /** Largest return first. */
  rows: SummaryRow[];
  /** The period the figures use: the one every fund shares (in "full" mode, the growth table's). */
  period: { start: string; end: string };
  /** Growth of 100 on the dates every symbol shares, already resampled to `growthInterval`. */
  growth: { dates: string[]; values: Record<string, number[]> };
  /** The interval asked for, or a coarser one when the asked one would make too large a write. */
  growthInterval?: ComparisonInterval;
  /** Says why the growth table is coarser than asked, or null. */
  growthNote?: string | null;
  /** Funds without data in the period, left out of the sheet. */
  leftOut: LeftOutFund[];
  /** Date of the last price used, over all funds. */
  pricesAsOf: string;
  /** Latest moment any series was obtained from its source (ISO 8601): when it was fetched. */
  asOf: string;
  sources: string[];
  stale: boolean;
}
