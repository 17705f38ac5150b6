/**
 * Building and cutting the typed columns the history store holds (src/market/priceColumns.ts):
 * from the service's rows or its columnar answer, cut to a range of days, joined end to end, and
 * measured in bytes for the store's memory bound.
 */
import type { HistoryRow } from "../api/contract";
import { closeColumns, firstPositionOnOrAfter, lastPositionOnOrBefore, type PriceColumns } from "../market/priceColumns";
import { isoToDayNumber } from "../market/isoDate";
import type { ColumnarSeries } from "./columnarSeries";
import type { DayRange } from "./dayRanges";

type OptionalField = "open" | "high" | "low" | "volume";
const OPTIONAL_FIELDS: readonly OptionalField[] = ["open", "high", "low", "volume"];

const MISSING = Number.NaN;
const numberOrNaN = (v: number | null | undefined): number => (typeof v === "number" ? v : MISSING);

/** Rows (any order) as columns with every field, oldest first. */
export function columnsFromRows(rows: readonly HistoryRow[]): PriceColumns {
  let ordered = rows;
  for (let i = 1; i < rows.length; i++) {
    // The arithmetic relies on oldest-first order; do not trust every source to keep it.
    if (rows[i - 1][0] > rows[i][0]) {
      ordered = [...rows].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
      break;
    }
  }
  const n = ordered.length;
  const columns: Required<PriceColumns> = {
    days: new Int32Array(n),
    close: new Float64Array(n),
    adjclose: new Float64Array(n),
    open: new Float64Array(n),
    high: new Float64Array(n),
    low: new Float64Array(n),
    volume: new Float64Array(n),
  };
  for (let i = 0; i < n; i++) {
    const [date, open, high, low, close, adjclose, volume] = ordered[i];
    columns.days[i] = isoToDayNumber(date);
    columns.open[i] = numberOrNaN(open);
    columns.high[i] = numberOrNaN(high);
    columns.low[i] = numberOrNaN(low);
    columns.close[i] = numberOrNaN(close);
    // Some sources have no adjusted close; the contract says it then equals the close.
    columns.adjclose[i] = numberOrNaN(adjclose ?? close);
    columns.volume[i] = numberOrNaN(volume);
  }
  return columns;
}

/** A decoded columnar answer of closes and adjusted closes as the store's columns. */
export function columnsFromColumnar(series: ColumnarSeries): PriceColumns {
  // The stats route builds its columns by the same rule, so both read the same numbers.
  return closeColumns(
    series.days,
    series.columns.close ?? new Float64Array(series.days.length).fill(Number.NaN),
    series.columns.adjclose,
  );
}

/** An empty set of columns shaped like `like` (the same optional fields). */
export function emptyColumns(like?: PriceColumns): PriceColumns {
  const empty: PriceColumns = { days: new Int32Array(0), close: new Float64Array(0), adjclose: new Float64Array(0) };
  for (const field of OPTIONAL_FIELDS) if (like?.[field]) empty[field] = new Float64Array(0);
  return empty;
}

/** The part of the columns inside a range of days (a copy, so a dropped remainder is freed). */
export function cutColumns(columns: PriceColumns, range: DayRange): PriceColumns {
  const last = columns.days.length - 1;
  const from = firstPositionOnOrAfter(columns.days, range.start, 0, last);
  const to = lastPositionOnOrBefore(columns.days, range.end, 0, last) + 1;
  if (from === 0 && to === columns.days.length) return columns;
  const cut: PriceColumns = {
    days: columns.days.slice(from, to),
    close: columns.close.slice(from, to),
    adjclose: columns.adjclose.slice(from, to),
  };
  for (const field of OPTIONAL_FIELDS) {
    const column = columns[field];
    if (column) cut[field] = column.slice(from, to);
  }
  return cut;
}

/** Columns of consecutive ranges joined oldest first (fields missing from any part are left out). */
export function joinColumns(parts: readonly PriceColumns[]): PriceColumns {
  const nonEmpty = parts.filter((p) => p.days.length > 0);
  if (nonEmpty.length === 1) return nonEmpty[0];
  const n = nonEmpty.reduce((sum, p) => sum + p.days.length, 0);
  const joined: PriceColumns = { days: new Int32Array(n), close: new Float64Array(n), adjclose: new Float64Array(n) };
  const optional = OPTIONAL_FIELDS.filter((f) => nonEmpty.length > 0 && nonEmpty.every((p) => p[f]));
  for (const field of optional) joined[field] = new Float64Array(n);
  let at = 0;
  for (const part of nonEmpty) {
    joined.days.set(part.days, at);
    joined.close.set(part.close, at);
    joined.adjclose.set(part.adjclose, at);
    for (const field of optional) joined[field]!.set(part[field]!, at);
    at += part.days.length;
  }
  return joined;
}

/** Bytes the columns' buffers take. */
export function columnBytes(columns: PriceColumns): number {
  let bytes = columns.days.byteLength + columns.close.byteLength + columns.adjclose.byteLength;
  for (const field of OPTIONAL_FIELDS) bytes += columns[field]?.byteLength ?? 0;
  return bytes;
}
