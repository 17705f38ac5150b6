/**
 * HISTORY with a currency: each day's prices (and each dividend) at that day's rate, before the
 * weekly/monthly rows are built; volume and dates as they are. Hand-made series with known answers.
 */
import type { HistoryRow } from "../../src/api/contract";
import { setMarketClient } from "../../src/client";
import { history } from "../../src/functions/marketFunctions";
import { HAND_ROWS, excelError, installClient } from "./marketFunctionsSetup";

// A Hong Kong listing in HKD: [date, open, high, low, close, adjclose, volume].
const HK_ROWS: HistoryRow[] = [
  ["2025-01-02", 50, 52, 49, 51, 50, 1000],
  ["2025-01-03", 51, 55, 50, 54, 53, 2000],
  ["2025-01-06", 54, 54, 48, 49, 49, 3000],
  ["2025-01-07", 49, 53, 49, 52, 52, 4000],
];
// US dollars per Hong Kong dollar; none on 2025-01-06, so the rate of 2025-01-03 applies that day.
const RATES: HistoryRow[] = [
  ["2024-12-31", 0.127, 0.127, 0.127, 0.127, 0.127, 0],
  ["2025-01-02", 0.128, 0.128, 0.128, 0.128, 0.128, 0],
  ["2025-01-03", 0.13, 0.13, 0.13, 0.13, 0.13, 0],
  ["2025-01-07", 0.125, 0.125, 0.125, 0.125, 0.125, 0],
];
const RATE_ON: Record<string, number> = { "2025-01-02": 0.128, "2025-01-03": 0.13, "2025-01-06": 0.13, "2025-01-07": 0.125 };
// A London listing in pence.
const LSE_ROWS: HistoryRow[] = [
  ["2025-01-02", 1200, 1210, 1190, 1205, 1205, 500],
  ["2025-01-03", 1205, 1220, 1200, 1215, 1215, 600],
];

function install(rates: HistoryRow[] = RATES) {
  return installClient({
    series: {
      "0005.HK": { rows: HK_ROWS, currency: "HKD", dividends: [["2025-01-03", 1.5]] },
      "HKDUSD=X": { rows: rates, currency: "USD" },
      "ULVR.L": { rows: LSE_ROWS, currency: "GBp" },
      HAND: { rows: HAND_ROWS },
    },
  });
}

afterEach(() => setMarketClient(undefined));

const serial = (date: string) =>
  (Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10)) - Date.UTC(1899, 11, 30)) / 86400000;

test("daily rows: every price at its own day's rate, volume and dates unchanged", async () => {
  install();
  const table = await history("0005.HK", "2025-01-02", "2025-01-07", 0, 1, "USD", [0, 2, 3, 4, 1, 6, 5, 7]);
  expect(table[0]).toEqual(["Date", "Open", "High", "Low", "Close", "Adj Close", "Volume", "Dividend"]);
  expect(table).toHaveLength(1 + HK_ROWS.length);
  HK_ROWS.forEach(([date, open, high, low, close, adj, volume], i) => {
    const k = RATE_ON[date];
    const row = table[i + 1];
    expect(row[0]).toBe(serial(date));
    [open, high, low, close, adj].forEach((price, j) => expect(row[j + 1]).toBeCloseTo((price as number) * k, 12));
    expect(row[6]).toBe(volume);
    expect(row[7]).toBeCloseTo(date === "2025-01-03" ? 1.5 * 0.13 : 0, 12);
  });
});

test("weekly rows are built from the converted days, not converted afterwards", async () => {
  install();
  const table = await history("0005.HK", "2025-01-02", "2025-01-07", 1, 0, "usd", [0, 2, 3, 4, 1, 5, 7]);
  // Week 2's low is 48 HKD on 2025-01-06, but in dollars the lower one is 49 HKD on 2025-01-07 at 0.125.
  expect(table[1][3]).toBeCloseTo(49 * 0.125, 12);
  expect(table).toEqual([
    [
      serial("2025-01-02"),
      expect.closeTo(50 * 0.128, 12),
      expect.closeTo(55 * 0.13, 12),
      expect.closeTo(49 * 0.128, 12),
      expect.closeTo(54 * 0.13, 12),
      3000,
      expect.closeTo(1.5 * 0.13, 12),
    ],
    [
      serial("2025-01-06"),
      expect.closeTo(54 * 0.13, 12),
      expect.closeTo(54 * 0.13, 12),
      expect.closeTo(49 * 0.125, 12),
      expect.closeTo(52 * 0.125, 12),
      7000,
      0,
    ],
  ]);
});

test("the listing's own currency, or a minor unit of it, needs no rate", async () => {
  const { service } = install();
  const hkd = await history("0005.HK", "2025-01-02", "2025-01-03", 0, 0, "HKD", [1]);
  expect(hkd).toEqual([[51], [54]]);
  const pounds = await history("ULVR.L", "2025-01-02", "2025-01-03", 0, 0, "GBP", [1, 5]);
  expect(pounds).toEqual([
    [expect.closeTo(12.05, 12), 500],
    [expect.closeTo(12.15, 12), 600],
  ]);
  expect(service.requestsTo("history").flatMap((r) => r.symbols)).not.toContain("GBPGBP=X");
  expect(
    service
      .requestsTo("history")
      .flatMap((r) => r.symbols)
      .filter((s) => s.endsWith("=X")),
  ).toEqual([]);
});

test("without a currency nothing changes, and a number after headers is the first property, as in STOCKHISTORY", async () => {
  install();
  expect(await history("0005.HK", "2025-01-02", "2025-01-03", 0, 0)).toEqual([
    [serial("2025-01-02"), 51],
    [serial("2025-01-03"), 54],
  ]);
  expect(await history("0005.HK", "2025-01-02", "2025-01-03", 0, 0, 5, [1])).toEqual([
    [1000, 51],
    [2000, 54],
  ]);
  expect(await history("0005.HK", "2025-01-02", "2025-01-03", 0, 0, 1)).toEqual([[51], [54]]);
});

test.each([
  ["dollars", /currency must be a three-letter ISO code/],
  [true, /currency must be a three-letter ISO code/],
  [[["USD", "EUR"]], /currency must be a three-letter ISO code/],
])("a currency of %p is #VALUE! saying what is expected", async (currency, message) => {
  install();
  const err = await excelError(history("0005.HK", "2025-01-02", "2025-01-07", 0, 1, currency));
  expect(err.code).toBe("#VALUE!");
  expect(err.message).toMatch(message);
});

test("a pair the provider has no rates for is #N/A naming the rate symbol", async () => {
  install();
  const err = await excelError(history("0005.HK", "2025-01-02", "2025-01-07", 0, 1, "EUR"));
  expect(err.code).toBe("#N/A");
  expect(err.message).toMatch(/HKDEUR=X/);
});

test("rates that start after the first row are #N/A saying where they start", async () => {
  install(RATES.filter(([date]) => date >= "2025-01-03"));
  const err = await excelError(history("0005.HK", "2025-01-02", "2025-01-07", 0, 1, "USD"));
  expect(err.code).toBe("#N/A");
  expect(err.message).toMatch(/No HKDUSD=X rate on or before 2025-01-02 \(its rates start 2025-01-03\)/);
});
