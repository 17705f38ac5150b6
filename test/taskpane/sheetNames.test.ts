import { nextFreeSheetName, nextFreeTableName } from "../../src/taskpane/sheets/sheetNames";
import { columnLetters, parseAddress, rectAddress, rectContains, rectGrowth } from "../../src/taskpane/sheets/a1";

describe("nextFreeSheetName", () => {
  it("uses the base name when it is free", () => {
    expect(nextFreeSheetName("AI Value Chain", ["Sheet1"])).toBe("AI Value Chain");
  });
  it("numbers the name when it clashes, ignoring case like Excel", () => {
    expect(nextFreeSheetName("AI Value Chain", ["Sheet1", "ai value chain"])).toBe("AI Value Chain (2)");
    expect(nextFreeSheetName("AI Value Chain", ["AI Value Chain", "AI Value Chain (2)"])).toBe("AI Value Chain (3)");
  });
  it("keeps numbered names within Excel's 31 characters", () => {
    const base = "A very long worksheet name here!"; // 32 chars
    const first = nextFreeSheetName(base, []);
    expect(first).toHaveLength(31);
    const second = nextFreeSheetName(base, [first]);
    expect(second).toHaveLength(31);
    expect(second.endsWith(" (2)")).toBe(true);
  });
});

describe("nextFreeTableName", () => {
  it("appends a number when a table of that name exists anywhere in the workbook", () => {
    expect(nextFreeTableName("ETFSummary", [])).toBe("ETFSummary");
    expect(nextFreeTableName("ETFSummary", ["etfsummary", "ETFSummary2"])).toBe("ETFSummary3");
  });
});

describe("A1 addresses", () => {
  it("converts columns both ways", () => {
    expect(columnLetters(0)).toBe("A");
    expect(columnLetters(25)).toBe("Z");
    expect(columnLetters(26)).toBe("AA");
    expect(columnLetters(701)).toBe("ZZ");
    expect(parseAddress("'ETF Comparison (2)'!$B$3:$AA$10")).toEqual({ row: 2, col: 1, rows: 8, cols: 26 });
    expect(rectAddress({ row: 0, col: 0, rows: 1, cols: 1 })).toBe("A1:A1");
  });
  it("finds the cells a larger block adds", () => {
    const prev = { row: 0, col: 0, rows: 10, cols: 5 };
    expect(rectGrowth(prev, { row: 0, col: 0, rows: 8, cols: 5 })).toEqual([]);
    expect(rectGrowth(prev, { row: 0, col: 0, rows: 12, cols: 6 })).toEqual([
      { row: 10, col: 0, rows: 2, cols: 6 },
      { row: 0, col: 5, rows: 10, cols: 1 },
    ]);
    expect(rectContains(prev, { row: 9, col: 4, rows: 1, cols: 1 })).toBe(true);
    expect(rectContains(prev, { row: 9, col: 4, rows: 2, cols: 1 })).toBe(false);
  });
});
