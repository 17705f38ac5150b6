import { historyTable } from "../../src/market";
import { ohlc, thrown } from "./bars";

/*
 * Hand-made bars. Mon 2024-01-01 is New Year's Day (closed); Mon 2024-01-29 is left out as if
 * closed, so the week 01-29..02-02 starts on Tuesday 01-30 and crosses into February.
 * Excel serials: 2023-12-01 = 45261, 2023-12-28 = 45288, 2024-01-01 = 45292, 2024-01-02 = 45293,
 * 2024-01-08 = 45299, 2024-01-30 = 45321, 2024-02-01 = 45323, 2024-02-05 = 45327.
 */
const bars = ohlc([
  //  date         open  high  low   close adj   volume
  ["2023-12-28", 9, 10, 8, 9.5, 9.4, 100],
  ["2023-12-29", 9.5, 11, 9, 10, 9.9, 200],
  ["2024-01-02", 10, 12, 9.5, 11, 10.9, 300],
  ["2024-01-03", 11, 11.5, 10, 10.5, 10.4, 400],
  ["2024-01-04", 10.5, 13, 10.2, 12.5, 12.4, 500],
  ["2024-01-05", 12.5, 12.8, 11, 12, 11.9, 600],
  ["2024-01-08", 12, 12.4, 11.5, 12.2, 12.1, 700],
  ["2024-01-30", 13, 14, 12.9, 13.5, 13.4, 800],
  ["2024-01-31", 13.5, 15, 13, 14.5, 14.4, 900],
  ["2024-02-01", 14.5, 14.9, 13.8, 14, 14, 1000],
  ["2024-02-02", 14, 14.2, 12.5, 13, 13, null], // volume missing
  ["2024-02-05", 13, 13.5, 12.8, 13.2, 13.2, 1100],
]);
const dividends: [string, number][] = [
  ["2023-12-28", 0.3],
  ["2024-01-03", 0.05],
  ["2024-01-04", 0.02],
  ["2024-02-01", 0.1],
];
const ALL = [0, 1, 2, 3, 4, 5, 6, 7];

describe("historyTable daily", () => {
  test("rows start at the first trading day on or after the start (not the return rule's base)", () => {
    // start is the New Year holiday: the first row is 01-02, not 2023-12-29
    const t = historyTable(bars, dividends, {
      start: "2024-01-01",
      end: "2024-01-05",
      interval: 0,
      headers: 1,
      properties: [0, 1],
    });
    expect(t).toEqual([
      ["Date", "Close"],
      [45293, 11],
      [45294, 10.5],
      [45295, 12.5],
      [45296, 12],
    ]);
  });

  test("defaults: daily, one header row, Date and Close", () => {
    const t = historyTable(bars, [], { start: "2024-01-05", end: "2024-01-08" });
    expect(t).toEqual([
      ["Date", "Close"],
      [45296, 12],
      [45299, 12.2],
    ]);
  });

  test("all properties in order, with a dividend on its ex-date and blanks for missing values", () => {
    const t = historyTable(bars, dividends, { start: "2024-02-01", end: "2024-02-02", interval: 0, headers: 1, properties: ALL });
    expect(t).toEqual([
      ["Date", "Close", "Open", "High", "Low", "Volume", "Adj Close", "Dividend"],
      [45323, 14, 14.5, 14.9, 13.8, 1000, 14, 0.1],
      [45324, 13, 14, 14.2, 12.5, "", 13, 0],
    ]);
  });

  test("properties come out in the order given, repeats allowed", () => {
    const t = historyTable(bars, [], {
      start: "2024-01-04",
      end: "2024-01-04",
      interval: 0,
      headers: 1,
      properties: [5, 1, 0, 1],
    });
    expect(t).toEqual([
      ["Volume", "Close", "Date", "Close"],
      [500, 12.5, 45295, 12.5],
    ]);
  });
});

describe("historyTable weekly (weeks begin on Monday)", () => {
  test("a range starting mid-week and a week whose Monday is a holiday", () => {
    const t = historyTable(bars, dividends, { start: "2023-12-28", end: "2024-01-08", interval: 1, headers: 1, properties: ALL });
    expect(t[0]).toEqual(["Date", "Close", "Open", "High", "Low", "Volume", "Adj Close", "Dividend"]);
    // week of Mon 12-25, in range from Thu 12-28: open 9, high max(10, 11), low min(8, 9), close 10, volume 300
    expect(t[1]).toEqual([45288, 10, 9, 11, 8, 300, 9.9, 0.3]);
    // week of Mon 01-01 (holiday): dated Tue 01-02; high 13 (01-04), low 9.5 (01-02), volume 300+400+500+600
    expect(t[2].slice(0, 7)).toEqual([45293, 12, 10, 13, 9.5, 1800, 11.9]);
    expect(t[2][7]).toBeCloseTo(0.07, 12); // 0.05 + 0.02
    // week of Mon 01-08, cut by the end date: just 01-08
    expect(t[3]).toEqual([45299, 12.2, 12, 12.4, 11.5, 700, 12.1, 0]);
    expect(t).toHaveLength(4);
  });

  test("a mid-week start dates the row by its first trading day in range and counts only dividends in range", () => {
    const t = historyTable(bars, dividends, {
      start: "2024-01-04",
      end: "2024-01-07",
      interval: 1,
      headers: 0,
      properties: [0, 2, 3, 4, 1, 5, 7],
    });
    // 01-04 and 01-05 only: open 10.5, high 13, low 10.2, close 12, volume 1100, dividend 0.02 (01-03 is outside)
    expect(t).toEqual([[45295, 10.5, 13, 10.2, 12, 1100, 0.02]]);
  });

  test("a week spanning a month boundary is one row; a missing volume is skipped in the sum", () => {
    const t = historyTable(bars, dividends, { start: "2024-01-29", end: "2024-02-05", interval: 1, headers: 0, properties: ALL });
    // Tue 01-30 .. Fri 02-02: open 13, high 15, low 12.5, close 13, volume 800+900+1000, adj 13, dividend 0.1
    expect(t).toEqual([
      [45321, 13, 13, 15, 12.5, 2700, 13, 0.1],
      [45327, 13.2, 13, 13.5, 12.8, 1100, 13.2, 0],
    ]);
  });
});

