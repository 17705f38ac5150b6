/** Risk measures over a window: annualised volatility and maximum drawdown. */

import { DailyBar, MarketError, ReturnKind, WindowResult } from "./types";
import { assertReturnKind, windowOf, windowValues } from "./window";

/** Trading days per year used to annualise a daily standard deviation. */
export const TRADING_DAYS_PER_YEAR = 252;

/** Simple returns between consecutive values: v[i] / v[i-1] - 1. */
export function dailyReturns(values: readonly number[]): number[] {
  const out: number[] = [];
  for (let i = 1; i < values.length; i++) out.push(values[i] / values[i - 1] - 1);
  return out;
}

/** Sample standard deviation (divides by n - 1). Two passes: mean first, for accuracy. */
export function sampleStdev(xs: readonly number[]): number {
  if (xs.length < 2) throw new MarketError("no_data", "A standard deviation needs at least two values");
  let sum = 0;
  for (const x of xs) sum += x;
  const mean = sum / xs.length;
  let squares = 0;
  for (const x of xs) squares += (x - mean) * (x - mean);
  return Math.sqrt(squares / (xs.length - 1));
}

/** Annualised volatility of a run of values (oldest first); throws no_data under two returns. */
export function volatilityOfValues(values: readonly number[]): number {
  const returns = dailyReturns(values);
  if (returns.length < 2) {
    throw new MarketError(
      "no_data",
      `Volatility needs at least two daily returns (this window has ${returns.length})`,
    );
  }
  return sampleStdev(returns) * Math.sqrt(TRADING_DAYS_PER_YEAR);
}

/** Worst value / running maximum - 1 over a run of values: zero or negative. */
export function maxDrawdownOfValues(values: readonly number[]): number {
  let peak = -Infinity;
  let worst = 0;
  for (const v of values) {
    if (v > peak) peak = v;
    const drawdown = v / peak - 1;
    if (drawdown < worst) worst = drawdown;
  }
  return worst;
}

/** A statistic of the window's values (base close to end close), with the window's dates. */
function overWindow(
  statistic: (values: readonly number[]) => number,
  bars: readonly DailyBar[],
  start: string,
  end: string | undefined,
  kind: ReturnKind,
  label: string | undefined,
): WindowResult {
  assertReturnKind(kind);
  const win = windowOf(bars, start, end, label);
  return { value: statistic(windowValues(bars, win, kind, label)), baseDate: win.baseDate, endDate: win.endDate };
}

/** Sample stdev of daily simple returns from the base close to the end close, times sqrt(252). */
export function volatility(bars: readonly DailyBar[], start: string, end?: string, kind: ReturnKind = "total", label?: string): WindowResult {
  return overWindow(volatilityOfValues, bars, start, end, kind, label);
}

/** Minimum over base..end (inclusive) of value / running maximum - 1. */
export function maxDrawdown(bars: readonly DailyBar[], start: string, end?: string, kind: ReturnKind = "total", label?: string): WindowResult {
  return overWindow(maxDrawdownOfValues, bars, start, end, kind, label);
}
