/**
 * Two-variable statistics on paired returns: sample covariance, beta, Pearson correlation and the
 * market model fitted by ordinary least squares. Means are taken first and deviations summed
 * after, which keeps the rounding error of daily returns (tiny numbers around a tiny mean) small.
 */

import { MarketError } from "./types";

function mean(xs: readonly number[]): number {
  let sum = 0;
  for (const x of xs) sum += x;
  return sum / xs.length;
}

function assertPaired(x: readonly number[], y: readonly number[], least: number, what: string): void {
  if (x.length !== y.length) throw new Error(`${what}: ${x.length} values paired with ${y.length}`);
  if (x.length < least) {
    throw new MarketError(
      "no_data",
      `${what} needs at least ${least} paired returns (there ${x.length === 1 ? "is" : "are"} ${x.length})`,
    );
  }
}

/** Sums of squared and cross deviations from the means. */
function deviations(
  x: readonly number[],
  y: readonly number[],
): { sxx: number; syy: number; sxy: number; mx: number; my: number } {
  const mx = mean(x);
  const my = mean(y);
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let i = 0; i < x.length; i++) {
    const dx = x[i] - mx;
    const dy = y[i] - my;
    sxx += dx * dx;
    syy += dy * dy;
    sxy += dx * dy;
  }
  return { sxx, syy, sxy, mx, my };
}

/** Sample covariance (divides by n - 1). */
export function sampleCovariance(x: readonly number[], y: readonly number[]): number {
  assertPaired(x, y, 2, "A covariance");
  return deviations(x, y).sxy / (x.length - 1);
}

/** cov(r, r_bench) / var(r_bench), both sample (n - 1), so the n - 1 cancels. */
export function betaOf(returns: readonly number[], benchmark: readonly number[]): number {
  assertPaired(returns, benchmark, 2, "A beta");
  const d = deviations(benchmark, returns);
  if (d.sxx === 0) throw new MarketError("no_data", "The benchmark did not move over these dates, so beta is undefined");
  return d.sxy / d.sxx;
}

/** Pearson correlation coefficient. */
export function pearson(x: readonly number[], y: readonly number[]): number {
  assertPaired(x, y, 2, "A correlation");
  const d = deviations(x, y);
  if (d.sxx === 0 || d.syy === 0)
    throw new MarketError("no_data", "A series did not move over these dates, so the correlation is undefined");
  return d.sxy / Math.sqrt(d.sxx * d.syy);
}

/** r = alpha + beta x r_bench + e, fitted by OLS; residualSd = sqrt(sum e^2 / (n - 2)). */
export interface MarketModel {
  alpha: number;
  beta: number;
  residualSd: number;
  n: number;
}

export function marketModel(returns: readonly number[], benchmark: readonly number[]): MarketModel {
  assertPaired(returns, benchmark, 3, "The market model");
  const d = deviations(benchmark, returns);
  if (d.sxx === 0)
    throw new MarketError("no_data", "The benchmark did not move over the estimation window, so the market model is undefined");
  const beta = d.sxy / d.sxx;
  const alpha = d.my - beta * d.mx;
  let sse = 0;
  for (let i = 0; i < returns.length; i++) {
    const e = returns[i] - (alpha + beta * benchmark[i]);
    sse += e * e;
  }
  return { alpha, beta, residualSd: Math.sqrt(sse / (returns.length - 2)), n: returns.length };
}
