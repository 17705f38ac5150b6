/** The fake refuses what Excel refuses, so a builder that passes here does not fail in Excel. */
import { FakeContext, definedNameProblem, sheetNameProblem } from "./fakeExcel";

describe("the fake Excel's strictness", () => {
  it("refuses 2-D writes whose shape is not the range's", () => {
    const sheet = new FakeContext(["Sheet1"]).workbook.sheet("Sheet1")!;
    expect(() => (sheet.getRange("A1:B2").values = [[1, 2]])).toThrow(/wrong shape/);
    expect(() => (sheet.getRange("A1:B2").numberFormat = [["0", "0"], ["0"]])).toThrow(/wrong shape/);
    expect(() => (sheet.getRange("A1:A1").formulas = [["=1", "=2"]])).toThrow(/wrong shape/);
    expect(() => (sheet.getRange("A1:B1").values = [[1, NaN]])).toThrow(/cannot store/);
    expect(() => (sheet.getRange("A1:B1").values = [[1, undefined]])).toThrow(/cannot store/);
  });

  it("refuses sheet names Excel refuses", () => {
    expect(sheetNameProblem("ETF Comparison (2)")).toBeNull();
    expect(sheetNameProblem("x".repeat(32))).toMatch(/31/);
    for (const bad of ["a/b", "a:b", "a[1]", "a*", "a?", "a\\b", "", "'quoted'", "History"])
      expect(sheetNameProblem(bad)).not.toBeNull();
    const fake = new FakeContext(["Sheet1"]);
    expect(() => fake.workbook.worksheets.add("Q1/Q2")).toThrow(/InvalidArgument/);
  });

  it("refuses table and defined names Excel refuses", () => {
    for (const good of ["ETFSummary", "ETFSummary2", "_x", "AIValueChain", "AICHAIN_COMPARISON"])
      expect(definedNameProblem(good)).toBeNull();
    for (const bad of ["ETF Summary", "1Table", "A1", "XFD1048576", "R1C1", "r", "C", "ETF-Summary", ""])
      expect(definedNameProblem(bad)).not.toBeNull();
  });

  it("refuses a table over another table, and a table name a defined name holds", () => {
    const fake = new FakeContext(["Sheet1"]);
    const sheet = fake.workbook.sheet("Sheet1")!;
    sheet.tables.add("A1:C5", true);
    expect(() => sheet.tables.add("C5:D9", true)).toThrow(/overlap/);
    fake.workbook.names.add("Prices", sheet.getRange("F1:F1"));
    expect(() => (sheet.tables.add("F3:G5", true).name = "prices")).toThrow(/defined name/);
  });

  it("keeps formulas apart from what they show, and counts a formula showing nothing as content", async () => {
    const fake = new FakeContext(["Sheet1"]);
    const sheet = fake.workbook.sheet("Sheet1")!;
    sheet.seedFormula("A1:A1", '=IF(TRUE,"","x")', "");
    const range = sheet.getRange("A1:A1").load("values,formulas");
    await fake.sync();
    expect(range.values).toEqual([[""]]);
    expect(range.formulas).toEqual([['=IF(TRUE,"","x")']]);
    sheet.getRange("A1:A1").clear("Contents");
    expect(sheet.formulaAt("A1:A1")).toBeUndefined();
  });

  it("breaks structured references when a table is deleted, and follows a renamed table", () => {
    const fake = new FakeContext(["Sheet1", "Other"]);
    const sheet = fake.workbook.sheet("Sheet1")!;
    sheet.seed("A1:B3", [
      ["Symbol", "Return"],
      ["A", 0.1],
      ["B", 0.2],
    ]);
    const table = sheet.tables.add("A1:B3", true);
    table.name = "Funds";
    const other = fake.workbook.sheet("Other")!;
    other.seedFormula("A1:A1", "=MAX(Funds[Return])", 0.2);
    other.seedFormula("A2:A2", "=SUM(FundsExtra[Return])", 1); // another table's name that starts alike
    table.name = "MyFunds";
    expect(other.formulaAt("A1:A1")).toBe("=MAX(MyFunds[Return])");
    expect(other.formulaAt("A2:A2")).toBe("=SUM(FundsExtra[Return])");
    table.delete();
    expect(other.formulaAt("A1:A1")).toBe("=MAX(#REF!)");
    expect(other.valuesAt("A1:A2")).toEqual([["#REF!"], [1]]);
    expect(sheet.valuesAt("A1:B1")).toEqual([["", ""]]); // deleting a table deletes its cells
  });

  it("resizes a table only as Excel does: header on its row, overlapping, not over another table, ExcelApi 1.13", () => {
    const fake = new FakeContext(["Sheet1"]);
    const sheet = fake.workbook.sheet("Sheet1")!;
    const table = sheet.tables.add("A1:B3", true);
    sheet.tables.add("D1:E3", true);
    table.resize("A1:C6");
    expect(table.address).toBe("A1:C6");
    expect(() => table.resize("A2:C6")).toThrow(/header row/);
    expect(() => table.resize("A1:D6")).toThrow(/overlap another table/);
    fake.resizeSupported = false;
    expect(() => table.resize("A1:B3")).toThrow(/ExcelApi 1.13/);
  });

  it("refuses a name's comment longer than Excel keeps", () => {
    const fake = new FakeContext(["Sheet1"]);
    const sheet = fake.workbook.sheet("Sheet1")!;
    expect(() => sheet.names.add("Block", sheet.getRange("A1:A1"), "x".repeat(256))).toThrow(/255/);
  });
});
