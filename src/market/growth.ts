/**
 * Rebasing several series to 100 on the dates they all share, for comparison charts and tables.
 *
 * Base date: the last shared date on or before the start date, like the return rule. When the
 * series share no date that early (one of them starts later), the base is the first shared date on
 * or after the start, so a comparison with a younger fund still draws from its first common day
 * rather than failing. The end is the last shared date on or before the end date (default: the
 * latest shared date). Every series equals exactly 100 on the base date.
 */

import { assertIsoDate } from "./isoDate";
import { DailyBar, MarketError, ReturnKind } from "./types";
import { assertReturnKind, barValue } from "./window";

export interface GrowthSeries {
  /** Shared dates from the base date to the end date, oldest first. */
  dates: string[];
  /** For each symbol, 100 x value / base value on each of `dates`. */
  values: Record<string, number[]>;
}

/** The dates present in every series, oldest first. */
export function alignDates(seriesBySymbol: Record<string, readonly DailyBar[]>): string[] {
  const symbols = Object.keys(seriesBySymbol);
  if (symbols.length === 0) return [];
  const counts = new Map<string, number>();
  for (const symbol of symbols) {
    // A Set guards against a series that repeats a date counting twice.
    for (const date of new Set(seriesBySymbol[symbol].map((b) => b.date))) {
      counts.set(date, (counts.get(date) ?? 0) + 1);
    }
  }
  const shared: string[] = [];
  for (const [date, n] of counts) if (n === symbols.length) shared.push(date);
  return shared.sort();
}

export function growthOf100(
  seriesBySymbol: Record<string, readonly DailyBar[]>,
  start: string,
  end?: string,
  kind: ReturnKind = "total",
): GrowthSeries {
  assertIsoDate(start, "start");
  if (end !== undefined) assertIsoDate(end, "end");
  assertReturnKind(kind);
  if (end !== undefined && end < start) {
    throw new MarketError("bad_range", `The end date ${end} is before the start date ${start}`);
  }
  const symbols = Object.keys(seriesBySymbol);
  if (symbols.length === 0) throw new MarketError("bad_argument", "No symbols to compare");
  for (const symbol of symbols) {
    if (seriesBySymbol[symbol].length === 0) throw new MarketError("no_data", `No price data for ${symbol}`);
  }
  const shared = alignDates(seriesBySymbol);
  if (shared.length === 0) {
    throw new MarketError("no_data", `${symbols.join(", ")} have no trading dates in common`);
  }

  let baseAt = lastAtOrBefore(shared, start);
  if (baseAt < 0) baseAt = 0; // every shared date is after the start: begin at the first one
  const endAt = end === undefined ? shared.length - 1 : lastAtOrBefore(shared, end);
  if (endAt < baseAt) {
    throw new MarketError("no_data", `${symbols.join(", ")} share no trading date between ${start} and ${end ?? "the latest"}`);
  }
  const dates = shared.slice(baseAt, endAt + 1);

  const values: Record<string, number[]> = {};
  for (const symbol of symbols) {
    const byDate = new Map<string, number>();
    for (const bar of seriesBySymbol[symbol]) byDate.set(bar.date, barValue(bar, kind));
    const series = dates.map((d) => {
      const v = byDate.get(d) as number;
      if (!Number.isFinite(v) || v <= 0) {
        throw new MarketError("no_data", `${symbol} has no valid ${kind === "price" ? "close" : "adjusted close"} on ${d}`);
      }
      return v;
    });
    const base = series[0];
    values[symbol] = series.map((v) => (100 * v) / base);
  }
  return { dates, values };
}

function lastAtOrBefore(sortedDates: readonly string[], date: string): number {
  let lo = 0;
  let hi = sortedDates.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (sortedDates[mid] <= date) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}
