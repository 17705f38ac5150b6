/**
 * The ETF comparison as blocks: a parameter block (read back by Refresh), a summary table, a
 * growth-of-100 table on common dates, and two native charts beside them.
 */
import { toExcelSerial } from "../../market";
import { CellRect, cellAddress } from "./a1";
import { CellBlock, CellValue, ChartSpec, TableSpec, boundingRect, uniformFormat } from "./blocks";
import { ARTICLE_SOURCE } from "./chainTypes";
import { ComparisonData, ComparisonInterval, ComparisonKind, ComparisonParams } from "./comparisonTypes";

export const COMPARISON_TITLE = "AI ETF comparison";
/** Worksheet-scoped name that marks the comparison's block, so Refresh finds exactly its cells. */
export const COMPARISON_BLOCK_NAME = "AICHAIN_COMPARISON";
export const SUMMARY_HEADER = [
  "Symbol",
  "Name",
  "Currency",
  "First date",
  "Last date",
  "Return",
  "CAGR",
  "Volatility",
  "Max drawdown",
  "Expense ratio",
  "Note",
];
const SUMMARY_FORMATS = ["General", "General", "General", "yyyy-mm-dd", "yyyy-mm-dd", "0.00%", "0.00%", "0.00%", "0.00%", "0.00%", "General"];
const SUMMARY_WIDTHS = [70, 190, 62, 78, 78, 64, 64, 70, 84, 84, 170];
const PARAM_LABELS = ["Symbols", "Start", "End", "Return", "Interval", "As of", "Data source", "Source"];
const PARAM_ROWS = 1 + PARAM_LABELS.length;

export interface EtfComparisonPlan {
  sheetBase: string;
  params: CellBlock;
  summary: CellBlock;
  growth: CellBlock;
  tables: { summary: TableSpec; growth: TableSpec };
  charts: { growth: ChartSpec; returns: ChartSpec };
  columnWidths: number[];
  /** Everything written; stored under COMPARISON_BLOCK_NAME. */
  extent: CellRect;
}

