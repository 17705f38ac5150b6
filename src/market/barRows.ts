/**
 * Bars from the data service's row tuples, [date, open, high, low, close, adjclose, volume] (the
 * contract's HistoryRow, restated here because src/market depends on nothing but the calendar).
 */
import type { DailyBar } from "./types";

export type BarRow = readonly [
  date: string,
  open: number | null,
  high: number | null,
  low: number | null,
  close: number,
  adjclose: number,
  volume: number | null,
];

export function barsFromRows(rows: readonly BarRow[]): DailyBar[] {
  return rows.map(([date, open, high, low, close, adjclose, volume]) => ({ date, open, high, low, close, adjclose, volume }));
}
