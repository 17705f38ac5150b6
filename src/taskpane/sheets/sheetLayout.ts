/**
 * A block a sheet builder owns, planned before Excel is touched: the rectangles it writes by role
 * (its footprint), the cell blocks inside them, an Excel table per role that has one, and its
 * charts. The same layout is written on Insert and on Refresh; Refresh hands in the tables and
 * charts that already exist so they are kept (resized, their data replaced) rather than re-made.
 */
import { CellRect, rectAddress, rectMinus } from "./a1";
import { CellBlock, ChartSpec, TableSpec, boundingRect } from "./blocks";
import { addTable, placeChart, writeBlock } from "./excelWriter";
import { Footprint, encodeFootprint } from "./footprint";
import { nextFreeTableName } from "./sheetNames";

export interface SheetLayout {
  /** Worksheet-scoped name marking the block; its comment records the footprint. */
  blockName: string;
  parts: Footprint;
  blocks: CellBlock[];
  /** Cells written bold (titles). */
  bold: CellRect[];
  /** By role; each table's rectangle is its part's. `name` is the base for a new table's name. */
  tables: Record<string, TableSpec>;
  charts: ChartSpec[];
}

export interface ExistingTable {
  table: Excel.Table;
  id: string;
  name: string;
  rect: CellRect;
}

export interface ExistingObjects {
  /** The block's own tables, by role. */
  tables: Record<string, ExistingTable>;
  /** The block's own charts, by name. */
  charts: Record<string, Excel.Chart>;
  /** Rectangles written before (cleared where the new layout no longer writes). */
  oldParts: CellRect[];
  /** Table and defined names in use in the workbook (a new table takes a free one). */
  takenNames: string[];
  /** Table.resize exists (ExcelApi 1.13). */
  canResize: boolean;
}

export const NOTHING_EXISTS: Omit<ExistingObjects, "takenNames" | "canResize"> = { tables: {}, charts: {}, oldParts: [] };

function sameRect(a: CellRect, b: CellRect): boolean {
  return a.row === b.row && a.col === b.col && a.rows === b.rows && a.cols === b.cols;
}

/** True when the running Excel has Table.resize; outside Office (tests), the caller decides. */
export function tableResizeSupported(): boolean {
  const office = (
    globalThis as { Office?: { context?: { requirements?: { isSetSupported?: (s: string, v: string) => boolean } } } }
  ).Office;
  return office?.context?.requirements?.isSetSupported?.("ExcelApi", "1.13") === true;
}

/**
 * Queues the whole layout (nothing here syncs). Order matters: tables are resized before cells
 * are written (so a header never passes through an empty state), cells the block no longer uses
 * are cleared, tables Excel cannot resize are re-created under their old name after the values
 * are in place, and the block's name is written last with its footprint.
 */
export function writeLayout(sheet: Excel.Worksheet, layout: SheetLayout, existing: ExistingObjects): void {
  const newParts = Object.values(layout.parts);
  const readd: TableSpec[] = [];
  const taken = [...existing.takenNames];
  for (const [role, spec] of Object.entries(layout.tables)) {
    const own = existing.tables[role];
    if (!own) {
      const name = nextFreeTableName(spec.name, taken);
      taken.push(name);
      readd.push({ ...spec, name });
    } else if (!sameRect(own.rect, spec.rect)) {
      if (existing.canResize) own.table.resize(rectAddress(spec.rect));
      else {
        // Older Excel: no resize. The table is made again under the analyst's name for it;
        // formulas that referred to it by name show #REF! there (see docs/taskpane.md).
        own.table.delete();
        readd.push({ ...spec, name: own.name });
      }
    }
  }
  for (const old of existing.oldParts) {
    for (const rest of rectMinus(old, newParts)) sheet.getRange(rectAddress(rest)).clear("All");
  }
  for (const block of layout.blocks) writeBlock(sheet, block);
  for (const rect of layout.bold) sheet.getRange(rectAddress(rect)).format.font.bold = true;
  for (const spec of readd) addTable(sheet, spec);
  for (const spec of layout.charts) placeChart(sheet, spec, existing.charts[spec.name]);
  const mark = blockMark(layout);
  sheet.names.add(layout.blockName, sheet.getRange(rectAddress(mark.rect)), mark.record);
}

/** The cells the block's name covers and the footprint record its comment holds. */
export function blockMark(layout: SheetLayout): { rect: CellRect; record: string } {
  const rect = boundingRect(Object.values(layout.parts));
  return { rect, record: encodeFootprint(layout.parts, rect) };
}

/**
 * Queues the workbook-scoped name that marks the latest block of a kind (same cells, same record
 * as its worksheet-scoped name), replacing the one there was: a workbook-scoped name can be looked
 * up without knowing the sheet, so Refresh finds the block from any sheet in its first read.
 */
export function markLatest(
  names: Excel.NamedItemCollection,
  latestName: string,
  sheet: Excel.Worksheet,
  layout: SheetLayout,
  previous: Excel.NamedItem | null,
): void {
  const mark = blockMark(layout);
  previous?.delete();
  names.add(latestName, sheet.getRange(rectAddress(mark.rect)), mark.record);
}
