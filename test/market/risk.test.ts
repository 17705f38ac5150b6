import { dailyReturns, maxDrawdown, sampleStdev, volatility } from "../../src/market";
import { closes, thrown } from "./bars";

/*
 * Daily returns +2%, -2%, +2%, -1%:
 *   100 -> 102 -> 99.96 -> 101.9592 -> 100.939608
 * mean = 0.0025; deviations 0.0175, -0.0225, 0.0175, -0.0125
 * squares 0.00030625 + 0.00050625 + 0.00030625 + 0.00015625 = 0.001275
 * sample variance = 0.001275 / 3 = 0.000425; annualised = sqrt(0.000425 * 252) = 0.327261363439...
 */
const zigzag = closes([
  ["2025-01-06", 100],
  ["2025-01-07", 102],
  ["2025-01-08", 99.96],
  ["2025-01-09", 101.9592],
  ["2025-01-10", 100.939608],
]);

describe("volatility", () => {
  test("sample stdev (n - 1) of daily simple returns times sqrt(252)", () => {
    const r = volatility(zigzag, "2025-01-06");
    expect(r.value).toBeCloseTo(Math.sqrt(0.000425 * 252), 13);
    // a population stdev (divide by n) would give sqrt(0.00031875 * 252) = 0.2834...
    expect(r.value).not.toBeCloseTo(Math.sqrt((0.001275 / 4) * 252), 3);
  });

  test("the window runs from the base close (on or before start) to the end close", () => {
    // start Sunday 01-05 is before the first bar -> error; start Tue 01-07 -> returns -2%, +2%, -1%
    // mean -1/300; deviations -0.016667, 0.023333, -0.006667; squares sum 0.000866667; /2; *252
    const r = volatility(zigzag, "2025-01-07");
    const rs = [-0.02, 0.02, -0.01];
    const mean = (rs[0] + rs[1] + rs[2]) / 3;
    const variance = rs.reduce((s, x) => s + (x - mean) ** 2, 0) / 2;
    expect(r.value).toBeCloseTo(Math.sqrt(variance * 252), 12);
    expect(r.value).toBeCloseTo(0.330454, 6);
  });

  test("fewer than two returns has no answer, with the reason", () => {
    const e = thrown(() => volatility(zigzag, "2025-01-09", "2025-01-10"));
    expect(e.code).toBe("no_data");
    expect(e.message).toContain("at least two daily returns (this window has 1)");
    expect(thrown(() => volatility(zigzag, "2025-01-05")).code).toBe("before_first_date");
  });

  test("helpers: dailyReturns and sampleStdev", () => {
    expect(dailyReturns([100, 110, 99])).toEqual([0.10000000000000009, -0.09999999999999998]);
    // values 2, 4, 4, 4, 5, 5, 7, 9: mean 5, squares sum 32, sample variance 32 / 7
    expect(sampleStdev([2, 4, 4, 4, 5, 5, 7, 9])).toBeCloseTo(Math.sqrt(32 / 7), 14);
    expect(thrown(() => sampleStdev([1])).code).toBe("no_data");
  });
});

/*
 * 100, 120, 90, 130, 104, 110
 * running max 100, 120, 120, 130, 130, 130
 * drawdowns     0,   0, -0.25, 0, -0.2, -0.153846...
 */
const peaks = closes([
  ["2025-02-03", 100],
  ["2025-02-04", 120],
  ["2025-02-05", 90],
  ["2025-02-06", 130],
  ["2025-02-07", 104],
  ["2025-02-10", 110],
]);

describe("maxDrawdown", () => {
  test("the worst peak-to-trough fall: 120 -> 90 is -25%", () => {
    expect(maxDrawdown(peaks, "2025-02-03").value).toBeCloseTo(-0.25, 14);
  });

  test("the running maximum starts at the base close", () => {
    // from 90 (02-05): 90, 130, 104, 110 -> 104 / 130 - 1 = -0.2
    expect(maxDrawdown(peaks, "2025-02-05").value).toBeCloseTo(-0.2, 14);
    // to Sunday 02-09 from 130: 130, 104 -> -0.2; a weekend start Sat 02-08 uses Fri 104 -> 104, 110 -> 0
    expect(maxDrawdown(peaks, "2025-02-06", "2025-02-09").value).toBeCloseTo(-0.2, 14);
    expect(maxDrawdown(peaks, "2025-02-08").value).toBe(0);
  });

  test("a series that only rises has a drawdown of exactly 0 (not -0)", () => {
    const up = closes([
      ["2025-03-03", 10],
      ["2025-03-04", 11],
      ["2025-03-05", 11],
      ["2025-03-06", 12.5],
    ]);
    expect(maxDrawdown(up, "2025-03-03").value).toBe(0);
  });

  test("price and total drawdowns differ across a dividend drop", () => {
    // close 50 -> 48 (ex-date of a 2.00 dividend) -> 49; adjclose 48 -> 48 -> 49
    const bars = [
      { date: "2025-03-03", open: null, high: null, low: null, close: 50, adjclose: 48, volume: null },
      { date: "2025-03-04", open: null, high: null, low: null, close: 48, adjclose: 48, volume: null },
      { date: "2025-03-05", open: null, high: null, low: null, close: 49, adjclose: 49, volume: null },
    ];
    expect(maxDrawdown(bars, "2025-03-03", undefined, "price").value).toBeCloseTo(-0.04, 14);
    expect(maxDrawdown(bars, "2025-03-03", undefined, "total").value).toBe(0);
  });

  test("a missing or zero close inside the window is reported, not divided by", () => {
    const bad = closes([
      ["2025-03-03", 10],
      ["2025-03-04", 0],
      ["2025-03-05", 11],
    ]);
    const e = thrown(() => maxDrawdown(bad, "2025-03-03"));
    expect(e.code).toBe("no_data");
    expect(e.message).toContain("2025-03-04");
  });
});
