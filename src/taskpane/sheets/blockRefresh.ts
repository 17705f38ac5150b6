/**
 * Refreshing a block a sheet builder owns, without ever losing the analyst's work:
 *  sync 1 reads the block's name (its footprint record), its cells and the sheet's tables and charts;
 *  then the caller fetches fresh data and plans the new layout at the same place;
 *  sync 2 reads the tables' ranges, the charts' titles and places, and every cell the old and new
 *        footprints cover (formulas, values, number formats): the snapshot;
 *  checks: a table that is not the block's reaching into either footprint, or anything (a value, or
 *        a formula even when it shows "") in the new footprint outside the old one, stops the
 *        refresh before the first write, naming the cells in the way;
 *  sync 3 writes: tables resized in place (same id, same name), cells rewritten, charts' data
 *        replaced, the footprint record rewritten.
 * If sync 3 fails, the snapshot is put back (tables, cells, charts, the name and its record), so
 * the sheet ends as it was and the next Refresh finds the block again.
 */
import { CellRect, addressSheetName, parseAddress, rectAddress, rectContains, rectsIntersect } from "./a1";
import { ChartSpec } from "./blocks";
import { CellSnapshot, occupiedCells, queueCellSnapshot, restoreCells } from "./cellSnapshot";
import { addTable, placeChart } from "./excelWriter";
import { Footprint, decodeFootprint } from "./footprint";
import { ExistingTable, SheetLayout, writeLayout } from "./sheetLayout";

export interface BlockRefresher<P, D> {
  blockName: string;
  /** What the block is called in messages ("comparison"). */
  what: string;
  /** Reads what to fetch from the block's cells (values as Excel gives them, from the block's top-left). */
  readParams(values: unknown[][]): P;
  load(params: P): Promise<D>;
  /** The block's new layout, anchored at its top-left cell. */
  layout(data: D, anchor: { row: number; col: number }): SheetLayout;
  /** The charts a block with these parts has (used to put the charts back after a failed write). */
  chartsFor(parts: Footprint): ChartSpec[];
  /** Table.resize exists in this Excel. */
  canResize: boolean;
  /** The sheet holding the block (default: the active sheet). */
  sheetName?: string;
}

export interface BlockRefreshResult<D> {
  sheetName: string;
  syncs: number;
  data: D;
}

interface TableBefore {
  id: string;
  name: string;
  rect: CellRect;
  style: string;
}

interface ChartBefore {
  id: string;
  name: string;
  title: string;
  top: number;
  left: number;
  width: number;
  height: number;
}

/** Everything Refresh may change, as it was. */
interface Before {
  blockRect: CellRect;
  comment: string;
  parts: Footprint;
  cells: CellSnapshot[];
  tables: TableBefore[];
  charts: ChartBefore[];
  /** Ids of every table and chart on the sheet: anything else after a failed write is the write's. */
  tableIds: string[];
  chartIds: string[];
}

/** The sheet Refresh was pointed at holds no such block (nothing was read beyond that, nothing written). */
export class NoBlockError extends Error {
  constructor(
    message: string,
    /** Syncs spent finding out. */
    readonly syncs: number,
  ) {
    super(message);
  }
}

/**
 * The names of the worksheets holding a block named `blockName`, in workbook order (two syncs):
 * how the pane finds a study to refresh when the analyst is on another sheet.
 */
