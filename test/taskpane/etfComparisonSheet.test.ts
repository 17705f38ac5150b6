import { loadComparisonData } from "../../src/taskpane/data/comparisonData";
import { COMPARISON_BLOCK_NAME, etfComparisonPlan, parseComparisonParams } from "../../src/taskpane/sheets/etfComparisonPlan";
import { insertEtfComparisonSheet, refreshEtfComparisonSheet } from "../../src/taskpane/sheets/etfComparisonSheet";
import { ComparisonData, ComparisonParams } from "../../src/taskpane/sheets/comparisonTypes";
import { fromExcelSerial, toExcelSerial } from "../../src/market";
import { FakeContext, parseRect } from "./fakeExcel";
import { fixtureClient } from "./marketFixture";
import { writesElsewhere, writesOutside } from "./writeChecks";

const ctxOf = (fake: FakeContext) => fake as unknown as Excel.RequestContext;
const params: ComparisonParams = { symbols: ["AAA", "BBB", "CCC.HK"], start: "2023-01-01", end: "2023-02-03", kind: "total", interval: "daily" };

async function data(p: ComparisonParams = params, today = "2023-02-03"): Promise<ComparisonData> {
  return loadComparisonData(p, fixtureClient().client, { today });
}

describe("etfComparisonPlan", () => {
  it("lays out parameters, summary and growth one under the other, charts beside them", async () => {
    const plan = etfComparisonPlan(await data(), { summaryTable: "S", growthTable: "G" });
    expect(plan.params.rect).toEqual({ row: 0, col: 0, rows: 9, cols: 2 });
    expect(plan.summary.rect).toEqual({ row: 10, col: 0, rows: 4, cols: 11 });
    expect(plan.growth.rect).toEqual({ row: 15, col: 0, rows: 7, cols: 4 });
    expect(plan.extent).toEqual({ row: 0, col: 0, rows: 22, cols: 11 });
    expect(plan.charts.growth.position.topLeft).toBe("M1");
  });

  it("floats the charts beside the growth table, not over it, when many funds widen it", async () => {
    const d = await data();
    const symbols = Array.from({ length: 20 }, (_, i) => `F${i}`);
    const many: ComparisonData = {
      ...d,
      params: { ...d.params, symbols },
      rows: symbols.map((symbol) => ({ ...d.rows[0], symbol })),
      growth: { dates: d.growth.dates, values: Object.fromEntries(symbols.map((s) => [s, d.growth.values.AAA])) },
    };
    const plan = etfComparisonPlan(many, { summaryTable: "S", growthTable: "G" });
    expect(plan.extent.cols).toBe(21); // Date and 20 funds: A to U
    for (const chart of [plan.charts.growth, plan.charts.returns]) {
      expect(parseRect(`${chart.position.topLeft}:${chart.position.topLeft}`).col).toBeGreaterThan(20);
    }
  });

  it("round-trips its parameters through the sheet's cells", async () => {
    const plan = etfComparisonPlan(await data({ ...params, end: null, kind: "price", interval: "weekly" }, "2023-02-06"), { summaryTable: "S", growthTable: "G" });
    const back = parseComparisonParams(plan.params.values as unknown[][], fromExcelSerial);
    expect(back).toEqual({ ...params, end: null, kind: "price", interval: "weekly" });
    // A start date retyped by hand arrives as a serial number and still reads back.
    const retyped = (plan.params.values as unknown[][]).map((r) => [...r]);
    retyped[2][1] = toExcelSerial("2023-01-01");
    expect(parseComparisonParams(retyped, fromExcelSerial).start).toBe("2023-01-01");
  });

  it("refuses parameters that are not a comparison's", () => {
    expect(() => parseComparisonParams([["Something else"]], fromExcelSerial)).toThrow(/no AICHAIN comparison/);
    expect(() => parseComparisonParams("Error, property was not loaded" as unknown as unknown[][], fromExcelSerial)).toThrow(/no AICHAIN comparison/);
  });
});

