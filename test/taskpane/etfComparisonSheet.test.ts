import { loadComparisonData } from "../../src/taskpane/data/comparisonData";
import {
  COMPARISON_BLOCK_NAME,
  FIRST_SCREEN_POINTS,
  etfComparisonPlan,
  parseComparisonParams,
} from "../../src/taskpane/sheets/etfComparisonPlan";
import { insertEtfComparisonSheet } from "../../src/taskpane/sheets/etfComparisonSheet";
import { ComparisonData, ComparisonParams } from "../../src/taskpane/sheets/comparisonTypes";
import { decodeFootprint } from "../../src/taskpane/sheets/footprint";
import { fromExcelSerial, toExcelSerial } from "../../src/market";
import { FakeContext, parseRect } from "./fakeExcel";
import { params as scenarioParams } from "./comparisonScenario";
import { fixtureClient } from "./marketFixture";
import { writesElsewhere, writesOutside } from "./writeChecks";

const ctxOf = (fake: FakeContext) => fake as unknown as Excel.RequestContext;
/** The scenario's three fixture funds, with a fixed end date. */
const params: ComparisonParams = { ...scenarioParams, end: "2023-02-03" };

async function data(p: ComparisonParams = params, today = "2023-02-03"): Promise<ComparisonData> {
  return loadComparisonData(p, fixtureClient().client, { today });
}

/** The first screen at default widths: columns A-L (12 x 48 pt), rows 1-40. */
function insideFirstScreen(topLeft: string, bottomRight: string): boolean {
  const r = parseRect(`${topLeft}:${bottomRight}`);
  return r.col + r.cols <= 12 && r.row + r.rows <= 40;
}

