/** Writes the value-chain plan into a new worksheet as a formatted Excel table. */
import { addFill, addTable, setColumnWidths, writeBlock } from "./excelWriter";
import { InsertResult, insertIntoNewSheet } from "./newSheetInsert";
import { nextFreeTableName } from "./sheetNames";
import { ValueChainPlan } from "./valueChainPlan";

export async function insertValueChainSheet(context: Excel.RequestContext, plan: ValueChainPlan): Promise<InsertResult> {
  return insertIntoNewSheet(context, plan.sheetBase, (sheet, names) => {
    writeBlock(sheet, plan.body);
    const table = addTable(sheet, { ...plan.table, name: nextFreeTableName(plan.table.name, names.tableNames) });
    table.getHeaderRowRange().format.font.bold = true;
    for (const fill of plan.fills) addFill(sheet, fill);
    const footer = writeBlock(sheet, plan.footer);
    footer.format.font.italic = true;
    setColumnWidths(sheet, plan.extent, plan.columnWidths);
    sheet.freezePanes.freezeRows(plan.freezeRows);
  });
}
