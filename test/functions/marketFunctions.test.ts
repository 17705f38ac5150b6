import type { FundResponse, Quote } from "../../src/api/contract";
import { setMarketClient } from "../../src/client";
import {
  annualVolatility,
  compare,
  compoundGrowth,
  etfInfo,
  etfReturn,
  exposure,
  history,
  holdings,
  price,
  symbolReturn,
  worstDrawdown,
} from "../../src/functions/marketFunctions";
import { configureMarketFunctions } from "../../src/functions/marketSettings";
import { waitFor } from "../client/fakeMarketService";
import { HAND_ROWS, LONG_ROWS, excelError, installClient } from "./marketFunctionsSetup";

const SERIES = {
  HAND: { rows: HAND_ROWS, dividends: [["2025-01-02", 2]] as [string, number][] },
  LONG: { rows: LONG_ROWS },
  NVDA: { rows: HAND_ROWS },
};

afterEach(() => setMarketClient(undefined));

describe("ETFRETURN and RETURN", () => {
  beforeEach(() => installClient({ series: SERIES }));

  test("total return from the close on or before a holiday start to the end close", async () => {
    // Base: 2024-12-31 (the market was closed on 2025-01-01), adjusted 102; end 2025-01-07, 110.
    await expect(etfReturn("HAND", "2025-01-01", "2025-01-07")).resolves.toBeCloseTo(110 / 102 - 1, 12);
    await expect(symbolReturn("HAND", "2025-01-01", "2025-01-07")).resolves.toBeCloseTo(110 / 102 - 1, 12);
  });

  test("price return uses the plain close", async () => {
    await expect(etfReturn("HAND", "2025-01-01", "2025-01-07", "price")).resolves.toBeCloseTo(110 / 104 - 1, 12);
    await expect(etfReturn("HAND", "2025-01-01", "2025-01-07", " PRICE ")).resolves.toBeCloseTo(110 / 104 - 1, 12);
  });

  test("Excel serial dates and a weekend end date", async () => {
    // 45658 = 2025-01-01; 45661 = 2025-01-04 (a Saturday: the end close is Friday's).
    await expect(etfReturn("HAND", 45658, 45661)).resolves.toBeCloseTo(106 / 102 - 1, 12);
  });

  test("no end means the latest close", async () => {
    await expect(etfReturn("HAND", "2025-01-03", null as unknown as undefined)).resolves.toBeCloseTo(110 / 106 - 1, 12);
    await expect(etfReturn("HAND", "2025-01-03", "", "")).resolves.toBeCloseTo(110 / 106 - 1, 12);
  });

  test("a company name resolves to its ticker", async () => {
    await expect(symbolReturn("nvidia", "2025-01-01", "2025-01-07")).resolves.toBeCloseTo(110 / 102 - 1, 12);
  });

  test.each([
    ["2025/01/01", /start must be a date/],
    [true, /start must be a date/],
    [60, /1900-02-29/],
    ["2025-02-30", /not a real calendar date/],
  ])("start %p is #VALUE!", async (start, message) => {
    const err = await excelError(etfReturn("HAND", start));
    expect(err.code).toBe("#VALUE!");
    expect(err.message).toMatch(message);
  });

  test("an unknown type is #VALUE!", async () => {
    const err = await excelError(etfReturn("HAND", "2025-01-01", undefined, "dividends"));
    expect(err.code).toBe("#VALUE!");
    expect(err.message).toMatch(/type must be "total".*or "price"/);
  });

  test("an end before the start is #VALUE!", async () => {
    const err = await excelError(symbolReturn("HAND", "2025-01-07", "2025-01-02"));
    expect(err.code).toBe("#VALUE!");
    expect(err.message).toMatch(/before the start date/);
  });

  test("a symbol that is not text is #VALUE!", async () => {
    const err = await excelError(symbolReturn(42 as unknown as string, "2025-01-02"));
    expect(err.code).toBe("#VALUE!");
  });

  test("an unknown symbol is #N/A saying so", async () => {
    const err = await excelError(etfReturn("NOPE", "2025-01-02"));
    expect(err.code).toBe("#N/A");
    expect(err.message).toMatch(/Unknown symbol NOPE/);
  });

  test("a private company is #N/A saying so", async () => {
    const err = await excelError(symbolReturn("OpenAI", "2025-01-02"));
    expect(err.code).toBe("#N/A");
    expect(err.message).toMatch(/OpenAI is private/);
  });

  test("a start before the first data point is #N/A naming the first date", async () => {
    const err = await excelError(etfReturn("HAND", "2024-12-20"));
    expect(err.code).toBe("#N/A");
    expect(err.message).toMatch(/2024-12-27/);
  });

  test("dates without any data are #N/A saying where the symbol's data lies", async () => {
    const err = await excelError(etfReturn("HAND", "2020-01-02", "2020-03-02"));
    expect(err.code).toBe("#N/A");
    expect(err.message).toBe("HAND data runs from 2024-12-27 to 2025-01-07; the start date 2020-01-02 is earlier");
  });
});