describe("etfComparisonPlan", () => {
  it("lays out parameters with the charts beside them, the summary under them and the growth table to its right", async () => {
    const plan = etfComparisonPlan(await data());
    const { parts, charts } = plan.layout;
    expect(parts.params).toEqual(parseRect("A1:B13"));
    expect(parts.summary).toEqual(parseRect("A15:L18"));
    expect(parts.growth).toEqual(parseRect("N15:Q21"));
    for (const chart of charts) expect(insideFirstScreen(chart.position.topLeft, chart.position.bottomRight!)).toBe(true);
    expect(charts.map((c) => `${c.position.topLeft}:${c.position.bottomRight}`)).toEqual(["D1:H13", "I1:L13"]);
    expect(plan.freezeRows).toBe(15); // down to both tables' header row
    expect(plan.select).toEqual(parts.summary);
  });

  it("sizes the charts in points so they stay on a 1,366 px screen at the fitted widths, beside the parameter values", async () => {
    for (const d of [await data(), await data({ ...params, symbols: ["CCC.HK", "AAA"] })]) {
      const plan = etfComparisonPlan(d);
      const widthOf = (col: number) => plan.columnWidths.find((w) => w.col === col)?.width ?? 48;
      const paramsRight = widthOf(0) + widthOf(1) + widthOf(2);
      const [line, bar] = plan.layout.charts.map((c) => c.box!);
      expect(line.left).toBeGreaterThanOrEqual(paramsRight);
      expect(bar.left).toBeGreaterThanOrEqual(line.left + line.width);
      expect(bar.left + bar.width).toBeLessThanOrEqual(FIRST_SCREEN_POINTS);
      expect(line.top + line.height).toBeLessThanOrEqual(13 * 15); // beside the parameter rows, above the summary
      expect(line.width).toBeGreaterThanOrEqual(250);
    }
  });

  it("keeps the charts on the first screen and the header rows in place however many funds there are", async () => {
    const d = await data();
    const symbols = Array.from({ length: 20 }, (_, i) => `F${i}`);
    const many: ComparisonData = {
      ...d,
      params: { ...d.params, symbols },
      rows: symbols.map((symbol) => ({ ...d.rows[0], symbol })),
      growth: { dates: d.growth.dates, values: Object.fromEntries(symbols.map((s) => [s, d.growth.values.AAA])) },
    };
    const plan = etfComparisonPlan(many);
    expect(plan.layout.parts.growth).toEqual(parseRect("N15:AH21")); // Date and 20 funds
    expect(plan.layout.parts.summary.row).toBe(14);
    for (const chart of plan.layout.charts)
      expect(insideFirstScreen(chart.position.topLeft, chart.position.bottomRight!)).toBe(true);
  });

  it("sorts the bar chart largest return first, without a one-series legend, labelled in %", async () => {
    const plan = etfComparisonPlan(await data());
    const bar = plan.layout.charts[1];
    const summary = plan.layout.blocks[1].values!;
    expect(summary.slice(1).map((r) => r[0])).toEqual(["AAA", "BBB", "CCC.HK"]); // +50 %, +20 %, -20 %
    expect(bar).toMatchObject({
      legend: false,
      dataLabelFormat: "0.00%",
      reverseCategories: true,
      title: "Total return, 2022-12-30 to 2023-02-03",
    });
    expect(plan.layout.charts[0].title).toBe("Growth of 100, 2022-12-30 to 2023-02-03 (total return, daily)");
  });

  it("fits each table's columns to its header and content, with room for the filter button", async () => {
    const plan = etfComparisonPlan(await data());
    const width = (col: string) => plan.columnWidths.find((w) => w.col === parseRect(`${col}1`).col)!.width;
    // "CCC.HK (growth of 100)" is 22 characters; "Max drawdown" 12; "Alpha Semiconductor Fund" 24.
    expect(width("Q")).toBeGreaterThanOrEqual(22 * 6 + 16);
    expect(width("J")).toBeGreaterThanOrEqual(12 * 6 + 16);
    expect(width("B")).toBeGreaterThanOrEqual(24 * 6);
    expect(width("C")).toBeLessThan(width("B"));
    expect(plan.columnWidths.some((w) => w.col === parseRect("M1").col)).toBe(false); // the gap keeps Excel's width
    const growthFormats = plan.layout.blocks[2].numberFormat!;
    expect(growthFormats[1]).toEqual(["yyyy-mm-dd", "0.0", "0.0", "0.0"]);
  });

  it("round-trips its parameters through the sheet's cells", async () => {
    const plan = etfComparisonPlan(
      await data({ ...params, end: null, kind: "price", interval: "weekly", period: "full" }, "2023-02-06"),
    );
    const values = plan.layout.blocks[0].values as unknown[][];
    const back = parseComparisonParams(values, fromExcelSerial);
    expect(back).toEqual({ ...params, end: null, kind: "price", interval: "weekly", period: "full" });
    // A start date retyped by hand arrives as a serial number and still reads back.
    const retyped = values.map((r) => [...r]);
    retyped[2][1] = toExcelSerial("2023-01-01");
    expect(parseComparisonParams(retyped, fromExcelSerial).start).toBe("2023-01-01");
    retyped[6][1] = "sometimes";
    expect(() => parseComparisonParams(retyped, fromExcelSerial)).toThrow(/Period must be "shared" or "full period per fund"/);
  });

  it("refuses parameters that are not a comparison's", () => {
    expect(() => parseComparisonParams([["Something else"]], fromExcelSerial)).toThrow(/no AICHAIN comparison/);
    expect(() => parseComparisonParams("Error, property was not loaded" as unknown as unknown[][], fromExcelSerial)).toThrow(
      /no AICHAIN comparison/,
    );
  });
});

