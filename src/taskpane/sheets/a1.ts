/** A1-style addresses for blocks placed by zero-based row and column. */

/** Column letters for a zero-based column index: 0 -> A, 25 -> Z, 26 -> AA. */
export function columnLetters(col: number): string {
  if (!Number.isInteger(col) || col < 0) throw new Error(`Bad column index ${col}`);
  let n = col + 1;
  let letters = "";
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** Zero-based column index for column letters: A -> 0, AA -> 26. */
export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** A rectangle of cells, zero-based. */
export interface CellRect {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

/** "B3" for row 2, column 1. */
export function cellAddress(row: number, col: number): string {
  return `${columnLetters(col)}${row + 1}`;
}

/** "A1:C4" for a rectangle (a single cell stays "A1:A1" so every address has the same shape). */
export function rectAddress(rect: CellRect): string {
  if (rect.rows < 1 || rect.cols < 1) throw new Error("A block needs at least one cell");
  return `${cellAddress(rect.row, rect.col)}:${cellAddress(rect.row + rect.rows - 1, rect.col + rect.cols - 1)}`;
}

/**
 * The rectangle of an address such as "A1:C4", "$A$1:$C$4", "Sheet1!A1:C4", "'My sheet'!B2" or a
 * whole-sheet qualified name as Excel reports it.
 */
export function parseAddress(address: string): CellRect {
  const bang = address.lastIndexOf("!");
  const local = (bang >= 0 ? address.slice(bang + 1) : address).replace(/\$/g, "");
  const [first, second = first] = local.split(":");
  const a = parseCell(first);
  const b = parseCell(second);
  const row = Math.min(a.row, b.row);
  const col = Math.min(a.col, b.col);
  return { row, col, rows: Math.abs(a.row - b.row) + 1, cols: Math.abs(a.col - b.col) + 1 };
}

function parseCell(text: string): { row: number; col: number } {
  const m = /^([A-Za-z]{1,3})(\d+)$/.exec(text.trim());
  if (!m) throw new Error(`Not a cell address: ${text}`);
  return { row: Number(m[2]) - 1, col: columnIndex(m[1]) };
}

/**
 * The worksheet an address such as "'ETF Comparison (2)'!A1:K22" names, unquoted, or null when
 * the address carries no sheet.
 */
export function addressSheetName(address: string): string | null {
  const bang = address.lastIndexOf("!");
  if (bang < 0) return null;
  const sheet = address.slice(0, bang);
  return sheet.startsWith("'") && sheet.endsWith("'") ? sheet.slice(1, -1).replace(/''/g, "'") : sheet;
}

/** True when the two rectangles share at least one cell. */
export function rectsIntersect(a: CellRect, b: CellRect): boolean {
  return a.row < b.row + b.rows && b.row < a.row + a.rows && a.col < b.col + b.cols && b.col < a.col + a.cols;
}

/** True when `inner` lies wholly inside `outer`. */
export function rectContains(outer: CellRect, inner: CellRect): boolean {
  return (
    inner.row >= outer.row &&
    inner.col >= outer.col &&
    inner.row + inner.rows <= outer.row + outer.rows &&
    inner.col + inner.cols <= outer.col + outer.cols
  );
}

/**
 * The parts of `next` that `prev` does not cover, as at most two rectangles
 * (the strip below `prev` and the strip to its right), for checking they are empty before use.
 */
export function rectGrowth(prev: CellRect, next: CellRect): CellRect[] {
  const out: CellRect[] = [];
  const prevBottom = prev.row + prev.rows;
  const prevRight = prev.col + prev.cols;
  const nextBottom = next.row + next.rows;
  const nextRight = next.col + next.cols;
  if (nextBottom > prevBottom) {
    out.push({ row: prevBottom, col: next.col, rows: nextBottom - prevBottom, cols: next.cols });
  }
  if (nextRight > prevRight) {
    const top = next.row;
    const bottom = Math.min(nextBottom, prevBottom);
    if (bottom > top) out.push({ row: top, col: prevRight, rows: bottom - top, cols: nextRight - prevRight });
  }
  return out;
}

/** The cells of `a` outside `b`, as at most four rectangles (above, below, left, right of `b`). */
export function rectDifference(a: CellRect, b: CellRect): CellRect[] {
  if (!rectsIntersect(a, b)) return [a];
  const out: CellRect[] = [];
  const top = Math.max(a.row, b.row);
  const bottom = Math.min(a.row + a.rows, b.row + b.rows);
  if (b.row > a.row) out.push({ row: a.row, col: a.col, rows: b.row - a.row, cols: a.cols });
  if (a.row + a.rows > bottom) out.push({ row: bottom, col: a.col, rows: a.row + a.rows - bottom, cols: a.cols });
  if (b.col > a.col) out.push({ row: top, col: a.col, rows: bottom - top, cols: b.col - a.col });
  if (a.col + a.cols > b.col + b.cols) {
    out.push({ row: top, col: b.col + b.cols, rows: bottom - top, cols: a.col + a.cols - (b.col + b.cols) });
  }
  return out;
}

/** The cells of `a` outside every one of `others`, as disjoint rectangles. */
export function rectMinus(a: CellRect, others: readonly CellRect[]): CellRect[] {
  let rest = [a];
  for (const b of others) rest = rest.flatMap((r) => rectDifference(r, b));
  return rest;
}
