/**
 * The ETF comparison as a block: a parameter block (read back by Refresh) with the charts beside
 * it, so they are seen on the first screen; under it the summary table, and the growth-of-100
 * table to the summary's right on the same header row. Both tables' header rows stay put when
 * funds are added or left out, so Refresh can resize them in place.
 */
import { toExcelSerial } from "../../market";
import { CellRect, cellAddress } from "./a1";
import { CellValue, ChartSpec, uniformFormat } from "./blocks";
import { ARTICLE_SOURCE } from "./chainTypes";
import { ComparisonData, ComparisonInterval, ComparisonKind, ComparisonParams, ComparisonPeriod } from "./comparisonTypes";
import { Footprint } from "./footprint";
import { SheetLayout } from "./sheetLayout";

export const COMPARISON_TITLE = "AI ETF comparison";
/** Worksheet-scoped name that marks the comparison's block; its comment records the footprint. */
export const COMPARISON_BLOCK_NAME = "AICHAIN_COMPARISON";
export const SUMMARY_TABLE_BASE = "ETFSummary";
export const GROWTH_TABLE_BASE = "ETFGrowth";
export const GROWTH_CHART_NAME = "AICHAIN growth of 100";
export const RETURNS_CHART_NAME = "AICHAIN returns";
export const SUMMARY_HEADER = [
  "Symbol",
  "Name",
  "Currency",
  "First date",
  "Last date",
  "As of",
  "Return",
  "CAGR",
  "Volatility",
  "Max drawdown",
  "Expense ratio",
  "Note",
];
const RETURN_COL = SUMMARY_HEADER.indexOf("Return");
const PERCENT = "0.00%";
const DATE = "yyyy-mm-dd";
const GROWTH = "0.0";
const SUMMARY_FORMATS = [
  "General",
  "General",
  "General",
  DATE,
  DATE,
  DATE,
  PERCENT,
  PERCENT,
  PERCENT,
  PERCENT,
  PERCENT,
  "General",
];
const PARAM_LABELS = [
  "Symbols",
  "Start",
  "End",
  "Return",
  "Interval",
  "Period",
  "Compared",
  "As of",
  "Fetched",
  "Data source",
  "Left out",
  "Source",
];
const PARAM_ROWS = 1 + PARAM_LABELS.length;
/** Where the summary's header sits below the block's top (one blank row under the parameters). */
const SUMMARY_OFFSET = PARAM_ROWS + 1;
const PERIOD_WORDS: Record<ComparisonPeriod, string> = { shared: "shared", full: "full period per fund" };
/** Excel's default row height, in points (the block never changes row heights). */
const ROW_POINTS = 15;
/**
 * The right edge the charts keep to, in points: 960 pt is 1,280 px at 100 % zoom, what a
 * 1,366 px window shows of the grid beside the row headers and the scroll bar.
 */
export const FIRST_SCREEN_POINTS = 960;
const CHART_GAP = 6;

export interface EtfComparisonPlan {
  sheetBase: string;
  layout: SheetLayout;
  /** Points per column, fitted to each table's header and content (with room for the filter button). */
  columnWidths: { col: number; width: number }[];
  /** Rows frozen at the top: down to the tables' header row. */
  freezeRows: number;
  /** Selected after Insert: the summary. */
  select: CellRect;
}

