/**
 * Hand-made daily closes with answers worked out by hand:
 *  AAA (USD): 100 on 2022-12-30 -> 150 on 2023-02-03: return +50 %, worst fall 110 -> 99 = -10 %.
 *  BBB (USD):  50 -> 60: +20 %; it did not trade on 2023-01-05, so that day is not a common date.
 *  CCC.HK (HKD): 10 -> 8: -20 %.
 * Common dates: 2022-12-30, 2023-01-03, 01-04, 01-09, 02-01, 02-03.
 */
import type { DailyBar } from "../../src/market/types";
import type { ComparisonClient, FundLike, HistoryLike } from "../../src/taskpane/data/comparisonData";

function bars(points: [string, number][]): DailyBar[] {
  return points.map(([date, close]) => ({ date, open: close, high: close, low: close, close, adjclose: close, volume: 1000 }));
}

export const SERIES: Record<string, { currency: string; bars: DailyBar[] }> = {
  AAA: {
    currency: "USD",
    bars: bars([
      ["2022-12-30", 100],
      ["2023-01-03", 110],
      ["2023-01-04", 99],
      ["2023-01-05", 121],
      ["2023-01-09", 120],
      ["2023-02-01", 125],
      ["2023-02-03", 150],
      ["2023-02-06", 165],
    ]),
  },
  BBB: {
    currency: "USD",
    bars: bars([
      ["2022-12-30", 50],
      ["2023-01-03", 55],
      ["2023-01-04", 60],
      ["2023-01-09", 45],
      ["2023-02-01", 50],
      ["2023-02-03", 60],
      ["2023-02-06", 66],
    ]),
  },
  "CCC.HK": {
    currency: "HKD",
    bars: bars([
      ["2022-12-30", 10],
      ["2023-01-03", 10],
      ["2023-01-04", 10],
      ["2023-01-05", 10],
      ["2023-01-09", 10],
      ["2023-02-01", 10],
      ["2023-02-03", 8],
      ["2023-02-06", 8],
    ]),
  },
};

export const FUNDS: Record<string, FundLike> = {
  AAA: { name: "Alpha Semiconductor Fund", expenseRatio: 0.0035 },
  "CCC.HK": { name: "Gamma Tech Index ETF", expenseRatio: 0.0099 },
};

/** A client over the fixture; `calls` records every request. */
export function fixtureClient(opts: { asOf?: string; stale?: string[]; failing?: Record<string, string> } = {}) {
  const calls: string[] = [];
  const client: ComparisonClient = {
    async history(symbol, start, end): Promise<HistoryLike> {
      calls.push(`history ${symbol} ${start} ${end}`);
      const failure = opts.failing?.[symbol];
      if (failure) throw new Error(failure);
      const s = SERIES[symbol];
      if (!s) throw new Error(`Unknown symbol ${symbol}: the market data source does not know it`);
      return {
        bars: s.bars.filter((b) => end === undefined || b.date <= end),
        currency: s.currency,
        source: "csv",
        asOf: symbol === "BBB" ? "2023-02-03T21:30:00Z" : (opts.asOf ?? "2023-02-03T21:00:00Z"),
        stale: opts.stale?.includes(symbol) ?? false,
      };
    },
    async fund(symbol) {
      calls.push(`fund ${symbol}`);
      const f = FUNDS[symbol];
      if (!f) throw new Error(`No fund data for ${symbol}`);
      return f;
    },
  };
  return { client, calls };
}
