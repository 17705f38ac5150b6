/**
 * Putting two or more daily series side by side. Statistics that pair one day's move in one
 * series with the same day's move in another (beta, correlation, the market model) use the dates
 * every series traded; a panel for display uses the dates any of them traded.
 */

import { alignDates } from "./growth";
import { firstOfMonth, mondayOfWeek } from "./isoDate";
import { DailyBar, MarketError, ReturnKind } from "./types";
import { barValue, lastIndexOnOrBefore } from "./window";

/** Values of several series on the dates they all share, oldest first. */
export interface AlignedValues {
  dates: string[];
  /** values[s][i]: series s on dates[i]. */
  values: number[][];
}

/** A positive finite value, or no_data naming the series and the day. */
function usable(bar: DailyBar, kind: ReturnKind, label: string): number {
  const v = barValue(bar, kind);
  if (typeof v !== "number" || !Number.isFinite(v) || v <= 0) {
    throw new MarketError("no_data", `${label} has no valid ${kind === "price" ? "close" : "adjusted close"} on ${bar.date}`);
  }
  return v;
}

/** The chosen value of each series on every date they all traded. Labels name the series in messages. */
export function alignCommon(
  series: readonly (readonly DailyBar[])[],
  labels: readonly string[],
  kind: ReturnKind = "total",
): AlignedValues {
  const record: Record<string, readonly DailyBar[]> = {};
  series.forEach((bars, s) => (record[String(s)] = bars));
  const dates = alignDates(record);
  const values = series.map((bars, s) => {
    const byDate = new Map(bars.map((b) => [b.date, b]));
    return dates.map((d) => usable(byDate.get(d)!, kind, labels[s] ?? `series ${s + 1}`));
  });
  return { dates, values };
}

/**
 * Simple returns between consecutive shared dates: returns[s][i-1] is series s from dates[i-1]
 * to dates[i], dated dates[i]. A day one series missed is folded into the next shared day's move.
 */
export function returnsOf(aligned: AlignedValues): { dates: string[]; returns: number[][] } {
  return {
    dates: aligned.dates.slice(1),
    returns: aligned.values.map((v) => v.slice(1).map((x, i) => x / v[i] - 1)),
  };
}

/**
 * The part of an aligned run from the base (last shared date on or before `start`) to the end
 * (last shared date on or before `end`, default the latest). Throws no_data when no shared date
 * is that early, or fewer than three shared closes remain (two returns are the least a
 * covariance needs).
 */
export function alignedWindow(
  aligned: AlignedValues,
  start: string,
  end: string | undefined,
  labels: readonly string[],
): AlignedValues {
  const who = labels.join(" and ");
  if (aligned.dates.length === 0) throw new MarketError("no_data", `${who} share no trading day`);
  const dates = aligned.dates.map((date) => ({ date }) as DailyBar);
  const base = lastIndexOnOrBefore(dates, start);
  if (base < 0) {
    throw new MarketError(
      "before_first_date",
      `The first day ${who} both traded is ${aligned.dates[0]}; the start date ${start} is earlier`,
    );
  }
  const last = end === undefined ? dates.length - 1 : lastIndexOnOrBefore(dates, end);
  if (last - base < 2) {
    throw new MarketError(
      "no_data",
      `${who} share only ${last - base + 1} close${last - base === 0 ? "" : "s"} from ${aligned.dates[base]} to ${end ?? aligned.dates[aligned.dates.length - 1]}; at least three are needed`,
    );
  }
  return { dates: aligned.dates.slice(base, last + 1), values: aligned.values.map((v) => v.slice(base, last + 1)) };
}

/** 0 daily, 1 weekly (weeks begin on Monday), 2 monthly: as HISTORY numbers its intervals. */
export type SampleInterval = 0 | 1 | 2;

/**
 * The closes a weekly or monthly statistic uses: the base close, then the last shared close of
 * each later week or month (the first return may cover a part period). Daily keeps every close.
 */
export function samplePeriods(aligned: AlignedValues, interval: SampleInterval): AlignedValues {
  if (interval === 0) return aligned;
  const period = interval === 1 ? mondayOfWeek : firstOfMonth;
  const keep: number[] = [];
  const n = aligned.dates.length;
  for (let i = 0; i < n; i++) {
    const lastOfPeriod = i === n - 1 || period(aligned.dates[i + 1]) !== period(aligned.dates[i]);
    if (i === 0 || lastOfPeriod) keep.push(i);
  }
  return { dates: keep.map((i) => aligned.dates[i]), values: aligned.values.map((v) => keep.map((i) => v[i])) };
}