describe("CAGR, VOLATILITY, MAXDRAWDOWN", () => {
  beforeEach(() => installClient({ series: SERIES }));

  test("CAGR over 545 days", async () => {
    const days = (Date.UTC(2024, 6, 1) - Date.UTC(2023, 0, 3)) / 86_400_000;
    await expect(compoundGrowth("LONG", "2023-01-03", "2024-07-01")).resolves.toBeCloseTo(1.5 ** (365.25 / days) - 1, 12);
  });

  test("CAGR under a year is #N/A saying why", async () => {
    const err = await excelError(compoundGrowth("HAND", "2025-01-01"));
    expect(err.code).toBe("#N/A");
    expect(err.message).toMatch(/at least a year/);
  });

  test("volatility is the sample stdev of daily returns times sqrt(252)", async () => {
    const closes = [104, 103, 106, 101, 110];
    const r = closes.slice(1).map((c, i) => c / closes[i] - 1);
    const mean = r.reduce((a, b) => a + b, 0) / r.length;
    const variance = r.reduce((a, b) => a + (b - mean) ** 2, 0) / (r.length - 1);
    await expect(annualVolatility("HAND", "2025-01-01", "2025-01-07", "price")).resolves.toBeCloseTo(
      Math.sqrt(variance * 252),
      12,
    );
  });

  test("max drawdown is the worst fall from a running peak", async () => {
    await expect(worstDrawdown("HAND", "2025-01-01", "2025-01-07", "price")).resolves.toBeCloseTo(101 / 106 - 1, 12);
    await expect(worstDrawdown("LONG", "2023-01-03")).resolves.toBe(0);
  });

  test("errors follow the same rules", async () => {
    expect((await excelError(annualVolatility("HAND", "soon"))).code).toBe("#VALUE!");
    expect((await excelError(worstDrawdown("NOPE", "2025-01-02"))).code).toBe("#N/A");
  });
});

describe("HISTORY", () => {
  beforeEach(() => installClient({ series: SERIES }));

  test("daily rows with a header from the first trading day on or after the start", async () => {
    const table = await history("HAND", "2025-01-01", "2025-01-03");
    expect(table).toEqual([
      ["Date", "Close"],
      [45659, 103],
      [45660, 106],
    ]);
  });

  test("weekly rows, chosen properties in the order given, no header", async () => {
    const table = await history("HAND", "2024-12-30", "2025-01-07", 1, 0, undefined, [7, 0, 1, 5, 6]);
    expect(table).toEqual([
      [2, 45656, 106, 1100 + 1200 + 1300 + 1400, 106],
      [0, 45663, 110, 1500 + 1600, 110],
    ]);
  });

  test("monthly rows dated the 1st, and the symbol row for headers 2", async () => {
    const table = await history("HAND", "2024-12-01", "2025-01-31", 2, 2, undefined, [0, 2, 3, 4, 1]);
    expect(table).toEqual([
      ["HAND", "", "", "", ""],
      ["Date", "Open", "High", "Low", "Close"],
      [45627, 99, 105, 98, 104],
      [45658, 104, 111, 100, 110],
    ]);
  });

  test("empty repeats of properties are skipped", async () => {
    const table = await history("HAND", "2025-01-06", "2025-01-07", 0, 0, undefined, [null, 1, null] as unknown as number[]);
    expect(table).toEqual([[101], [110]]);
  });

  test.each([
    [3, 1, [0], /interval must be/],
    [0, 5, [0], /headers must be/],
    [0, 1, [8], /properties must be/],
    [0, 1, ["close"], /properties must be/],
  ])("interval %p headers %p properties %p is #VALUE!", async (interval, headers, properties, message) => {
    const err = await excelError(
      history("HAND", "2025-01-01", "2025-01-07", interval, headers, undefined, properties as number[]),
    );
    expect(err.code).toBe("#VALUE!");
    expect(err.message).toMatch(message);
  });

  test("no trading days in the range is #N/A", async () => {
    const err = await excelError(history("HAND", "2025-01-04", "2025-01-05"));
    expect(err.code).toBe("#N/A");
  });
});

