/**
 * What a sheet builder writes, worked out before Excel is touched: every block is one rectangle
 * written with a single 2-D assignment, so the Excel code stays a thin writer.
 */
import { CellRect, rectAddress } from "./a1";

export type CellValue = string | number | boolean;

export interface CellBlock {
  rect: CellRect;
  /** Plain values (numbers, text); written with range.values. */
  values?: CellValue[][];
  /** Values and formulas mixed ("=AICHAIN.PRICE(\"NVDA\")"); written with range.formulas. */
  formulas?: CellValue[][];
  /** Number formats, same shape as the block; applied before the values so text stays text. */
  numberFormat?: string[][];
  /** Bold text for the whole block (headings). */
  bold?: boolean;
}

/** An Excel table laid over cells already written. */
export interface TableSpec {
  name: string;
  rect: CellRect;
  style: string;
}

/** A fill colour over a rectangle (used for the value-chain layers). */
export interface FillSpec {
  rect: CellRect;
  color: string;
}

/** A native chart: values by column with a header row for series names, categories beside them. */
export interface ChartSpec {
  name: string;
  type: "Line" | "BarClustered" | "ColumnClustered";
  title: string;
  /** Series values including the header row (series names). */
  seriesRect: CellRect;
  /** Category labels (dates or symbols), same number of rows as the values without the header. */
  categoriesRect: CellRect;
  /** Where the chart floats: top-left and bottom-right cells. */
  position: { topLeft: string; bottomRight: string };
  /**
   * Exact place in points, set after the cell anchors when the sheet's column widths are known
   * (fitted widths make cell anchors land further right than on a default sheet).
   */
  box?: { left: number; top: number; width: number; height: number };
  /** Number format of the value axis. */
  valueAxisFormat?: string;
  /** False hides the legend (one series needs none). */
  legend?: boolean;
  /** Data labels showing each value in this format ("0.00%"). */
  dataLabelFormat?: string;
  /** Bar charts draw the first category at the bottom; true puts it at the top. */
  reverseCategories?: boolean;
}

/** A uniform number format over a rectangle. */
export function uniformFormat(rows: number, cols: number, format: string): string[][] {
  return Array.from({ length: rows }, () => Array.from({ length: cols }, () => format));
}

/** Address of a block's rectangle ("A1:C4"). */
export function blockAddress(block: { rect: CellRect }): string {
  return rectAddress(block.rect);
}

/** The smallest rectangle covering every given rectangle. */
export function boundingRect(rects: readonly CellRect[]): CellRect {
  const row = Math.min(...rects.map((r) => r.row));
  const col = Math.min(...rects.map((r) => r.col));
  const bottom = Math.max(...rects.map((r) => r.row + r.rows));
  const right = Math.max(...rects.map((r) => r.col + r.cols));
  return { row, col, rows: bottom - row, cols: right - col };
}
