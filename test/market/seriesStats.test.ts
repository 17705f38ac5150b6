import { cagr, maxDrawdown, periodReturn, seriesStats, volatility } from "../../src/market";
import { closes, thrown } from "./bars";

// 100 -> 120 -> 90 -> 130 over 2024-01-02 .. 2025-01-03 (367 days between first and last close)
const bars = closes([
  ["2024-01-02", 100],
  ["2024-06-03", 120],
  ["2024-09-03", 90],
  ["2025-01-03", 130],
]);

describe("seriesStats", () => {
  test("agrees with the single-measure functions", () => {
    const s = seriesStats(bars, "2024-01-02", undefined, "total", "TEST");
    expect(s.baseDate).toBe("2024-01-02");
    expect(s.endDate).toBe("2025-01-03");
    expect(s.days).toBe(367);
    expect(s.return).toBe(periodReturn(bars, "2024-01-02").value);
    expect(s.cagr).toBe(cagr(bars, "2024-01-02").value);
    expect(s.volatility).toBe(volatility(bars, "2024-01-02").value);
    expect(s.maxDrawdown).toBe(maxDrawdown(bars, "2024-01-02").value);
    // hand check: 1.3 ^ (365.25 / 367) - 1 = 0.29810...; drawdown 90 / 120 - 1 = -0.25
    expect(s.cagr).toBeCloseTo(Math.pow(1.3, 365.25 / 367) - 1, 14);
    expect(s.maxDrawdown).toBeCloseTo(-0.25, 14);
    expect(s.cagrReason).toBeUndefined();
  });

  test("a short window keeps return and drawdown, and explains the missing CAGR and volatility", () => {
    const s = seriesStats(bars, "2024-06-03", "2024-09-03");
    expect(s.return).toBeCloseTo(-0.25, 14);
    expect(s.cagr).toBeNull();
    expect(s.cagrReason).toBe("CAGR needs a period of at least a year (this one is 92 days)");
    expect(s.volatility).toBeNull();
    expect(s.volatilityReason).toContain("at least two daily returns");
  });

  test("window errors still throw", () => {
    expect(thrown(() => seriesStats(bars, "2023-12-29", undefined, "total", "QQQ")).message).toContain(
      "QQQ data starts 2024-01-02",
    );
  });
});
