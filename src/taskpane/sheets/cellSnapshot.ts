/**
 * What a set of rectangles holds before a sheet builder writes over them: formulas (which are
 * the constants for plain cells), shown values and number formats. Read in the same sync as the
 * other checks, and written back cell for cell if the write batch fails.
 */
import { CellRect, cellAddress, rectAddress, rectContains } from "./a1";

export interface CellSnapshot {
  rect: CellRect;
  formulas: unknown[][];
  values: unknown[][];
  numberFormat: unknown[][];
}

/** Queues the reads; the returned function gives the snapshots once the next sync has run. */
export function queueCellSnapshot(sheet: Excel.Worksheet, rects: readonly CellRect[]): () => CellSnapshot[] {
  const ranges = rects.map((rect) => {
    const range = sheet.getRange(rectAddress(rect));
    range.load("formulas,values,numberFormat");
    return { rect, range };
  });
  return () =>
    ranges.map(({ rect, range }) => {
      const grid = (value: unknown, what: string): unknown[][] => {
        if (!Array.isArray(value)) throw new Error(`Could not read the ${what} of ${rectAddress(rect)}.`);
        return value as unknown[][];
      };
      return {
        rect,
        formulas: grid(range.formulas, "formulas"),
        values: grid(range.values, "values"),
        numberFormat: grid(range.numberFormat, "number formats"),
      };
    });
}

function isEmpty(v: unknown): boolean {
  return v === "" || v === null || v === undefined;
}

/**
 * Addresses of the cells in the snapshots that hold anything (a constant, or a formula even when
 * it shows "", or a value spilled into them) and lie outside every one of `own`.
 */
export function occupiedCells(snapshots: readonly CellSnapshot[], own: readonly CellRect[]): string[] {
  const found = new Set<string>();
  for (const snap of snapshots) {
    snap.formulas.forEach((row, i) =>
      row.forEach((formula, j) => {
        const cell = { row: snap.rect.row + i, col: snap.rect.col + j, rows: 1, cols: 1 };
        if (own.some((part) => rectContains(part, cell))) return;
        if (!isEmpty(formula) || !isEmpty(snap.values[i]?.[j])) found.add(cellAddress(cell.row, cell.col));
      }),
    );
  }
  return [...found];
}

/** Puts the cells back as they were: number formats first, so text stays text. */
export function restoreCells(sheet: Excel.Worksheet, snapshots: readonly CellSnapshot[]): void {
  for (const snap of snapshots) {
    const cells = sheet.getRange(rectAddress(snap.rect));
    cells.numberFormat = snap.numberFormat;
    cells.formulas = snap.formulas;
  }
}
