/**
 * The DeepSeek shock study refreshes in place, with the comparison's rules: parameters read back
 * from the sheet, tables and charts kept (ids, names, places), the analyst's cells untouched,
 * a refusal naming the cell when the new footprint would cover one, three syncs. Rollback cases
 * are in deepSeekShockRollback.test.ts.
 */
import { toExcelSerial } from "../../src/market";
import { SHOCK_BLOCK_NAME, SHOCK_LATEST_NAME } from "../../src/taskpane/sheets/deepSeekShockPlan";
import { parseShockParams } from "../../src/taskpane/sheets/deepSeekShockParams";
import { parseRect } from "./fakeExcel";
import { loadShockData } from "../../src/taskpane/data/deepSeekShockData";
import { insertDeepSeekShockSheet } from "../../src/taskpane/sheets/deepSeekShockSheet";
import { BASIC_ONLY, SHOCK_SHEET, insertedShock, refreshShock, shockClient } from "./shockScenario";
import { sheetState, writesOutsideParts } from "./writeChecks";
import { fromExcelSerial } from "../../src/market";

const footprint = (sheet: { nameMap: Map<string, { commentText: string }> }) =>
  sheet.nameMap.get(SHOCK_BLOCK_NAME.toLowerCase())!.commentText;
const partsOf = (comment: string) =>
  Object.fromEntries(
    comment
      .slice(comment.indexOf(":") + 1)
      .split(";")
      .map((e) => e.trim().split(" ") as [string, string]),
  );

