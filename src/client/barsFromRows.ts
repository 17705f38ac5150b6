/** Converts the data service's compact row tuples into the bars the price arithmetic works on. */
import type { HistoryRow } from "../api/contract";
import type { DailyBar } from "../market/types";

export function barsFromRows(rows: readonly HistoryRow[]): DailyBar[] {
  const bars = rows.map(([date, open, high, low, close, adjclose, volume]) => ({
    date,
    open,
    high,
    low,
    close,
    // Some sources have no adjusted close; the contract says it then equals the close.
    adjclose: adjclose ?? close,
    volume,
  }));
  // The arithmetic relies on oldest-first order; do not trust every source to keep it.
  for (let i = 1; i < bars.length; i++) {
    if (bars[i - 1].date > bars[i].date) return bars.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  }
  return bars;
}
