import { alignDates, growthOf100 } from "../../src/market";
import { closes, thrown } from "./bars";

/*
 * AAA trades Mon-Fri; BBB (another exchange) is closed Tue 01-07 and trades Sat 01-11 instead.
 * Shared dates: 01-06, 01-08, 01-09, 01-10.
 */
const AAA = closes([
  ["2025-01-06", 50],
  ["2025-01-07", 51],
  ["2025-01-08", 52],
  ["2025-01-09", 49],
  ["2025-01-10", 55],
]);
const BBB = closes([
  ["2025-01-06", 200],
  ["2025-01-08", 210],
  ["2025-01-09", 190],
  ["2025-01-10", 230],
  ["2025-01-11", 240],
]);

describe("alignDates", () => {
  test("keeps only the dates every series has, oldest first", () => {
    expect(alignDates({ AAA, BBB })).toEqual(["2025-01-06", "2025-01-08", "2025-01-09", "2025-01-10"]);
    expect(alignDates({})).toEqual([]);
  });
});

describe("growthOf100", () => {
  test("rebases every series to 100 on the last shared date on or before the start", () => {
    // start 01-07 (AAA trades, BBB does not): the base is 01-06, the last shared date before it
    const g = growthOf100({ AAA, BBB }, "2025-01-07");
    expect(g.dates).toEqual(["2025-01-06", "2025-01-08", "2025-01-09", "2025-01-10"]);
    // AAA: 100, 104, 98, 110   BBB: 100, 105, 95, 115
    expect(g.values.AAA.map((v) => +v.toFixed(10))).toEqual([100, 104, 98, 110]);
    expect(g.values.BBB.map((v) => +v.toFixed(10))).toEqual([100, 105, 95, 115]);
    expect(g.values.AAA[0]).toBe(100);
  });

  test("the end is the last shared date on or before the end date", () => {
    // end Sat 01-11 (only BBB trades): ends 01-10; end 01-09: ends 01-09
    expect(growthOf100({ AAA, BBB }, "2025-01-06", "2025-01-11").dates.at(-1)).toBe("2025-01-10");
    const g = growthOf100({ AAA, BBB }, "2025-01-08", "2025-01-09");
    expect(g.dates).toEqual(["2025-01-08", "2025-01-09"]);
    // AAA 49 / 52 * 100 = 94.2307692...
    expect(g.values.AAA[1]).toBeCloseTo((49 / 52) * 100, 12);
  });

  test("when no shared date is that early, the base is the first shared date after the start", () => {
    const young = closes([
      ["2025-01-09", 10],
      ["2025-01-10", 12],
    ]);
    const g = growthOf100({ AAA, young }, "2025-01-06");
    expect(g.dates).toEqual(["2025-01-09", "2025-01-10"]);
    // AAA rebased at its 01-09 close 49: 55 / 49 * 100 = 112.244897...; young 12 / 10 * 100 = 120
    expect(g.values.AAA[1]).toBeCloseTo((55 / 49) * 100, 12);
    expect(g.values.young[1]).toBeCloseTo(120, 12);
  });

  test("errors: no symbols, no common dates, empty series, end before start", () => {
    expect(thrown(() => growthOf100({}, "2025-01-06")).code).toBe("bad_argument");
    const other = closes([["2024-06-03", 1]]);
    expect(thrown(() => growthOf100({ AAA, other }, "2025-01-06")).message).toContain("no trading dates in common");
    expect(thrown(() => growthOf100({ AAA, none: [] }, "2025-01-06")).message).toBe("No price data for none");
    expect(thrown(() => growthOf100({ AAA, BBB }, "2025-01-09", "2025-01-08")).code).toBe("bad_range");
    // every shared date is after the end
    expect(thrown(() => growthOf100({ AAA, BBB }, "2024-12-01", "2024-12-31")).code).toBe("no_data");
  });

  test("price and total use their own columns", () => {
    const withDiv = AAA.map((b, i) => ({ ...b, adjclose: i < 2 ? b.close * 0.5 : b.close }));
    const g = growthOf100({ withDiv }, "2025-01-06", "2025-01-08", "total");
    // adjclose 25 -> 52: 208; close 50 -> 52: 104
    expect(g.values.withDiv.at(-1)).toBeCloseTo(208, 12);
    expect(growthOf100({ withDiv }, "2025-01-06", "2025-01-08", "price").values.withDiv.at(-1)).toBeCloseTo(104, 12);
  });
});
