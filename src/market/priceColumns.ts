/**
 * A daily series kept as columns: one Int32Array of trading days (days since 1970-01-01, strictly
 * increasing) and one Float64Array per price field, NaN where there is no value. Thirty years of
 * closes and adjusted closes are three contiguous buffers (20 bytes a day) instead of 7,800
 * objects, and a window is two binary searches over integers.
 *
 * A `SeriesWindow` is one call's view of such a series: positions `from..to` of columns that may
 * be shared by many calls (and by indexes memoised per column, see windowIndex.ts). Whatever else
 * the columns hold, a calculation only ever reads inside its own positions, so its answer is the
 * answer over its own days alone.
 */
import { dayNumberToIso, isoToDayNumber } from "./isoDate";
import type { DailyBar, ReturnKind } from "./types";

export interface PriceColumns {
  days: Int32Array;
  close: Float64Array;
  /** Equal to the close where the source has no adjusted close. */
  adjclose: Float64Array;
  /** Present only when the series was asked with every field (HISTORY). */
  open?: Float64Array;
  high?: Float64Array;
  low?: Float64Array;
  volume?: Float64Array;
}

export interface SeriesWindow {
  columns: PriceColumns;
  /** First and last position of the call's days (to < from: no bars). */
  from: number;
  to: number;
}

/** The column a calculation reads: adjusted closes for "total", closes for "price". */
export function valuesOf(columns: PriceColumns, kind: ReturnKind): Float64Array {
  return kind === "price" ? columns.close : columns.adjclose;
}

/** Position of the last day on or before `day` within `from..to`, or from - 1. */
export function lastPositionOnOrBefore(days: Int32Array, day: number, from: number, to: number): number {
  let lo = from;
  let hi = to;
  let found = from - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (days[mid] <= day) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}

/** Position of the first day on or after `day` within `from..to`, or to + 1. */
export function firstPositionOnOrAfter(days: Int32Array, day: number, from: number, to: number): number {
  return lastPositionOnOrBefore(days, day - 1, from, to) + 1;
}

/** The window over `columns` covering days `firstDay..lastDay`. */
export function windowOfDays(columns: PriceColumns, firstDay: number, lastDay: number): SeriesWindow {
  const last = columns.days.length - 1;
  return {
    columns,
    from: firstPositionOnOrAfter(columns.days, firstDay, 0, last),
    to: lastPositionOnOrBefore(columns.days, lastDay, 0, last),
  };
}

/** Number of bars in a window. */
export function windowLength(window: SeriesWindow): number {
  return Math.max(0, window.to - window.from + 1);
}

/** ISO text of a day number (the calendar memoises it: a sheet names the same days over and over). */
export function isoOfDay(day: number): string {
  return dayNumberToIso(day);
}

/** Day number of an ISO date (for searches in `days`). */
export function dayOfIso(date: string): number {
  return isoToDayNumber(date);
}

const orNull = (v: number | undefined): number | null => (v === undefined || v !== v ? null : v);

/**
 * The bars of positions `from..to`, as the bar arithmetic takes them. Missing values become
 * null, as the service's rows have them.
 */
export function barsOfWindow(window: SeriesWindow, from = window.from, to = window.to): DailyBar[] {
  const { columns } = window;
  const bars: DailyBar[] = [];
  for (let i = from; i <= to; i++) {
    bars.push({
      date: isoOfDay(columns.days[i]),
      open: orNull(columns.open?.[i]),
      high: orNull(columns.high?.[i]),
      low: orNull(columns.low?.[i]),
      close: orNull(columns.close[i]) as number,
      adjclose: orNull(columns.adjclose[i]) as number,
      volume: orNull(columns.volume?.[i]),
    });
  }
  return bars;
}

/**
 * Closes and adjusted closes as the add-in holds them after the columnar answer crossed the wire
 * (JSON): a value that is not a finite number is missing (NaN), -0 reads as 0, and a missing
 * adjusted close is the close. The stats route computes on columns made by this rule, so it reads
 * exactly the numbers the add-in would have read.
 */
export function closeColumns(days: Int32Array, close: Float64Array, adjclose: Float64Array | undefined): PriceColumns {
  const missing = Number.NaN;
  const n = days.length;
  const closes = new Float64Array(n);
  const adjusted = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const c = close[i];
    // c - c is 0 only for finite numbers; + 0 turns -0 into 0, as its JSON text reads back.
    closes[i] = c - c === 0 ? c + 0 : missing;
    const a = adjclose === undefined ? missing : adjclose[i];
    adjusted[i] = a - a === 0 ? a + 0 : closes[i];
  }
  return { days, close: closes, adjclose: adjusted };
}
