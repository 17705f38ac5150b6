import type { HistoryRow } from "../../src/api/contract";
import { setMarketClient } from "../../src/client";
import { beta, correlation, fx, panel } from "../../src/functions/coMovementFunctions";
import { cumulativeAbnormalReturn, eventStudyTable } from "../../src/functions/eventFunctions";
import { compare, symbolReturn } from "../../src/functions/marketFunctions";
import { toExcelSerial } from "../../src/market";
import type { FakeSeries } from "../client/fakeMarketService";
import { tradingDays, wiggle } from "../market/eventSeries";
import { excelError, installClient } from "./marketFunctionsSetup";

/*
 * 300 weekdays from 2024-01-02; 2025-01-27 is day 0. The benchmark (QQQ) moves by a fixed uneven
 * pattern; each stock moves exactly alpha + beta x QQQ every day plus a known shock on day 0, so
 * the market model must give back alpha, beta and the shock.
 */
const EVENT = "2025-01-27";
const DATES = tradingDays("2024-01-02", 300);
const E = DATES.indexOf(EVENT);
const BENCH = wiggle(11, DATES.length - 1);

function rowsFrom(returns: readonly number[], dates: readonly string[] = DATES, first = 100): HistoryRow[] {
  let v = first;
  return dates.map((date, i) => {
    if (i > 0) v *= 1 + returns[i - 1];
    return [date, v, v, v, v, v, 1000];
  });
}
const modelled = (alpha: number, b: number, shock: number) => BENCH.map((rb, i) => alpha + b * rb + (i + 1 === E ? shock : 0));

const SERIES: Record<string, FakeSeries> = {
  QQQ: { rows: rowsFrom(BENCH) },
  NVDA: { rows: rowsFrom(modelled(0.001, 1.5, -0.17)) }, // a Loser that fell
  AAPL: { rows: rowsFrom(modelled(0.0005, 0.8, 0.03)) }, // a Winner that rose
  AMD: { rows: rowsFrom(modelled(0, 1.2, 0.02)) }, // a Loser that rose: disagrees
  MSFT: { rows: rowsFrom(modelled(0, 1, -0.01)) }, // not assessed
  YOUNG: { rows: rowsFrom(modelled(0, 1, 0)).slice(E - 60) }, // listed too recently for 60 estimation days
};

afterEach(() => setMarketClient(undefined));

