/** Risk measures over a window: annualised volatility and maximum drawdown. */

import type { DailyBar, ReturnKind, WindowResult } from "./types";
import { windowMaxDrawdown, windowVolatility } from "./windowIndex";

export { TRADING_DAYS_PER_YEAR, dailyReturns, sampleStdev, volatilityOfValues, maxDrawdownOfValues } from "./valueStats";

/**
 * Sample stdev of daily simple returns from the base close to the end close, times sqrt(252).
 * Answered from prefix sums kept per series, so a sheet of windows over one symbol costs one pass.
 */
export function volatility(
  bars: readonly DailyBar[],
  start: string,
  end?: string,
  kind: ReturnKind = "total",
  label?: string,
): WindowResult {
  return windowVolatility(bars, start, end, kind, label);
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
