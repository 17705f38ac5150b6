import { conversionOf, convertBars, currencyUnit, panelTable, periodReturn, toExcelSerial } from "../../src/market";
import { closes, thrown } from "./bars";

const US = closes([
  ["2025-01-24", 10],
  ["2025-01-27", 11],
  ["2025-01-28", 12],
  ["2025-01-30", 13],
]);
// A market on another calendar: closed 01-27 and 01-28 (and trading on 01-29 when US data is missing)
const HK = closes([
  ["2025-01-23", 200],
  ["2025-01-24", 210],
  ["2025-01-29", 220],
  ["2025-01-30", 230],
]);

describe("PANEL table", () => {
  test("union of dates inside the period; closed days show the previous value", () => {
    const t = panelTable(
      [
        { label: "US", bars: US },
        { label: "HK", bars: HK },
      ],
      "2025-01-27",
      "2025-01-31",
    );
    expect(t).toEqual([
      ["Date", "US", "HK"],
      [toExcelSerial("2025-01-27"), 11, 210], // HK closed: its 01-24 close, from before the start
      [toExcelSerial("2025-01-28"), 12, 210],
      [toExcelSerial("2025-01-29"), 12, 220],
      [toExcelSerial("2025-01-30"), 13, 230],
    ]);
  });

  test("fill blank leaves closed days empty; nothing before a series starts", () => {
    const t = panelTable(
      [
        { label: "US", bars: US },
        { label: "HK", bars: HK },
      ],
      "2025-01-23",
      "2025-01-28",
      "close",
      "blank",
    );
    expect(t.slice(1).map((r) => r.slice(1))).toEqual([
      [null, 200],
      [10, 210],
      [11, null],
      [12, null],
    ]);
  });

  test("an empty period is no_data naming the series", () => {
    expect(thrown(() => panelTable([{ label: "US", bars: US }], "2025-02-01", "2025-02-05")).message).toMatch(
      /No trading day .* for US/,
    );
  });
});

describe("currency conversion", () => {
  // HKDUSD rates, with no rate on 01-29 (the rate on or before it, 01-28's, applies)
  const RATES = closes([
    ["2025-01-22", 0.128],
    ["2025-01-24", 0.1284],
    ["2025-01-28", 0.1285],
    ["2025-01-30", 0.1283],
  ]);

  test("each day's prices times the rate on or before it; returns follow the converted prices", () => {
    const usd = convertBars(HK, RATES, "HKDUSD=X");
    expect(usd.map((b) => b.adjclose)).toEqual([200 * 0.128, 210 * 0.1284, 220 * 0.1285, 230 * 0.1283]);
    const r = periodReturn(usd, "2025-01-24", "2025-01-30");
    expect(r.value).toBeCloseTo((230 * 0.1283) / (210 * 0.1284) - 1, 15);
    expect(r.value).not.toBeCloseTo(230 / 210 - 1, 4);
  });

  test("a day before the first rate is no_data naming the pair", () => {
    expect(thrown(() => convertBars(HK, RATES.slice(1), "HKDUSD=X")).message).toBe(
      "No HKDUSD=X rate on or before 2025-01-23 (its rates start 2025-01-24)",
    );
  });

  test("rate symbols and minor units", () => {
    expect(conversionOf("hkd", "USD")).toEqual({ rateSymbol: "HKDUSD=X", scale: 1 });
    expect(conversionOf("USD", "usd")).toEqual({ rateSymbol: null, scale: 1 });
    expect(conversionOf("GBp", "USD")).toEqual({ rateSymbol: "GBPUSD=X", scale: 0.01 });
    expect(conversionOf("GBp", "GBP")).toEqual({ rateSymbol: null, scale: 0.01 });
    expect(convertBars(closes([["2025-01-02", 250]]), null, "", 0.01)[0].close).toBeCloseTo(2.5, 15);
    expect(currencyUnit("cny")).toEqual({ currency: "CNY", scale: 1 });
    expect(thrown(() => currencyUnit("dollars")).code).toBe("bad_argument");
  });
});
