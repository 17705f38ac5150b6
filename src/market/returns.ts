/** Period return and compound annual growth over a window (see windowOf for the window rule). */

import { daysBetween } from "./isoDate";
import { DailyBar, MarketError, ReturnKind, WindowResult } from "./types";
import { assertReturnKind, checkedValue, windowOf } from "./window";

/** CAGR is only meaningful over at least a year of calendar days. */
export const MIN_CAGR_DAYS = 365;
/** Average calendar days per year, so a four-year span counts its leap day. */
export const DAYS_PER_YEAR = 365.25;

/** End close / base close over the window, with the dates of both closes. */
function growthRatio(
  bars: readonly DailyBar[],
  start: string,
  end: string | undefined,
  kind: ReturnKind,
  label: string | undefined,
): WindowResult {
  assertReturnKind(kind);
  const win = windowOf(bars, start, end, label);
  const base = checkedValue(bars, win.baseIndex, kind, label);
  const last = checkedValue(bars, win.endIndex, kind, label);
  return { value: last / base, baseDate: win.baseDate, endDate: win.endDate };
}

/** Return = end close / base close - 1, on adjusted close ("total", default) or close ("price"). */
export function periodReturn(
  bars: readonly DailyBar[],
  start: string,
  end?: string,
  kind: ReturnKind = "total",
  label?: string,
): WindowResult {
  const growth = growthRatio(bars, start, end, kind, label);
  return { ...growth, value: growth.value - 1 };
}

/**
 * CAGR from the growth ratio (end / base) and the calendar days between the two closes.
 * Throws period_too_short under 365 days: annualising a few months' move misleads.
 */
export function annualise(growthRatio: number, days: number): number {
  if (days < MIN_CAGR_DAYS) {
    throw new MarketError(
      "period_too_short",
      `CAGR needs a period of at least a year (this one is ${days} day${days === 1 ? "" : "s"})`,
    );
  }
  return Math.pow(growthRatio, DAYS_PER_YEAR / days) - 1;
}

/** CAGR = (1 + return) ^ (365.25 / calendar days from base date to end date) - 1. */
export function cagr(
  bars: readonly DailyBar[],
  start: string,
  end?: string,
  kind: ReturnKind = "total",
  label?: string,
): WindowResult {
  const growth = growthRatio(bars, start, end, kind, label);
  return { ...growth, value: annualise(growth.value, daysBetween(growth.baseDate, growth.endDate)) };
}
