/**
 * Statistics of a run of values (oldest first), with no window rule: the direct definitions that
 * the windowed functions and their indexed shortcuts (windowIndex.ts) must agree with.
 */
import { MarketError } from "./types";

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
    throw new MarketError("no_data", `Volatility needs at least two daily returns (this window has ${returns.length})`);
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
