/**
 * Every window measure for one series at once (for comparison tables): return, CAGR, volatility and
 * max drawdown from one window look-up. A measure that has no answer for this window (CAGR under a
 * year, volatility with fewer than two returns) is null with the reason, so one short window does
 * not blank a whole table row.
 */

import { daysBetween } from "./isoDate";
import { annualise } from "./returns";
import { maxDrawdownOfValues, volatilityOfValues } from "./risk";
import { DailyBar, MarketError, ReturnKind } from "./types";
import { assertReturnKind, windowOf, windowValues } from "./window";

export interface SeriesStats {
  baseDate: string;
  endDate: string;
  /** Calendar days from baseDate to endDate. */
  days: number;
  return: number;
  cagr: number | null;
  /** Why cagr is null (e.g. "CAGR needs a period of at least a year (this one is 90 days)"). */
  cagrReason?: string;
  volatility: number | null;
  /** Why volatility is null. */
  volatilityReason?: string;
  maxDrawdown: number;
}

/** All measures for the window; errors that concern the whole window (bad dates, no data) still throw. */
export function seriesStats(
  bars: readonly DailyBar[],
  start: string,
  end?: string,
  kind: ReturnKind = "total",
  label?: string,
): SeriesStats {
  assertReturnKind(kind);
  const win = windowOf(bars, start, end, label);
  const values = windowValues(bars, win, kind, label);
  const growth = values[values.length - 1] / values[0];
  const days = daysBetween(win.baseDate, win.endDate);
  const stats: SeriesStats = {
    baseDate: win.baseDate,
    endDate: win.endDate,
    days,
    return: growth - 1,
    cagr: null,
    volatility: null,
    maxDrawdown: maxDrawdownOfValues(values),
  };
  try {
    stats.cagr = annualise(growth, days);
  } catch (err) {
    stats.cagrReason = reasonOf(err);
  }
  try {
    stats.volatility = volatilityOfValues(values);
  } catch (err) {
    stats.volatilityReason = reasonOf(err);
  }
  return stats;
}

function reasonOf(err: unknown): string {
  if (err instanceof MarketError) return err.message;
  throw err;
}
