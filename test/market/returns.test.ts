import { cagr, MarketError, periodReturn } from "../../src/market";
import { closes, thrown } from "./bars";

/*
 * Year-end 2024 around the holidays (Christmas Wed 12-25 and New Year Wed 01-01 closed):
 *   Tue 12-24 100 | Thu 12-26 102 | Fri 12-27 101 | Mon 12-30 104 | Tue 12-31 105
 *   Thu 01-02 108 | Fri 01-03 107.1 | Mon 01-06 110.25
 */
const yearEnd = closes([
  ["2024-12-24", 100],
  ["2024-12-26", 102],
  ["2024-12-27", 101],
  ["2024-12-30", 104],
  ["2024-12-31", 105],
  ["2025-01-02", 108],
  ["2025-01-03", 107.1],
  ["2025-01-06", 110.25],
]);

describe("periodReturn across weekends and holidays", () => {
  test("a start on a holiday uses the last close before it (2025-01-01 -> 2024-12-31)", () => {
    // 110.25 / 105 - 1 = 0.05, to the latest close by default
    const r = periodReturn(yearEnd, "2025-01-01");
    expect(r.baseDate).toBe("2024-12-31");
    expect(r.endDate).toBe("2025-01-06");
    expect(r.value).toBeCloseTo(0.05, 14);
  });

  test("a start on a Saturday uses Friday's close", () => {
    // base Fri 12-27 101, end Thu 01-02 108: 108 / 101 - 1 = 0.0693069306930693...
    const r = periodReturn(yearEnd, "2024-12-28", "2025-01-02");
    expect(r.baseDate).toBe("2024-12-27");
    expect(r.value).toBeCloseTo(7 / 101, 14);
  });

  test("an end on a Sunday uses Friday's close; a start on Christmas uses Christmas Eve", () => {
    // 101 / 100 - 1 = 0.01
    const r = periodReturn(yearEnd, "2024-12-25", "2024-12-29");
    expect([r.baseDate, r.endDate]).toEqual(["2024-12-24", "2024-12-27"]);
    expect(r.value).toBeCloseTo(0.01, 14);
  });

  test("start equal to end on a trading day is a zero return", () => {
    expect(periodReturn(yearEnd, "2024-12-30", "2024-12-30").value).toBe(0);
  });

  test("a start before the first data point names the first available date", () => {
    const e = thrown(() => periodReturn(yearEnd, "2024-12-20", undefined, "total", "SOXX"));
    expect(e.code).toBe("before_first_date");
    expect(e.message).toContain("SOXX data starts 2024-12-24");
    expect(thrown(() => periodReturn(yearEnd, "2024-12-23")).message).toContain("Data starts 2024-12-24");
  });

  test("end before start, no data, bad dates and bad kind are distinct errors", () => {
    expect(thrown(() => periodReturn(yearEnd, "2025-01-03", "2025-01-02")).code).toBe("bad_range");
    expect(thrown(() => periodReturn([], "2025-01-03")).code).toBe("no_data");
    expect(thrown(() => periodReturn(yearEnd, "2024-13-01")).code).toBe("bad_date");
    expect(thrown(() => periodReturn(yearEnd, "2025-01-02", "2025-02-30")).code).toBe("bad_date");
    expect(thrown(() => periodReturn(yearEnd, "2025-01-02", undefined, "net" as never)).code).toBe("bad_argument");
    expect(() => periodReturn(yearEnd, "2025-01-01", "2024-01-01")).toThrow(MarketError);
  });
});

/*
 * Yahoo's shape around a 3:1 split (Thu 2024-03-07) and a 0.50 dividend (ex-date Mon 2024-03-11):
 * Close is already split-adjusted (pre-split closes divided by 3), so the split makes no jump.
 * Adj Close further scales every close before the ex-date by 1 - 0.50 / 32 (the previous close)
 * = 0.984375, so the dividend drop disappears from the total-return series.
 */
const splitAndDividend = [
  { date: "2024-03-04", close: 30, adj: 29.53125 }, // traded at 90 before the split
  { date: "2024-03-05", close: 31, adj: 30.515625 },
  { date: "2024-03-06", close: 30.5, adj: 30.0234375 },
  { date: "2024-03-07", close: 31.5, adj: 31.0078125 }, // first post-split day
  { date: "2024-03-08", close: 32, adj: 31.5 },
  { date: "2024-03-11", close: 31.7, adj: 31.7 }, // ex-dividend 0.50
  { date: "2024-03-12", close: 32.4, adj: 32.4 },
].map(({ date, close, adj }) => ({ date, open: null, high: null, low: null, close, adjclose: adj, volume: null }));

