/**
 * Inserting into a new worksheet without ever risking the user's work:
 *  sync 1 reads the existing sheet and table names (so the new ones are free),
 *  sync 2 adds the sheet and learns its id,
 *  sync 3 writes everything in one batch with calculation suspended.
 * If anything fails after the sheet exists, the sheet is deleted by id, never by name, so a
 * sheet the user made meanwhile under that name is safe.
 */
import { nextFreeSheetName } from "./sheetNames";

export interface NewSheetNames {
  sheetName: string;
  /**
   * Names a new table may not take: every table's and every workbook-level defined name's
   * (tables and defined names share one namespace in Excel).
   */
  tableNames: string[];
}

export interface InsertResult {
  sheetName: string;
  syncs: number;
}

/** Guards against reading a property that was never loaded (Excel throws; mocks return a message). */
function loadedNames(items: { name: string }[]): string[] {
  return items.map((item) => {
    if (typeof item.name !== "string" || item.name.startsWith("Error, ")) {
      throw new Error("Could not read the workbook's sheet names.");
    }
    return item.name;
  });
}

export async function insertIntoNewSheet(
  context: Excel.RequestContext,
  base: string,
  write: (sheet: Excel.Worksheet, names: NewSheetNames) => void,
): Promise<InsertResult> {
  let syncs = 0;
  const sheets = context.workbook.worksheets;
  sheets.load("items/name");
  const tables = context.workbook.tables;
  tables.load("items/name");
  const definedNames = context.workbook.names;
  definedNames.load("items/name");
  await context.sync();
  syncs++;
  const sheetName = nextFreeSheetName(base, loadedNames(sheets.items));
  const tableNames = [...loadedNames(tables.items), ...loadedNames(definedNames.items)];

  const sheet = sheets.add(sheetName);
  sheet.load("id");
  await context.sync();
  syncs++;
  const sheetId = sheet.id;

  try {
    context.application.suspendApiCalculationUntilNextSync();
    write(sheet, { sheetName, tableNames });
    sheet.activate();
    await context.sync();
    syncs++;
  } catch (err) {
    try {
      context.workbook.worksheets.getItem(sheetId).delete();
      await context.sync();
    } catch {
      // The original failure is the one worth reporting.
    }
    throw err;
  }
  return { sheetName, syncs };
}
