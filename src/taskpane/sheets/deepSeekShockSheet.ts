/**
 * Writes the "DeepSeek shock" event study into a new worksheet (three syncs, nothing outside the
 * planned block, the new sheet deleted by id if the write fails: see newSheetInsert.ts), and
 * refreshes one in place with the same rules as the ETF comparison (see blockRefresh.ts): the
 * parameters are read back from the sheet, only the block's recorded cells are rewritten, its
 * tables keep their ids and names, its charts their place, and a failed write is undone.
 */
import { fromExcelSerial } from "../../market";
import type { ShockData, ShockParams } from "../data/deepSeekShockData";
import { rectAddress } from "./a1";
import { NoBlockError, refreshBlock, sheetsWithBlock } from "./blockRefresh";
import { SHOCK_BLOCK_NAME, deepSeekShockPlan, shockCharts } from "./deepSeekShockPlan";
import { parseShockParams } from "./deepSeekShockParams";
import { InsertResult, insertIntoNewSheet } from "./newSheetInsert";
import { NOTHING_EXISTS, tableResizeSupported, writeLayout } from "./sheetLayout";

export async function insertDeepSeekShockSheet(
  context: Excel.RequestContext,
  data: ShockData,
  opts: { canResize?: boolean } = {},
): Promise<InsertResult> {
  const plan = deepSeekShockPlan(data);
  return insertIntoNewSheet(context, plan.sheetBase, (sheet, names) => {
    writeLayout(sheet, plan.layout, {
      ...NOTHING_EXISTS,
      takenNames: names.tableNames,
      canResize: opts.canResize ?? tableResizeSupported(),
    });
    sheet.getRange(rectAddress(plan.select)).select();
  });
}

export interface ShockRefreshResult {
  sheetName: string;
  /** Syncs of the refresh itself, plus the reads that found the study when another sheet was active. */
  syncs: number;
  data: ShockData;
  /** True when the study was found on another sheet than the active one (that sheet is now shown). */
  foundElsewhere: boolean;
  /** Other sheets holding a study, when it was found from elsewhere (only the first is refreshed). */
  alsoOn: string[];
}

/** Refreshes the study on one sheet (default: the active one). */
function refreshOn(
  context: Excel.RequestContext,
  load: (params: ShockParams) => Promise<ShockData>,
  canResize: boolean,
  sheetName?: string,
) {
  return refreshBlock(context, {
    blockName: SHOCK_BLOCK_NAME,
    what: "DeepSeek shock study",
    readParams: (values) => parseShockParams(values, fromExcelSerial),
    load,
    layout: (data, anchor) => deepSeekShockPlan(data, anchor).layout,
    chartsFor: (parts) => shockCharts(parts, { companies: "", layers: "" }),
    canResize,
    sheetName,
  });
}

/**
 * Refreshes the study on the active sheet; when that sheet holds none, finds the sheet that does
 * (the only one, or the first of several) and refreshes it there, showing it.
 */
export async function refreshDeepSeekShockSheet(
  context: Excel.RequestContext,
  load: (params: ShockParams) => Promise<ShockData>,
  opts: { canResize?: boolean } = {},
): Promise<ShockRefreshResult> {
  const canResize = opts.canResize ?? tableResizeSupported();
  try {
    const result = await refreshOn(context, load, canResize);
    return { ...result, foundElsewhere: false, alsoOn: [] };
  } catch (err) {
    if (!(err instanceof NoBlockError)) throw err;
    const found = await sheetsWithBlock(context, SHOCK_BLOCK_NAME);
    if (found.sheetNames.length === 0) {
      throw new Error("This workbook has no AICHAIN DeepSeek shock study to refresh. Insert one first.");
    }
    const sheetName = found.sheetNames[0];
    // The activation rides on the refresh's first sync.
    context.workbook.worksheets.getItem(sheetName).activate();
    const result = await refreshOn(context, load, canResize, sheetName);
    return {
      ...result,
      syncs: err.syncs + found.syncs + result.syncs,
      foundElsewhere: true,
      alsoOn: found.sheetNames.slice(1),
    };
  }
}
