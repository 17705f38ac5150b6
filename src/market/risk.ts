/** Risk measures over a window: annualised volatility and maximum drawdown. */

import type { DailyBar, ReturnKind, WindowResult } from "./types";
import { volatilityOfValues } from "./valueStats";
import { assertReturnKind, windowOf, windowValues } from "./window";
import { windowMaxDrawdown } from "./windowIndex";

export { TRADING_DAYS_PER_YEAR, dailyReturns, sampleStdev, volatilityOfValues, maxDrawdownOfValues } from "./valueStats";

/**
 * Sample stdev of daily simple returns from the base close to the end close, times sqrt(252), by
 * the definition's two passes over the window: the operations, in their order, that a VOLATILITY
 * cell's scan of typed columns runs, so COMPARE and the pane's comparison show the cell's very
 * number. (Prefix sums would answer a window in O(1) but could differ in the last digit.)
 */
export function volatility(
  bars: readonly DailyBar[],
  start: string,
  end?: string,
  kind: ReturnKind = "total",
  label?: string,
): WindowResult {
  assertReturnKind(kind);
  const win = windowOf(bars, start, end, label);
  return { value: volatilityOfValues(windowValues(bars, win, kind, label)), baseDate: win.baseDate, endDate: win.endDate };
}

/** Minimum over base..end (inclusive) of value / running maximum - 1, from a per-series block tree. */
export function maxDrawdown(
  bars: readonly DailyBar[],
  start: string,
  end?: string,
  kind: ReturnKind = "total",
  label?: string,
): WindowResult {
  return windowMaxDrawdown(bars, start, end, kind, label);
}