const FUND: FundResponse = {
  symbol: "SOXX",
  name: "iShares Semiconductor ETF",
  holdings: [
    { symbol: "AMD", name: "Advanced Micro Devices Inc", weight: 0.06 },
    { symbol: "NVDA", name: "NVIDIA Corp", weight: 0.1 },
    { symbol: "META", name: "Meta Platforms Inc", weight: 0.02 },
    { symbol: "ZZSEMI", name: "Example Semiconductor Corp", weight: 0.08 },
    { symbol: "ZZSOFT", name: "Example Holdings", weight: 0.03, industry: "Software - Application" },
    { symbol: "ZZWID", name: "Widget Corp", weight: 0.04 },
  ],
  sectorWeights: { technology: 0.95 },
  expenseRatio: 0.0035,
  netAssets: 13_400_000_000,
  category: "Technology",
  family: "iShares",
  currency: "USD",
  yield: null,
  source: "yahoo",
  asOf: "2025-06-30T20:00:00Z",
};
const EMPTY_FUND: FundResponse = { ...FUND, symbol: "HOLLOW", holdings: [] };

describe("HOLDINGS and ETFINFO", () => {
  beforeEach(() => installClient({ funds: { SOXX: FUND, HOLLOW: EMPTY_FUND } }));

  test("holdings largest first with a header row, optionally the top N", async () => {
    const all = await holdings("soxx");
    expect(all[0]).toEqual(["Symbol", "Name", "Weight"]);
    expect(all.slice(1).map((r) => r[0])).toEqual(["NVDA", "ZZSEMI", "AMD", "ZZWID", "ZZSOFT", "META"]);
    expect(await holdings("SOXX", 2)).toEqual([
      ["Symbol", "Name", "Weight"],
      ["NVDA", "NVIDIA Corp", 0.1],
      ["ZZSEMI", "Example Semiconductor Corp", 0.08],
    ]);
  });

  test("holdings errors", async () => {
    expect((await excelError(holdings("SOXX", 0))).code).toBe("#VALUE!");
    expect((await excelError(holdings("SOXX", 1.5))).code).toBe("#VALUE!");
    expect((await excelError(holdings("NOPE"))).message).toMatch(/Unknown symbol NOPE/);
    expect((await excelError(holdings("HOLLOW"))).message).toMatch(/No holdings are disclosed for HOLLOW/);
  });

  test("fund facts with consistent units", async () => {
    await expect(etfInfo("SOXX", "name")).resolves.toBe("iShares Semiconductor ETF");
    await expect(etfInfo("SOXX", "Expense Ratio")).resolves.toBe(0.0035);
    await expect(etfInfo("SOXX", "netassets")).resolves.toBe(13_400_000_000);
    await expect(etfInfo("SOXX", "category")).resolves.toBe("Technology");
    await expect(etfInfo("SOXX", "family")).resolves.toBe("iShares");
    await expect(etfInfo("SOXX", "currency")).resolves.toBe("USD");
  });

  test("fund fact errors", async () => {
    const missing = await excelError(etfInfo("SOXX", "yield"));
    expect(missing.code).toBe("#N/A");
    expect(missing.message).toMatch(/no yield for SOXX/);
    const bad = await excelError(etfInfo("SOXX", "beta"));
    expect(bad.code).toBe("#VALUE!");
    expect(bad.message).toMatch(/expenseratio/);
  });
});