describe("historyTable monthly (rows dated the 1st of the month)", () => {
  test("splits the boundary week by month", () => {
    const t = historyTable(bars, dividends, { start: "2024-01-29", end: "2024-02-29", interval: 2, headers: 0, properties: ALL });
    expect(t).toEqual([
      // January part: 01-30, 01-31: open 13, high 15, low 12.9, close 14.5, volume 1700, adj 14.4
      [45292, 14.5, 13, 15, 12.9, 1700, 14.4, 0],
      // February: 02-01, 02-02, 02-05: open 14.5, high 14.9, low 12.5, close 13.2, volume 1000+1100
      [45323, 13.2, 14.5, 14.9, 12.5, 2100, 13.2, 0.1],
    ]);
  });

  test("a whole range by month", () => {
    const t = historyTable(bars, dividends, {
      start: "2023-12-01",
      end: "2024-12-31",
      interval: 2,
      headers: 1,
      properties: [0, 1, 5, 7],
    });
    expect(t[0]).toEqual(["Date", "Close", "Volume", "Dividend"]);
    expect(t[1]).toEqual([45261, 10, 300, 0.3]); // December 2023
    // January 2024: close of 01-31, volume 300+400+500+600+700+800+900 = 4200, dividends 0.07
    expect(t[2].slice(0, 3)).toEqual([45292, 14.5, 4200]);
    expect(t[2][3]).toBeCloseTo(0.07, 12);
    expect(t[3]).toEqual([45323, 13.2, 2100, 0.1]);
    expect(t).toHaveLength(4);
  });
});

describe("historyTable headers and errors", () => {
  test("headers 0, 1 and 2 (identifier row above the header row)", () => {
    const opts = { start: "2024-01-02", end: "2024-01-02", interval: 0 as const, properties: [0, 1, 6] };
    expect(historyTable(bars, [], { ...opts, headers: 0 })).toEqual([[45293, 11, 10.9]]);
    expect(historyTable(bars, [], { ...opts, headers: 1 })).toEqual([
      ["Date", "Close", "Adj Close"],
      [45293, 11, 10.9],
    ]);
    expect(historyTable(bars, [], { ...opts, headers: 2, label: "SOXX" })).toEqual([
      ["SOXX", "", ""],
      ["Date", "Close", "Adj Close"],
      [45293, 11, 10.9],
    ]);
  });

  test("missing open/high/low/volume become empty text", () => {
    const sparse = [{ date: "2024-01-02", open: null, high: null, low: null, close: 5, adjclose: 5, volume: null }];
    expect(
      historyTable(sparse, [], { start: "2024-01-02", end: "2024-01-02", interval: 0, headers: 0, properties: [2, 3, 4, 5, 1] }),
    ).toEqual([["", "", "", "", 5]]);
  });

  test("malformed arguments are bad_argument / bad_range / bad_date with messages", () => {
    const base = { start: "2024-01-02", end: "2024-01-05", interval: 0 as const, headers: 1 as const };
    for (const p of [8, -1, 1.5, Number.NaN]) {
      const e = thrown(() => historyTable(bars, [], { ...base, properties: [0, p] }));
      expect(e.code).toBe("bad_argument");
      expect(e.message).toContain("does not exist");
    }
    expect(thrown(() => historyTable(bars, [], { ...base, properties: ["1" as unknown as number] })).code).toBe("bad_argument");
    expect(thrown(() => historyTable(bars, [], { ...base, interval: 3 as never })).message).toContain("interval must be");
    expect(thrown(() => historyTable(bars, [], { ...base, headers: 3 as never })).message).toContain("headers must be");
    expect(thrown(() => historyTable(bars, [], { ...base, start: "2024-01-06", end: "2024-01-05" })).code).toBe("bad_range");
    expect(thrown(() => historyTable(bars, [], { ...base, start: "2024-01-32" })).code).toBe("bad_date");
  });

  test("a range with no trading days is no_data", () => {
    const e = thrown(() => historyTable(bars, [], { start: "2024-01-06", end: "2024-01-07", label: "SOXX" }));
    expect(e.code).toBe("no_data");
    expect(e.message).toBe("SOXX has no trading days between 2024-01-06 and 2024-01-07");
    expect(thrown(() => historyTable(bars, [], { start: "2025-01-01", end: "2025-02-01" })).code).toBe("no_data");
  });
});
