/**
 * Writes an ETF comparison into a new worksheet, and refreshes one in place.
 * The comparison's cells are marked by a worksheet-scoped name (COMPARISON_BLOCK_NAME) whose
 * first rows hold its parameters, so Refresh reads what to fetch from the sheet itself and
 * rewrites only that block.
 */
import { fromExcelSerial } from "../../market";
import { CellRect, addressSheetName, parseAddress, rectAddress, rectContains, rectGrowth, rectsIntersect } from "./a1";
import { boundingRect } from "./blocks";
import { ComparisonData, ComparisonParams } from "./comparisonTypes";
import { addChart, addTable, setColumnWidths, writeBlock } from "./excelWriter";
import {
  COMPARISON_BLOCK_NAME,
  EtfComparisonPlan,
  etfComparisonPlan,
  parseComparisonParams,
  writtenParts,
} from "./etfComparisonPlan";
import { InsertResult, insertIntoNewSheet } from "./newSheetInsert";
import { nextFreeTableName } from "./sheetNames";

export const SUMMARY_TABLE_BASE = "ETFSummary";
export const GROWTH_TABLE_BASE = "ETFGrowth";
const CHART_PREFIX = "AICHAIN ";

/** Writes every part of a plan; the caller owns the batch. */
function writeComparison(sheet: Excel.Worksheet, plan: EtfComparisonPlan): void {
  writeBlock(sheet, plan.params);
  sheet.getRange(rectAddress({ ...plan.params.rect, rows: 1, cols: 1 })).format.font.bold = true;
  writeBlock(sheet, plan.summary);
  writeBlock(sheet, plan.growth);
  addTable(sheet, plan.tables.summary);
  addTable(sheet, plan.tables.growth);
  addChart(sheet, plan.charts.growth);
  addChart(sheet, plan.charts.returns);
  sheet.names.add(COMPARISON_BLOCK_NAME, sheet.getRange(rectAddress(plan.extent)), "AICHAIN comparison (Refresh rewrites these cells)");
}

export async function insertEtfComparisonSheet(
  context: Excel.RequestContext,
  data: ComparisonData,
): Promise<InsertResult> {
  return insertIntoNewSheet(context, "ETF Comparison", (sheet, names) => {
    const summaryTable = nextFreeTableName(SUMMARY_TABLE_BASE, names.tableNames);
    const growthTable = nextFreeTableName(GROWTH_TABLE_BASE, [...names.tableNames, summaryTable]);
    const plan = etfComparisonPlan(data, { summaryTable, growthTable });
    writeComparison(sheet, plan);
    setColumnWidths(sheet, plan.extent, plan.columnWidths);
    sheet.freezePanes.freezeRows(1);
  });
}

export interface RefreshResult {
  sheetName: string;
  syncs: number;
  params: ComparisonParams;
}

function hasBaseName(name: string, base: string): boolean {
  return new RegExp(`^${base}\\d*$`, "i").test(name);
}

function isBlankCell(v: unknown): boolean {
  return v === "" || v === null || v === undefined;
}

function isBlank(values: unknown[][]): boolean {
  return values.every((row) => row.every(isBlankCell));
}

/**
 * The smallest rectangle around the cells of `target` that lie in `block` outside every one of
 * `own` and hold something (per `values`, the block's cells), or null when there are none.
 */
function occupiedOutside(values: unknown[][], block: CellRect, own: CellRect[], target: CellRect): CellRect | null {
  const hits: CellRect[] = [];
  for (let r = Math.max(target.row, block.row); r < Math.min(target.row + target.rows, block.row + block.rows); r++) {
    for (let c = Math.max(target.col, block.col); c < Math.min(target.col + target.cols, block.col + block.cols); c++) {
      const cell = { row: r, col: c, rows: 1, cols: 1 };
      if (!own.some((part) => rectContains(part, cell)) && !isBlankCell(values[r - block.row]?.[c - block.col])) hits.push(cell);
    }
  }
  return hits.length > 0 ? boundingRect(hits) : null;
}

/**
 * Refreshes the comparison on the active sheet: reads its parameters, fetches fresh data through
 * `load`, and rewrites the cells it wrote before, leaving whatever the analyst typed in the
 * block's empty space. Its own tables are the ones lying inside those cells (whatever they are
 * called now). A table reaching into them from elsewhere, or content in cells the new comparison
 * needs that are not its own, stops the refresh: nothing is written.
 *  sync 1 reads the block, its parameters and the names in use,
 *  sync 2 (after the data has loaded) reads where the sheet's tables are and the extra cells,
 *  sync 3 writes everything with calculation suspended.
 */
