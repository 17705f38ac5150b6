/**
 * Writes an ETF comparison into a new worksheet, and refreshes one in place. The comparison's
 * cells are marked by a worksheet-scoped name (COMPARISON_BLOCK_NAME) whose comment records the
 * rectangles it wrote and whose first rows hold its parameters, so Refresh reads what to fetch
 * from the sheet itself and rewrites only those rectangles (see blockRefresh.ts).
 */
import { fromExcelSerial } from "../../market";
import { rectAddress } from "./a1";
import { refreshBlock } from "./blockRefresh";
import { ComparisonData, ComparisonParams } from "./comparisonTypes";
import { setColumnWidth } from "./excelWriter";
import {
  COMPARISON_BLOCK_NAME,
  EtfComparisonPlan,
  comparisonCharts,
  etfComparisonPlan,
  parseComparisonParams,
} from "./etfComparisonPlan";
import { InsertResult, insertIntoNewSheet } from "./newSheetInsert";
import { NOTHING_EXISTS, tableResizeSupported, writeLayout } from "./sheetLayout";

export { GROWTH_TABLE_BASE, SUMMARY_TABLE_BASE } from "./etfComparisonPlan";

export interface ComparisonInsertResult extends InsertResult {
  /** For the pane: funds left out, one line each ("3033.HK: no 3033.HK.csv in the CSV folder"). */
  messages: string[];
}

/** Lines the pane shows beside a successful insert or refresh. */
export function partialResultMessages(data: ComparisonData): string[] {
  const lines = data.leftOut.map((f) => `${f.symbol} was left out: ${f.reason}`);
  return data.growthNote ? [...lines, data.growthNote.replace(/\.$/, "")] : lines;
}

function placeSheetExtras(sheet: Excel.Worksheet, plan: EtfComparisonPlan): void {
  for (const { col, width } of plan.columnWidths) {
    setColumnWidth(sheet, { row: plan.select.row, col, rows: 1 }, width);
  }
  sheet.freezePanes.freezeRows(plan.freezeRows);
  sheet.getRange(rectAddress(plan.select)).select();
}

export async function insertEtfComparisonSheet(
  context: Excel.RequestContext,
  data: ComparisonData,
  opts: { canResize?: boolean } = {},
): Promise<ComparisonInsertResult> {
  const plan = etfComparisonPlan(data);
  const result = await insertIntoNewSheet(context, plan.sheetBase, (sheet, names) => {
    writeLayout(sheet, plan.layout, {
      ...NOTHING_EXISTS,
      takenNames: names.tableNames,
      canResize: opts.canResize ?? tableResizeSupported(),
    });
    placeSheetExtras(sheet, plan);
  });
  return { ...result, messages: partialResultMessages(data) };
}

export interface RefreshResult {
  sheetName: string;
  syncs: number;
  params: ComparisonParams;
  messages: string[];
}

/**
 * Refreshes the comparison on the active sheet in place: its tables keep their ids and the names
 * the analyst gave them, its charts keep theirs, and nothing outside its recorded cells changes.
 */
export async function refreshEtfComparisonSheet(
  context: Excel.RequestContext,
  load: (params: ComparisonParams) => Promise<ComparisonData>,
  opts: { canResize?: boolean } = {},
): Promise<RefreshResult> {
  const result = await refreshBlock(context, {
    blockName: COMPARISON_BLOCK_NAME,
    what: "comparison",
    readParams: (values) => parseComparisonParams(values, fromExcelSerial),
    load,
    layout: (data, anchor) => etfComparisonPlan(data, anchor).layout,
    chartsFor: (parts) => comparisonCharts(parts, { growth: "", returns: "" }),
    canResize: opts.canResize ?? tableResizeSupported(),
  });
  return {
    sheetName: result.sheetName,
    syncs: result.syncs,
    params: result.data.params,
    messages: partialResultMessages(result.data),
  };
}