describe("EXPOSURE", () => {
  beforeEach(() => installClient({ funds: { SOXX: FUND, HOLLOW: EMPTY_FUND } }));

  test("spills every layer, inferred rows, Unclassified and Not disclosed", async () => {
    const table = await exposure("SOXX");
    const byLabel = Object.fromEntries(table.slice(1).map(([label, weight]) => [label, weight]));
    expect(table[0]).toEqual(["Layer", "Weight"]);
    expect(table.slice(1).map((r) => r[0])).toEqual([
      "Basic Layer",
      "Technical Layer",
      "Application Layer",
      "Ecological Cooperation and Commercialization",
      "Basic Layer (inferred)",
      "Application Layer (inferred)",
      "Unclassified",
      "Not disclosed",
    ]);
    expect(byLabel["Basic Layer"]).toBeCloseTo(0.16, 12); // AMD + NVIDIA from the knowledge base
    expect(byLabel["Technical Layer"]).toBeCloseTo(0.02, 12); // Meta
    expect(byLabel["Basic Layer (inferred)"]).toBeCloseTo(0.08, 12); // from its name
    expect(byLabel["Application Layer (inferred)"]).toBeCloseTo(0.03, 12); // from its industry
    expect(byLabel["Unclassified"]).toBeCloseTo(0.04, 12);
    expect(byLabel["Not disclosed"]).toBeCloseTo(1 - 0.33, 12);
    const total = table.slice(1).reduce((sum, [, w]) => sum + (w as number), 0);
    expect(total).toBeCloseTo(1, 12);
  });

  test("one layer by name, short name or number counts known and inferred weight", async () => {
    expect((await exposure("SOXX", "Basic"))[0][0]).toBeCloseTo(0.24, 12);
    expect((await exposure("SOXX", 2))[0][0]).toBeCloseTo(0.02, 12);
    expect((await exposure("SOXX", "Application Layer"))[0][0]).toBeCloseTo(0.03, 12);
    expect((await exposure("SOXX", "not disclosed"))[0][0]).toBeCloseTo(0.67, 12);
    expect((await exposure("SOXX", "Unclassified"))[0][0]).toBeCloseTo(0.04, 12);
  });

  test("errors", async () => {
    expect((await excelError(exposure("SOXX", "Layer 9"))).code).toBe("#VALUE!");
    expect((await excelError(exposure("HOLLOW"))).code).toBe("#N/A");
    expect((await excelError(exposure("NOPE"))).code).toBe("#N/A");
  });
});

describe("COMPARE", () => {
  beforeEach(() => installClient({ series: SERIES }));

  test("one row per symbol; a failure shows only in its own cells", async () => {
    const table = await compare([["HAND"], ["NOPE"], [null], ["OpenAI"]], "2025-01-01", "2025-01-07", "price");
    expect(table[0]).toEqual(["Symbol", "Return", "CAGR", "Volatility", "Max drawdown"]);
    expect(table).toHaveLength(4);
    const [, hand, nope, openai] = table;
    expect(hand[0]).toBe("HAND");
    expect(hand[1]).toBeCloseTo(110 / 104 - 1, 12);
    expect(hand[2]).toBeInstanceOf(CustomFunctions.Error);
    expect(hand[2].code).toBe("#N/A");
    expect(hand[2].message).toMatch(/at least a year/);
    expect(typeof hand[3]).toBe("number");
    expect(hand[4]).toBeCloseTo(101 / 106 - 1, 12);
    expect(nope[0]).toBe("NOPE");
    for (const cell of nope.slice(1)) expect(cell.message).toMatch(/Unknown symbol NOPE/);
    expect(openai[1].message).toMatch(/OpenAI is private/);
  });

  test("arguments that apply to every row fail the whole call", async () => {
    expect((await excelError(compare([[null]], "2025-01-01"))).code).toBe("#VALUE!");
    expect((await excelError(compare([["HAND"]], "yesterday"))).code).toBe("#VALUE!");
    expect((await excelError(compare([["HAND"]], "2025-01-01", undefined, "net"))).code).toBe("#VALUE!");
  });
});

describe("time limits", () => {
  test("a service that never answers ends in #N/A 'market data timed out'", async () => {
    const { service } = installClient({ series: SERIES, timeoutMs: 60 });
    service.failure = "hang";
    const began = Date.now();
    const err = await excelError(etfReturn("HAND", "2025-01-01"));
    expect(err.code).toBe("#N/A");
    expect(err.message).toMatch(/market data timed out/i);
    expect(Date.now() - began).toBeLessThan(2_000);
    const cells = await compare([["HAND"]], "2025-01-01");
    expect(cells[1][1].message).toMatch(/market data timed out/i);
  });

  test("an unreachable service is #N/A 'market data unavailable'", async () => {
    const { service } = installClient({ series: SERIES });
    service.failure = "down";
    expect((await excelError(etfInfo("SOXX", "name"))).message).toBe(
      "The AICHAIN data service is not reachable at http://service.test: start it with npm start, or ask whoever runs it",
    );
  });
});

