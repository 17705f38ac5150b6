import { alignCommon, alignedWindow, betaOf, pearson, returnsOf, sampleCovariance, samplePeriods } from "../../src/market";
import { closes, thrown } from "./bars";

/*
 * x returns: +1%, -2%, +3%, 0%   (mean 0.005; deviations 0.005, -0.025, 0.025, -0.005)
 * y returns: +2%, -3%, +5%, +1%  (mean 0.0125; deviations 0.0075, -0.0425, 0.0375, -0.0025)
 * sxy = 0.0000375 + 0.0010625 + 0.0009375 + 0.0000125 = 0.00205
 * sxx = 0.000025 + 0.000625 + 0.000625 + 0.000025 = 0.0013
 * syy = 0.00005625 + 0.00180625 + 0.00140625 + 0.00000625 = 0.003275
 * beta(y on x) = 0.00205 / 0.0013 = 1.576923...; cov = 0.00205 / 3; r = 0.00205 / sqrt(0.0013 * 0.003275)
 */
const X = [0.01, -0.02, 0.03, 0];
const Y = [0.02, -0.03, 0.05, 0.01];

describe("covariance, beta, correlation", () => {
  test("known sums", () => {
    expect(sampleCovariance(X, Y)).toBeCloseTo(0.00205 / 3, 15);
    expect(betaOf(Y, X)).toBeCloseTo(0.00205 / 0.0013, 12);
    expect(pearson(X, Y)).toBeCloseTo(0.00205 / Math.sqrt(0.0013 * 0.003275), 12);
  });

  test("a scaled and shifted copy has correlation 1 and beta equal to the scale", () => {
    const z = X.map((x) => 0.002 - 2 * x);
    expect(pearson(X, z)).toBeCloseTo(-1, 14);
    expect(betaOf(z, X)).toBeCloseTo(-2, 12);
  });

  test("too few pairs or a flat series say so", () => {
    expect(thrown(() => betaOf([0.1], [0.2])).message).toMatch(/at least 2 paired returns/);
    expect(thrown(() => pearson([0.5, 0.5, 0.5], [0.1, 0.2, 0.3])).message).toMatch(/did not move/);
  });
});

describe("alignment on shared dates", () => {
  // B is closed on 01-08 (a holiday of its market) and trades on 01-11 (a Saturday session) when A does not.
  const A = closes([
    ["2025-01-06", 100],
    ["2025-01-07", 101],
    ["2025-01-08", 103],
    ["2025-01-09", 102],
    ["2025-01-10", 104],
  ]);
  const B = closes([
    ["2025-01-06", 50],
    ["2025-01-07", 51],
    ["2025-01-09", 50],
    ["2025-01-10", 52],
    ["2025-01-11", 53],
  ]);

  test("only the dates both traded; a missed day folds into the next shared move", () => {
    const aligned = alignCommon([A, B], ["A", "B"]);
    expect(aligned.dates).toEqual(["2025-01-06", "2025-01-07", "2025-01-09", "2025-01-10"]);
    const { dates, returns } = returnsOf(aligned);
    expect(dates).toEqual(["2025-01-07", "2025-01-09", "2025-01-10"]);
    expect(returns[0][1]).toBeCloseTo(102 / 101 - 1, 15); // A from 01-07 to 01-09, across the day B missed
    expect(returns[1][1]).toBeCloseTo(50 / 51 - 1, 15);
  });

  test("the window's base is the last shared close on or before the start", () => {
    const w = alignedWindow(alignCommon([A, B], ["A", "B"]), "2025-01-08", undefined, ["A", "B"]);
    expect(w.dates).toEqual(["2025-01-07", "2025-01-09", "2025-01-10"]);
    expect(thrown(() => alignedWindow(alignCommon([A, B], ["A", "B"]), "2025-01-01", undefined, ["A", "B"])).message).toMatch(
      /first day A and B both traded is 2025-01-06; the start date 2025-01-01 is earlier/,
    );
    expect(thrown(() => alignedWindow(alignCommon([A, B], ["A", "B"]), "2025-01-09", undefined, ["A", "B"])).message).toMatch(
      /share only 2 closes .* at least three/,
    );
  });

  test("weekly and monthly samples keep the base close and each period's last shared close", () => {
    const days = closes([
      ["2025-01-29", 1],
      ["2025-01-30", 2],
      ["2025-01-31", 3], // Wed-Fri
      ["2025-02-03", 4],
      ["2025-02-07", 5], // Mon, Fri
      ["2025-02-10", 6],
      ["2025-03-03", 7],
      ["2025-03-04", 8],
    ]);
    const aligned = alignCommon([days], ["D"]);
    expect(samplePeriods(aligned, 1).dates).toEqual(["2025-01-29", "2025-01-31", "2025-02-07", "2025-02-10", "2025-03-04"]);
    expect(samplePeriods(aligned, 2).dates).toEqual(["2025-01-29", "2025-01-31", "2025-02-10", "2025-03-04"]);
    expect(samplePeriods(aligned, 0)).toBe(aligned);
  });
});
