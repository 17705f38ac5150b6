/**
 * VOLATILITY and MAXDRAWDOWN over one call's window of a typed series (priceColumns.ts), with the
 * same window rule, numbers and messages as the bar functions (window.ts, risk.ts):
 *
 * both are the definitions (valueStats.ts) evaluated over the typed column in the same order, so
 * each is the same floating-point number as the bar function's, whatever else the columns hold.
 * A scan of a typed column costs a few microseconds per thousand days, less than building an
 * index per series would save at any sheet size measured, and an index of the drawdown (a block
 * tree, windowIndex.ts) would hold 2.7 times the series' own bytes per return type.
 *
 * What is memoised per column is where its unusable values are (values that are not positive
 * finite numbers, usually none), so a window is checked by a binary search instead of a pass.
 * Anything unusual inside a window (such a value, too few returns) goes to the bar functions on
 * that window's bars, which word the error.
 */
import { assertIsoDate } from "./isoDate";
import {
  barsOfWindow,
  dayOfIso,
  isoOfDay,
  lastPositionOnOrBefore,
  valuesOf,
  windowLength,
  type SeriesWindow,
} from "./priceColumns";
import { MarketError, type ReturnKind, type WindowResult } from "./types";
import { TRADING_DAYS_PER_YEAR, maxDrawdownOfValues, volatilityOfValues } from "./valueStats";
import { assertReturnKind, windowOf, windowValues } from "./window";

interface Positions {
  base: number;
  end: number;
  baseDate: string;
  endDate: string;
}

/** The base and end positions of a window, by the rule and with the messages of window.ts's windowOf. */
function positionsOf(window: SeriesWindow, start: string, end: string | undefined, label: string | undefined): Positions {
  assertIsoDate(start, "start");
  if (end !== undefined) assertIsoDate(end, "end");
  if (end !== undefined && end < start) {
    throw new MarketError("bad_range", `The end date ${end} is before the start date ${start}`);
  }
  if (windowLength(window) === 0) {
    throw new MarketError("no_data", label ? `No price data for ${label}` : "No price data");
  }
  const { days } = window.columns;
  const first = isoOfDay(days[window.from]);
  if (start < first) {
    throw new MarketError(
      "before_first_date",
      `${label ? `${label} data` : "Data"} starts ${first}; the start date ${start} is earlier`,
    );
  }
  const base = lastPositionOnOrBefore(days, dayOfIso(start), window.from, window.to);
  const last = end === undefined ? window.to : lastPositionOnOrBefore(days, dayOfIso(end), window.from, window.to);
  if (base < window.from || last < window.from) {
    throw new MarketError("no_data", `No close on or before ${end ?? start}${label ? ` for ${label}` : ""}`);
  }
  return { base, end: last, baseDate: isoOfDay(days[base]), endDate: isoOfDay(days[last]) };
}

/** Positions of a column's values that are not positive finite numbers, found once per column. */
const unusableByColumn = new WeakMap<Float64Array, Int32Array>();

function unusablePositions(values: Float64Array): Int32Array {
  let found = unusableByColumn.get(values);
  if (!found) {
    const positions: number[] = [];
    // v - v is 0 only for finite numbers (NaN and infinities give NaN); written without globals,
    // which cost a lookup per element in some script hosts.
    for (let i = 0; i < values.length; i++) if (!(values[i] > 0 && values[i] - values[i] === 0)) positions.push(i);
    found = Int32Array.from(positions);
    unusableByColumn.set(values, found);
  }
  return found;
}

/** True when every value in positions from..to is a positive finite number. */
function allUsable(values: Float64Array, from: number, to: number): boolean {
  const bad = unusablePositions(values);
  if (bad.length === 0) return true;
  let lo = 0;
  let hi = bad.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (bad[mid] < from) lo = mid + 1;
    else hi = mid;
  }
  return lo === bad.length || bad[lo] > to;
}

/** The window's values through the bar path: throws the worded error for the first unusable value. */
function checkedValues(window: SeriesWindow, at: Positions, kind: ReturnKind, label: string | undefined): number[] {
  const bars = barsOfWindow(window, at.base, at.end);
  return windowValues(bars, windowOf(bars, bars[0].date, bars[bars.length - 1].date, label), kind, label);
}

/** Annualised volatility of daily returns from the base close to the end close (risk.ts's volatility). */
export function seriesVolatility(
  window: SeriesWindow,
  start: string,
  end?: string,
  kind: ReturnKind = "total",
  label?: string,
): WindowResult {
  assertReturnKind(kind);
  const at = positionsOf(window, start, end, label);
  const values = valuesOf(window.columns, kind);
  const n = at.end - at.base;
  if (n < 2 || !allUsable(values, at.base, at.end)) {
    return { value: volatilityOfValues(checkedValues(window, at, kind, label)), baseDate: at.baseDate, endDate: at.endDate };
  }
  // dailyReturns then sampleStdev, fused: the same operations in the same order.
  let sum = 0;
  for (let i = at.base + 1; i <= at.end; i++) sum += values[i] / values[i - 1] - 1;
  const mean = sum / n;
  let squares = 0;
  for (let i = at.base + 1; i <= at.end; i++) {
    const x = values[i] / values[i - 1] - 1;
    squares += (x - mean) * (x - mean);
  }
  const value = Math.sqrt(squares / (n - 1)) * Math.sqrt(TRADING_DAYS_PER_YEAR);
  return { value, baseDate: at.baseDate, endDate: at.endDate };
}

/** Worst fall from a running peak between the base and end closes (risk.ts's maxDrawdown). */
export function seriesMaxDrawdown(
  window: SeriesWindow,
  start: string,
  end?: string,
  kind: ReturnKind = "total",
  label?: string,
): WindowResult {
  assertReturnKind(kind);
  const at = positionsOf(window, start, end, label);
  const values = valuesOf(window.columns, kind);
  const value = allUsable(values, at.base, at.end)
    ? scanDrawdown(values, at.base, at.end)
    : maxDrawdownOfValues(checkedValues(window, at, kind, label));
  return { value, baseDate: at.baseDate, endDate: at.endDate };
}

/** maxDrawdownOfValues over positions from..to of a column, in the same order. */
function scanDrawdown(values: Float64Array, from: number, to: number): number {
  let peak = -Infinity;
  let worst = 0;
  for (let i = from; i <= to; i++) {
    const v = values[i];
    if (v > peak) peak = v;
    const drawdown = v / peak - 1;
    if (drawdown < worst) worst = drawdown;
  }
  return worst;
}
