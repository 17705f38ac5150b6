/**
 * Thins a daily growth-of-100 series to weekly or monthly rows. The first row (the base, 100) is
 * always kept; after it, each week (weeks begin on Monday) or month is represented by its last
 * common trading date, so every row is a real close rather than an average.
 */
import { mondayOfWeek } from "../../calendar/isoDate";
import { ComparisonInterval } from "../sheets/comparisonTypes";

function periodKey(iso: string, interval: ComparisonInterval): string {
  if (interval === "monthly") return iso.slice(0, 7);
  if (interval === "weekly") return mondayOfWeek(iso);
  return iso;
}

export function resampleGrowth(
  growth: { dates: string[]; values: Record<string, number[]> },
  interval: ComparisonInterval,
): { dates: string[]; values: Record<string, number[]> } {
  if (interval === "daily" || growth.dates.length === 0) return growth;
  const keep: number[] = [0];
  for (let i = 1; i < growth.dates.length; i++) {
    const last = i === growth.dates.length - 1;
    if (last || periodKey(growth.dates[i], interval) !== periodKey(growth.dates[i + 1], interval)) keep.push(i);
  }
  const values: Record<string, number[]> = {};
  for (const [symbol, series] of Object.entries(growth.values)) values[symbol] = keep.map((i) => series[i]);
  return { dates: keep.map((i) => growth.dates[i]), values };
}
