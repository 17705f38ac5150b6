/**
 * Locating a return window in a daily series: the base close is the last close on or before the
 * start date, the end close the last close on or before the end date (default: the latest bar).
 * Every windowed calculation goes through here so they all agree on the same two bars.
 */

import { assertIsoDate } from "./isoDate";
import { DailyBar, MarketError, ReturnKind } from "./types";

export interface Window {
  /** Index of the base bar (last bar on or before the start date). */
  baseIndex: number;
  /** Index of the end bar (last bar on or before the end date). */
  endIndex: number;
  baseDate: string;
  endDate: string;
}

/** The value a calculation uses: adjusted close for "total", close for "price". */
export function barValue(bar: DailyBar, kind: ReturnKind): number {
  return kind === "price" ? bar.close : bar.adjclose;
}

/** Throws bad_argument unless `kind` is "total" or "price". */
export function assertReturnKind(kind: unknown): ReturnKind {
  if (kind !== "total" && kind !== "price") {
    throw new MarketError("bad_argument", `type must be "total" or "price" (got ${JSON.stringify(kind)})`);
  }
  return kind;
}

/** Index of the last bar dated on or before `date`, or -1. Bars are oldest first. */
export function lastIndexOnOrBefore(bars: readonly DailyBar[], date: string): number {
  let lo = 0;
  let hi = bars.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (bars[mid].date <= date) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}

/** Index of the first bar dated on or after `date`, or -1. Bars are oldest first. */
export function firstIndexOnOrAfter(bars: readonly DailyBar[], date: string): number {
  const before = lastIndexOnOrBefore(bars, date);
  if (before >= 0 && bars[before].date === date) return before;
  return before + 1 < bars.length ? before + 1 : -1;
}

/** Throws no_data unless the bars are strictly increasing by date (the order every search assumes). */
export function assertBarsOrdered(bars: readonly DailyBar[], label?: string): void {
  for (let i = 1; i < bars.length; i++) {
    if (!(bars[i - 1].date < bars[i].date)) {
      throw new MarketError(
        "no_data",
        `${subject(label)} are not in date order (${bars[i - 1].date} is followed by ${bars[i].date})`,
      );
    }
  }
}

function subject(label?: string): string {
  return label ? `${label} prices` : "Prices";
}

/**
 * The base and end bars for a window. `label` (usually the symbol) only shapes messages:
 * "SOXX data starts 2022-12-01" rather than "Data starts 2022-12-01".
 */
export function windowOf(bars: readonly DailyBar[], start: string, end?: string, label?: string): Window {
  assertIsoDate(start, "start");
  if (end !== undefined) assertIsoDate(end, "end");
  if (end !== undefined && end < start) {
    throw new MarketError("bad_range", `The end date ${end} is before the start date ${start}`);
  }
  if (bars.length === 0) {
    throw new MarketError("no_data", label ? `No price data for ${label}` : "No price data");
  }
  const first = bars[0].date;
  if (start < first) {
    throw new MarketError(
      "before_first_date",
      `${label ? `${label} data` : "Data"} starts ${first}; the start date ${start} is earlier`,
    );
  }
  const baseIndex = lastIndexOnOrBefore(bars, start);
  const endIndex = end === undefined ? bars.length - 1 : lastIndexOnOrBefore(bars, end);
  if (baseIndex < 0 || endIndex < 0) {
    throw new MarketError("no_data", `No close on or before ${end ?? start}${label ? ` for ${label}` : ""}`);
  }
  return { baseIndex, endIndex, baseDate: bars[baseIndex].date, endDate: bars[endIndex].date };
}

/** The chosen value of one bar, or no_data if it is not a positive finite number. */
export function checkedValue(bars: readonly DailyBar[], index: number, kind: ReturnKind, label?: string): number {
  const v = barValue(bars[index], kind);
  if (typeof v !== "number" || !Number.isFinite(v) || v <= 0) {
    const field = kind === "price" ? "close" : "adjusted close";
    throw new MarketError("no_data", `${label ? `${label} has` : "There is"} no valid ${field} on ${bars[index].date}`);
  }
  return v;
}

/**
 * The chosen values from the base bar to the end bar inclusive. Throws no_data if any of them is
 * not a positive finite number, because a ratio against it would be meaningless.
 */
export function windowValues(bars: readonly DailyBar[], win: Window, kind: ReturnKind, label?: string): number[] {
  const values: number[] = [];
  for (let i = win.baseIndex; i <= win.endIndex; i++) values.push(checkedValue(bars, i, kind, label));
  return values;
}
