/**
 * A panel: one date column and one column per series on the union of their trading dates, for
 * laying several markets side by side. A day a market was closed shows its previous value
 * ("previous", the last one on or before that day, even from before the start) or nothing ("blank").
 */

import { toExcelSerial } from "./excelDates";
import { assertIsoDate } from "./isoDate";
import { DailyBar, MarketError } from "./types";
import { lastIndexOnOrBefore } from "./window";

export const PANEL_FIELDS = ["adjclose", "close", "open", "high", "low", "volume"] as const;
export type PanelField = (typeof PANEL_FIELDS)[number];
export type PanelFill = "previous" | "blank";

export interface PanelSeries {
  label: string;
  bars: readonly DailyBar[];
}

/** Header "Date", labels...; then one row per date any series traded in [start, end]; dates as Excel serials. */
export function panelTable(
  series: readonly PanelSeries[],
  start: string,
  end: string,
  field: PanelField = "adjclose",
  fill: PanelFill = "previous",
): (string | number | null)[][] {
  assertIsoDate(start, "start");
  assertIsoDate(end, "end");
  if (end < start) throw new MarketError("bad_range", `The end date ${end} is before the start date ${start}`);
  const union = new Set<string>();
  for (const s of series) for (const bar of s.bars) if (bar.date >= start && bar.date <= end) union.add(bar.date);
  const dates = [...union].sort();
  if (dates.length === 0)
    throw new MarketError("no_data", `No trading day between ${start} and ${end} for ${series.map((s) => s.label).join(", ")}`);
  const columns = series.map((s) =>
    dates.map((date) => {
      const i = lastIndexOnOrBefore(s.bars, date);
      if (i < 0) return null;
      const bar = s.bars[i];
      if (bar.date !== date && fill === "blank") return null;
      const value = bar[field];
      return typeof value === "number" && Number.isFinite(value) ? value : null;
    }),
  );
  return [["Date", ...series.map((s) => s.label)], ...dates.map((date, r) => [toExcelSerial(date), ...columns.map((c) => c[r])])];
}
