/**
 * A price file held as columns: day numbers and one Float64Array per field (NaN where the file
 * has no value). A 30-year daily file is about 400 KB this way, against well over a megabyte as
 * an array of row arrays with a date string each, so many more files fit in the same memory,
 * and a date range is found by binary search over integers.
 */
import type { HistoryField, HistoryRow } from "../../api/contract";
import { dayNumberToIso, isoToDayNumber } from "../../market/isoDate";

/** What a file was read for: every field, or dates, closes and adjusted closes only. */
export type PriceFields = "all" | "closes";

export interface PriceColumns {
  /** What was read: with "closes", open, high, low and volume are empty. */
  fields: PriceFields;
  /** Days since 1970-01-01, strictly increasing. */
  days: Int32Array;
  close: Float64Array;
  adjclose: Float64Array;
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  volume: Float64Array;
}

/**
 * Columns for `count` rows laid out in one buffer (days first, then one Float64Array per field
 * read), so a worker hands a whole file over as one transferable buffer.
 */
export function columnsOf(buffer: ArrayBuffer, count: number, fields: PriceFields): PriceColumns {
  const width = fields === "all" ? 6 : 2;
  if (buffer.byteLength !== count * (4 + 8 * width))
    throw new RangeError(`A buffer of ${buffer.byteLength} bytes is not ${count} rows`);
  // Float64Arrays need 8-byte alignment: they come first, the day numbers last.
  const column = (k: number) => new Float64Array(buffer, k * 8 * count, count);
  const empty = new Float64Array(0);
  return {
    fields,
    days: new Int32Array(buffer, width * 8 * count, count),
    close: column(0),
    adjclose: column(1),
    open: fields === "all" ? column(2) : empty,
    high: fields === "all" ? column(3) : empty,
    low: fields === "all" ? column(4) : empty,
    volume: fields === "all" ? column(5) : empty,
  };
}

/** Bytes the columns occupy (what a memory budget counts), plus a small fixed overhead. */
export function columnsBytes(c: PriceColumns): number {
  const arrays = [c.days, c.close, c.adjclose, c.open, c.high, c.low, c.volume];
  return arrays.reduce((sum, a) => sum + a.byteLength, 512);
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

/** The fields a request for `fields` needs read from the file. */
export function fieldsToRead(fields: readonly HistoryField[]): PriceFields {
  return fields.every((f) => f === "close" || f === "adjclose") ? "closes" : "all";
}

/** Whether columns read for `held` have everything a read for `wanted` would. */
export function covers(held: PriceFields, wanted: PriceFields): boolean {
  return held === "all" || wanted === "closes";
}

function needAll(c: PriceColumns): void {
  if (c.fields !== "all") throw new Error("Columns read for closes only have no open, high, low or volume");
}

/** The row at `i` in the contract's shape (columns read in full). */
export function rowAt(c: PriceColumns, i: number): HistoryRow {
  needAll(c);
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

/** The days and the columns of `fields` from `start` to `end` inclusive, as views of `c` (nothing copied). */
export function fieldsBetween<F extends HistoryField>(
  c: PriceColumns,
  start: string,
  end: string,
  fields: readonly F[],
): { days: Int32Array; values: Record<F, Float64Array> } {
  if (!covers(c.fields, fieldsToRead(fields))) needAll(c);
  const [from, to] = spanOf(c, start, end);
  const values = {} as Record<F, Float64Array>;
  for (const field of fields) values[field] = c[field].subarray(from, to);
  return { days: c.days.subarray(from, to), values };
}

/** Rows dated from `start` to `end` inclusive (ISO dates), oldest first (columns read in full). */
export function rowsBetween(c: PriceColumns, start: string, end: string): HistoryRow[] {
  needAll(c);
  const [from, to] = spanOf(c, start, end);
  const rows = new Array<HistoryRow>(Math.max(0, to - from));
  for (let i = from; i < to; i++) rows[i - from] = rowAt(c, i);
  return rows;
}
