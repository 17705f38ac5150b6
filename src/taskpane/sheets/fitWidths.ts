/**
 * Column widths (points) that fit a table's header and contents in Excel's default font (Calibri
 * 11), worked out before Excel is touched: the add-in cannot measure text, and autofit on a
 * table cuts the header under its filter button. The estimate errs wide: a cut label is worse
 * than a little white space.
 */
import type { CellValue } from "./blocks";

/** About the widest average character of Calibri 11, in points. */
const POINTS_PER_CHAR = 6.2;
/** Bold headers run wider. */
const BOLD = 1.1;
/** The filter button a table puts in each header cell, plus the cell's margins. */
const FILTER_BUTTON = 20;
const MARGINS = 8;
export const MAX_COLUMN_WIDTH = 320;

function textWidth(text: string, bold = false): number {
  return Math.ceil(text.length * POINTS_PER_CHAR * (bold ? BOLD : 1));
}

/**
 * One width per column. Formulas are not measured (their text is not what Excel shows); such a
 * column gets at least `minWidths[i]`, as does any column.
 */
export function fitWidths(
  header: readonly string[],
  rows: readonly (readonly CellValue[])[],
  minWidths: readonly number[] = [],
): number[] {
  return header.map((title, col) => {
    let width = textWidth(title, true) + FILTER_BUTTON;
    for (const row of rows) {
      const value = row[col];
      if (typeof value === "string" && value.startsWith("=")) continue;
      width = Math.max(width, textWidth(String(value ?? "")) + MARGINS);
    }
    return Math.min(MAX_COLUMN_WIDTH, Math.max(width, minWidths[col] ?? 0));
  });
}

/** The width a text needs, for callers checking that a column shows it uncut. */
export function neededWidth(text: string, bold = false): number {
  return textWidth(text, bold) + (bold ? FILTER_BUTTON : MARGINS);
}
