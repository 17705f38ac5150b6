/** Hand-made paired series for the event-study and co-movement tests, with known construction. */

import type { DailyBar } from "../../src/market";
import { bar } from "./bars";

/** Weekdays from `from`, skipping `holidays`, `count` of them. */
export function tradingDays(from: string, count: number, holidays: readonly string[] = []): string[] {
  const out: string[] = [];
  const skip = new Set(holidays);
  for (let t = Date.parse(`${from}T00:00:00Z`); out.length < count; t += 86_400_000) {
    const d = new Date(t);
    const iso = d.toISOString().slice(0, 10);
    if (d.getUTCDay() === 0 || d.getUTCDay() === 6 || skip.has(iso)) continue;
    out.push(iso);
  }
  return out;
}

/** A deterministic, uneven run of daily returns in roughly [-2%, +2%] (a linear congruential walk). */
export function wiggle(seed: number, count: number): number[] {
  let state = seed >>> 0;
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    out.push((state / 2 ** 32 - 0.5) * 0.04);
  }
  return out;
}

/** Bars starting at 100 on dates[0], then compounding returns[i - 1] onto dates[i]. */
export function barsFromReturns(dates: readonly string[], returns: readonly number[]): DailyBar[] {
  let value = 100;
  return dates.map((date, i) => {
    if (i > 0) value *= 1 + returns[i - 1];
    return bar(date, value);
  });
}