describe("refreshDeepSeekShockSheet in place", () => {
  it("reads the parameters on the sheet, keeps table and chart ids and names, in three syncs", async () => {
    const { fake, sheet } = await insertedShock();
    const tableIds = sheet.tableList.map((t) => t.tableId);
    const chartIds = sheet.chartList.map((c) => c.chartId);
    sheet.seed("B3:B3", [["soxx"]]); // the analyst switches the benchmark on the sheet
    sheet.tableList[0].name = "MyShock";
    const result = await refreshShock(fake);
    expect(result.syncs).toBe(3);
    expect(fake.syncCount).toBe(3);
    expect(result.foundElsewhere).toBe(false);
    expect(result.asked).toEqual([{ ...BASIC_ONLY, benchmark: "SOXX" }]);
    expect(sheet.valuesAt("B3:B3")).toEqual([["SOXX"]]);
    expect(sheet.valuesAt("L20:L20")).toEqual([["SOXX return(-1,+1)"]]);
    expect(sheet.tableList.map((t) => [t.tableId, t.nameNow])).toEqual([
      [tableIds[0], "MyShock"],
      [tableIds[1], "ShockLayers"],
    ]);
    expect(sheet.chartList.map((c) => c.chartId)).toEqual(chartIds);
    expect(sheet.chartList[0].title.text).toBe("CAR(-1,+1) by company against SOXX, grouped by layer");
    for (const op of ["tables.add", "table.delete", "charts.add", "chart.delete"]) expect(fake.ops).not.toContain(op);
    const parts = Object.values(partsOf(footprint(sheet))).map((a) => parseRect(a));
    expect(writesOutsideParts(fake, SHOCK_SHEET, parts)).toEqual([]);
  });

  it("uses the estimation days and gap written on the sheet", async () => {
    const { fake, sheet } = await insertedShock();
    const nvda = 21 + sheet.valuesAt("A21:A60").findIndex(([v]) => v === "NVDA");
    expect(sheet.valuesAt(`M${nvda}:M${nvda}`)).toEqual([[250]]);
    sheet.seed("B6:B7", [[120], ["5"]]);
    const result = await refreshShock(fake);
    expect(result.asked[0]).toMatchObject({ estimationDays: 120, gap: 5 });
    expect(sheet.valuesAt(`M${nvda}:M${nvda}`)).toEqual([[120]]);
    expect(String(sheet.valuesAt("B9:B9")[0][0])).toMatch(/over the 120 shared trading days ending 5 days before day -1/);
  });

  it("keeps the analyst's notes beside the block, between its tables and by its parameters", async () => {
    const { fake, sheet } = await insertedShock();
    const notes: [string, string][] = [
      ["C3", "why QQQ"],
      ["B12", "beside the claims"],
      ["Q20", "between the tables"],
      ["W20", "right of the layer table"],
      ["A40", "under the table"],
    ];
    for (const [cell, text] of notes) sheet.seed(`${cell}:${cell}`, [[text]]);
    await refreshShock(fake);
    await refreshShock(fake);
    for (const [cell, text] of notes) expect(sheet.valuesAt(`${cell}:${cell}`)).toEqual([[text]]);
    const noteCells = notes.map(([c]) => parseRect(c));
    const touched = fake.writes.filter((w) => {
      const r = parseRect(w.address);
      return noteCells.some((n) => n.row >= r.row && n.row < r.row + r.rows && n.col >= r.col && n.col < r.col + r.cols);
    });
    expect(touched).toEqual([]);
  });

  it("grows its tables in place when a layer is added on the sheet, and a moved chart stays where it is", async () => {
    const { fake, sheet } = await insertedShock();
    const rows = sheet.tableList[0].rect.rows;
    sheet.chartList[1].left = 30;
    sheet.chartList[1].top = 500;
    const place = { ...sheet.chartList[1].geometry };
    sheet.seed("B8:B8", [["Basic Layer, technical"]]);
    const result = await refreshShock(fake);
    expect(result.asked[0].layers).toEqual([1, 2]);
    const added = 2; // META and 9988.HK are new; NVDA is in both layers but each place has its row
    expect(sheet.tableList[0].rect.rows).toBeGreaterThanOrEqual(rows + added);
    expect(sheet.tableList.map((t) => t.address.split(":")[0])).toEqual(["A20", "R20"]);
    expect(sheet.tableList[1].address).toBe("R20:V22");
    expect(sheet.valuesAt("R22:R22")).toEqual([["Technical Layer"]]);
    expect(sheet.chartList[1].geometry).toEqual(place);
    expect(sheet.chartList[1].seriesList[0].valuesAddress).toBe("T21:T22");
    expect(fake.ops).not.toContain("tables.add");
  });

  it("refuses, naming the cell and changing nothing, when the bigger table would cover the analyst's note", async () => {
    const { fake, sheet } = await insertedShock();
    const below = 20 + sheet.tableList[0].rect.rows; // the first row under the company table
    sheet.seed(`B${below}:B${below}`, [["my note under the table"]]);
    sheet.seed("B8:B8", [["Basic Layer, Technical Layer"]]);
    const before = sheetState(fake);
    await expect(refreshShock(fake)).rejects.toThrow(new RegExp(`needs cell B${below}, which is not empty. Nothing was changed`));
    expect(sheetState(fake)).toEqual(before);
    expect(fake.syncCount).toBe(2);
  });

  it("says which parameter is wrong and writes nothing", async () => {
    const { fake, sheet } = await insertedShock();
    sheet.seed("B6:B6", [[30]]);
    let before = sheetState(fake);
    await expect(refreshShock(fake)).rejects.toThrow(/estimationDays must be a whole number of at least 60 \(got 30\)/);
    expect(sheetState(fake)).toEqual(before);
    sheet.seed("B6:B6", [[250]]);
    sheet.seed("B8:B8", [["Basic Layer, Hardware"]]);
    before = sheetState(fake);
    await expect(refreshShock(fake)).rejects.toThrow(/names "Hardware", which is not a layer/);
    expect(sheetState(fake)).toEqual(before);
    expect(fake.writes).toEqual([]);
  });

  it("finds the study from another sheet in the same first read: three syncs, that sheet shown", async () => {
    const { fake, sheet } = await insertedShock();
    const ids = sheet.tableList.map((t) => t.tableId);
    fake.workbook.activeSheet = fake.workbook.sheet("Sheet1")!;
    fake.workbook.sheet("Sheet1")!.seed("A1:A1", [["untouched"]]);
    sheet.seed("B3:B3", [["SOXX"]]);
    const result = await refreshShock(fake);
    expect(result).toMatchObject({ sheetName: SHOCK_SHEET, foundElsewhere: true, latest: true, alsoOn: [], syncs: 3 });
    expect(fake.syncCount).toBe(3);
    expect(result.asked).toEqual([{ ...BASIC_ONLY, benchmark: "SOXX" }]);
    expect(fake.workbook.activeSheet?.nameNow).toBe(SHOCK_SHEET);
    expect(sheet.tableList.map((t) => t.tableId)).toEqual(ids);
    expect(fake.writes.filter((w) => w.sheet !== SHOCK_SHEET)).toEqual([]);
    expect(fake.workbook.sheet("Sheet1")!.valuesAt("A1:A1")).toEqual([["untouched"]]);
  });

  it("keeps the latest mark on the study's cells when it grows, so the next Refresh from elsewhere reads it whole", async () => {
    const { fake, sheet } = await insertedShock();
    sheet.seed("B8:B8", [["Basic Layer, Technical Layer"]]);
    fake.workbook.activeSheet = fake.workbook.sheet("Sheet1")!;
    await refreshShock(fake);
    const latest = fake.workbook.nameMap.get(SHOCK_LATEST_NAME.toLowerCase())!;
    const own = sheet.nameMap.get(SHOCK_BLOCK_NAME.toLowerCase())!;
    expect([latest.targetSheet?.nameNow, latest.target, latest.commentText]).toEqual([SHOCK_SHEET, own.target, own.commentText]);
    fake.workbook.activeSheet = fake.workbook.sheet("Sheet1")!;
    const again = await refreshShock(fake);
    expect(again.asked[0].layers).toEqual([1, 2]);
    expect(again.syncs).toBe(3);
  });

  it("with studies on several sheets, refreshes the latest from elsewhere and names the others", async () => {
    const { fake } = await insertedShock();
    await insertDeepSeekShockSheet(fake as unknown as Excel.RequestContext, await loadShockData(shockClient, BASIC_ONLY), {
      canResize: true,
    });
    const second = "DeepSeek Shock (2)";
    fake.workbook.activeSheet = fake.workbook.sheet("Sheet1")!;
    fake.syncCount = 0;
    let result = await refreshShock(fake);
    expect(result).toMatchObject({ sheetName: second, foundElsewhere: true, latest: true, alsoOn: [SHOCK_SHEET], syncs: 3 });
    // Refreshing the first on its own sheet makes it the latest.
    fake.workbook.activeSheet = fake.workbook.sheet(SHOCK_SHEET)!;
    result = await refreshShock(fake);
    expect(result).toMatchObject({ sheetName: SHOCK_SHEET, foundElsewhere: false, alsoOn: [second] });
    fake.workbook.activeSheet = fake.workbook.sheet("Sheet1")!;
    result = await refreshShock(fake);
    expect(result).toMatchObject({ sheetName: SHOCK_SHEET, foundElsewhere: true, latest: true, alsoOn: [second] });
  });

  it("finds a study with no latest mark (made earlier, or the latest one's sheet deleted) by listing the sheets", async () => {
    const { fake } = await insertedShock();
    fake.workbook.nameMap.delete(SHOCK_LATEST_NAME.toLowerCase());
    fake.workbook.activeSheet = fake.workbook.sheet("Sheet1")!;
    const result = await refreshShock(fake);
    expect(result).toMatchObject({ sheetName: SHOCK_SHEET, foundElsewhere: true, latest: false, syncs: 6 });
    // That Refresh marked it as the latest again.
    fake.workbook.activeSheet = fake.workbook.sheet("Sheet1")!;
    expect((await refreshShock(fake)).syncs).toBe(3);

    await insertDeepSeekShockSheet(fake as unknown as Excel.RequestContext, await loadShockData(shockClient, BASIC_ONLY), {
      canResize: true,
    });
    fake.workbook.sheet("DeepSeek Shock (2)")!.delete();
    fake.workbook.activeSheet = fake.workbook.sheet("Sheet1")!;
    const afterDelete = await refreshShock(fake);
    expect(afterDelete).toMatchObject({ sheetName: SHOCK_SHEET, foundElsewhere: true, latest: false });
  });

  it("refuses, writing nothing, when the latest mark and the sheet's own record disagree", async () => {
    const { fake, sheet } = await insertedShock();
    sheet.nameMap.delete(SHOCK_BLOCK_NAME.toLowerCase());
    fake.workbook.activeSheet = fake.workbook.sheet("Sheet1")!;
    const before = sheetState(fake);
    await expect(refreshShock(fake)).rejects.toThrow(/no longer matches that sheet's own record\. Nothing was changed/);
    expect(fake.writes).toEqual([]);
    expect(sheetState(fake)).toEqual(before);
  });

  it("with no study in the workbook, says so", async () => {
    const { fake } = await insertedShock();
    fake.workbook.sheet(SHOCK_SHEET)!.delete();
    await expect(refreshShock(fake)).rejects.toThrow(
      "This workbook has no AICHAIN DeepSeek shock study to refresh. Insert one first.",
    );
  });
});

describe("parseShockParams", () => {
  const values = (rows: [string, unknown][]) => [
    ["DeepSeek shock: market-model event study", ""],
    ...rows,
    ["Method", ""],
    ["Source", ""],
  ];
  const good: [string, unknown][] = [
    ["Event date", toExcelSerial("2025-01-27")],
    ["Benchmark", " spy "],
    ["Window start (day)", 0],
    ["Window end (day)", "5"],
    ["Estimation days", 120],
    ["Gap (days)", 3],
    ["Layers", "Application; Layer 1, basic layer"],
  ];
  it("accepts dates as serials or text, numbers as text, layers by any of their names", () => {
    expect(parseShockParams(values(good), fromExcelSerial)).toEqual({
      eventDate: "2025-01-27",
      benchmark: "SPY",
      windowStart: 0,
      windowEnd: 5,
      estimationDays: 120,
      gap: 3,
      layers: [1, 3],
    });
    const text = good.map(([k, v]): [string, unknown] => (k === "Event date" ? [k, "2025-01-27"] : [k, v]));
    expect(parseShockParams(values(text), fromExcelSerial).eventDate).toBe("2025-01-27");
  });
  it.each([
    ["Window end (day)", -3, /windowStart <= windowEnd/],
    ["Window start (day)", 0.5, /"Window start \(day\)" must be a whole number/],
    ["Gap (days)", 0, /gap must be a whole number of at least 1/],
    ["Benchmark", "", /"Benchmark" cell is empty/],
    ["Event date", "27/01/2025", /is not a date as YYYY-MM-DD/],
    ["Layers", " , ", /names no layer/],
  ])("%s = %p is refused", (label, value, message) => {
    const rows = good.map(([k, v]): [string, unknown] => (k === label ? [k, value] : [k, v]));
    expect(() => parseShockParams(values(rows), fromExcelSerial)).toThrow(message);
  });
  it("a sheet without the title is not a study", () => {
    expect(() => parseShockParams([["Something else"]], fromExcelSerial)).toThrow(/no AICHAIN DeepSeek shock study/);
  });
});
