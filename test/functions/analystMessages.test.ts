/**
 * The messages an analyst reads in a cell's error: short echoes of what was typed, plain words,
 * real dates for the years 1-99, no internal limits, what to do when the service is down, where a
 * symbol's data lies, and a likely symbol or name for a slip of the keyboard.
 */
import { isoDateToUtcMs, parseIsoDate } from "../../src/api/validation";
import { setMarketClient } from "../../src/client";
import { layer, segment, ticker } from "../../src/functions/chainFunctions";
import { etfReturn, history, holdings, symbolReturn } from "../../src/functions/marketFunctions";
import { makeSeries } from "../client/fakeMarketService";
import { TODAY, excelError, installClient } from "./marketFunctionsSetup";

const SERIES = { SOXX: makeSeries(1, "2022-12-01", "2025-03-31"), NVDA: makeSeries(2, "2020-01-02", TODAY) };

/** The message of a synchronous Excel error (fails the test if the call returns). */
function thrownMessage(call: () => unknown): string {
  try {
    call();
  } catch (err) {
    return (err as { message: string }).message;
  }
  throw new Error("expected an Excel error");
}

beforeEach(() =>
  installClient({
    series: SERIES,
    funds: {
      SOXX: {
        symbol: "SOXX",
        name: "x",
        holdings: [],
        sectorWeights: {},
        expenseRatio: null,
        netAssets: null,
        category: null,
        family: null,
        currency: null,
        yield: null,
        source: "csv",
        asOf: "",
      },
    },
  }),
);
afterEach(() => setMarketClient(undefined));

test("typed input is echoed cut to about 40 characters", async () => {
  const pasted = "x".repeat(100_000);
  const messages = [
    (await excelError(symbolReturn(`not a symbol ${pasted}`, "2025-01-01"))).message,
    (await excelError(symbolReturn("SOXX", pasted))).message,
    (await excelError(etfReturn("SOXX", "2025-01-01", undefined, pasted))).message,
    thrownMessage(() => layer(pasted)),
  ];
  for (const message of messages) {
    expect(message.length).toBeLessThan(160);
    expect(message).toMatch(/x{20,40}…/);
  }
});

test('a non-text argument is "an object" or "a range", never "a object"', async () => {
  const typeMessage = (await excelError(etfReturn("SOXX", "2025-01-01", undefined, {} as unknown as string))).message;
  expect(typeMessage).toMatch(/\(got an object\)$/);
  expect((await excelError(symbolReturn([["SOXX", "QQQ"]] as unknown as string, "2025-01-01"))).message).toMatch(
    /got a range of 2 cells/,
  );
  expect(thrownMessage(() => ticker({} as unknown as string))).toMatch(/not an object/);
});

test("years 1 to 99 are real dates, before the earliest date with data", async () => {
  expect(Number.isNaN(isoDateToUtcMs("0001-01-01"))).toBe(false);
  expect(Number.isNaN(isoDateToUtcMs("0099-02-29"))).toBe(true); // 99 was not a leap year
  const refused = parseIsoDate("0001-01-01", "start");
  expect(refused).toEqual({
    ok: false,
    error: { code: "bad_request", message: "start 0001-01-01 is before 1970-01-01, the earliest date with data" },
  });
  const cell = await excelError(symbolReturn("SOXX", "0001-01-01"));
  expect(cell.code).toBe("#N/A");
  expect(cell.message).toBe("SOXX data runs from 2022-12-01 to 2025-03-31; the start date 0001-01-01 is earlier");
});

test("no internal limit is shown", async () => {
  const message = (await excelError(holdings("SOXX", 0))).message;
  expect(message).toBe("top must be a whole number of at least 1 (got 0)");
});

test("an unreachable service says where it was looked for and what to do", async () => {
  const { service } = installClient({ series: SERIES });
  service.failure = "down";
  const message = (await excelError(symbolReturn("SOXX", "2025-01-01"))).message;
  expect(message).toBe(
    "The AICHAIN data service is not reachable at http://service.test: start it with npm start, or ask whoever runs it",
  );
});

test("a window outside the data says where the symbol's data runs", async () => {
  expect((await excelError(symbolReturn("SOXX", "1969-06-01", "1969-12-31"))).message).toBe(
    "SOXX data runs from 2022-12-01 to 2025-03-31; the start date 1969-06-01 is earlier",
  );
  expect((await excelError(etfReturn("SOXX", "2025-05-01"))).message).toBe(
    "SOXX data runs from 2022-12-01 to 2025-03-31; the start date 2025-05-01 is later",
  );
  expect((await excelError(history("SOXX", "2021-01-04", "2021-12-31"))).message).toBe(
    "SOXX data runs from 2022-12-01 to 2025-03-31; the start date 2021-01-04 is earlier",
  );
});

test("an unknown symbol or company gets the closest one the add-in knows", async () => {
  expect((await excelError(etfReturn("SOXXX", "2025-01-01"))).message).toBe(
    "Unknown symbol SOXXX: the market data source does not know it; did you mean SOXX?",
  );
  expect((await excelError(symbolReturn("Alibabba", "2025-01-01"))).message).toMatch(/did you mean Alibaba\?$/);
  expect(thrownMessage(() => layer("Nvidiaa"))).toBe("Nvidiaa is not in the AI value chain; did you mean NVIDIA?");
  // Nothing close: no guess.
  expect(thrownMessage(() => layer("Acme"))).toBe("Acme is not in the AI value chain");
});

test("a listed parent answers for its unlisted subsidiary's places, naming it", () => {
  expect(layer("2318.HK")).toEqual([["Application Layer"]]);
  expect(segment("2318.HK", true)).toEqual([["Finance (via Ping An Technology)"]]);
  expect(layer("Ping An Insurance")).toEqual(layer("2318.HK"));
  expect(segment("MSFT", true)).toEqual([["Cloud Services"], ["Algorithm Development (via GitHub)"]]);
  expect(thrownMessage(() => ticker("Ping An Technology"))).toBe(
    "Ping An Technology is part of Ping An Insurance (2318.HK) and has no listing of its own",
  );
});