export async function refreshEtfComparisonSheet(
  context: Excel.RequestContext,
  load: (params: ComparisonParams) => Promise<ComparisonData>,
): Promise<RefreshResult> {
  let syncs = 0;
  const sheet = context.workbook.worksheets.getActiveWorksheet();
  sheet.load("name");
  const named = sheet.names.getItemOrNullObject(COMPARISON_BLOCK_NAME);
  named.load("isNullObject");
  const block = named.getRangeOrNullObject();
  block.load("isNullObject,address,values");
  sheet.tables.load("items/name");
  sheet.charts.load("items/name");
  const workbookTables = context.workbook.tables;
  workbookTables.load("items/name");
  const definedNames = context.workbook.names;
  definedNames.load("items/name");
  await context.sync();
  syncs++;
  if (named.isNullObject || block.isNullObject) {
    throw new Error(`The active sheet "${sheet.name}" has no AICHAIN comparison to refresh. Insert one first.`);
  }
  // The block's name follows its cells; if they were cut to another sheet, this sheet's cells
  // at the old address are no longer the comparison's and must not be touched.
  const blockSheet = addressSheetName(block.address);
  if (blockSheet !== null && blockSheet.toLowerCase() !== sheet.name.toLowerCase()) {
    throw new Error(
      `The comparison of "${sheet.name}" was moved to the sheet "${blockSheet}". Refresh it there, or insert a new comparison.`,
    );
  }
  const oldRect: CellRect = parseAddress(block.address);
  const params = parseComparisonParams(
    block.values.slice(0, 9).map((row) => row.slice(0, 2)),
    fromExcelSerial,
  );
  const oldParts = writtenParts(block.values, oldRect);
  if (!oldParts) {
    throw new Error(
      `The comparison on "${sheet.name}" was rearranged (its summary or growth table is not where it was). Insert a new comparison.`,
    );
  }

  const data = await load(params);
  // Table names are settled below; the layout does not depend on them.
  const layout = etfComparisonPlan(data, { anchor: { row: oldRect.row, col: oldRect.col }, summaryTable: "_", growthTable: "_" });

  const tables = sheet.tables.items.map((table) => {
    const range = table.getRange();
    range.load("address");
    return { table, range };
  });
  const growth = rectGrowth(oldRect, layout.extent);
  const extra = growth.map((rect) => {
    const range = sheet.getRange(rectAddress(rect));
    range.load("values");
    return range;
  });
  await context.sync();
  syncs++;

  const newParts = [layout.params.rect, layout.summary.rect, layout.growth.rect];
  const own: Excel.Table[] = [];
  for (const { table, range } of tables) {
    const rect = parseAddress(range.address);
    if (oldParts.some((part) => rectContains(part, rect))) own.push(table);
    else if ([...oldParts, ...newParts].some((part) => rectsIntersect(rect, part))) {
      throw new Error(
        `The table "${table.name}" (${rectAddress(rect)}) reaches into the comparison's cells. ` +
          "Resize or move it, or insert a new comparison.",
      );
    }
  }
  const inBlock = newParts.map((part) => occupiedOutside(block.values, oldRect, oldParts, part)).filter((r) => r !== null);
  if (inBlock.length > 0 || !extra.every((range) => isBlank(range.values))) {
    const cells = inBlock.length > 0 ? inBlock : growth;
    throw new Error(
      `The refreshed comparison needs cells ${cells.map(rectAddress).join(", ")}, which are not empty. ` +
        "Clear them or insert a new comparison.",
    );
  }
  const ownNames = own.map((t) => t.name);
  const taken = [...workbookTables.items.map((t) => t.name), ...definedNames.items.map((n) => n.name)];
  const summaryTable =
    ownNames.find((n) => hasBaseName(n, SUMMARY_TABLE_BASE)) ?? nextFreeTableName(SUMMARY_TABLE_BASE, taken);
  const growthTable =
    ownNames.find((n) => hasBaseName(n, GROWTH_TABLE_BASE)) ?? nextFreeTableName(GROWTH_TABLE_BASE, [...taken, summaryTable]);
  const plan: EtfComparisonPlan = {
    ...layout,
    tables: {
      summary: { ...layout.tables.summary, name: summaryTable },
      growth: { ...layout.tables.growth, name: growthTable },
    },
  };

  context.application.suspendApiCalculationUntilNextSync();
  for (const table of own) table.delete();
  for (const chart of sheet.charts.items) if (chart.name.startsWith(CHART_PREFIX)) chart.delete();
  named.delete();
  for (const part of oldParts) sheet.getRange(rectAddress(part)).clear("All");
  writeComparison(sheet, plan);
  await context.sync();
  syncs++;
  return { sheetName: sheet.name, syncs, params: data.params };
}
