/**
 * A whole-sheet recalculation: 1,000 ETFRETURN/RETURN cells over 10 symbols and 3 date ranges are
 * issued together, as Excel does, and must come back right with at most one history request per
 * symbol.
 */
import type { HistoryRow } from "../../src/api/contract";
import { setMarketClient } from "../../src/client";
import { etfReturn, symbolReturn } from "../../src/functions/marketFunctions";
import { makeSeries } from "../client/fakeMarketService";
import { TODAY, installClient } from "./marketFunctionsSetup";

const SYMBOLS = ["SOXX", "SMH", "QQQ", "BOTZ", "CHAT", "AIQ", "NVDA", "AMD", "9988.HK", "688256.SS"];
const HOLIDAYS = ["2024-12-25", "2025-01-01", "2025-01-20", "2024-07-04", "2023-07-04", "2024-03-29"];

/** Serial number of a date the way Excel's 1900 system counts it (days since 1899-12-30 after Feb 1900). */
function serialOf(iso: string): number {
  const [y, m, d] = iso.split("-").map(Number);
  return (Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86_400_000;
}

interface Cell {
  symbol: string;
  start: string | number;
  end?: string | number;
  type?: string;
  fn: typeof etfReturn;
  /** The same dates as ISO text, for the independent check. */
  startIso: string;
  endIso?: string;
}

const RANGES = [
  { start: "2025-01-01", startIso: "2025-01-01" },
  { start: serialOf("2024-03-15"), startIso: "2024-03-15", end: "2024-09-30", endIso: "2024-09-30" },
  { start: "2023-06-30", startIso: "2023-06-30", end: serialOf("2024-12-31"), endIso: "2024-12-31" },
];

function cells(): Cell[] {
  return Array.from({ length: 1000 }, (_, i) => {
    const range = RANGES[Math.floor(i / 10) % 3];
    return {
      symbol: SYMBOLS[i % 10],
      ...range,
      type: i % 3 === 0 ? "price" : i % 3 === 1 ? "total" : undefined,
      fn: i % 2 === 0 ? etfReturn : symbolReturn,
    };
  });
}

/** Return by the definition, with a plain scan: last close on or before each date. */
function expectedReturn(rows: HistoryRow[], cell: Cell): number {
  const column = cell.type === "price" ? 4 : 5;
  let base: number | undefined;
  let last: number | undefined;
  for (const row of rows) {
    if (row[0] <= cell.startIso) base = row[column];
    if (cell.endIso === undefined || row[0] <= cell.endIso) last = row[column];
  }
  if (base === undefined || last === undefined) throw new Error("test data does not cover the range");
  return last / base - 1;
}

afterEach(() => setMarketClient(undefined));

test("1,000 cells issued together are right and cost at most one request per symbol", async () => {
  const series = Object.fromEntries(
    SYMBOLS.map((s, i) => [
      s,
      makeSeries(i + 1, "2021-01-04", TODAY, { holidays: HOLIDAYS, dividendDate: "2024-06-10", dividend: 0.8 + i / 10 }),
    ]),
  );
  const { service, client } = installClient({ series, delayMs: 5 });
  const sheet = cells();

  const values = await Promise.all(sheet.map((c) => c.fn(c.symbol, c.start, c.end, c.type)));

  sheet.forEach((cell, i) => {
    expect(values[i]).toBeCloseTo(expectedReturn(series[cell.symbol].rows, cell), 12);
  });
  // Across the dividend price and total returns differ, so the cells above checked both kinds.
  const acrossDividend = sheet.filter((c) => c.startIso === "2023-06-30");
  expect(acrossDividend.some((c) => c.type === "price")).toBe(true);
  expect(acrossDividend.some((c) => c.type !== "price")).toBe(true);
  const rows = series[acrossDividend[0].symbol].rows;
  expect(expectedReturn(rows, { ...acrossDividend[0], type: "price" })).not.toBeCloseTo(
    expectedReturn(rows, { ...acrossDividend[0], type: "total" }),
    6,
  );

  // Returns need two closes each: no series is fetched, and one closes request carries them all.
  expect(service.requestsTo("history")).toHaveLength(0);
  const closesRequests = service.requestsTo("closes");
  const requested = closesRequests.flatMap((r) => r.symbols);
  expect(new Set(requested).size).toBe(requested.length); // no symbol asked for twice
  expect(new Set(requested)).toEqual(new Set(SYMBOLS));
  expect(client.requestCount()).toBeLessThanOrEqual(SYMBOLS.length);

  // Recalculating again is answered from memory.
  const again = await Promise.all(sheet.map((c) => c.fn(c.symbol, c.start, c.end, c.type)));
  expect(again).toEqual(values);
  expect(client.requestCount()).toBe(closesRequests.length);
});