describe("PRICE", () => {
  function quote(price: number): Quote {
    return {
      price,
      change: 2.5,
      changePct: 0.0169,
      currency: "USD",
      time: "2025-06-30T20:00:00Z",
      name: "NVIDIA Corporation",
      source: "yahoo",
      asOf: "2025-06-30T20:00:05Z",
    };
  }

  const open: CustomFunctions.StreamingInvocation<any>[] = [];

  function fakeInvocation() {
    const results: unknown[] = [];
    const invocation = { setResult: (v: unknown) => results.push(v) } as CustomFunctions.StreamingInvocation<any>;
    open.push(invocation);
    return { invocation, results };
  }

  const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

  beforeEach(() => configureMarketFunctions({ pricePollMs: 30 }));
  afterEach(() => {
    // A stream left running by a failed test must not poll on into the next one.
    for (const invocation of open.splice(0)) invocation.onCanceled?.();
    configureMarketFunctions({ pricePollMs: 12_000 });
  });

  test("streams new prices until the cell goes away", async () => {
    const { service } = installClient({ quotes: { NVDA: quote(150) }, quoteTtlMs: 0 });
    const { invocation, results } = fakeInvocation();
    price("NVDA", undefined, invocation);
    await waitFor(() => results.length > 0);
    expect(results[0]).toBe(150);
    service.quotes.NVDA = quote(151.25);
    await waitFor(() => results.includes(151.25));
    invocation.onCanceled!();
    const shown = results.length;
    await settle(40); // an ask already under way may still finish
    const asked = service.requestsTo("quote").length;
    await settle(150); // five poll intervals
    expect(service.requestsTo("quote").length).toBe(asked);
    expect(results).toHaveLength(shown);
  });

  test("fields: change, changepct, currency, time as an Excel date-time, name", async () => {
    installClient({ quotes: { NVDA: quote(150) } });
    const read = async (field: string) => {
      const { invocation, results } = fakeInvocation();
      price("nvda", field, invocation);
      await waitFor(() => results.length > 0);
      invocation.onCanceled!();
      return results[0];
    };
    expect(await read("change")).toBe(2.5);
    expect(await read("changepct")).toBe(0.0169);
    expect(await read("currency")).toBe("USD");
    expect(await read("name")).toBe("NVIDIA Corporation");
    // 2025-06-30 is serial 45838; with no exchange zone the time is UTC's 20:00, 5/6 of a day.
    expect(await read("time")).toBeCloseTo(45838 + 20 / 24, 9);
  });

  test("time reads the exchange's clock when the quote names its zone", async () => {
    const at = (iso: string, timezone: string) => ({ ...quote(150), time: iso, timezone });
    const read = async (q: Quote) => {
      installClient({ quotes: { NVDA: q } });
      const { invocation, results } = fakeInvocation();
      price("NVDA", "time", invocation);
      await waitFor(() => results.length > 0);
      invocation.onCanceled!();
      return results[0];
    };
    // 20:00 UTC on 2025-06-30 is 16:00 in New York (daylight time).
    expect(await read(at("2025-06-30T20:00:00Z", "America/New_York"))).toBeCloseTo(45838 + 16 / 24, 9);
    // 08:08 UTC on 2025-06-30 is 16:08 the same day in Hong Kong.
    expect(await read(at("2025-06-30T08:08:00Z", "Asia/Hong_Kong"))).toBeCloseTo(45838 + (16 * 60 + 8) / 1440, 9);
    // 21:00 UTC on 2025-01-02 is already 10:00 on 2025-01-03 in Auckland (serial 45660).
    expect(await read(at("2025-01-02T21:00:00Z", "Pacific/Auckland"))).toBeCloseTo(45660 + 10 / 24, 9);
    // An unknown zone name falls back to UTC rather than failing the cell.
    expect(await read(at("2025-06-30T20:00:00Z", "Mars/Olympus_Mons"))).toBeCloseTo(45838 + 20 / 24, 9);
  });

  test("a bad field is #VALUE! once, with no request", async () => {
    const { service } = installClient({ quotes: { NVDA: quote(150) } });
    const { invocation, results } = fakeInvocation();
    price("NVDA", "volume", invocation);
    await settle(50);
    expect(results).toHaveLength(1);
    expect((results[0] as CustomFunctions.Error).code).toBe("#VALUE!");
    expect(service.requests).toHaveLength(0);
    invocation.onCanceled?.();
  });

  test("an unknown symbol streams #N/A", async () => {
    installClient({ quotes: {} });
    const { invocation, results } = fakeInvocation();
    price("ZZZZ", "price", invocation);
    await waitFor(() => results.length > 0);
    invocation.onCanceled!();
    expect((results[0] as CustomFunctions.Error).code).toBe("#N/A");
    expect((results[0] as CustomFunctions.Error).message).toMatch(/Unknown symbol ZZZZ/);
  });
});
