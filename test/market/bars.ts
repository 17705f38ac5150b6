/** Small builders for hand-made daily series used by the market tests. */

import { barsFromRows, type BarRow, type DailyBar } from "../../src/market";

/** A bar whose close and adjusted close are the same value (no dividends in play). */
export function bar(date: string, close: number, adjclose: number = close): DailyBar {
  return { date, open: null, high: null, low: null, close, adjclose, volume: null };
}

/** Bars from [date, close] pairs, close = adjusted close. */
export function closes(pairs: Array<[string, number]>): DailyBar[] {
  return pairs.map(([d, c]) => bar(d, c));
}

/** Full bars from [date, open, high, low, close, adjclose, volume] tuples. */
export const ohlc = (rows: BarRow[]): DailyBar[] => barsFromRows(rows);

/** Runs `fn` and returns the MarketError code and message it throws (fails the test if none). */
export function thrown(fn: () => unknown): { code: string; message: string } {
  try {
    fn();
  } catch (err) {
    const e = err as { code?: string; message: string; name: string };
    return { code: e.code ?? e.name, message: e.message };
  }
  throw new Error("expected an error, but the call returned normally");
}
