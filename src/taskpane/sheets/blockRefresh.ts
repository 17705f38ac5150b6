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
import { ExistingTable, SheetLayout, markLatest, writeLayout } from "./sheetLayout";

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
  /**
   * A workbook-scoped name marking the block of this kind inserted or refreshed last (same cells,
   * same record as its worksheet-scoped name). A worksheet-scoped name can only be looked up on a
   * sheet already known; this one lets the first read find that block from any sheet.
   */
  latestName?: string;
}

export interface BlockRefreshResult<D> {
  sheetName: string;
  syncs: number;
  data: D;
  /** The sheet asked for held no block; the latest one (through `latestName`) was refreshed. */
  foundElsewhere: boolean;
  /** Other sheets holding a block of this kind (read with the checks; only with `latestName`). */
  otherSheets: string[];
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
  /** Where the workbook-scoped latest name pointed (null address: it referred to #REF!), when there was one. */
  latest: { address: string | null; comment: string } | null;
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

/** What the first read found: the block's sheet, its name's record and its cells. */
interface Located {
  sheet: Excel.Worksheet;
  sheetName: string;
  comment: string;
  address: string;
  values: unknown[][];
  /** The worksheet-scoped name, when already read (on the sheet asked for). */
  named: Excel.NamedItem | null;
  foundElsewhere: boolean;
}

export async function refreshBlock<P, D>(
  context: Excel.RequestContext,
  refresher: BlockRefresher<P, D>,
): Promise<BlockRefreshResult<D>> {
  const { what, blockName, latestName } = refresher;
  let syncs = 0;
  const worksheets = context.workbook.worksheets;
  const asked = refresher.sheetName === undefined ? worksheets.getActiveWorksheet() : worksheets.getItem(refresher.sheetName);
  asked.load("name");
  const askedNamed = asked.names.getItemOrNullObject(blockName);
  askedNamed.load("isNullObject,comment");
  const askedBlock = askedNamed.getRangeOrNullObject();
  askedBlock.load("isNullObject,address,values");
  // The latest block of this kind, wherever it is: read in the same sync, so finding it costs none.
  const latest = latestName === undefined ? null : context.workbook.names.getItemOrNullObject(latestName);
  latest?.load("isNullObject,comment");
  const latestBlock = latest?.getRangeOrNullObject() ?? null;
  latestBlock?.load("isNullObject,address,values");
  if (latest) worksheets.load("items/name");
  // Tables and workbook-level defined names share one namespace: a new table takes a free name.
  const workbookTables = context.workbook.tables;
  workbookTables.load("items/name,items/id,items/style");
  const definedNames = context.workbook.names;
  definedNames.load("items/name");
  await context.sync();
  syncs++;

  let found: Located;
  if (!askedNamed.isNullObject && !askedBlock.isNullObject) {
    found = {
      sheet: asked,
      sheetName: asked.name,
      comment: askedNamed.comment,
      address: askedBlock.address,
      values: askedBlock.values,
      named: askedNamed,
      foundElsewhere: false,
    };
  } else if (latest && latestBlock && !latest.isNullObject && !latestBlock.isNullObject) {
    const sheetName = addressSheetName(latestBlock.address) ?? asked.name;
    found = {
      sheet: worksheets.getItem(sheetName),
      sheetName,
      comment: latest.comment,
      address: latestBlock.address,
      values: latestBlock.values,
      named: null,
      foundElsewhere: true,
    };
  } else {
    throw new NoBlockError(`The active sheet "${asked.name}" has no AICHAIN ${what} to refresh. Insert one first.`, syncs);
  }
  const { sheet, sheetName } = found;
  // The block's name follows its cells; if they were cut to another sheet, this sheet's cells
  // at the old address are no longer the block's and must not be touched.
  const blockSheet = addressSheetName(found.address);
  if (blockSheet !== null && blockSheet.toLowerCase() !== sheetName.toLowerCase()) {
    throw new Error(
      `The ${what} of "${sheetName}" was moved to the sheet "${blockSheet}". Refresh it there, or insert a new ${what}.`,
    );
  }
  const blockRect = parseAddress(found.address);
  const oldParts = decodeFootprint(found.comment, blockRect);
  if (!oldParts) {
    throw new Error(
      `The ${what} on "${sheetName}" no longer matches the cells it recorded (rows or columns were inserted or ` +
        `deleted inside it, or it was made by an older AICHAIN). Insert a new ${what}.`,
    );
  }
  const params = refresher.readParams(found.values);
  const data = await refresher.load(params);
  const layout = refresher.layout(data, { row: blockRect.row, col: blockRect.col });
  const oldRects = Object.values(oldParts);
  const newRects = Object.values(layout.parts);

  // Every table's range says its sheet, so the block's tables are read without listing the sheet's first.
  const tables = workbookTables.items.map((table) => {
    const range = table.getRange();
    range.load("address");
    return { table, range };
  });
  sheet.charts.load("items/name,items/id,items/top,items/left,items/width,items/height,items/title/text");
  const named = found.named ?? sheet.names.getItemOrNullObject(blockName);
  const namedBlock = found.named ? null : named.getRangeOrNullObject();
  if (namedBlock) {
    named.load("isNullObject,comment");
    namedBlock.load("isNullObject,address");
  }
  const others = latest
    ? worksheets.items
        .filter((ws) => ws.name.toLowerCase() !== sheetName.toLowerCase())
        .map((ws) => ({ name: ws.name, item: ws.names.getItemOrNullObject(blockName).load("isNullObject") }))
    : [];
  const takeSnapshot = queueCellSnapshot(sheet, [...oldRects, ...newRects]);
  await context.sync();
  syncs++;
  const cells = takeSnapshot();
  if (
    namedBlock &&
    (named.isNullObject || namedBlock.isNullObject || namedBlock.address !== found.address || named.comment !== found.comment)
  ) {
    throw new Error(
      `The ${what} marked as the latest, on "${sheetName}", no longer matches that sheet's own record. ` +
        `Nothing was changed: open the sheet holding the ${what} and refresh it there.`,
    );
  }

  const sheetTables = tables.filter(({ range }) => addressSheetName(range.address)?.toLowerCase() === sheetName.toLowerCase());
  const own: Record<string, ExistingTable & { style: string }> = {};
  for (const { table, range } of sheetTables) {
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

  const chartNames = new Set(layout.charts.map((c) => c.name));
  const charts = sheet.charts.items.filter((chart) => chartNames.has(chart.name));
  const before: Before = {
    blockRect,
    comment: found.comment,
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
    tableIds: sheetTables.map(({ table }) => table.id),
    chartIds: sheet.charts.items.map((c) => c.id),
    latest:
      latest && !latest.isNullObject
        ? { address: latestBlock && !latestBlock.isNullObject ? latestBlock.address : null, comment: latest.comment }
        : null,
  };
  const takenNames = [...workbookTables.items.map((t) => t.name), ...definedNames.items.map((n) => n.name)];
  try {
    context.application.suspendApiCalculationUntilNextSync();
    // A block found from another sheet is shown, so the analyst sees what changed.
    if (found.foundElsewhere) sheet.activate();
    named.delete();
    writeLayout(sheet, layout, {
      tables: own,
      charts: Object.fromEntries(charts.map((c) => [c.name, c])),
      oldParts: oldRects,
      takenNames,
      canResize: refresher.canResize,
    });
    // The block refreshed last becomes the latest, so the next Refresh from elsewhere finds it.
    if (latest && latestName !== undefined) {
      markLatest(context.workbook.names, latestName, sheet, layout, latest.isNullObject ? null : latest);
    }
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
  return {
    sheetName,
    syncs,
    data,
    foundElsewhere: found.foundElsewhere,
    otherSheets: others.filter((o) => !o.item.isNullObject).map((o) => o.name),
  };
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
  const latest = refresher.latestName === undefined ? null : context.workbook.names.getItemOrNullObject(refresher.latestName);
  latest?.load("isNullObject");
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
  if (latest && refresher.latestName !== undefined) {
    if (!latest.isNullObject) latest.delete();
    const was = before.latest?.address;
    if (was) {
      const target = context.workbook.worksheets.getItem(addressSheetName(was) ?? "").getRange(rectAddress(parseAddress(was)));
      context.workbook.names.add(refresher.latestName, target, before.latest?.comment);
    }
  }
  await context.sync();
}