describe("insertEtfComparisonSheet", () => {
  it("writes the summary, growth table, charts, as-of and source on a new sheet", async () => {
    const fake = new FakeContext(["Sheet1"]);
    const result = await insertEtfComparisonSheet(ctxOf(fake), await data());
    expect(result.sheetName).toBe("ETF Comparison");
    const sheet = fake.workbook.sheet("ETF Comparison")!;

    expect(sheet.valuesAt("A1:B9")).toEqual([
      ["AI ETF comparison", ""],
      ["Symbols", "AAA, BBB, CCC.HK"],
      ["Start", "2023-01-01"],
      ["End", "2023-02-03"],
      ["Return", "total"],
      ["Interval", "daily"],
      ["As of", "2023-02-03 21:30 UTC"],
      ["Data source", "AICHAIN data service (csv)"],
      ["Source", "Deepseek Overview: The AI Industry Value Chain & Best ETFs to Watch, TradingKey"],
    ]);
    expect(sheet.formatsAt("B3:B4").flat()).toEqual(["@", "@"]);

    const summary = sheet.valuesAt("A11:K14");
    expect(summary[0]).toEqual(["Symbol", "Name", "Currency", "First date", "Last date", "Return", "CAGR", "Volatility", "Max drawdown", "Expense ratio", "Note"]);
    expect(summary[1].slice(0, 5)).toEqual(["AAA", "Alpha Semiconductor Fund", "USD", 44925, 44960]);
    expect(summary[1][5]).toBeCloseTo(0.5, 12);
    expect(summary[1][6]).toBe(""); // CAGR needs a year
    expect(summary[1][8]).toBeCloseTo(-0.1, 12);
    expect(summary[1][9]).toBe(0.0035);
    expect(summary[3][10]).toBe("HKD — not converted");
    expect(sheet.formatsAt("D12:J12")[0]).toEqual(["yyyy-mm-dd", "yyyy-mm-dd", "0.00%", "0.00%", "0.00%", "0.00%", "0.00%"]);

    expect(sheet.valuesAt("A16:D17")).toEqual([
      ["Date", "AAA (growth of 100)", "BBB (growth of 100)", "CCC.HK (growth of 100)"],
      [44925, 100, 100, 100],
    ]);
    expect(sheet.valuesAt("A22:B22")).toEqual([[44960, 150]]);
    expect(sheet.formatsAt("A17:B17")[0]).toEqual(["yyyy-mm-dd", "0.00"]);

    expect(sheet.tableList.map((t) => [t.nameNow, t.address])).toEqual([
      ["ETFSummary", "A11:K14"],
      ["ETFGrowth", "A16:D22"],
    ]);

    const [line, bar] = sheet.chartList;
    expect(line.type).toBe("Line");
    expect(line.seriesBy).toBe("Columns");
    expect(line.seriesList.map((s) => [s.name, s.valuesAddress, s.xAxisAddress])).toEqual([
      ["AAA (growth of 100)", "B17:B22", "A17:A22"],
      ["BBB (growth of 100)", "C17:C22", "A17:A22"],
      ["CCC.HK (growth of 100)", "D17:D22", "A17:A22"],
    ]);
    expect(bar.type).toBe("BarClustered");
    expect(bar.seriesList.map((s) => [s.name, s.valuesAddress, s.xAxisAddress])).toEqual([["Return", "F12:F14", "A12:A14"]]);
    expect(bar.axes.valueAxis.numberFormat).toBe("0%");
    expect(line.title.text).toMatch(/Growth of 100/);

    expect(sheet.nameMap.get(COMPARISON_BLOCK_NAME.toLowerCase())!.target).toEqual(parseRect("A1:K22"));
  });

  it("stays within three syncs, one 2-D write per block, nothing outside its block", async () => {
    const fake = new FakeContext(["Sheet1", "ETF Comparison"]);
    const d = await data();
    const result = await insertEtfComparisonSheet(ctxOf(fake), d);
    expect(result.sheetName).toBe("ETF Comparison (2)");
    expect(fake.syncCount).toBeLessThanOrEqual(3);
    expect(fake.suspendedBeforeSync).toEqual([fake.syncCount]);
    expect(fake.writes.filter((w) => w.kind === "values").map((w) => w.address)).toEqual(["A1:B9", "A11:K14", "A16:D22"]);
    expect(writesElsewhere(fake, "ETF Comparison (2)")).toEqual([]);
    expect(writesOutside(fake, "ETF Comparison (2)", parseRect("A1:K22"))).toEqual([]);
  });

  it("keeps the sync count at three for a large comparison", async () => {
    const fake = new FakeContext();
    const d = await data();
    const dates: string[] = [];
    for (let i = 0; i < 2000; i++) dates.push(fromExcelSerial(44925 + i));
    const big: ComparisonData = { ...d, growth: { dates, values: Object.fromEntries(d.rows.map((r) => [r.symbol, dates.map((_, i) => 100 + i)])) } };
    await insertEtfComparisonSheet(ctxOf(fake), big);
    expect(fake.syncCount).toBe(3);
  });

  it("gives its tables free names when a defined name already uses one", async () => {
    const fake = new FakeContext(["Sheet1"]);
    fake.workbook.names.add("ETFSummary", fake.workbook.sheet("Sheet1")!.getRange("A1:A1"));
    await insertEtfComparisonSheet(ctxOf(fake), await data());
    expect(fake.workbook.sheet("ETF Comparison")!.tableList.map((t) => t.nameNow)).toEqual(["ETFSummary2", "ETFGrowth"]);
  });

  it.each([
    ["the second chart", { op: "charts.add", nth: 2 }],
    ["the writing sync", { sync: 3 }],
  ])("leaves no half-built sheet when %s fails", async (_label, failure) => {
    const fake = new FakeContext(["Sheet1"]);
    fake.failure = failure;
    await expect(insertEtfComparisonSheet(ctxOf(fake), await data())).rejects.toThrow(/Injected failure/);
    expect(fake.workbook.sheetList.map((s) => s.nameNow)).toEqual(["Sheet1"]);
  });
});

