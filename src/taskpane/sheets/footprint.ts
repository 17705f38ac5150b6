/**
 * A block's footprint: the rectangles a sheet builder wrote, by role ("params", "summary", ...),
 * recorded in the comment of the worksheet-scoped name that marks the block. Addresses are
 * relative to the block's top-left cell, so the record stays true when Excel moves the block
 * (rows inserted above it move the name with its cells). Refresh clears and rewrites only these
 * rectangles; everything else in or around the block belongs to the analyst.
 */
import { CellRect, parseAddress, rectAddress } from "./a1";
import { boundingRect } from "./blocks";

export type Footprint = Record<string, CellRect>;

const MARK = "AICHAIN footprint";
/** Excel keeps at most 255 characters in a name's comment. */
const MAX_COMMENT = 255;

/** "AICHAIN footprint (Refresh rewrites only these cells): params A1:B13; summary A15:L19". */
export function encodeFootprint(parts: Footprint, anchor: { row: number; col: number }): string {
  const entries = Object.entries(parts).map(
    ([role, r]) => `${role} ${rectAddress({ ...r, row: r.row - anchor.row, col: r.col - anchor.col })}`,
  );
  const text = `${MARK} (Refresh rewrites only these cells): ${entries.join("; ")}`;
  if (text.length > MAX_COMMENT) throw new Error(`A footprint record is limited to ${MAX_COMMENT} characters.`);
  return text;
}

/**
 * The footprint recorded in `comment`, placed at the block's current top-left. Null when the
 * comment holds no record, or when the block's size no longer matches it (rows or columns were
 * inserted or deleted inside the block, so the record no longer says where its cells are).
 */
export function decodeFootprint(comment: unknown, block: CellRect): Footprint | null {
  if (typeof comment !== "string" || !comment.startsWith(MARK)) return null;
  const list = comment.slice(comment.indexOf(":") + 1);
  const parts: Footprint = {};
  for (const entry of list.split(";")) {
    const m = /^\s*([A-Za-z]\w*)\s+([A-Z]{1,3}\d+:[A-Z]{1,3}\d+)\s*$/.exec(entry);
    if (!m) return null;
    const r = parseAddress(m[2]);
    parts[m[1]] = { ...r, row: r.row + block.row, col: r.col + block.col };
  }
  const rects = Object.values(parts);
  if (rects.length === 0) return null;
  const extent = boundingRect(rects);
  const sameShape =
    extent.row === block.row && extent.col === block.col && extent.rows === block.rows && extent.cols === block.cols;
  return sameShape ? parts : null;
}

/** The footprint's rectangles, for checks that do not care about roles. */
export function footprintRects(parts: Footprint): CellRect[] {
  return Object.values(parts);
}
