/**
 * Weekly and monthly bars from daily ones, by the definitions in the design (weeks begin on
 * Monday and are dated by their first trading day; months are dated by the 1st). Doing this in
 * one place means every provider gives the same weekly and monthly answers.
 */
import type { HistoryRow, Interval } from "../api/contract";
import { addDays, isoDateToUtcMs } from "../api/validation";

function periodKey(date: string, interval: Interval): string {
  if (interval === "1mo") return date.slice(0, 7);
  const weekday = new Date(isoDateToUtcMs(date)).getUTCDay(); // 0 = Sunday
  return addDays(date, -((weekday + 6) % 7));
}

/** Rows must be oldest first; daily rows are returned as they are. */
export function aggregateRows(rows: HistoryRow[], interval: Interval): HistoryRow[] {
  if (interval === "1d") return rows;
  const out: HistoryRow[] = [];
  let key = "";
  let current: HistoryRow | null = null;
  for (const row of rows) {
    const rowKey = periodKey(row[0], interval);
    if (!current || rowKey !== key) {
      key = rowKey;
      const date = interval === "1mo" ? `${rowKey}-01` : row[0];
      current = [date, row[1], row[2], row[3], row[4], row[5], row[6]];
      out.push(current);
      continue;
    }
    if (current[1] === null) current[1] = row[1];
    if (row[2] !== null) current[2] = current[2] === null ? row[2] : Math.max(current[2], row[2]);
    if (row[3] !== null) current[3] = current[3] === null ? row[3] : Math.min(current[3], row[3]);
    current[4] = row[4];
    current[5] = row[5];
    if (row[6] !== null) current[6] = (current[6] ?? 0) + row[6];
  }
  return out;
}
