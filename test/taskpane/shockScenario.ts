/** A DeepSeek shock study inserted on the fake workbook, ready for Refresh tests. */
import type { DailyBar } from "../../src/market";
import {
  DEFAULT_SHOCK_PARAMS,
  loadShockData,
  type ShockClient,
  type ShockParams,
} from "../../src/taskpane/data/deepSeekShockData";
import { insertDeepSeekShockSheet, refreshDeepSeekShockSheet } from "../../src/taskpane/sheets/deepSeekShockSheet";
import { barsFromReturns, tradingDays, wiggle } from "../market/eventSeries";
import { FakeContext } from "./fakeExcel";

const DATES = tradingDays("2024-01-02", 300);
const E = DATES.indexOf("2025-01-27");
const QQQ = wiggle(5, DATES.length - 1);
const SOXX = wiggle(11, DATES.length - 1);
const model = (beta: number, shock: number) => QQQ.map((rb, i) => 0.0002 + beta * rb + (i + 1 === E ? shock : 0));
/**
 * QQQ moves by a fixed uneven pattern; NVDA (0.0002 + 1.8 x QQQ, -10 % on 2025-01-27) and AMD
 * (1.4 x QQQ, -4 %) are exact market models plus a shock.
 */
export const MODEL_SERIES: Record<string, DailyBar[]> = {
  QQQ: barsFromReturns(DATES, QQQ),
  NVDA: barsFromReturns(DATES, model(1.8, -0.1)),
  AMD: barsFromReturns(DATES, model(1.4, -0.04)),
};
/** MODEL_SERIES, SOXX (its own pattern) and META (Technical Layer: 0.9 x QQQ, +2 %). */
export const SHOCK_SERIES: Record<string, DailyBar[]> = {
  ...MODEL_SERIES,
  SOXX: barsFromReturns(DATES, SOXX),
  META: barsFromReturns(DATES, model(0.9, 0.02)),
};

/** A client answering from `series`; any other symbol is unknown. */
export function seriesClient(series: Record<string, DailyBar[]>): ShockClient {
  return {
    history: (symbol) =>
      series[symbol] ? Promise.resolve({ bars: series[symbol] }) : Promise.reject(new Error(`Unknown symbol ${symbol}`)),
  };
}
export const shockClient = seriesClient(SHOCK_SERIES);
export const BASIC_ONLY: ShockParams = { ...DEFAULT_SHOCK_PARAMS, layers: [1] };
export const SHOCK_SHEET = "DeepSeek Shock";

const ctxOf = (fake: FakeContext) => fake as unknown as Excel.RequestContext;

/** A study of `params` inserted on a new sheet (active afterwards); the recorders start afresh after it. */
export async function insertedShock(params: ShockParams = BASIC_ONLY, opts: { canResize?: boolean } = {}) {
  const fake = new FakeContext(["Sheet1"]);
  const canResize = opts.canResize ?? true;
  fake.resizeSupported = canResize;
  await insertDeepSeekShockSheet(ctxOf(fake), await loadShockData(shockClient, params), { canResize });
  const sheet = fake.workbook.sheet(SHOCK_SHEET)!;
  fake.writes.length = 0;
  fake.ops.length = 0;
  fake.syncCount = 0;
  return { fake, sheet };
}

/** Refresh as the pane does it, recording the parameters read back from the sheet. */
export async function refreshShock(fake: FakeContext, opts: { canResize?: boolean } = {}) {
  const asked: ShockParams[] = [];
  const result = await refreshDeepSeekShockSheet(
    ctxOf(fake),
    (params) => (asked.push(params), loadShockData(shockClient, params)),
    { canResize: opts.canResize ?? true },
  );
  return { ...result, asked };
}