export async function sheetsWithBlock(
  context: Excel.RequestContext,
  blockName: string,
): Promise<{ sheetNames: string[]; syncs: number }> {
  const sheets = context.workbook.worksheets;
  sheets.load("items/name");
  await context.sync();
  const named = sheets.items.map((sheet) => {
    const item = sheet.names.getItemOrNullObject(blockName);
    item.load("isNullObject");
    return { name: sheet.name, item };
  });
  await context.sync();
  return { sheetNames: named.filter((n) => !n.item.isNullObject).map((n) => n.name), syncs: 2 };
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function listCells(cells: string[]): string {
  return cells.length <= 6 ? cells.join(", ") : `${cells.slice(0, 6).join(", ")} and ${cells.length - 6} more`;
}

export async function refreshBlock<P, D>(
  context: Excel.RequestContext,
  refresher: BlockRefresher<P, D>,
): Promise<BlockRefreshResult<D>> {
  const { what } = refresher;
  let syncs = 0;
  const sheet =
    refresher.sheetName === undefined
      ? context.workbook.worksheets.getActiveWorksheet()
      : context.workbook.worksheets.getItem(refresher.sheetName);
  sheet.load("name");
  const named = sheet.names.getItemOrNullObject(refresher.blockName);
  named.load("isNullObject,comment");
  const block = named.getRangeOrNullObject();
  block.load("isNullObject,address,values");
  sheet.tables.load("items/name,items/id");
  sheet.charts.load("items/name,items/id");
  // Tables and workbook-level defined names share one namespace: a new table takes a free name.
  const workbookTables = context.workbook.tables;
  workbookTables.load("items/name");
  const definedNames = context.workbook.names;
  definedNames.load("items/name");
  await context.sync();
  syncs++;
  if (named.isNullObject || block.isNullObject) {
    throw new NoBlockError(`The active sheet "${sheet.name}" has no AICHAIN ${what} to refresh. Insert one first.`, syncs);
  }
  // The block's name follows its cells; if they were cut to another sheet, this sheet's cells
  // at the old address are no longer the block's and must not be touched.
  const blockSheet = addressSheetName(block.address);
  if (blockSheet !== null && blockSheet.toLowerCase() !== sheet.name.toLowerCase()) {
    throw new Error(
      `The ${what} of "${sheet.name}" was moved to the sheet "${blockSheet}". Refresh it there, or insert a new ${what}.`,
    );
  }
  const blockRect = parseAddress(block.address);
  const oldParts = decodeFootprint(named.comment, blockRect);
  if (!oldParts) {
    throw new Error(
      `The ${what} on "${sheet.name}" no longer matches the cells it recorded (rows or columns were inserted or ` +
        `deleted inside it, or it was made by an older AICHAIN). Insert a new ${what}.`,
    );
  }
  const params = refresher.readParams(block.values);
  const data = await refresher.load(params);
  const layout = refresher.layout(data, { row: blockRect.row, col: blockRect.col });
  const oldRects = Object.values(oldParts);
  const newRects = Object.values(layout.parts);

  const tables = sheet.tables.items.map((table) => {
    const range = table.getRange();
    range.load("address");
    table.load("style");
    return { table, range };
  });
  const chartNames = new Set(layout.charts.map((c) => c.name));
  const charts = sheet.charts.items.filter((chart) => chartNames.has(chart.name));
  for (const chart of charts) chart.load("top,left,width,height,title/text");
  const takeSnapshot = queueCellSnapshot(sheet, [...oldRects, ...newRects]);
  await context.sync();
  syncs++;
  const cells = takeSnapshot();

  const own: Record<string, ExistingTable & { style: string }> = {};
  for (const { table, range } of tables) {
    const rect = parseAddress(range.address);
    const role = Object.keys(oldParts).find((r) => rectContains(oldParts[r], rect));
    if (role && layout.tables[role] && !own[role]) {
      own[role] = { table, id: table.id, name: table.name, rect, style: table.style };
    } else if ([...oldRects, ...newRects].some((part) => rectsIntersect(rect, part))) {
      throw new Error(
        `The table "${table.name}" (${rectAddress(rect)}) reaches into the ${what}'s cells. ` +
          `Resize or move it, or insert a new ${what}.`,
      );
    }
  }
  const inTheWay = occupiedCells(cells.slice(oldRects.length), oldRects);
  if (inTheWay.length > 0) {
    throw new Error(
      `The refreshed ${what} needs cell${inTheWay.length > 1 ? "s" : ""} ${listCells(inTheWay)}, which ` +
        `${inTheWay.length > 1 ? "are" : "is"} not empty. Nothing was changed: clear ${inTheWay.length > 1 ? "them" : "it"} ` +
        `or insert a new ${what}.`,
    );
  }

  const before: Before = {
    blockRect,
    comment: named.comment,
    parts: oldParts,
    cells,
    tables: Object.values(own).map(({ id, name, rect, style }) => ({ id, name, rect, style })),
    charts: charts.map((c) => ({
      id: c.id,
      name: c.name,
      title: c.title.text,
      top: c.top,
      left: c.left,
      width: c.width,
      height: c.height,
    })),
    tableIds: sheet.tables.items.map((t) => t.id),
    chartIds: sheet.charts.items.map((c) => c.id),
  };
  const takenNames = [...workbookTables.items.map((t) => t.name), ...definedNames.items.map((n) => n.name)];
  try {
    context.application.suspendApiCalculationUntilNextSync();
    named.delete();
    writeLayout(sheet, layout, {
      tables: own,
      charts: Object.fromEntries(charts.map((c) => [c.name, c])),
      oldParts: oldRects,
      takenNames,
      canResize: refresher.canResize,
    });
    await context.sync();
    syncs++;
  } catch (err) {
    try {
      await restoreBlock(context, sheet, before, refresher);
    } catch (restoreErr) {
      throw new Error(`Refresh failed (${message(err)}), and putting the sheet back failed too: ${message(restoreErr)}`);
    }
    throw new Error(`Refresh failed, and the sheet was put back as it was: ${message(err)}`);
  }
  return { sheetName: sheet.name, syncs, data };
}

/** Puts back what a failed write batch may have changed, in two syncs (read what exists, then restore). */
async function restoreBlock<P, D>(
  context: Excel.RequestContext,
  sheet: Excel.Worksheet,
  before: Before,
  refresher: BlockRefresher<P, D>,
): Promise<void> {
  const tables = sheet.tables;
  tables.load("items/id,items/name");
  const charts = sheet.charts;
  charts.load("items/id,items/name");
  const named = sheet.names.getItemOrNullObject(refresher.blockName);
  named.load("isNullObject");
  await context.sync();

  // Tables and charts the failed batch made go first (deleting a table clears its cells).
  for (const table of tables.items) if (!before.tableIds.includes(table.id)) table.delete();
  for (const chart of charts.items) if (!before.chartIds.includes(chart.id)) chart.delete();
  const missing: TableBefore[] = [];
  for (const old of before.tables) {
    const table = tables.items.find((t) => t.id === old.id);
    if (!table) {
      missing.push(old);
      continue;
    }
    if (refresher.canResize) table.resize(rectAddress(old.rect));
    if (table.name !== old.name) table.name = old.name;
  }
  restoreCells(sheet, before.cells);
  for (const old of missing) addTable(sheet, { name: old.name, rect: old.rect, style: old.style });
  const specs = refresher.chartsFor(before.parts);
  for (const old of before.charts) {
    const chart = charts.items.find((c) => c.id === old.id);
    const spec = specs.find((s) => s.name === old.name);
    if (!chart || !spec) continue;
    placeChart(sheet, { ...spec, title: old.title }, chart);
    chart.top = old.top;
    chart.left = old.left;
    chart.width = old.width;
    chart.height = old.height;
  }
  if (!named.isNullObject) named.delete();
  sheet.names.add(refresher.blockName, sheet.getRange(rectAddress(before.blockRect)), before.comment);
  await context.sync();
}
