/**
 * Market-model event study of one symbol against a benchmark (the design's definitions):
 *
 * - Day 0 is the symbol's first trading day on or after the event date. Days are counted in the
 *   dates the symbol and the benchmark both traded, and day k's return runs from the shared close
 *   before it to day k's close (daily simple returns of adjusted close).
 * - The estimation window is the `estimationDays` shared days ending `gap` days before day
 *   `windowStart`, i.e. days windowStart - gap - estimationDays + 1 .. windowStart - gap; when the
 *   data starts later, the days there are (at least 60).
 * - OLS market model on the estimation window: r = alpha + beta x r_bench + e,
 *   residual sd = sqrt(sum e^2 / (n - 2)). AR(k) = r(k) - (alpha + beta x r_bench(k)),
 *   CAR = sum of AR over windowStart..windowEnd, t = CAR / (residual sd x sqrt(days in window)).
 */

import { alignCommon, returnsOf } from "./alignment";
import { marketModel } from "./regression";
import { DailyBar, MarketError } from "./types";
import { firstIndexOnOrAfter } from "./window";
import { addDays, assertIsoDate } from "./isoDate";

/** Fewer estimation days than this give no answer: the model's beta would be noise. */
export const MIN_ESTIMATION_DAYS = 60;

export interface EventWindow {
  eventDate: string;
  windowStart: number;
  windowEnd: number;
  estimationDays: number;
  gap: number;
}

export const EVENT_DEFAULTS = { windowStart: -1, windowEnd: 1, estimationDays: 250, gap: 10 } as const;

export interface EventStudyResult {
  alpha: number;
  beta: number;
  residualSd: number;
  /** Abnormal return on day 0 (null when there is no close before day 0). */
  ar0: number | null;
  car: number;
  t: number;
  /** Compound return of the symbol from the close before windowStart to the close of windowEnd. */
  rawReturn: number;
  benchmarkReturn: number;
  estimationDays: number;
  day0: string;
  /** The shared dates of windowStart and windowEnd. */
  windowFirst: string;
  windowLast: string;
  estimationFirst: string;
  estimationLast: string;
  /** AR of each window day, windowStart first. */
  abnormal: number[];
}

/** Throws bad_argument unless the window and estimation parameters make sense together. */
export function assertEventWindow(w: EventWindow): void {
  assertIsoDate(w.eventDate, "eventDate");
  const whole = (v: number) => Number.isInteger(v);
  if (!whole(w.windowStart) || !whole(w.windowEnd) || w.windowEnd < w.windowStart) {
    throw new MarketError(
      "bad_argument",
      `The event window must be whole days with windowStart <= windowEnd (got ${w.windowStart} to ${w.windowEnd})`,
    );
  }
  if (!whole(w.estimationDays) || w.estimationDays < MIN_ESTIMATION_DAYS) {
    throw new MarketError(
      "bad_argument",
      `estimationDays must be a whole number of at least ${MIN_ESTIMATION_DAYS} (got ${w.estimationDays})`,
    );
  }
  if (!whole(w.gap) || w.gap < 1) {
    throw new MarketError(
      "bad_argument",
      `gap must be a whole number of at least 1, so the estimation window ends before day windowStart (got ${w.gap})`,
    );
  }
}

/** A day of the event window as the labels write it: "+1", "0", "-1". */
export function signedDay(k: number): string {
  return k > 0 ? `+${k}` : String(k);
}

/**
 * An event window as every label names it: "(-1,+1)". The plain hyphen-minus is the one an
 * analyst can type, so a table column "CAR(-1,+1)" can be referred to by what is on screen.
 */
export function eventWindowLabel(windowStart: number, windowEnd: number): string {
  return `(${signedDay(windowStart)},${signedDay(windowEnd)})`;
}

/**
 * The columns of an event-study table, as EVENTSTUDY returns them and the DeepSeek shock sheet
 * writes them: who, the market model, the window's returns (named with its label and the
 * benchmark), and IOT Analytics' verdict beside whether the CAR agrees with it.
 */
export function eventStudyColumns(windowStart: number, windowEnd: number, benchmark: string): string[] {
  const window = eventWindowLabel(windowStart, windowEnd);
  return [
    "Symbol",
    "Company",
    "Layer",
    "Segment",
    "Alpha",
    "Beta",
    "Residual sd",
    "AR(0)",
    `CAR${window}`,
    "t",
    `Raw return${window}`,
    `${benchmark} return${window}`,
    "Estimation days",
    "IOT Analytics verdict",
    "Agrees",
  ];
}

