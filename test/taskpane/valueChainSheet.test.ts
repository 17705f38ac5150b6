import { insertValueChainSheet } from "../../src/taskpane/sheets/valueChainSheet";
import { valueChainPlan } from "../../src/taskpane/sheets/valueChainPlan";
import { ARTICLE_SOURCE } from "../../src/taskpane/sheets/chainTypes";
import { FakeContext, NOT_LOADED } from "./fakeExcel";
import { CHAIN_FIXTURE } from "./chainFixture";
import { writesElsewhere, writesOutside } from "./writeChecks";

const ctxOf = (fake: FakeContext) => fake as unknown as Excel.RequestContext;

describe("insertValueChainSheet", () => {
  const plan = valueChainPlan(CHAIN_FIXTURE, [1, 2, 3, 4], { price: true, returnSince: "2025-01-01" });

  it("writes a formatted table on a new sheet in at most three syncs", async () => {
    const fake = new FakeContext(["Sheet1"]);
    const result = await insertValueChainSheet(ctxOf(fake), plan);
    expect(result.sheetName).toBe("AI Value Chain");
    expect(fake.syncCount).toBeLessThanOrEqual(3);
    expect(result.syncs).toBe(fake.syncCount);

    const sheet = fake.workbook.sheet("AI Value Chain")!;
    const [table] = sheet.tableList;
    expect(table.address).toBe("A1:K9"); // 8 placements + header, 11 columns
    expect(table.nameNow).toBe("AIValueChain");
    expect(table.showBandedRows).toBe(true);
    expect(table.showFilterButton).toBe(true);
    expect(sheet.valuesAt("A1:K1")[0]).toEqual([
      "Company",
      "Ticker",
      "Region",
      "Status",
      "Layer",
      "Segment",
      "Place",
      "Price",
      "Currency",
      "Exchange",
      "Return since 2025-01-01",
    ]);
    expect(sheet.formulasAt("A2:K2")[0]).toEqual([
      "NVIDIA",
      "NVDA",
      "US",
      "Listed",
      "Basic Layer",
      "Chip Manufacturers",
      "1 of 2",
      '=AICHAIN.PRICE("NVDA")',
      "USD",
      "US",
      '=AICHAIN.RETURN("NVDA","2025-01-01")',
    ]);
    expect(sheet.formulasAt("A3:J3")[0].slice(7)).toEqual(['=AICHAIN.PRICE("688256.SS")', "CNY", "Shanghai"]);
    expect(
      sheet
        .formatsAt("K2:K9")
        .flat()
        .every((f) => f === "0.00%"),
    ).toBe(true);
    expect(sheet.formatsAt("H2:H2")[0][0]).toBe("#,##0.00");
    expect(sheet.valuesAt("A11:A11")[0][0]).toBe(ARTICLE_SOURCE);
    expect(sheet.frozenRows).toBe(1);
    expect([...sheet.columnWidths.keys()].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(sheet.columnWidths.get(4)).toEqual(plan.columnWidths[4]);
    // The layer colours went onto the Layer column only.
    const fills = fake.writes.filter((w) => w.kind === "fill.color").map((w) => w.address);
    expect(fills).toEqual(["E2:E4", "E5:E6", "E7:E7", "E8:E9"]);
    expect(fake.workbook.activeSheet).toBe(sheet);
  });

  it("writes the body with one 2-D assignment and suspends calculation for that batch", async () => {
    const fake = new FakeContext();
    await insertValueChainSheet(ctxOf(fake), plan);
    const bodyWrites = fake.writes.filter((w) => w.kind === "formulas" || w.kind === "values");
    expect(bodyWrites.map((w) => w.address)).toEqual(["A1:K9", "A11:A14"]);
    expect(fake.suspendedBeforeSync).toEqual([fake.syncCount]);
  });

  it("never replaces an existing sheet: a clash gets the next free name", async () => {
    const fake = new FakeContext(["Sheet1", "AI Value Chain"]);
    const mine = fake.workbook.sheet("AI Value Chain")!;
    mine.seed("A1:B1", [["my", "work"]]);
    const result = await insertValueChainSheet(ctxOf(fake), plan);
    expect(result.sheetName).toBe("AI Value Chain (2)");
    expect(mine.valuesAt("A1:B1")).toEqual([["my", "work"]]);
    expect(writesElsewhere(fake, "AI Value Chain (2)")).toEqual([]);
    expect(writesOutside(fake, "AI Value Chain (2)", plan.extent)).toEqual([]);
  });

  it("gives the table a free name when the workbook already has one called AIValueChain", async () => {
    const fake = new FakeContext(["Sheet1"]);
    await insertValueChainSheet(ctxOf(fake), plan);
    await insertValueChainSheet(ctxOf(fake), plan);
    expect(fake.workbook.allTables().map((t) => t.nameNow)).toEqual(["AIValueChain", "AIValueChain2"]);
  });

  it("gives the table a free name when a defined name is already called AIValueChain", async () => {
    const fake = new FakeContext(["Sheet1"]);
    fake.workbook.names.add("AIValueChain", fake.workbook.sheet("Sheet1")!.getRange("A1:A1"));
    await insertValueChainSheet(ctxOf(fake), plan);
    expect(fake.workbook.allTables().map((t) => t.nameNow)).toEqual(["AIValueChain2"]);
  });

  it.each([
    ["an operation mid-way", { op: "tables.add" }],
    ["the writing sync", { sync: 3 }],
  ])("deletes the new sheet when %s fails, and leaves the rest alone", async (_label, failure) => {
    const fake = new FakeContext(["Sheet1", "AI Value Chain"]);
    fake.failure = failure;
    await expect(insertValueChainSheet(ctxOf(fake), plan)).rejects.toThrow(/Injected failure/);
    expect(fake.workbook.sheetList.map((s) => s.nameNow)).toEqual(["Sheet1", "AI Value Chain"]);
    expect(fake.ops).toContain("sheet.delete");
  });

  it("models the unloaded-property trap: names read before a sync are a message, not a name", () => {
    const fake = new FakeContext(["Sheet1"]);
    const sheets = fake.workbook.worksheets;
    sheets.load("items/name");
    expect(sheets.items).toBe(NOT_LOADED);
  });
});