describe("EVENTSTUDY", () => {
  beforeEach(() => installClient({ series: SERIES }));

  test("one row per symbol with the model's alpha, beta, AR(0), CAR and IOT Analytics' verdict", async () => {
    const table = await eventStudyTable([["NVDA"], ["Apple"], ["AMD"], ["MSFT"]], EVENT);
    expect(table[0]).toEqual([
      "Symbol",
      "Company",
      "Layer",
      "Segment",
      "Alpha",
      "Beta",
      "Residual sd",
      "AR(0)",
      "CAR(-1,+1)",
      "t",
      "Raw return(-1,+1)",
      "QQQ return(-1,+1)",
      "Estimation days",
      "IOT Analytics verdict",
      "Agrees",
    ]);
    const [, nvda, aapl, amd, msft] = table;
    expect(nvda.slice(0, 4)).toEqual(["NVDA", "NVIDIA", "Basic Layer", "Chip Manufacturers"]);
    expect(nvda[4]).toBeCloseTo(0.001, 12);
    expect(nvda[5]).toBeCloseTo(1.5, 10);
    expect(nvda[7]).toBeCloseTo(-0.17, 12);
    expect(nvda[8]).toBeCloseTo(-0.17, 12);
    expect(nvda[12]).toBe(250);
    expect(nvda[13]).toBe("Loser (AI chip manufacturers)");
    expect(nvda[14]).toBe(true);
    // raw return from the close before day -1 to the close of day +1, from the served prices
    const close = (rows: HistoryRow[], i: number) => rows[i][5];
    expect(nvda[10]).toBeCloseTo(close(SERIES.NVDA.rows, E + 1) / close(SERIES.NVDA.rows, E - 2) - 1, 12);
    expect(nvda[11]).toBeCloseTo(close(SERIES.QQQ.rows, E + 1) / close(SERIES.QQQ.rows, E - 2) - 1, 12);
    expect(aapl[0]).toBe("AAPL");
    expect(aapl[5]).toBeCloseTo(0.8, 10);
    expect(aapl[8]).toBeCloseTo(0.03, 12);
    expect(aapl[14]).toBe(true);
    expect(amd[14]).toBe(false);
    expect(msft[13]).toBe("Not assessed");
    expect(msft[14]).toBe("");
  });

  test("an error inside the spill is that row's error; the other rows still answer", async () => {
    const table = await eventStudyTable([["NVDA", "ZZZZ", "OpenAI", "YOUNG"]], EVENT);
    expect(table).toHaveLength(5);
    expect(table[1][8]).toBeCloseTo(-0.17, 12);
    const [, , unknown, openai, young] = table;
    expect(unknown[0]).toBe("ZZZZ");
    expect(unknown[8]).toBeInstanceOf(CustomFunctions.Error);
    expect(unknown[8].code).toBe("#N/A");
    expect(unknown[8].message).toMatch(/ZZZZ/);
    expect(openai[1]).toBe("OpenAI");
    expect(openai[8].message).toMatch(/OpenAI is private/);
    expect(openai[13]).toBe("Loser (Large model manufacturers)");
    expect(young[8].message).toMatch(/Too few estimation days: YOUNG and QQQ share 49 daily returns/);
  });

  test("a symbol studied against itself has no residual spread: its t is #N/A saying why, the rest answers", async () => {
    const [, nvda] = await eventStudyTable([["NVDA"]], EVENT, "NVDA");
    expect(nvda[5]).toBe(1);
    expect(nvda[6]).toBe(0);
    expect(nvda[8]).toBe(0);
    expect(nvda[9]).toBeInstanceOf(CustomFunctions.Error);
    expect(nvda[9].code).toBe("#N/A");
    expect(nvda[9].message).toMatch(/No t for NVDA: .*no residual spread/);
  });

  test("a segment name stands for every listed company in it, all fetched in one batch", async () => {
    const { service } = installClient({ series: SERIES });
    const table = await eventStudyTable([["Chip Manufacturers"]], EVENT, "QQQ", 0, 0);
    expect(table.slice(1).map((r) => r[0])).toEqual(["NVDA", "AMD", "INTC", "688256.SS"]);
    expect(table[0][8]).toBe("CAR(0,0)");
    expect(table[1][8]).toBeCloseTo(-0.17, 12);
    expect(table[2][8]).toBeCloseTo(0.02, 12);
    expect(table[3][8].code).toBe("#N/A"); // INTC is not in the fake service
    expect(service.requestsTo("history")).toHaveLength(1);
  });

  test("malformed parameters are #VALUE! for the whole call", async () => {
    expect((await excelError(eventStudyTable([["NVDA"]], "2025-13-01"))).code).toBe("#VALUE!");
    const gap = await excelError(eventStudyTable([["NVDA"]], EVENT, "QQQ", -1, 1, 250, 0));
    expect(gap.code).toBe("#VALUE!");
    expect(gap.message).toMatch(/gap must be a whole number from 1/);
    expect((await excelError(eventStudyTable([["NVDA"]], EVENT, "QQQ", 2, 1))).message).toMatch(
      /windowEnd \(1\) is before windowStart \(2\)/,
    );
    expect((await excelError(eventStudyTable([["NVDA"]], EVENT, "QQQ", -1, 1, 59))).message).toMatch(
      /estimationDays must be a whole number from 60/,
    );
  });
});

describe("CAR", () => {
  beforeEach(() => installClient({ series: SERIES }));

  test("one number, the same as EVENTSTUDY's", async () => {
    const car = await cumulativeAbnormalReturn("NVDA", EVENT, "QQQ", 0, 5);
    const table = await eventStudyTable([["NVDA"]], EVENT, "QQQ", 0, 5);
    expect(car).toBe(table[1][8]);
    expect(car).toBeCloseTo(-0.17, 12);
  });

  test("a window past the data, or a short history, is #N/A saying what is missing", async () => {
    const late = await excelError(cumulativeAbnormalReturn("NVDA", "2025-02-20", undefined, -1, 5));
    expect(late.code).toBe("#N/A");
    expect(late.message).toMatch(/Missing window day: the window needs day \+5/);
    const young = await excelError(cumulativeAbnormalReturn("YOUNG", EVENT));
    expect(young.message).toMatch(/at least 60 are needed/);
  });
});

describe("BETA and CORREL", () => {
  beforeEach(() => installClient({ series: SERIES }));

  test("beta of a series built as 1.5 x the benchmark is 1.5", async () => {
    await expect(beta("NVDA", "QQQ", "2024-03-01", "2024-12-31")).resolves.toBeCloseTo(1.5, 10);
    await expect(beta("AAPL", "QQQ", "2024-03-01", "2024-12-31")).resolves.toBeCloseTo(0.8, 10);
    // with no end the window reaches the shock of 2025-01-27, which is not in the linear relation
    await expect(beta("AAPL", "QQQ", "2024-03-01")).resolves.not.toBeCloseTo(0.8, 4);
    const weekly = await beta("NVDA", "QQQ", "2024-03-01", "2024-12-31", 1);
    expect(weekly).not.toBeCloseTo(1.5, 6); // compounded weekly moves are not exactly linear
    expect(weekly).toBeCloseTo(1.5, 0);
  });

  test("a labelled matrix; exact linear relations correlate 1", async () => {
    const m = await correlation([["NVDA", "AAPL", "QQQ"]], "2024-03-01", "2024-12-31");
    expect(m[0]).toEqual(["", "NVDA", "AAPL", "QQQ"]);
    expect(m.map((r) => r[0])).toEqual(["", "NVDA", "AAPL", "QQQ"]);
    for (let i = 1; i <= 3; i++) for (let j = 1; j <= 3; j++) expect(m[i][j]).toBeCloseTo(1, 12);
  });

  test("a symbol that fails shows in its own row and column only", async () => {
    const m = await correlation([["NVDA", "NOPE"]], "2024-03-01");
    expect(m[1][1]).toBe(1);
    expect(m[1][2].code).toBe("#N/A");
    expect(m[2][1].code).toBe("#N/A");
  });

  test("an unknown interval is #VALUE!", async () => {
    expect((await excelError(beta("NVDA", "QQQ", "2024-03-01", undefined, "hourly"))).message).toMatch(/interval must be 0/);
  });
});

