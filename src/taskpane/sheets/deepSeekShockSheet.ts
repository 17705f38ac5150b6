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
import { SHOCK_BLOCK_NAME, SHOCK_LATEST_NAME, deepSeekShockPlan, shockCharts } from "./deepSeekShockPlan";
import { parseShockParams } from "./deepSeekShockParams";
import { InsertResult, insertIntoNewSheet } from "./newSheetInsert";
import { NOTHING_EXISTS, markLatest, tableResizeSupported, writeLayout } from "./sheetLayout";

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
    const defined = context.workbook.names;
    const hadLatest = names.tableNames.some((n) => n.toLowerCase() === SHOCK_LATEST_NAME.toLowerCase());
    const previous = hadLatest ? defined.getItemOrNullObject(SHOCK_LATEST_NAME) : null;
    markLatest(defined, SHOCK_LATEST_NAME, sheet, plan.layout, previous);
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
  /** True when the study found from elsewhere was the one inserted or refreshed last (else the first in the workbook). */
  latest: boolean;
  /** Other sheets holding a study (each is refreshed from its own sheet). */
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
    latestName: SHOCK_LATEST_NAME,
  });
}

/**
 * Refreshes the study on the active sheet; when that sheet holds none, the study inserted or
 * refreshed last, found in the same first read (three syncs from anywhere), and shows its sheet.
 * Studies made before that mark existed are found by listing the sheets (three more reads).
 */
export async function refreshDeepSeekShockSheet(
  context: Excel.RequestContext,
  load: (params: ShockParams) => Promise<ShockData>,
  opts: { canResize?: boolean } = {},
): Promise<ShockRefreshResult> {
  const canResize = opts.canResize ?? tableResizeSupported();
  try {
    const result = await refreshOn(context, load, canResize);
    return { ...result, latest: result.foundElsewhere, alsoOn: result.otherSheets };
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
      latest: false,
      alsoOn: found.sheetNames.slice(1),
    };
  }
}
