/**
 * A failure at any step of the DeepSeek shock Refresh's write batch leaves the workbook exactly as
 * it was, and the next Refresh finds the study and gives what a clean one gives. Each scenario is
 * run once cleanly to list the operations of its write batch; then once per operation with a
 * failure injected there, and once with the writing sync itself failing. ROLLBACK_REPORT=1 prints
 * how many cases ran and held.
 */
import type { ShockParams } from "../../src/taskpane/data/deepSeekShockData";
import { FakeContext, FakeWorksheet } from "./fakeExcel";
import { loadShockData } from "../../src/taskpane/data/deepSeekShockData";
import { insertDeepSeekShockSheet } from "../../src/taskpane/sheets/deepSeekShockSheet";
import { BASIC_ONLY, SHOCK_SHEET, insertedShock, refreshShock, shockClient } from "./shockScenario";
import { rollbackCases } from "./rollbackCases";

interface Scenario {
  label: string;
  insert: ShockParams;
  canResize: boolean;
  /** What the analyst did before pressing Refresh. */
  prepare: (fake: FakeContext, sheet: FakeWorksheet) => void | Promise<void>;
}

const notesAndName = (sheet: FakeWorksheet) => {
  sheet.seed("Q20:Q20", [["note between the tables"]]);
  sheet.seed("C3:C3", [["why this benchmark"]]);
  sheet.tableList[1].name = "MyLayers";
};
const withAnalystWork = (fake: FakeContext, sheet: FakeWorksheet) => {
  fake.workbook.sheet("Sheet1")!.seedFormula("A1:A1", "=MAX(ShockCompanies[Beta])", 1.8);
  notesAndName(sheet);
};

const scenarios: Scenario[] = [
  {
    label: "another benchmark (same size)",
    insert: BASIC_ONLY,
    canResize: true,
    prepare: (f, s) => (withAnalystWork(f, s), s.seed("B3:B3", [["SOXX"]])),
  },
  {
    label: "a layer added (both tables grow)",
    insert: BASIC_ONLY,
    canResize: true,
    prepare: (f, s) => (withAnalystWork(f, s), s.seed("B8:B8", [["Basic Layer, Technical Layer"]])),
  },
  {
    label: "a layer taken out (both tables shrink)",
    insert: { ...BASIC_ONLY, layers: [1, 2] },
    canResize: true,
    prepare: (f, s) => (withAnalystWork(f, s), s.seed("B8:B8", [["Technical Layer"]])),
  },
  {
    label: "refreshed from another sheet (the latest study), a layer added",
    insert: BASIC_ONLY,
    canResize: true,
    prepare: (f, s) => {
      withAnalystWork(f, s);
      s.seed("B8:B8", [["Basic Layer, Technical Layer"]]);
      f.workbook.activeSheet = f.workbook.sheet("Sheet1")!;
    },
  },
  {
    // The latest mark moves from the second study to this one; a failed write must put it back.
    label: "a second study inserted later, this one refreshed on its own sheet",
    insert: BASIC_ONLY,
    canResize: true,
    prepare: async (f, s) => {
      await insertDeepSeekShockSheet(f as unknown as Excel.RequestContext, await loadShockData(shockClient, BASIC_ONLY), {
        canResize: true,
      });
      f.workbook.activeSheet = s;
      withAnalystWork(f, s);
      s.seed("B3:B3", [["SOXX"]]);
    },
  },
  {
    // A formula naming a table that is made anew shows #REF! on such Excel (docs/taskpane.md), so none here.
    label: "older Excel without Table.resize, a layer added",
    insert: BASIC_ONLY,
    canResize: false,
    prepare: (_f, s) => (notesAndName(s), s.seed("B8:B8", [["Basic Layer, Technical Layer"]])),
  },
];

async function setUp(s: Scenario) {
  const { fake, sheet } = await insertedShock(s.insert, { canResize: s.canResize });
  await s.prepare(fake, sheet);
  return { fake, sheet };
}

const report: string[] = [];

describe.each(scenarios)("DeepSeek shock Refresh rolls back: $label", (scenario) => {
  it("at every operation of its write batch and at the writing sync", async () => {
    const { cases, held, broken } = await rollbackCases({
      setUp: async () => (await setUp(scenario)).fake,
      refresh: (fake) => refreshShock(fake, { canResize: scenario.canResize }),
      syncs: 3,
      canResize: scenario.canResize,
      // The study is still found by the next Refresh.
      stillFound: (fake) => fake.workbook.sheet(SHOCK_SHEET) !== undefined,
    });
    report.push(`${scenario.label}: ${held} of ${cases} held`);
    expect(broken).toEqual([]);
    expect(cases).toBeGreaterThan(20);
  });
});

afterAll(() => {
  if (process.env.ROLLBACK_REPORT) console.log(report.join("\n"));
});
