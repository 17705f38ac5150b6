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
    for (const bad of ["a/b", "a:b", "a[1]", "a*", "a?", "a\\b", "", "'quoted'", "History"]) expect(sheetNameProblem(bad)).not.toBeNull();
    const fake = new FakeContext(["Sheet1"]);
    expect(() => fake.workbook.worksheets.add("Q1/Q2")).toThrow(/InvalidArgument/);
  });

  it("refuses table and defined names Excel refuses", () => {
    for (const good of ["ETFSummary", "ETFSummary2", "_x", "AIValueChain", "AICHAIN_COMPARISON"]) expect(definedNameProblem(good)).toBeNull();
    for (const bad of ["ETF Summary", "1Table", "A1", "XFD1048576", "R1C1", "r", "C", "ETF-Summary", ""]) expect(definedNameProblem(bad)).not.toBeNull();
  });

  it("refuses a table over another table, and a table name a defined name holds", () => {
    const fake = new FakeContext(["Sheet1"]);
    const sheet = fake.workbook.sheet("Sheet1")!;
    sheet.tables.add("A1:C5", true);
    expect(() => sheet.tables.add("C5:D9", true)).toThrow(/overlap/);
    fake.workbook.names.add("Prices", sheet.getRange("F1:F1"));
    expect(() => (sheet.tables.add("F3:G5", true).name = "prices")).toThrow(/defined name/);
  });
});
