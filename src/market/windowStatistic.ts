/**
 * The two statistics a cell asks of a window of closes (VOLATILITY, MAXDRAWDOWN), by name, and
 * the wording used when a window misses the symbol's data. The add-in computing from a series it
 * holds and the service answering the stats route both go through here, so a cell shows the same
 * number (the same bits) and the same message whichever of them answered.
 */
import { seriesMaxDrawdown, seriesVolatility } from "./columnStats";
import type { SeriesWindow } from "./priceColumns";
import { MarketError, type ReturnKind, type WindowResult } from "./types";

export type WindowStatisticName = "volatility" | "maxdrawdown";

export type ColumnStat = (window: SeriesWindow, start: string, end?: string, kind?: ReturnKind, label?: string) => WindowResult;

export const WINDOW_STATISTIC: Record<WindowStatisticName, ColumnStat> = {
  volatility: seriesVolatility,
  maxdrawdown: seriesMaxDrawdown,
};

/** True for an error of the arithmetic that means the window missed the data (it starts later, or has no close). */
export function missedTheData(err: unknown): boolean {
  return err instanceof MarketError && (err.code === "before_first_date" || err.code === "no_data");
}

/**
 * The message for a window that missed `ticker`'s data (`message` is what was first said),
 * given the first and last dates of all its data: "SOXX data runs from 2022-12-01 to 2025-03-31;
 * the start date 2021-01-01 is earlier".
 */
export function outsideDataMessage(
  message: string,
  ticker: string,
  start: string,
  span: { first: string; last: string },
): string {
  const runs = `${ticker} data runs from ${span.first} to ${span.last}`;
  if (start < span.first) return `${runs}; the start date ${start} is earlier`;
  if (start > span.last) return `${runs}; the start date ${start} is later`;
  return `${message}; ${runs}`;
}