describe("refreshEtfComparisonSheet", () => {
  async function inserted(p: ComparisonParams, today: string) {
    const fake = new FakeContext(["Sheet1"]);
    await insertEtfComparisonSheet(ctxOf(fake), await data(p, today));
    const sheet = fake.workbook.sheet("ETF Comparison")!;
    sheet.seed("M40:N40", [["user", "notes"]]);
    sheet.seed("A30:A30", [["keep me"]]);
    fake.writes.length = 0;
    fake.syncCount = 0;
    return { fake, sheet };
  }

  it("rewrites its own block with fresh data and grows into empty cells only", async () => {
    const { fake, sheet } = await inserted({ ...params, end: null }, "2023-02-03");
    let asked: ComparisonParams | null = null;
    const result = await refreshEtfComparisonSheet(ctxOf(fake), async (p) => {
      asked = p;
      return data(p, "2023-02-06");
    });
    expect(asked).toEqual({ ...params, end: null });
    expect(result.syncs).toBe(fake.syncCount);
    expect(fake.syncCount).toBeLessThanOrEqual(3);
    expect(sheet.valuesAt("A23:B23")).toEqual([[44963, 165]]); // the new day
    expect(sheet.valuesAt("F12:F12")[0][0]).toBeCloseTo(0.65, 12);
    expect(sheet.tableList.map((t) => [t.nameNow, t.address])).toEqual([
      ["ETFSummary", "A11:K14"],
      ["ETFGrowth", "A16:D23"],
    ]);
    expect(sheet.chartList).toHaveLength(2);
    expect(sheet.chartList[0].seriesList[0].valuesAddress).toBe("B17:B23");
    expect(sheet.nameMap.get(COMPARISON_BLOCK_NAME.toLowerCase())!.target).toEqual(parseRect("A1:K23"));
    expect(writesOutside(fake, "ETF Comparison", parseRect("A1:K23"))).toEqual([]);
    expect(sheet.valuesAt("M40:N40")).toEqual([["user", "notes"]]);
    expect(sheet.valuesAt("A30:A30")).toEqual([["keep me"]]);
  });

  it("writes nothing when the larger block would cover the user's cells", async () => {
    const { fake, sheet } = await inserted({ ...params, end: null }, "2023-02-03");
    sheet.seed("C23:C23", [["in the way"]]);
    await expect(refreshEtfComparisonSheet(ctxOf(fake), (p) => data(p, "2023-02-06"))).rejects.toThrow(/A23:K23, which are not empty/);
    expect(fake.writes).toEqual([]);
    expect(sheet.valuesAt("C23:C23")).toEqual([["in the way"]]);
    expect(sheet.valuesAt("A22:B22")).toEqual([[44960, 150]]);
  });

  it("follows the block when rows were inserted above it", async () => {
    const fake = new FakeContext(["Sheet1"]);
    await insertEtfComparisonSheet(ctxOf(fake), await data());
    const sheet = fake.workbook.sheet("ETF Comparison")!;
    // Simulate Excel moving the block and its name down two rows.
    const moved = new Map<string, { value: unknown; format?: string }>();
    for (const [key, cell] of sheet.cells) {
      const [r, c] = key.split(",").map(Number);
      moved.set(`${r + 2},${c}`, cell);
    }
    sheet.cells.clear();
    for (const [k, v] of moved) sheet.cells.set(k, v);
    const item = sheet.nameMap.get(COMPARISON_BLOCK_NAME.toLowerCase())!;
    sheet.nameMap.delete(COMPARISON_BLOCK_NAME.toLowerCase());
    sheet.names.add(COMPARISON_BLOCK_NAME, sheet.getRange("A3:K24"));
    expect(item.target).toEqual(parseRect("A1:K22"));
    for (const t of [...sheet.tableList]) t.delete();
    fake.writes.length = 0;

    await refreshEtfComparisonSheet(ctxOf(fake), (p) => data(p));
    expect(sheet.valuesAt("A3:A3")).toEqual([["AI ETF comparison"]]);
    expect(sheet.valuesAt("A1:A2")).toEqual([[""], [""]]);
    expect(writesOutside(fake, "ETF Comparison", parseRect("A3:K24"))).toEqual([]);
  });

  it("refreshes after the user renamed its tables, replacing them rather than overlapping them", async () => {
    const { fake, sheet } = await inserted({ ...params, end: null }, "2023-02-03");
    sheet.tableList[0].name = "MyFunds";
    await refreshEtfComparisonSheet(ctxOf(fake), (p) => data(p, "2023-02-06"));
    expect(sheet.tableList.map((t) => t.address)).toEqual(["A11:K14", "A16:D23"]);
    expect(sheet.valuesAt("A23:B23")).toEqual([[44963, 165]]);
  });

  it("refreshes again and again after the user deleted one of its tables", async () => {
    const { fake, sheet } = await inserted({ ...params, end: null }, "2023-02-03");
    sheet.tableList[0].delete();
    await refreshEtfComparisonSheet(ctxOf(fake), (p) => data(p, "2023-02-06"));
    await refreshEtfComparisonSheet(ctxOf(fake), (p) => data(p, "2023-02-06"));
    expect(sheet.tableList.map((t) => [t.nameNow, t.address])).toEqual([
      ["ETFSummary", "A11:K14"],
      ["ETFGrowth", "A16:D23"],
    ]);
  });

  it("re-adds a chart the user deleted", async () => {
    const { fake, sheet } = await inserted(params, "2023-02-03");
    sheet.chartList[1].delete();
    await refreshEtfComparisonSheet(ctxOf(fake), (p) => data(p));
    expect(sheet.chartList.map((c) => c.type)).toEqual(["Line", "BarClustered"]);
  });

  it("clears the old block's surplus rows when the refreshed comparison is shorter, and nothing else", async () => {
    const { fake, sheet } = await inserted(params, "2023-02-03");
    sheet.seed("B6:B6", [["monthly"]]); // the analyst switches the interval in the parameter block
    await refreshEtfComparisonSheet(ctxOf(fake), (p) => data(p));
    // Monthly: the base, January's last common day and February's.
    expect(sheet.valuesAt("A17:B19")).toEqual([[44925, 100], [44935, 120], [44960, 150]]);
    expect(sheet.valuesAt("A20:K22").flat().every((v) => v === "")).toBe(true);
    expect(sheet.tableList.map((t) => t.address)).toEqual(["A11:K14", "A16:D19"]);
    expect(sheet.nameMap.get(COMPARISON_BLOCK_NAME.toLowerCase())!.target).toEqual(parseRect("A1:K19"));
    expect(writesOutside(fake, "ETF Comparison", parseRect("A1:K22"))).toEqual([]);
    expect(sheet.valuesAt("A30:A30")).toEqual([["keep me"]]);
  });

  it("refuses, writing nothing, when the comparison's cells were moved to another sheet", async () => {
    const { fake, sheet } = await inserted(params, "2023-02-03");
    const other = fake.workbook.worksheets.add("Archive");
    // Excel moves a name with the cells it refers to, even onto another sheet.
    const item = sheet.nameMap.get(COMPARISON_BLOCK_NAME.toLowerCase())!;
    item.targetSheet = other;
    other.seed("A1:B9", sheet.valuesAt("A1:B9"));
    sheet.cells.clear();
    sheet.seed("A1:A1", [["the analyst's new work"]]);
    fake.writes.length = 0;
    await expect(refreshEtfComparisonSheet(ctxOf(fake), (p) => data(p))).rejects.toThrow(/moved to the sheet "Archive"/);
    expect(fake.writes).toEqual([]);
    expect(sheet.valuesAt("A1:A1")).toEqual([["the analyst's new work"]]);
  });

  it("refuses, writing nothing, when one of its tables was widened past the block", async () => {
    const { fake, sheet } = await inserted(params, "2023-02-03");
    // The analyst typed a column beside the summary table, which Excel takes into the table.
    const summary = sheet.tableList[0];
    sheet.tableList.splice(0, 1);
    sheet.seed("L11:L12", [["My view"], ["buy"]]);
    sheet.tables.add("A11:L14", true).name = summary.nameNow;
    fake.writes.length = 0;
    await expect(refreshEtfComparisonSheet(ctxOf(fake), (p) => data(p))).rejects.toThrow(/"ETFSummary" \(A11:L14\) reaches into/);
    expect(fake.writes).toEqual([]);
    expect(sheet.valuesAt("L11:L12")).toEqual([["My view"], ["buy"]]);
  });

  it("keeps what the analyst typed in the block's empty corners, beside the parameters and the growth table", async () => {
    const { fake, sheet } = await inserted({ ...params, end: null }, "2023-02-03");
    sheet.seed("D3:E3", [["my", "notes"]]);
    sheet.seed("G18:G18", [["check QQQ"]]);
    await refreshEtfComparisonSheet(ctxOf(fake), (p) => data(p, "2023-02-06"));
    expect(sheet.valuesAt("D3:E3")).toEqual([["my", "notes"]]);
    expect(sheet.valuesAt("G18:G18")).toEqual([["check QQQ"]]);
    expect(sheet.valuesAt("A23:B23")).toEqual([[44963, 165]]);
    expect(fake.writes.filter((w) => w.kind.startsWith("clear")).map((w) => w.address)).toEqual(["A1:B9", "A11:K14", "A16:D22"]);
  });

  it("refuses, writing nothing, when a wider refreshed table needs a cell the analyst wrote in", async () => {
    const { fake, sheet } = await inserted({ ...params, symbols: ["AAA", "BBB"] }, "2023-02-03");
    sheet.seed("D18:D18", [["my note"]]);
    sheet.seed("B2:B2", [["AAA, BBB, CCC.HK"]]); // the analyst adds a fund in the parameter block
    await expect(refreshEtfComparisonSheet(ctxOf(fake), (p) => data(p))).rejects.toThrow(/needs cells D18:D18, which are not empty/);
    expect(fake.writes).toEqual([]);
    expect(sheet.valuesAt("D18:D18")).toEqual([["my note"]]);
  });

  it("says so when the active sheet holds no comparison", async () => {
    const fake = new FakeContext(["Budget"]);
    await expect(refreshEtfComparisonSheet(ctxOf(fake), (p) => data(p))).rejects.toThrow(/"Budget" has no AICHAIN comparison/);
    expect(fake.writes).toEqual([]);
  });
});
