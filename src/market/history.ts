/**
 * The HISTORY table, laid out and aggregated the way Excel's STOCKHISTORY does it (which is not
 * the return rule): rows run from the first trading day on or after the start date to the last one
 * on or before the end date, oldest first.
 *
 * - interval 0 (daily): one row per trading day.
 * - interval 1 (weekly): weeks begin on Monday; a row is dated by the week's first trading day
 *   inside the range (a Tuesday after a Monday holiday, or the start date's day mid-week).
 * - interval 2 (monthly): a row is dated the 1st of its month, even when the range or the month's
 *   trading begins later.
 * Close is the period's last close, Open its first bar's open, High/Low the extremes, Volume the
 * sum, Adj Close the last adjusted close, Dividend the sum of the dividends whose ex-date falls in
 * the period's part of the range (0 when none). A missing open/high/low/volume is returned as ""
 * so the cell shows blank instead of 0. Dates are Excel serial numbers.
 */

import { assertIsoDate, isIsoDate } from "./isoDate";
import { Period, aggregatePeriods, periodKey } from "./periodBars";
import { toExcelSerial } from "./excelDates";
import { DailyBar, MarketError } from "./types";
import { assertBarsOrdered, firstIndexOnOrAfter } from "./window";

export type HistoryInterval = 0 | 1 | 2;
export type HistoryHeaders = 0 | 1 | 2;
export type HistoryCell = string | number | null;

export interface HistoryOptions {
  start: string;
  end: string;
  /** 0 daily (default), 1 weekly, 2 monthly. */
  interval?: HistoryInterval;
  /** 0 no header, 1 a header row (default), 2 an identifier row above the header row. */
  headers?: HistoryHeaders;
  /** Columns in this order: 0 Date, 1 Close, 2 Open, 3 High, 4 Low, 5 Volume, 6 Adj Close, 7 Dividend. Default [0, 1]. */
  properties?: number[];
  /** The instrument identifier shown when headers is 2 (usually the symbol). */
  label?: string;
  /**
   * The bars are already one per period of `interval` over start..end (the data service's 1wk or
   * 1mo answer, made by the same rule, periodBars.ts), so they are laid out as they are.
   */
  aggregated?: boolean;
}

export const HISTORY_HEADERS = ["Date", "Close", "Open", "High", "Low", "Volume", "Adj Close", "Dividend"] as const;
export const DEFAULT_HISTORY_PROPERTIES = [0, 1];

/** One aggregated period before it is laid out as cells. */
interface PeriodRow extends DailyBar {
  key: string;
  dividend: number;
}

export function historyTable(
  bars: readonly DailyBar[],
  dividends: ReadonlyArray<readonly [string, number]>,
  opts: HistoryOptions,
): HistoryCell[][] {
  const start = assertIsoDate(opts.start, "start");
  const end = assertIsoDate(opts.end, "end");
  if (end < start) throw new MarketError("bad_range", `The end date ${end} is before the start date ${start}`);
  const interval = checkChoice(opts.interval ?? 0, "interval", "0 (daily), 1 (weekly) or 2 (monthly)") as HistoryInterval;
  const headers = checkChoice(
    opts.headers ?? 1,
    "headers",
    "0 (none), 1 (header row) or 2 (identifier and header row)",
  ) as HistoryHeaders;
  const properties = checkProperties(opts.properties);
  assertBarsOrdered(bars, opts.label);

  const rows = opts.aggregated ? asPeriods(bars, start, end, interval) : aggregate(bars, start, end, interval);
  if (rows.length === 0) {
    throw new MarketError("no_data", `${opts.label ? `${opts.label} has no` : "No"} trading days between ${start} and ${end}`);
  }
  addDividends(rows, dividends, start, end, interval);

  const table: HistoryCell[][] = [];
  if (headers === 2) table.push(properties.map((_, i) => (i === 0 ? (opts.label ?? "") : "")));
  if (headers >= 1) table.push(properties.map((p) => HISTORY_HEADERS[p]));
  for (const row of rows) table.push(properties.map((p) => cell(row, p)));
  return table;
}

function checkChoice(value: unknown, name: string, allowed: string): number {
  if (value !== 0 && value !== 1 && value !== 2) {
    throw new MarketError("bad_argument", `${name} must be ${allowed} (got ${String(value)})`);
  }
  return value;
}

function checkProperties(properties: readonly unknown[] | undefined): number[] {
  if (properties === undefined || properties.length === 0) return [...DEFAULT_HISTORY_PROPERTIES];
  return properties.map((p) => {
    if (typeof p !== "number" || !Number.isInteger(p) || p < 0 || p >= HISTORY_HEADERS.length) {
      throw new MarketError(
        "bad_argument",
        `property ${String(p)} does not exist; use 0 Date, 1 Close, 2 Open, 3 High, 4 Low, 5 Volume, 6 Adj Close or 7 Dividend`,
      );
    }
    return p;
  });
}

const PERIODS: Record<HistoryInterval, Period> = { 0: "day", 1: "week", 2: "month" };

function aggregate(bars: readonly DailyBar[], start: string, end: string, interval: HistoryInterval): PeriodRow[] {
  const from = firstIndexOnOrAfter(bars, start);
  if (from < 0) return [];
  let to = from;
  while (to < bars.length && bars[to].date <= end) to++;
  return aggregatePeriods(bars.slice(from, to), PERIODS[interval]).map((bar) => ({ ...bar, dividend: 0 }));
}

/** Bars already aggregated for the range: those of the periods that meet it, as rows. */
function asPeriods(bars: readonly DailyBar[], start: string, end: string, interval: HistoryInterval): PeriodRow[] {
  const period = PERIODS[interval];
  const first = periodKey(start, period);
  return bars
    .filter((bar) => periodKey(bar.date, period) >= first && bar.date <= end)
    .map((bar) => ({ ...bar, key: periodKey(bar.date, period), dividend: 0 }));
}

function addDividends(
  rows: PeriodRow[],
  dividends: ReadonlyArray<readonly [string, number]>,
  start: string,
  end: string,
  interval: HistoryInterval,
): void {
  const byKey = new Map(rows.map((r) => [r.key, r] as const));
  for (const [date, amount] of dividends) {
    if (!isIsoDate(date) || date < start || date > end) continue;
    if (typeof amount !== "number" || !Number.isFinite(amount)) continue;
    const row = byKey.get(periodKey(date, PERIODS[interval]));
    if (row) row.dividend += amount;
  }
}

function cell(row: PeriodRow, property: number): HistoryCell {
  switch (property) {
    case 0:
      return toExcelSerial(row.date);
    case 1:
      return row.close;
    case 2:
      return row.open ?? "";
    case 3:
      return row.high ?? "";
    case 4:
      return row.low ?? "";
    case 5:
      return row.volume ?? "";
    case 6:
      return row.adjclose;
    default:
      return row.dividend;
  }
}
