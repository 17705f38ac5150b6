/** A comparison inserted on the fake workbook, ready for Refresh tests. */
import { loadComparisonData } from "../../src/taskpane/data/comparisonData";
import { insertEtfComparisonSheet, refreshEtfComparisonSheet } from "../../src/taskpane/sheets/etfComparisonSheet";
import { ComparisonData, ComparisonParams } from "../../src/taskpane/sheets/comparisonTypes";
import { FakeContext } from "./fakeExcel";
import { fixtureClient } from "./marketFixture";

const ctxOf = (fake: FakeContext) => fake as unknown as Excel.RequestContext;
export const params: ComparisonParams = {
  symbols: ["AAA", "BBB", "CCC.HK"],
  start: "2023-01-01",
  end: null,
  kind: "total",
  interval: "daily",
};

export function load(today: string) {
  return (p: ComparisonParams): Promise<ComparisonData> => loadComparisonData(p, fixtureClient().client, { today });
}

/** A comparison inserted on 2023-02-03 (latest data); the recorders start afresh after it. */
export async function inserted(p: ComparisonParams = params, opts: { canResize?: boolean } = {}) {
  const fake = new FakeContext(["Sheet1"]);
  const canResize = opts.canResize ?? true;
  fake.resizeSupported = canResize;
  await insertEtfComparisonSheet(ctxOf(fake), await load("2023-02-03")(p), { canResize });
  const sheet = fake.workbook.sheet("ETF Comparison")!;
  fake.writes.length = 0;
  fake.ops.length = 0;
  fake.syncCount = 0;
  return { fake, sheet };
}

export function refresh(fake: FakeContext, today = "2023-02-06", opts: { canResize?: boolean } = {}) {
  return refreshEtfComparisonSheet(ctxOf(fake), load(today), { canResize: opts.canResize ?? true });
}
