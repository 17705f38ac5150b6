/**
 * Refresh in place on the recording fake workbook: the analyst's notes and formulas survive, the
 * tables and charts keep their ids and names, and nothing is written outside the block's recorded
 * cells. The rollback cases are in etfComparisonRollback.test.ts.
 */
import { COMPARISON_BLOCK_NAME } from "../../src/taskpane/sheets/etfComparisonPlan";
import { FakeContext, FakeWorksheet, parseRect } from "./fakeExcel";
import { inserted, params, refresh } from "./comparisonScenario";
import { sheetState, writesOutsideParts } from "./writeChecks";

describe("refreshEtfComparisonSheet in place", () => {
  it("resizes its tables and replaces its charts' data, keeping every id and name", async () => {
    const { fake, sheet } = await inserted();
    const tableIds = sheet.tableList.map((t) => t.tableId);
    const chartIds = sheet.chartList.map((c) => c.chartId);
    const result = await refresh(fake);
    expect(result.syncs).toBe(3);
    expect(fake.syncCount).toBe(3);
    expect(sheet.valuesAt("N22:O22")).toEqual([[44963, 165]]); // the new day
    expect(sheet.valuesAt("G16:G16")[0][0]).toBeCloseTo(0.65, 12);
    expect(sheet.tableList.map((t) => [t.tableId, t.nameNow, t.address])).toEqual([
      [tableIds[0], "ETFSummary", "A15:L18"],
      [tableIds[1], "ETFGrowth", "N15:Q22"],
    ]);
    expect(sheet.chartList.map((c) => c.chartId)).toEqual(chartIds);
    expect(sheet.chartList[0].seriesList[0].valuesAddress).toBe("O16:O22");
    expect(sheet.chartList[0].title.text).toBe("Growth of 100, 2022-12-30 to 2023-02-06 (total return, daily)");
    expect(fake.ops).not.toContain("tables.add");
    expect(fake.ops).not.toContain("table.delete");
    expect(fake.ops).not.toContain("charts.add");
    expect(fake.ops).not.toContain("chart.delete");
    expect(sheet.nameMap.get(COMPARISON_BLOCK_NAME.toLowerCase())!.target).toEqual(parseRect("A1:Q22"));
    expect(writesOutsideParts(fake, "ETF Comparison", [parseRect("A1:B13"), parseRect("A15:L18"), parseRect("N15:Q22")])).toEqual(
      [],
    );
  });

  it("leaves a chart where the analyst moved it", async () => {
    const { fake, sheet } = await inserted();
    sheet.chartList[1].left = 40;
    sheet.chartList[1].top = 400;
    const place = { ...sheet.chartList[1].geometry };
    await refresh(fake);
    expect(sheet.chartList[1].geometry).toEqual(place);
    expect(sheet.chartList[1].seriesList[0].valuesAddress).toBe("G16:G18");
  });

  it("keeps the analyst's notes inside and around the block (the note beside a table's header too)", async () => {
    const { fake, sheet } = await inserted();
    const notes: [string, string][] = [
      ["M15", "beside the growth header"],
      ["R15", "right of the growth header"],
      ["M16", "gap"],
      ["A20", "under the summary"],
      ["E19", "my view"],
      ["C5", "by the parameters"],
    ];
    for (const [cell, text] of notes) sheet.seed(`${cell}:${cell}`, [[text]]);
    await refresh(fake);
    await refresh(fake);
    for (const [cell, text] of notes) expect(sheet.valuesAt(`${cell}:${cell}`)).toEqual([[text]]);
    const noteCells = notes.map(([c]) => parseRect(c));
    expect(
      fake.writes.filter((w) =>
        noteCells.some((n) => {
          const r = parseRect(w.address);
          return n.row >= r.row && n.row < r.row + r.rows && n.col >= r.col && n.col < r.col + r.cols;
        }),
      ),
    ).toEqual([]);
  });

  it("keeps the analyst's formulas working: structured references and cell references", async () => {
    const { fake, sheet } = await inserted();
    const other = fake.workbook.sheet("Sheet1")!;
    other.seedFormula("A1:A1", "=MAX(ETFSummary[Return])", 0.5);
    other.seedFormula("A2:A2", "=COUNT(ETFGrowth[Date])", 6);
    other.seedFormula("A3:A3", "='ETF Comparison'!G16", 0.5);
    sheet.seedFormula("A25:A25", "=ETFSummary[[#Headers],[Return]]", "Return");
    sheet.tableList[1].name = "MyGrowth"; // the analyst renames a table; Excel rewrites formulas
    expect(other.formulaAt("A2:A2")).toBe("=COUNT(MyGrowth[Date])");
    await refresh(fake);
    expect(other.formulaAt("A1:A1")).toBe("=MAX(ETFSummary[Return])");
    expect(other.formulaAt("A2:A2")).toBe("=COUNT(MyGrowth[Date])");
    expect(other.valuesAt("A1:A3").flat()).toEqual([0.5, 6, 0.5]); // nothing turned into #REF!
    expect(sheet.formulaAt("A25:A25")).toBe("=ETFSummary[[#Headers],[Return]]");
    expect(sheet.tableList.map((t) => t.nameNow)).toEqual(["ETFSummary", "MyGrowth"]);
  });

  it("shows that deleting and re-adding a table, as Refresh once did, breaks those formulas", async () => {
    const { fake } = await inserted();
    const other = fake.workbook.sheet("Sheet1")!;
    other.seedFormula("A1:A1", "=MAX(ETFSummary[Return])", 0.5);
    fake.workbook.sheet("ETF Comparison")!.tableList[0].delete();
    expect(other.valuesAt("A1:A1")).toEqual([["#REF!"]]);
  });

  it("shrinks its tables and clears only the rows it no longer uses", async () => {
    const { fake, sheet } = await inserted();
    sheet.seed("P25:P25", [["keep me"]]);
    sheet.seed("B6:B6", [["monthly"]]); // the analyst switches the interval in the parameter block
    await refresh(fake, "2023-02-03");
    // Monthly: the base, January's last common day and February's.
    expect(sheet.valuesAt("N16:O18")).toEqual([
      [44925, 100],
      [44935, 120],
      [44960, 150],
    ]);
    expect(
      sheet
        .valuesAt("N19:Q21")
        .flat()
        .every((v) => v === ""),
    ).toBe(true);
    expect(sheet.tableList.map((t) => t.address)).toEqual(["A15:L18", "N15:Q18"]);
    expect(sheet.nameMap.get(COMPARISON_BLOCK_NAME.toLowerCase())!.target).toEqual(parseRect("A1:Q18"));
    expect(sheet.valuesAt("P25:P25")).toEqual([["keep me"]]);
    expect(writesOutsideParts(fake, "ETF Comparison", [parseRect("A1:B13"), parseRect("A15:L18"), parseRect("N15:Q21")])).toEqual(
      [],
    );
  });

  it("takes in a fund added in the parameter block, widening both tables into empty cells", async () => {
    const { fake, sheet } = await inserted({ ...params, symbols: ["AAA", "CCC.HK"] });
    const ids = sheet.tableList.map((t) => t.tableId);
    sheet.seed("B2:B2", [["AAA, BBB, CCC.HK"]]);
    await refresh(fake);
    expect(sheet.tableList.map((t) => [t.tableId, t.address])).toEqual([
      [ids[0], "A15:L18"],
      [ids[1], "N15:Q22"],
    ]);
    expect(sheet.chartList[0].seriesList.map((s) => s.name)).toEqual([
      "AAA (growth of 100)",
      "BBB (growth of 100)",
      "CCC.HK (growth of 100)",
    ]);
  });

  it.each([
    ["a value", (s: FakeWorksheet) => s.seed("A18:A18", [["my note"]]), "A18"],
    ["a formula showing nothing", (s: FakeWorksheet) => s.seedFormula("C18:C18", '=IF(TRUE,"","x")', ""), "C18"],
  ])("refuses, writing nothing, when the grown summary would cover %s", async (_label, seed, cell) => {
    const { fake, sheet } = await inserted({ ...params, symbols: ["AAA", "BBB"] });
    seed(sheet);
    sheet.seed("B2:B2", [["AAA, BBB, CCC.HK"]]);
    const before = sheetState(fake);
    await expect(refresh(fake)).rejects.toThrow(new RegExp(`needs cell ${cell}, which is not empty. Nothing was changed`));
    expect(fake.writes).toEqual([]);
    expect(sheetState(fake)).toEqual(before);
  });

  it("refuses, naming the cells, when the growth table's new row would cover the analyst's work", async () => {
    const { fake, sheet } = await inserted();
    sheet.seed("O22:P22", [["x", "y"]]);
    await expect(refresh(fake)).rejects.toThrow(/needs cells O22, P22, which are not empty/);
    expect(fake.writes).toEqual([]);
    expect(sheet.valuesAt("N21:O21")).toEqual([[44960, 150]]);
  });

  it("on Excel without Table.resize, re-makes a table that changes size under the analyst's name for it", async () => {
    const { fake, sheet } = await inserted(params, { canResize: false });
    const summaryId = sheet.tableList[0].tableId;
    sheet.tableList[1].name = "MyGrowth";
    await refresh(fake, "2023-02-06", { canResize: false });
    expect(fake.ops).not.toContain("table.resize");
    expect(sheet.tableList.map((t) => [t.nameNow, t.address])).toEqual([
      ["ETFSummary", "A15:L18"],
      ["MyGrowth", "N15:Q22"],
    ]);
    expect(sheet.tableList[0].tableId).toBe(summaryId); // same size: untouched
    expect(sheet.valuesAt("N22:O22")).toEqual([[44963, 165]]);
  });

  it("follows the block when rows were inserted above it", async () => {
    const { fake, sheet } = await inserted();
    shiftDown(sheet, 2);
    await refresh(fake);
    expect(sheet.valuesAt("A3:A3")).toEqual([["AI ETF comparison"]]);
    expect(sheet.valuesAt("A1:A2")).toEqual([[""], [""]]);
    expect(sheet.tableList.map((t) => t.address)).toEqual(["A17:L20", "N17:Q24"]);
    expect(writesOutsideParts(fake, "ETF Comparison", [parseRect("A3:B15"), parseRect("A17:L20"), parseRect("N17:Q24")])).toEqual(
      [],
    );
  });

  it("refuses when rows were inserted inside the block, since its record no longer says where its cells are", async () => {
    const { fake, sheet } = await inserted();
    const item = sheet.nameMap.get(COMPARISON_BLOCK_NAME.toLowerCase())!;
    item.target = parseRect("A1:Q22"); // a row inserted in the growth table stretches the name
    await expect(refresh(fake)).rejects.toThrow(/no longer matches the cells it recorded/);
    expect(fake.writes).toEqual([]);
  });

  it("refuses, writing nothing, when one of its tables was widened past the block", async () => {
    const { fake, sheet } = await inserted();
    const summary = sheet.tableList[0];
    summary.rect = parseRect("A15:M18"); // the analyst typed a column beside the summary
    sheet.seed("M15:M16", [["My view"], ["buy"]]);
    await expect(refresh(fake)).rejects.toThrow(/"ETFSummary" \(A15:M18\) reaches into/);
    expect(fake.writes).toEqual([]);
  });

  it("refuses, writing nothing, when the comparison's cells were moved to another sheet", async () => {
    const { fake, sheet } = await inserted();
    const other = fake.workbook.worksheets.add("Archive");
    sheet.nameMap.get(COMPARISON_BLOCK_NAME.toLowerCase())!.targetSheet = other;
    fake.writes.length = 0;
    await expect(refresh(fake)).rejects.toThrow(/moved to the sheet "Archive"/);
    expect(fake.writes).toEqual([]);
  });

  it("says so when the active sheet holds no comparison", async () => {
    const fake = new FakeContext(["Budget"]);
    await expect(refresh(fake)).rejects.toThrow(/"Budget" has no AICHAIN comparison/);
    expect(fake.writes).toEqual([]);
  });
});

/** What Excel does when rows are inserted above the block: cells, tables and the name move down. */
function shiftDown(sheet: FakeWorksheet, rows: number): void {
  const moved = new Map<string, never>();
  for (const [key, cell] of sheet.cells) {
    const [r, c] = key.split(",").map(Number);
    moved.set(`${r + rows},${c}`, cell as never);
  }
  sheet.cells.clear();
  for (const [k, v] of moved) sheet.cells.set(k, v);
  for (const t of sheet.tableList) t.rect = { ...t.rect, row: t.rect.row + rows };
  const item = sheet.nameMap.get(COMPARISON_BLOCK_NAME.toLowerCase())!;
  item.target = { ...item.target!, row: item.target!.row + rows };
}
