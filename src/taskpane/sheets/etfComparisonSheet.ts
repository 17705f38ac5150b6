/**
 * Writes an ETF comparison into a new worksheet, and refreshes one in place.
 * The comparison's cells are marked by a worksheet-scoped name (COMPARISON_BLOCK_NAME) whose
 * first rows hold its parameters, so Refresh reads what to fetch from the sheet itself and
 * rewrites only that block.
 */
import { fromExcelSerial } from "../../market";
import { CellRect, parseAddress, rectAddress, rectGrowth } from "./a1";
import { ComparisonData, ComparisonParams } from "./comparisonTypes";
import { addChart, addTable, setColumnWidths, writeBlock } from "./excelWriter";
import { COMPARISON_BLOCK_NAME, EtfComparisonPlan, etfComparisonPlan, parseComparisonParams } from "./etfComparisonPlan";
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

function isOwnTable(name: string): boolean {
  return new RegExp(`^(${SUMMARY_TABLE_BASE}|${GROWTH_TABLE_BASE})\\d*$`, "i").test(name);
}

function isBlank(values: unknown[][]): boolean {
  return values.every((row) => row.every((v) => v === "" || v === null || v === undefined));
}

/**
 * Refreshes the comparison on the active sheet: reads its parameters, fetches fresh data through
 * `load`, and rewrites its block. If the new block is larger than the old one (more dates), the
 * extra cells must be empty, otherwise nothing is written.
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
  await context.sync();
  syncs++;
  if (named.isNullObject || block.isNullObject) {
    throw new Error(`The active sheet "${sheet.name}" has no AICHAIN comparison to refresh. Insert one first.`);
  }
  const oldRect: CellRect = parseAddress(block.address);
  const params = parseComparisonParams(
    block.values.slice(0, 9).map((row) => row.slice(0, 2)),
    fromExcelSerial,
  );

  const data = await load(params);
  const ownTables = sheet.tables.items.filter((t) => isOwnTable(t.name));
  const summaryTable = ownTables.find((t) => t.name.toLowerCase().startsWith(SUMMARY_TABLE_BASE.toLowerCase()))?.name;
  const growthTable = ownTables.find((t) => t.name.toLowerCase().startsWith(GROWTH_TABLE_BASE.toLowerCase()))?.name;
  const plan = etfComparisonPlan(data, {
    anchor: { row: oldRect.row, col: oldRect.col },
    summaryTable: summaryTable ?? `${SUMMARY_TABLE_BASE}_${Date.now()}`,
    growthTable: growthTable ?? `${GROWTH_TABLE_BASE}_${Date.now()}`,
  });

  const growth = rectGrowth(oldRect, plan.extent);
  if (growth.length > 0) {
    const extra = growth.map((rect) => {
      const range = sheet.getRange(rectAddress(rect));
      range.load("values");
      return range;
    });
    await context.sync();
    syncs++;
    if (!extra.every((range) => isBlank(range.values))) {
      throw new Error(
        `The refreshed comparison needs cells ${growth.map(rectAddress).join(", ")}, which are not empty. ` +
          "Clear them or insert a new comparison.",
      );
    }
  }

  context.application.suspendApiCalculationUntilNextSync();
  for (const table of ownTables) table.delete();
  for (const chart of sheet.charts.items) if (chart.name.startsWith(CHART_PREFIX)) chart.delete();
  named.delete();
  sheet.getRange(rectAddress(oldRect)).clear("All");
  writeComparison(sheet, plan);
  await context.sync();
  syncs++;
  return { sheetName: sheet.name, syncs, params };
}
