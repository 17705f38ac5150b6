/** The ETF comparison: what the analyst asked for and what the data service answered. */

export type ComparisonInterval = "daily" | "weekly" | "monthly";
export type ComparisonKind = "total" | "price";

export interface ComparisonParams {
  symbols: string[];
  /** YYYY-MM-DD. */
  start: string;
  /** YYYY-MM-DD, or null for the latest data (refreshing then brings the comparison up to date). */
  end: string | null;
  kind: ComparisonKind;
  interval: ComparisonInterval;
}

export interface SummaryRow {
  symbol: string;
  name: string;
  currency: string;
  /** Dates of the base close and the end close actually used. */
  firstDate: string;
  lastDate: string;
  return: number;
  /** Null for periods shorter than a year (CAGR is not defined there). */
  cagr: number | null;
  volatility: number | null;
  maxDrawdown: number;
  expenseRatio: number | null;
  note: string;
}

export interface ComparisonData {
  params: ComparisonParams;
  rows: SummaryRow[];
  /** Growth of 100 on the dates every symbol shares, already resampled to the interval. */
  growth: { dates: string[]; values: Record<string, number[]> };
  /** Latest moment any series was obtained from its source (ISO 8601). */
  asOf: string;
  sources: string[];
  stale: boolean;
}
