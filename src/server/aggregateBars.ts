/**
 * The service's weekly and monthly answers, through the one aggregation rule in src/market
 * (the same one HISTORY uses), so every provider and the add-in agree on them.
 */
import type { HistoryRow, Interval } from "../api/contract";
import { barsFromRows } from "../market/barRows";
import { aggregatePeriods } from "../market/periodBars";

/** Rows must be oldest first; daily rows are returned as they are. */
export function aggregateRows(rows: HistoryRow[], interval: Interval): HistoryRow[] {
  if (interval === "1d") return rows;
  return aggregatePeriods(barsFromRows(rows), interval === "1wk" ? "week" : "month").map((b) => [
    b.date,
    b.open,
    b.high,
    b.low,
    b.close,
    b.adjclose,
    b.volume,
  ]);
}
