/**
 * Weekly and monthly bars from daily ones: the one rule used by the data service's 1wk/1mo
 * answers and by HISTORY. Weeks begin on Monday and are dated by their first trading day;
 * months are dated by the 1st. Open is the period's first bar's open (missing when that bar has
 * none, as STOCKHISTORY shows it), High and Low the extremes of the known values, Close and Adj
 * Close the last bar's, Volume the sum of the known volumes (missing when none is known).
 */
import { firstOfMonth, mondayOfWeek } from "./isoDate";
import { DailyBar } from "./types";

export type Period = "day" | "week" | "month";

export interface PeriodBar extends DailyBar {
  /** The period's key: the day itself, the week's Monday or the month's 1st. */
  key: string;
}

export function periodKey(date: string, period: Period): string {
  if (period === "week") return mondayOfWeek(date);
  if (period === "month") return firstOfMonth(date);
  return date;
}

/** Combines two possibly missing values; a missing one does not erase a known one. */
function extreme(a: number | null, b: number | null, pick: (x: number, y: number) => number): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return pick(a, b);
}

/** `bars` oldest first; one bar per period, oldest first. */
export function aggregatePeriods(bars: readonly DailyBar[], period: Period): PeriodBar[] {
  const out: PeriodBar[] = [];
  for (const bar of bars) {
    const key = periodKey(bar.date, period);
    const current = out[out.length - 1];
    if (current && current.key === key) {
      current.high = extreme(current.high, bar.high, Math.max);
      current.low = extreme(current.low, bar.low, Math.min);
      current.close = bar.close;
      current.adjclose = bar.adjclose;
      current.volume = bar.volume === null ? current.volume : (current.volume ?? 0) + bar.volume;
    } else {
      out.push({ ...bar, key, date: period === "month" ? key : bar.date });
    }
  }
  return out;
}