describe("price vs total return across a split and a dividend", () => {
  test("price return uses close, total return uses adjusted close", () => {
    // price: 32.4 / 30 - 1 = 0.08; total: 32.4 / 29.53125 - 1 = 1.08 / 0.984375 - 1 = 0.0971428571...
    expect(periodReturn(splitAndDividend, "2024-03-04", undefined, "price").value).toBeCloseTo(0.08, 14);
    expect(periodReturn(splitAndDividend, "2024-03-04").value).toBeCloseTo(1.08 / 0.984375 - 1, 14);
    expect(periodReturn(splitAndDividend, "2024-03-04", undefined, "total").value).toBeCloseTo(0.0971428571428572, 14);
  });

  test("over the ex-date the price falls but the total return counts the dividend", () => {
    // price: 31.7 / 32 - 1 = -0.009375; total: 31.7 / 31.5 - 1 = 0.0063492063...
    expect(periodReturn(splitAndDividend, "2024-03-08", "2024-03-11", "price").value).toBeCloseTo(-0.009375, 14);
    expect(periodReturn(splitAndDividend, "2024-03-08", "2024-03-11", "total").value).toBeCloseTo(0.2 / 31.5, 14);
  });

  test("the split day is continuous in both series (split-adjusted closes)", () => {
    // 31.5 / 30.5 - 1 = 0.0327868852..., not the -65.6% an unadjusted 91.5 -> 31.5 would show
    expect(periodReturn(splitAndDividend, "2024-03-06", "2024-03-07", "price").value).toBeCloseTo(1 / 30.5, 14);
    expect(periodReturn(splitAndDividend, "2024-03-06", "2024-03-07", "total").value).toBeCloseTo(1 / 30.5, 12);
  });
});

/*
 * 2022-01-03 100 | 2022-07-01 105 | 2023-01-02 108 | 2023-01-03 110 | 2025-01-03 121
 * 2022-01-03 -> 2023-01-03 is 365 days; -> 2023-01-02 is 364; -> 2025-01-03 is 1096 (2024 is leap).
 */
const years = closes([
  ["2022-01-03", 100],
  ["2022-07-01", 105],
  ["2023-01-02", 108],
  ["2023-01-03", 110],
  ["2025-01-03", 121],
]);

describe("cagr", () => {
  test("exactly 365 days: 1.1 ^ (365.25 / 365) - 1 = 0.100071811383...", () => {
    const r = cagr(years, "2022-01-03", "2023-01-03");
    expect(r.value).toBeCloseTo(0.10007181138351062, 14);
    expect(r.value).not.toBeCloseTo(0.1, 6);
  });

  test("364 days is too short, and the message says how long the period is", () => {
    const e = thrown(() => cagr(years, "2022-01-03", "2023-01-02"));
    expect(e.code).toBe("period_too_short");
    expect(e.message).toBe("CAGR needs a period of at least a year (this one is 364 days)");
  });

  test("multi-year: 1.21 ^ (365.25 / 1096) - 1 = 0.065586792422...", () => {
    expect(cagr(years, "2022-01-03").value).toBeCloseTo(0.06558679242281773, 14);
  });

  test("days are counted between the two closes used, not between the arguments", () => {
    // arguments are 366 days apart, but the closes are 2022-07-01 and 2023-01-03: 186 days
    const e = thrown(() => cagr(years, "2022-07-02", "2023-07-03"));
    expect(e.message).toContain("186 days");
    // and a weekend start still reaches a full year when the closes are a year apart
    expect(cagr(years, "2022-01-04", "2023-01-03").baseDate).toBe("2022-01-03");
  });

  test("price and total kinds pick different columns", () => {
    const bars = years.map((b, i) => ({ ...b, adjclose: i === 0 ? 50 : b.adjclose }));
    // total: (110 / 50) ^ (365.25 / 365) - 1; price: 1.1 ^ (365.25 / 365) - 1
    expect(cagr(bars, "2022-01-03", "2023-01-03", "total").value).toBeCloseTo(Math.pow(2.2, 365.25 / 365) - 1, 12);
    expect(cagr(bars, "2022-01-03", "2023-01-03", "price").value).toBeCloseTo(0.10007181138351062, 14);
  });
});
