/**
 * Writes the "DeepSeek shock" event study into a new worksheet: three syncs (names, the new
 * sheet, everything else in one batch), nothing outside the planned block, and the new sheet
 * deleted by id if the write fails (see newSheetInsert.ts).
 */
import type { ShockData } from "../data/deepSeekShockData";
import { rectAddress } from "./a1";
import { deepSeekShockPlan } from "./deepSeekShockPlan";
import { InsertResult, insertIntoNewSheet } from "./newSheetInsert";
import { NOTHING_EXISTS, tableResizeSupported, writeLayout } from "./sheetLayout";

export async function insertDeepSeekShockSheet(context: Excel.RequestContext, data: ShockData): Promise<InsertResult> {
  const plan = deepSeekShockPlan(data);
  return insertIntoNewSheet(context, plan.sheetBase, (sheet, names) => {
    writeLayout(sheet, plan.layout, { ...NOTHING_EXISTS, takenNames: names.tableNames, canResize: tableResizeSupported() });
    sheet.getRange(rectAddress(plan.select)).select();
  });
}