describe("insertEtfComparisonSheet", () => {
  it("writes the parameters, summary, growth table and charts on a new sheet", async () => {
    const fake = new FakeContext(["Sheet1"]);
    const result = await insertEtfComparisonSheet(ctxOf(fake), await data());
    expect(result.sheetName).toBe("ETF Comparison");
    expect(result.messages).toEqual([]);
    const sheet = fake.workbook.sheet("ETF Comparison")!;

    expect(sheet.valuesAt("A1:B13")).toEqual([
      ["AI ETF comparison", ""],
      ["Symbols", "AAA, BBB, CCC.HK"],
      ["Start", "2023-01-01"],
      ["End", "2023-02-03"],
      ["Return", "total"],
      ["Interval", "daily"],
      ["Period", "shared"],
      ["Compared", "2022-12-30 to 2023-02-03, the period every fund shares"],
      ["As of", "2023-02-03"],
      ["Fetched", "2023-02-03 21:30 UTC"],
      ["Data source", "AICHAIN data service (csv)"],
      ["Left out", "none"],
      ["Source", "Deepseek Overview: The AI Industry Value Chain & Best ETFs to Watch, TradingKey"],
    ]);
    expect(sheet.formatsAt("B3:B4").flat()).toEqual(["@", "@"]);

    const summary = sheet.valuesAt("A15:L18");
    expect(summary[0]).toEqual([
      "Symbol",
      "Name",
      "Currency",
      "First date",
      "Last date",
      "As of",
      "Return",
      "CAGR",
      "Volatility",
      "Max drawdown",
      "Expense ratio",
      "Note",
    ]);
    expect(summary[1].slice(0, 6)).toEqual(["AAA", "Alpha Semiconductor Fund", "USD", 44925, 44960, 44960]);
    expect(summary[1][6]).toBeCloseTo(0.5, 12);
    expect(summary[1][7]).toBe(""); // CAGR needs a year
    expect(summary[1][9]).toBeCloseTo(-0.1, 12);
    expect(summary[1][10]).toBe(0.0035);
    expect(summary[3][11]).toBe("HKD — not converted");
    expect(sheet.formatsAt("D16:K16")[0]).toEqual([
      "yyyy-mm-dd",
      "yyyy-mm-dd",
      "yyyy-mm-dd",
      "0.00%",
      "0.00%",
      "0.00%",
      "0.00%",
      "0.00%",
    ]);

    expect(sheet.valuesAt("N15:Q16")).toEqual([
      ["Date", "AAA (growth of 100)", "BBB (growth of 100)", "CCC.HK (growth of 100)"],
      [44925, 100, 100, 100],
    ]);
    expect(sheet.valuesAt("N21:O21")).toEqual([[44960, 150]]);

    expect(sheet.tableList.map((t) => [t.nameNow, t.address])).toEqual([
      ["ETFSummary", "A15:L18"],
      ["ETFGrowth", "N15:Q21"],
    ]);
    const [line, bar] = sheet.chartList;
    expect(line.type).toBe("Line");
    expect(line.seriesList.map((s) => [s.name, s.valuesAddress, s.xAxisAddress])).toEqual([
      ["AAA (growth of 100)", "O16:O21", "N16:N21"],
      ["BBB (growth of 100)", "P16:P21", "N16:N21"],
      ["CCC.HK (growth of 100)", "Q16:Q21", "N16:N21"],
    ]);
    expect(bar.type).toBe("BarClustered");
    expect(bar.seriesList.map((s) => [s.name, s.valuesAddress, s.xAxisAddress])).toEqual([["Return", "G16:G18", "A16:A18"]]);
    expect(bar.legend.visible).toBe(false);
    expect(bar.axes.categoryAxis.reversePlotOrder).toBe(true);
    expect(bar.dataLabels).toEqual({ showValue: true, numberFormat: "0.00%" });

    const name = sheet.nameMap.get(COMPARISON_BLOCK_NAME.toLowerCase())!;
    expect(name.target).toEqual(parseRect("A1:Q21"));
    expect(decodeFootprint(name.commentText, parseRect("A1:Q21"))).toEqual({
      params: parseRect("A1:B13"),
      summary: parseRect("A15:L18"),
      growth: parseRect("N15:Q21"),
    });
    expect(sheet.frozenRows).toBe(15);
    expect(fake.ops.slice(-3)).toContain("range.select");
    expect(fake.workbook.activeSheet).toBe(sheet);
  });

  it("stays within three syncs, one 2-D write per block, nothing outside its block", async () => {
    const fake = new FakeContext(["Sheet1", "ETF Comparison"]);
    const result = await insertEtfComparisonSheet(ctxOf(fake), await data());
    expect(result.sheetName).toBe("ETF Comparison (2)");
    expect(fake.syncCount).toBe(3);
    expect(fake.suspendedBeforeSync).toEqual([3]);
    expect(fake.writes.filter((w) => w.kind === "values").map((w) => w.address)).toEqual(["A1:B13", "A15:L18", "N15:Q21"]);
    expect(writesElsewhere(fake, "ETF Comparison (2)")).toEqual([]);
    expect(writesOutside(fake, "ETF Comparison (2)", parseRect("A1:Q21"))).toEqual([]);
  });

  it("inserts the funds that have data and names the one left out, on the sheet and for the pane", async () => {
    const fake = new FakeContext(["Sheet1"]);
    const { client } = fixtureClient({ failing: { "CCC.HK": "no CCC.HK.csv in the CSV folder" } });
    const d = await loadComparisonData({ ...params, symbols: ["AAA", "CCC.HK", "BBB"] }, client, { today: "2023-02-03" });
    const result = await insertEtfComparisonSheet(ctxOf(fake), d);
    expect(result.messages).toEqual(["CCC.HK was left out: no CCC.HK.csv in the CSV folder"]);
    const sheet = fake.workbook.sheet("ETF Comparison")!;
    expect(sheet.valuesAt("A12:B12")).toEqual([["Left out", "CCC.HK: no CCC.HK.csv in the CSV folder"]]);
    expect(sheet.valuesAt("A16:A17").flat()).toEqual(["AAA", "BBB"]);
    expect(sheet.tableList.map((t) => t.address)).toEqual(["A15:L17", "N15:P21"]);
  });

  it("says on the sheet and to the pane when the growth table is coarser than asked", async () => {
    const fake = new FakeContext(["Sheet1"]);
    const d = await data();
    const note = "The growth table is weekly: daily would write 90,000 cells, more than the 60,000 one write carries safely.";
    const result = await insertEtfComparisonSheet(ctxOf(fake), { ...d, growthInterval: "weekly", growthNote: note });
    expect(result.messages).toEqual([note.replace(/\.$/, "")]);
    const sheet = fake.workbook.sheet("ETF Comparison")!;
    expect(sheet.valuesAt("B8:B8")[0][0]).toBe(`2022-12-30 to 2023-02-03, the period every fund shares. ${note}`);
    expect(sheet.valuesAt("B6:B6")[0][0]).toBe("daily"); // what was asked stays, so Refresh asks again
    expect(sheet.chartList[0].title.text).toMatch(/\(total return, weekly\)$/);
  });

  it("gives its tables free names when a defined name already uses one", async () => {
    const fake = new FakeContext(["Sheet1"]);
    fake.workbook.names.add("ETFSummary", fake.workbook.sheet("Sheet1")!.getRange("A1:A1"));
    await insertEtfComparisonSheet(ctxOf(fake), await data());
    expect(fake.workbook.sheet("ETF Comparison")!.tableList.map((t) => t.nameNow)).toEqual(["ETFSummary2", "ETFGrowth"]);
  });

  it.each([
    ["the second chart", { op: "charts.add", nth: 2 }],
    ["the block's name", { op: "names.add", nth: 1 }],
    ["the writing sync", { sync: 3 }],
  ])("leaves no half-built sheet when %s fails", async (_label, failure) => {
    const fake = new FakeContext(["Sheet1"]);
    fake.failure = failure;
    await expect(insertEtfComparisonSheet(ctxOf(fake), await data())).rejects.toThrow(/Injected failure/);
    expect(fake.workbook.sheetList.map((s) => s.nameNow)).toEqual(["Sheet1"]);
  });
});
