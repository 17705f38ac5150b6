/**
 * A price file held as columns: day numbers and one Float64Array per field (NaN where the file
 * has no value). A 30-year daily file is about 400 KB this way, against well over a megabyte as
 * an array of row arrays with a date string each, so many more files fit in the same memory,
 * and a date range is found by binary search over integers.
 */
import type { HistoryRow } from "../../api/contract";
import { dayNumberToIso, isoToDayNumber } from "../../market/isoDate";

export interface PriceColumns {
  /** Days since 1970-01-01, strictly increasing. */
  days: Int32Array;
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  adjclose: Float64Array;
  volume: Float64Array;
}

/** Bytes the columns occupy (what a memory budget counts), plus a small fixed overhead. */
export function columnsBytes(columns: PriceColumns): number {
  return columns.days.byteLength + 6 * columns.close.byteLength + 512;
}

export function rowCount(columns: PriceColumns): number {
  return columns.days.length;
}

/** First index whose day is >= `day` (days.length when none). */
function lowerBound(days: Int32Array, day: number): number {
  let lo = 0;
  let hi = days.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (days[mid] < day) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const orNull = (v: number): number | null => (Number.isNaN(v) ? null : v);

/**
 * ISO text of day numbers, made once per day and shared by every file: all series trade on
 * nearly the same calendar, and building the text is most of the cost of handing out rows.
 */
const isoOfDay = new Map<number, string>();
function isoDate(day: number): string {
  let iso = isoOfDay.get(day);
  if (iso === undefined) {
    iso = dayNumberToIso(day);
    isoOfDay.set(day, iso);
  }
  return iso;
}

/** The row at `i` in the contract's shape. */
export function rowAt(c: PriceColumns, i: number): HistoryRow {
  return [
    isoDate(c.days[i]),
    orNull(c.open[i]),
    orNull(c.high[i]),
    orNull(c.low[i]),
    c.close[i],
    c.adjclose[i],
    orNull(c.volume[i]),
  ];
}

/** Index bounds [from, to) of the days from `start` to `end` inclusive (ISO dates). */
function spanOf(c: PriceColumns, start: string, end: string): [number, number] {
  return [lowerBound(c.days, isoToDayNumber(start)), lowerBound(c.days, isoToDayNumber(end) + 1)];
}

/** The columns from `start` to `end` inclusive, as views of `c` (nothing copied). */
export function columnsBetween(c: PriceColumns, start: string, end: string): PriceColumns {
  const [from, to] = spanOf(c, start, end);
  return {
    days: c.days.subarray(from, to),
    open: c.open.subarray(from, to),
    high: c.high.subarray(from, to),
    low: c.low.subarray(from, to),
    close: c.close.subarray(from, to),
    adjclose: c.adjclose.subarray(from, to),
    volume: c.volume.subarray(from, to),
  };
}

/** Rows dated from `start` to `end` inclusive (ISO dates), oldest first. */
export function rowsBetween(c: PriceColumns, start: string, end: string): HistoryRow[] {
  const [from, to] = spanOf(c, start, end);
  const rows = new Array<HistoryRow>(Math.max(0, to - from));
  for (let i = from; i < to; i++) rows[i - from] = rowAt(c, i);
  return rows;
}
