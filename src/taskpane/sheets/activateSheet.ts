/** Takes the analyst to a sheet the pane wrote ("Go to sheet"). */
export async function activateSheet(context: Excel.RequestContext, sheetName: string): Promise<void> {
  try {
    context.workbook.worksheets.getItem(sheetName).activate();
    await context.sync();
  } catch {
    // Renamed or deleted since: say which sheet, not Excel's "ItemNotFound".
    throw new Error(`The sheet "${sheetName}" is no longer in the workbook.`);
  }
}