/** "2025-03-31 20:00 UTC" for an ISO instant (UTC, so the sheet reads the same everywhere). */
export function formatAsOf(iso: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  return `${new Date(t).toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

function periodOf(params: ComparisonParams): ComparisonPeriod {
  return params.period ?? "shared";
}

/** What the "Compared" cell says about the period the figures use. */
export function comparedText(data: ComparisonData): string {
  const { start, end } = data.period;
  const text =
    periodOf(data.params) === "full"
      ? `each fund over its own data (First date to As of); growth table ${start} to ${end}, the dates all share`
      : `${start} to ${end}, the period every fund shares`;
  return data.growthNote ? `${text}. ${data.growthNote}` : text;
}

/**
 * The charts of a comparison whose parts are `parts`, with `titles` (Refresh puts charts back on
 * an earlier block's parts with this too).
 */
export function comparisonCharts(
  parts: Footprint,
  titles: { growth: string; returns: string },
  widths?: { col: number; width: number }[],
): ChartSpec[] {
  const { params, summary, growth } = parts;
  const top = params.row;
  const left = params.col;
  const boxes = widths ? chartBoxes(parts, widths) : undefined;
  return [
    {
      name: GROWTH_CHART_NAME,
      type: "Line",
      title: titles.growth,
      seriesRect: { row: growth.row, col: growth.col + 1, rows: growth.rows, cols: growth.cols - 1 },
      categoriesRect: { row: growth.row + 1, col: growth.col, rows: growth.rows - 1, cols: 1 },
      position: { topLeft: cellAddress(top, left + 3), bottomRight: cellAddress(top + PARAM_ROWS - 1, left + 7) },
      valueAxisFormat: "0",
      box: boxes?.[0],
    },
    {
      name: RETURNS_CHART_NAME,
      type: "BarClustered",
      title: titles.returns,
      seriesRect: { row: summary.row, col: summary.col + RETURN_COL, rows: summary.rows, cols: 1 },
      categoriesRect: { row: summary.row + 1, col: summary.col, rows: summary.rows - 1, cols: 1 },
      position: { topLeft: cellAddress(top, left + 8), bottomRight: cellAddress(top + PARAM_ROWS - 1, left + 11) },
      valueAxisFormat: "0%",
      legend: false,
      dataLabelFormat: PERCENT,
      reverseCategories: true,
      box: boxes?.[1],
    },
  ];
}

/**
 * Both charts side by side beside the parameters (from the column after their values, as tall as
 * the parameter rows), sharing what is left of the first screen's width at the fitted widths.
 * Points are counted from column A, so this holds for a block anchored at A1.
 */
function chartBoxes(
  parts: Footprint,
  widths: { col: number; width: number }[],
): { left: number; top: number; width: number; height: number }[] {
  const widthOf = (col: number) => widths.find((w) => w.col === col)?.width ?? 48;
  let start = 0;
  for (let c = 0; c < parts.params.col + 3; c++) start += widthOf(c);
  const top = parts.params.row * ROW_POINTS + CHART_GAP / 2;
  const height = PARAM_ROWS * ROW_POINTS - CHART_GAP;
  const each = Math.max(200, Math.floor((FIRST_SCREEN_POINTS - start - 3 * CHART_GAP) / 2));
  return [
    { left: start + CHART_GAP, top, width: each, height },
    { left: start + 2 * CHART_GAP + each, top, width: each, height },
  ];
}

/** Text width in points for a cell, as Calibri 11 roughly draws it, plus the filter button. */
function fit(texts: string[], min = 48, max = 260): number {
  const chars = Math.max(...texts.map((t) => t.length));
  return Math.min(max, Math.max(min, Math.round(chars * 6.2 + 26)));
}

function shown(v: CellValue, format: string): string {
  if (typeof v !== "number") return String(v);
  if (format === DATE) return "2000-01-01";
  if (format === PERCENT) return `${(v * 100).toFixed(2)}%`;
  if (format === GROWTH) return v.toFixed(1);
  return String(v);
}

function columnWidths(
  blocks: { rect: CellRect; values: CellValue[][]; formats: string[][] }[],
): { col: number; width: number }[] {
  const byCol = new Map<number, string[]>();
  for (const { rect, values, formats } of blocks) {
    values.forEach((row, i) =>
      row.forEach((v, j) => {
        const list = byCol.get(rect.col + j) ?? [];
        list.push(shown(v, formats[i][j]));
        byCol.set(rect.col + j, list);
      }),
    );
  }
  return [...byCol.entries()].sort((a, b) => a[0] - b[0]).map(([col, texts]) => ({ col, width: fit(texts) }));
}

export function etfComparisonPlan(
  data: ComparisonData,
  anchor: { row: number; col: number } = { row: 0, col: 0 },
): EtfComparisonPlan {
  const { params, rows, growth } = data;
  if (rows.length === 0) throw new Error("Nothing to compare: no symbol has data.");
  if (growth.dates.length === 0) throw new Error("The symbols share no trading dates in the chosen period.");
  const top = anchor.row;
  const left = anchor.col;

  const leftOut = data.leftOut.map((f) => `${f.symbol}: ${f.reason}`).join("; ");
  const paramValues: CellValue[][] = [
    [COMPARISON_TITLE, ""],
    ["Symbols", params.symbols.join(", ")],
    ["Start", params.start],
    ["End", params.end ?? "latest"],
    ["Return", params.kind],
    ["Interval", params.interval],
    ["Period", PERIOD_WORDS[periodOf(params)]],
    ["Compared", comparedText(data)],
    ["As of", data.pricesAsOf],
    ["Fetched", formatAsOf(data.asOf)],
    ["Data source", `AICHAIN data service (${data.sources.join(", ")})${data.stale ? ", stale copy" : ""}`],
    ["Left out", leftOut || "none"],
    ["Source", ARTICLE_SOURCE.replace(/^Source: /, "")],
  ];
  const paramsRect = { row: top, col: left, rows: PARAM_ROWS, cols: 2 };

  const summaryTop = top + SUMMARY_OFFSET;
  const summaryValues: CellValue[][] = [
    SUMMARY_HEADER,
    ...rows.map((r) => [
      r.symbol,
      r.name,
      r.currency,
      toExcelSerial(r.firstDate),
      toExcelSerial(r.lastDate),
      toExcelSerial(r.asOf),
      r.return,
      r.cagr ?? "",
      r.volatility ?? "",
      r.maxDrawdown,
      r.expenseRatio ?? "",
      r.note,
    ]),
  ];
  const summaryRect = { row: summaryTop, col: left, rows: rows.length + 1, cols: SUMMARY_HEADER.length };
  const summaryFormats = [SUMMARY_HEADER.map(() => "General"), ...rows.map(() => [...SUMMARY_FORMATS])];

  // The growth table keeps the summary's order of funds, so the two read alike.
  const symbols = rows.map((r) => r.symbol);
  const growthHeader = ["Date", ...symbols.map((s) => `${s} (growth of 100)`)];
  const growthValues: CellValue[][] = [
    growthHeader,
    ...growth.dates.map((date, i) => [toExcelSerial(date), ...symbols.map((s) => round(growth.values[s][i], 6))]),
  ];
  const growthRect = {
    row: summaryTop,
    col: left + SUMMARY_HEADER.length + 1,
    rows: growth.dates.length + 1,
    cols: growthHeader.length,
  };
  const growthFormats = [growthHeader.map(() => "General"), ...growth.dates.map(() => [DATE, ...symbols.map(() => GROWTH)])];

  const parts: Footprint = { params: paramsRect, summary: summaryRect, growth: growthRect };
  const widths = columnWidths([
    { rect: summaryRect, values: summaryValues, formats: summaryFormats },
    { rect: growthRect, values: growthValues, formats: growthFormats },
  ]);
  const { start, end } = data.period;
  const kindWord = params.kind === "total" ? "Total" : "Price";
  const charts = comparisonCharts(
    parts,
    {
      growth: `Growth of 100, ${start} to ${end} (${params.kind} return, ${data.growthInterval ?? params.interval})`,
      returns:
        periodOf(params) === "full"
          ? `${kindWord} return, each fund over its own data`
          : `${kindWord} return, ${start} to ${end}`,
    },
    widths,
  );

  return {
    sheetBase: "ETF Comparison",
    layout: {
      blockName: COMPARISON_BLOCK_NAME,
      parts,
      blocks: [
        // Text format keeps "2023-01-01" as text instead of Excel turning it into a date serial.
        { rect: paramsRect, values: paramValues, numberFormat: uniformFormat(PARAM_ROWS, 2, "@") },
        { rect: summaryRect, values: summaryValues, numberFormat: summaryFormats },
        { rect: growthRect, values: growthValues, numberFormat: growthFormats },
      ],
      bold: [{ row: top, col: left, rows: 1, cols: 1 }],
      tables: {
        summary: { name: SUMMARY_TABLE_BASE, rect: summaryRect, style: "TableStyleMedium2" },
        growth: { name: GROWTH_TABLE_BASE, rect: growthRect, style: "TableStyleLight1" },
      },
      charts,
    },
    columnWidths: widths,
    freezeRows: summaryTop + 1,
    select: summaryRect,
  };
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/**
 * Reads the parameter block back (values as Excel returns them). Dates may come back as serial
 * numbers if someone retyped them, so both spellings are accepted. A block without a "Period"
 * row compares on the shared period.
 */
export function parseComparisonParams(values: unknown[][], fromSerial: (n: number) => string): ComparisonParams {
  if (!Array.isArray(values) || values.length < 6 || values[0]?.[0] !== COMPARISON_TITLE) {
    throw new Error("This sheet has no AICHAIN comparison to refresh (its parameter block is missing or was moved).");
  }
  const byLabel = new Map<string, unknown>();
  for (const row of values.slice(1, PARAM_ROWS)) byLabel.set(String(row[0]), row[1]);
  const text = (label: string): string => {
    const v = byLabel.get(label);
    if (typeof v === "number") return fromSerial(v);
    if (typeof v !== "string") throw new Error(`The comparison's "${label}" cell is missing.`);
    return v.trim();
  };
  const symbols = text("Symbols")
    .split(/[,\s]+/)
    .map((s) => s.trim().toUpperCase())
    .filter(Boolean);
  if (symbols.length === 0) throw new Error('The comparison\'s "Symbols" cell is empty.');
  const start = text("Start");
  const endText = text("End");
  const kind = text("Return") as ComparisonKind;
  const interval = text("Interval") as ComparisonInterval;
  const iso = /^\d{4}-\d{2}-\d{2}$/;
  if (!iso.test(start)) throw new Error(`The comparison's start date "${start}" is not YYYY-MM-DD.`);
  if (endText !== "latest" && !iso.test(endText)) {
    throw new Error(`The comparison's end date "${endText}" is not YYYY-MM-DD or "latest".`);
  }
  if (kind !== "total" && kind !== "price") throw new Error(`Return must be "total" or "price" (got "${kind}").`);
  if (!["daily", "weekly", "monthly"].includes(interval)) {
    throw new Error(`Interval must be daily, weekly or monthly (got "${interval}").`);
  }
  const result: ComparisonParams = { symbols, start, end: endText === "latest" ? null : endText, kind, interval };
  if (byLabel.has("Period")) {
    const period = text("Period").toLowerCase();
    const found = (Object.keys(PERIOD_WORDS) as ComparisonPeriod[]).find((p) => PERIOD_WORDS[p] === period || p === period);
    if (!found) throw new Error(`Period must be "shared" or "full period per fund" (got "${period}").`);
    result.period = found;
  }
  return result;
}
