/**
 * A failure at any step of Refresh's write batch leaves the workbook exactly as it was, and the
 * next Refresh finds the comparison and succeeds. Each scenario is run once cleanly to list the
 * operations of its write batch; then once per operation with a failure injected there, and once
 * with the writing sync itself failing. ROLLBACK_REPORT=1 prints how many cases ran and held.
 */
import { ComparisonParams } from "../../src/taskpane/sheets/comparisonTypes";
import { FakeContext, FakeWorksheet } from "./fakeExcel";
import { inserted, params, refresh } from "./comparisonScenario";
import { rollbackCases } from "./rollbackCases";

interface Scenario {
  label: string;
  insert: ComparisonParams;
  canResize: boolean;
  today: string;
  /** What the analyst did before pressing Refresh. */
  prepare: (fake: FakeContext, sheet: FakeWorksheet) => void;
}

const withAnalystWork = (fake: FakeContext, sheet: FakeWorksheet) => {
  fake.workbook.sheet("Sheet1")!.seedFormula("A1:A1", "=MAX(ETFSummary[Return])", 0.5);
  sheet.seed("M15:M15", [["note beside the header"]]);
  sheet.tableList[1].name = "MyGrowth";
};

const scenarios: Scenario[] = [
  { label: "a new day (tables resized)", insert: params, canResize: true, today: "2023-02-06", prepare: withAnalystWork },
  {
    label: "monthly instead of daily (tables shrink)",
    insert: params,
    canResize: true,
    today: "2023-02-03",
    prepare: (f, s) => (withAnalystWork(f, s), s.seed("B6:B6", [["monthly"]])),
  },
  {
    label: "a fund added (both tables grow)",
    insert: { ...params, symbols: ["AAA", "CCC.HK"] },
    canResize: true,
    today: "2023-02-06",
    prepare: (_f, s) => s.seed("B2:B2", [["AAA, BBB, CCC.HK"]]),
  },
  { label: "older Excel without Table.resize", insert: params, canResize: false, today: "2023-02-06", prepare: withAnalystWork },
];

async function setUp(s: Scenario) {
  const { fake, sheet } = await inserted(s.insert, { canResize: s.canResize });
  s.prepare(fake, sheet);
  return { fake, sheet };
}

const report: string[] = [];

describe.each(scenarios)("Refresh rolls back: $label", (scenario) => {
  it("at every operation of its write batch and at the writing sync", async () => {
    const { cases, held, broken } = await rollbackCases({
      setUp: async () => (await setUp(scenario)).fake,
      refresh: (fake) => refresh(fake, scenario.today, { canResize: scenario.canResize }),
      syncs: 3,
      canResize: scenario.canResize,
    });
    report.push(`${scenario.label}: ${held} of ${cases} held`);
    expect(broken).toEqual([]);
    expect(cases).toBeGreaterThan(20);
  });
});

afterAll(() => {
  if (process.env.ROLLBACK_REPORT) console.log(report.join("\n"));
});