describe("PANEL, FX and the currency argument", () => {
  // A Hong Kong listing priced in HKD, closed 2025-01-29..31 (Lunar New Year) and open when the US is not on 2025-01-20.
  const hkDates = [
    "2025-01-17",
    "2025-01-20",
    "2025-01-21",
    "2025-01-22",
    "2025-01-23",
    "2025-01-24",
    "2025-01-27",
    "2025-01-28",
    "2025-02-03",
  ];
  const HK_ROWS = hkDates.map((d, i): HistoryRow => [d, 400 + i, 400 + i, 400 + i, 400 + i, 400 + i, 1]);
  // US dollars per Hong Kong dollar; no rate on 2025-01-27 (the rate of 01-24 applies)
  const RATES: HistoryRow[] = [
    ["2025-01-16", 0.1283, 0.1283, 0.1283, 0.1283, 0.1283, 0],
    ["2025-01-24", 0.1284, 0.1284, 0.1284, 0.1284, 0.1284, 0],
    ["2025-01-28", 0.1285, 0.1285, 0.1285, 0.1285, 0.1285, 0],
    ["2025-02-03", 0.1282, 0.1282, 0.1282, 0.1282, 0.1282, 0],
  ];
  const US_ROWS: HistoryRow[] = SERIES.QQQ.rows.filter(([d]) => d !== "2025-01-20"); // Martin Luther King Day

  beforeEach(() =>
    installClient({
      series: {
        "0700.HK": { rows: HK_ROWS, currency: "HKD" },
        "HKDUSD=X": { rows: RATES, currency: "USD" },
        QQQ: { rows: US_ROWS },
      },
    }),
  );

  test("PANEL lays both calendars on the union of dates; closed days show the last value or nothing", async () => {
    const t = await panel([["0700.HK", "QQQ"]], "2025-01-24", "2025-02-03");
    const qqq = (d: string) => US_ROWS.find((r) => r[0] === d)![5];
    expect(t[0]).toEqual(["Date", "0700.HK", "QQQ"]);
    expect(t.map((r) => r[0]).slice(1)).toEqual(
      ["2025-01-24", "2025-01-27", "2025-01-28", "2025-01-29", "2025-01-30", "2025-01-31", "2025-02-03"].map(toExcelSerial),
    );
    expect(t[4]).toEqual([toExcelSerial("2025-01-29"), 407, qqq("2025-01-29")]);
    const blank = await panel([["0700.HK", "QQQ"]], "2025-01-24", "2025-02-03", "close", "blank");
    expect(blank[4][1]).toBe("");
  });

  test("PANEL in USD converts each day at the rate on or before it", async () => {
    const t = await panel([["0700.HK"]], "2025-01-24", "2025-01-28", undefined, undefined, "USD");
    expect(t.slice(1).map((r) => r[1])).toEqual([405 * 0.1284, 406 * 0.1284, 407 * 0.1285]);
  });

  test("RETURN and COMPARE in USD: returns after conversion", async () => {
    const expected = (407 * 0.1285) / (402 * 0.1283) - 1;
    await expect(symbolReturn("0700.HK", "2025-01-21", "2025-01-28", undefined, "USD")).resolves.toBeCloseTo(expected, 14);
    await expect(symbolReturn("0700.HK", "2025-01-21", "2025-01-28")).resolves.toBeCloseTo(407 / 402 - 1, 14);
    const table = await compare([["0700.HK"]], "2025-01-21", "2025-01-28", undefined, "usd");
    expect(table[1][1]).toBeCloseTo(expected, 14);
  });

  test("FX gives the rate on or before a date; the same currency is 1; a missing pair says so", async () => {
    await expect(fx("HKD", "USD", "2025-01-27")).resolves.toBe(0.1284);
    await expect(fx("usd", "USD", "2025-01-27")).resolves.toBe(1);
    await expect(fx("GBp", "GBP")).resolves.toBe(0.01);
    const missing = await excelError(fx("EUR", "USD", "2025-01-27"));
    expect(missing.code).toBe("#N/A");
    expect(missing.message).toMatch(/EURUSD=X/);
    expect((await excelError(fx("dollars", "USD"))).code).toBe("#VALUE!");
    expect((await excelError(symbolReturn("0700.HK", "2025-01-21", undefined, undefined, "EURO"))).code).toBe("#VALUE!");
  });
});