/** "2025-03-31 20:00 UTC" for an ISO instant (UTC, so the sheet reads the same everywhere). */
export function formatAsOf(iso: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  return `${new Date(t).toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

export function etfComparisonPlan(
  data: ComparisonData,
  opts: { anchor?: { row: number; col: number }; summaryTable: string; growthTable: string },
): EtfComparisonPlan {
  const { params, rows, growth } = data;
  if (rows.length === 0) throw new Error("Nothing to compare: no symbol has data.");
  if (growth.dates.length === 0) throw new Error("The symbols share no trading dates in the chosen period.");
  const top = opts.anchor?.row ?? 0;
  const left = opts.anchor?.col ?? 0;

  const paramValues: CellValue[][] = [
    [COMPARISON_TITLE, ""],
    [PARAM_LABELS[0], params.symbols.join(", ")],
    [PARAM_LABELS[1], params.start],
    [PARAM_LABELS[2], params.end ?? "latest"],
    [PARAM_LABELS[3], params.kind],
    [PARAM_LABELS[4], params.interval],
    [PARAM_LABELS[5], formatAsOf(data.asOf)],
    [PARAM_LABELS[6], `AICHAIN data service (${data.sources.join(", ")})${data.stale ? ", stale copy" : ""}`],
    [PARAM_LABELS[7], ARTICLE_SOURCE.replace(/^Source: /, "")],
  ];
  // Text format keeps "2023-01-01" as text instead of Excel turning it into a date serial.
  const paramsBlock: CellBlock = {
    rect: { row: top, col: left, rows: PARAM_ROWS, cols: 2 },
    values: paramValues,
    numberFormat: uniformFormat(PARAM_ROWS, 2, "@"),
  };

  const summaryTop = top + PARAM_ROWS + 1;
  const summaryValues: CellValue[][] = [
    SUMMARY_HEADER,
    ...rows.map((r) => [
      r.symbol,
      r.name,
      r.currency,
      toExcelSerial(r.firstDate),
      toExcelSerial(r.lastDate),
      r.return,
      r.cagr ?? "",
      r.volatility ?? "",
      r.maxDrawdown,
      r.expenseRatio ?? "",
      r.note,
    ]),
  ];
  const summaryRect = { row: summaryTop, col: left, rows: rows.length + 1, cols: SUMMARY_HEADER.length };
  const summary: CellBlock = {
    rect: summaryRect,
    values: summaryValues,
    numberFormat: [SUMMARY_HEADER.map(() => "General"), ...rows.map(() => [...SUMMARY_FORMATS])],
  };

  const symbols = rows.map((r) => r.symbol);
  const growthTop = summaryTop + summaryRect.rows + 1;
  const growthHeader = ["Date", ...symbols.map((s) => `${s} (growth of 100)`)];
  const growthValues: CellValue[][] = [
    growthHeader,
    ...growth.dates.map((date, i) => [toExcelSerial(date), ...symbols.map((s) => round(growth.values[s][i], 6))]),
  ];
  const growthRect = { row: growthTop, col: left, rows: growth.dates.length + 1, cols: growthHeader.length };
  const growthBlock: CellBlock = {
    rect: growthRect,
    values: growthValues,
    numberFormat: [
      growthHeader.map(() => "General"),
      ...growth.dates.map(() => ["yyyy-mm-dd", ...symbols.map(() => "0.00")]),
    ],
  };

  // Beside the widest table, one column apart: many funds make the growth table the wider one.
  const chartCol = left + Math.max(SUMMARY_HEADER.length, growthHeader.length) + 1;
  const charts = {
    growth: {
      name: "AICHAIN growth of 100",
      type: "Line" as const,
      title: `Growth of 100 (${params.kind} return, ${params.interval})`,
      seriesRect: { row: growthTop, col: left + 1, rows: growthRect.rows, cols: symbols.length },
      categoriesRect: { row: growthTop + 1, col: left, rows: growth.dates.length, cols: 1 },
      position: { topLeft: cellAddress(top, chartCol), bottomRight: cellAddress(top + 17, chartCol + 8) },
      valueAxisFormat: "0",
    },
    returns: {
      name: "AICHAIN returns",
      type: "BarClustered" as const,
      title: `${params.kind === "total" ? "Total" : "Price"} return, ${rows[0].firstDate} to ${rows[0].lastDate}`,
      seriesRect: { row: summaryTop, col: left + 5, rows: summaryRect.rows, cols: 1 },
      categoriesRect: { row: summaryTop + 1, col: left, rows: rows.length, cols: 1 },
      position: { topLeft: cellAddress(top + 19, chartCol), bottomRight: cellAddress(top + 36, chartCol + 8) },
      valueAxisFormat: "0%",
    },
  };

  const widths = SUMMARY_WIDTHS.map((w, i) => (i === 0 ? Math.max(w, 84) : w));
  while (widths.length < growthHeader.length) widths.push(110);
  return {
    sheetBase: "ETF Comparison",
    params: paramsBlock,
    summary,
    growth: growthBlock,
    tables: {
      summary: { name: opts.summaryTable, rect: summaryRect, style: "TableStyleMedium2" },
      growth: { name: opts.growthTable, rect: growthRect, style: "TableStyleLight1" },
    },
    charts,
    columnWidths: widths,
    extent: boundingRect([paramsBlock.rect, summaryRect, growthRect]),
  };
}

function isBlankCell(v: unknown): boolean {
  return v === "" || v === null || v === undefined;
}

/**
 * The rectangles an earlier comparison wrote inside its block, found from the block's values
 * (Excel's, so they survive sorting and renamed tables): the parameter rows, the summary from its
 * "Symbol" header down to the first row without a symbol, and the growth table from its "Date"
 * header to the block's last row, as wide as its header. The rest of the block is empty space the
 * analyst may have used. Null when the block no longer has that shape.
 */
export function writtenParts(values: unknown[][], block: CellRect): CellRect[] | null {
  const at = (r: number, c: number): unknown => values[r]?.[c];
  const summaryTop = PARAM_ROWS + 1;
  if (at(summaryTop, 0) !== SUMMARY_HEADER[0]) return null;
  let r = summaryTop + 1;
  while (r < block.rows && !isBlankCell(at(r, 0))) r++;
  const growthTop = r + 1;
  if (at(growthTop, 0) !== "Date") return null;
  let cols = 1;
  while (cols < block.cols && !isBlankCell(at(growthTop, cols))) cols++;
  const { row, col } = block;
  return [
    { row, col, rows: PARAM_ROWS, cols: 2 },
    { row: row + summaryTop, col, rows: r - summaryTop, cols: Math.min(SUMMARY_HEADER.length, block.cols) },
    { row: row + growthTop, col, rows: block.rows - growthTop, cols },
  ];
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/**
 * Reads the parameter block back (values as Excel returns them). Dates may come back as serial
 * numbers if someone retyped them, so both spellings are accepted.
 */
export function parseComparisonParams(values: unknown[][], fromSerial: (n: number) => string): ComparisonParams {
  if (!Array.isArray(values) || values.length < PARAM_ROWS || values[0]?.[0] !== COMPARISON_TITLE) {
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
  return { symbols, start, end: endText === "latest" ? null : endText, kind, interval };
}