export function eventStudy(
  bars: readonly DailyBar[],
  benchmarkBars: readonly DailyBar[],
  w: EventWindow,
  symbol = "the symbol",
  benchmark = "the benchmark",
): EventStudyResult {
  assertEventWindow(w);
  const pair = `${symbol} and ${benchmark}`;
  const own = firstIndexOnOrAfter(bars, w.eventDate);
  if (own < 0) {
    const last = bars.length > 0 ? ` (its data ends ${bars[bars.length - 1].date})` : "";
    throw new MarketError("no_data", `${symbol} has no trading day on or after the event date ${w.eventDate}${last}`);
  }
  const day0 = bars[own].date;
  const aligned = alignCommon([bars, benchmarkBars], [symbol, benchmark]);
  const i0 = aligned.dates.indexOf(day0);
  if (i0 < 0) {
    throw new MarketError("no_data", `Missing window day: ${benchmark} has no close on ${day0}, day 0 of ${symbol}`);
  }
  const last = aligned.dates.length - 1;
  if (i0 + w.windowEnd > last) {
    throw new MarketError(
      "no_data",
      `Missing window day: the window needs day ${signedDay(w.windowEnd)} but the days ${pair} both traded end at day ${signedDay(last - i0)} (${aligned.dates[last]})`,
    );
  }
  if (i0 + w.windowStart - 1 < 0) {
    throw new MarketError(
      "no_data",
      `Missing window day: the window needs the close before day ${signedDay(w.windowStart)} but the days ${pair} both traded start at day ${signedDay(-i0)} (${aligned.dates[0]})`,
    );
  }
  // Index j of the return arrays is the move onto aligned.dates[j + 1], i.e. day (j + 1 - i0).
  const { returns } = returnsOf(aligned);
  const [r, rb] = returns;
  const at = (day: number) => i0 + day - 1;
  const estLastDay = w.windowStart - w.gap;
  const estHi = at(estLastDay);
  const estLo = Math.max(at(estLastDay - w.estimationDays + 1), 0);
  const n = estHi - estLo + 1;
  if (n < MIN_ESTIMATION_DAYS) {
    const ends =
      estHi >= 0
        ? `${aligned.dates[estHi + 1]}, day ${signedDay(estLastDay)}`
        : `day ${signedDay(estLastDay)}, before the data starts`;
    throw new MarketError(
      "no_data",
      `Too few estimation days: ${pair} share ${Math.max(n, 0)} daily returns in the estimation window ending ${ends} (at least ${MIN_ESTIMATION_DAYS} are needed; the shared data starts ${aligned.dates[0]})`,
    );
  }
  const model = marketModel(r.slice(estLo, estHi + 1), rb.slice(estLo, estHi + 1));
  const abnormalOn = (j: number) => r[j] - (model.alpha + model.beta * rb[j]);
  const abnormal: number[] = [];
  for (let day = w.windowStart; day <= w.windowEnd; day++) abnormal.push(abnormalOn(at(day)));
  let car = 0;
  for (const a of abnormal) car += a;
  const length = w.windowEnd - w.windowStart + 1;
  const [v, vb] = aligned.values;
  const before = i0 + w.windowStart - 1;
  const end = i0 + w.windowEnd;
  return {
    alpha: model.alpha,
    beta: model.beta,
    residualSd: model.residualSd,
    ar0: i0 >= 1 ? abnormalOn(at(0)) : null,
    car,
    t: car / (model.residualSd * Math.sqrt(length)),
    rawReturn: v[end] / v[before] - 1,
    benchmarkReturn: vb[end] / vb[before] - 1,
    estimationDays: n,
    day0,
    windowFirst: aligned.dates[i0 + w.windowStart],
    windowLast: aligned.dates[end],
    estimationFirst: aligned.dates[estLo + 1],
    estimationLast: aligned.dates[estHi + 1],
    abnormal,
  };
}

/**
 * The calendar dates a study's histories are read over: enough trading days before the event for
 * the estimation window and the gap (1.6 calendar days per trading day leaves room for holidays
 * and for two markets' calendars), and after it for the window. A study reads exactly these dates
 * whatever else a client holds, so its answer does not depend on other cells.
 */
export function eventStudyDates(w: EventWindow): { start: string; end: string } {
  const before = w.estimationDays + w.gap + Math.max(0, -w.windowStart) + 2;
  const after = Math.max(0, w.windowEnd) + 1;
  return { start: addDays(w.eventDate, -Math.ceil(before * 1.6) - 20), end: addDays(w.eventDate, Math.ceil(after * 1.6) + 20) };
}

/** Equal-weighted summary of a cross-section of CARs: mean, share below zero, t = mean / (sd / sqrt(n)). */
export interface CrossSection {
  n: number;
  mean: number;
  shareNegative: number;
  /** Null with fewer than two values or no dispersion. */
  t: number | null;
}

export function crossSection(values: readonly number[]): CrossSection | null {
  if (values.length === 0) return null;
  const n = values.length;
  let sum = 0;
  for (const v of values) sum += v;
  const mean = sum / n;
  let squares = 0;
  for (const v of values) squares += (v - mean) * (v - mean);
  const sd = n > 1 ? Math.sqrt(squares / (n - 1)) : 0;
  return { n, mean, shareNegative: values.filter((v) => v < 0).length / n, t: sd > 0 ? mean / (sd / Math.sqrt(n)) : null };
}
