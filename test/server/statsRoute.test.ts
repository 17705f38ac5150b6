/**
 * The stats route over HTTP against CSV files: each window's number is the bar arithmetic's
 * (risk.ts) over the rows the history route serves, windows without an answer say why on their
 * own, and malformed requests are refused with a reason.
 */
import type { HistoryResponse, StatsResponse } from "../../src/api/contract";
import { STATS_LIMITS } from "../../src/api/contract";
import { maxDrawdownOfValues, volatilityOfValues, type DailyBar } from "../../src/market";
import { ohlc } from "../market/bars";
import { type CsvRouteService, startCsvRouteService } from "./csvRouteService";
import { weekdays } from "../weekdays";

function csv(
  dates: string[],
  seed: number,
  close: (i: number) => string = (i) => String(Math.round((50 + seed + 10 * Math.sin(i / 7 + seed)) * 100) / 100),
): string {
  const lines = ["Date,Open,High,Low,Close,Adj Close,Volume"];
  dates.forEach((date, i) => {
    const c = close(i);
    lines.push(`${date},${c},${c},${c},${c},${Number(c) > 0 ? Math.round(Number(c) * 97) / 100 : c},${1000 + i}`);
  });
  return lines.join("\n");
}

let service: CsvRouteService;

beforeAll(async () => {
  service = await startCsvRouteService(
    "aichain-stats-",
    {
      "SOXX.csv": csv(weekdays("2023-01-02", "2024-06-28"), 1),
      "LATE.csv": csv(weekdays("2024-03-01", "2024-06-28"), 2),
      // A zero close on 2023-03-15 (the 52nd weekday): windows over it have no volatility.
      "ZERO.csv": csv(weekdays("2023-01-02", "2023-06-30"), 3, (i) => (i === 52 ? "0" : String(40 + (i % 9)))),
    },
    Date.UTC(2024, 6, 1, 12),
  );
});
afterAll(() => service.close());

const get = <T>(pathAndQuery: string) => service.get<T>(pathAndQuery);

async function bars(symbol: string): Promise<DailyBar[]> {
  const { body } = await get<HistoryResponse>(`/api/v1/history?symbols=${symbol}&start=1990-01-01&end=2024-07-01`);
  return ohlc(body.series[symbol].rows);
}

type Definition = (values: readonly number[]) => number;
const volatility: Definition = volatilityOfValues;
const maxDrawdown: Definition = maxDrawdownOfValues;

/**
 * The definition (valueStats.ts) over the window's values found by a plain scan of the rows:
 * from the close on or before the start to the close on or before the end (or the last), as the
 * route words it: the value, or the message.
 */
function expected(fn: Definition, all: DailyBar[], start: string, end: string | undefined, kind: "total" | "price") {
  const base = all.filter((b) => b.date <= start).length - 1;
  const last = end === undefined ? all.length - 1 : all.filter((b) => b.date <= end).length - 1;
  const values = all.slice(base, last + 1).map((b) => (kind === "price" ? b.close : b.adjclose));
  try {
    return { value: fn(values) };
  } catch (err) {
    return { message: (err as Error).message };
  }
}

function outcome(result: StatsResponse["results"][number]) {
  if (result === null) return null;
  return "value" in result ? { value: result.value } : { message: result.error.message };
}

describe("GET /api/v1/stats", () => {
  it("answers each window with the bar arithmetic's number, any order of symbols, statistics and types", async () => {
    const items: [string, "volatility" | "maxdrawdown", string, string | undefined, "total" | "price"][] = [
      ["SOXX", "volatility", "2023-02-01", "2024-01-31", "total"],
      ["SOXX", "maxdrawdown", "2023-02-01", undefined, "price"],
      ["LATE", "volatility", "2024-03-04", undefined, "total"],
      ["SOXX", "volatility", "2024-01-06", "2024-03-09", "price"],
      ["LATE", "maxdrawdown", "2024-04-01", "2024-05-01", "total"],
      ["SOXX", "volatility", "2023-02-01", "2024-01-31", "total"],
    ];
    const query = items.map(([s, f, a, b, t]) => `${s}:${f}:${a}:${b ?? "latest"}:${t}`).join(",");
    const { status, body } = await get<StatsResponse>(`/api/v1/stats?items=${query}`);
    expect(status).toBe(200);
    expect(body.errors).toEqual({});
    const all = { SOXX: await bars("SOXX"), LATE: await bars("LATE") };
    const want = items.map(([s, f, a, b, t]) =>
      expected(f === "volatility" ? volatility : maxDrawdown, all[s as "SOXX" | "LATE"], a, b, t),
    );
    expect(body.results.map(outcome)).toEqual(want);
    for (const w of want) expect(typeof w.value).toBe("number");
    // Left-out end and type read as latest and total.
    const short = await get<StatsResponse>("/api/v1/stats?items=SOXX:volatility:2023-02-01");
    expect(outcome(short.body.results[0])).toEqual(expected(volatility, all.SOXX, "2023-02-01", undefined, "total"));
  });

  it("keeps a window without an answer to itself: the others are answered", async () => {
    const query = [
      "LATE:volatility:2024-01-02:2024-04-30:total", // before LATE's data
      "ZERO:volatility:2023-02-01:2023-04-28:price", // over a zero close
      "NOPE:volatility:2024-01-02", // unknown symbol
      "SOXX:maxdrawdown:2024-01-02:2024-04-30", // fine
      "ZERO:maxdrawdown:2023-04-03:2023-06-30:price", // after the zero close: fine
      "SOXX:volatility:2024-06-28", // a single close: too few returns
    ].join(",");
    const { status, body } = await get<StatsResponse>(`/api/v1/stats?items=${query}`);
    expect(status).toBe(200);
    const [late, zero, nope, soxx, zeroLater, single] = body.results;
    expect(late).toEqual({
      error: { code: "no_data", message: "LATE data runs from 2024-03-01 to 2024-06-28; the start date 2024-01-02 is earlier" },
    });
    // The window's unusable close is named, and (as for any window that finds no answer) where the data lies.
    expect(zero).toEqual({
      error: { code: "no_data", message: "ZERO has no valid close on 2023-03-15; ZERO data runs from 2023-01-02 to 2023-06-30" },
    });
    expect(nope).toBeNull();
    expect(body.errors.NOPE.code).toBe("unknown_symbol");
    expect(outcome(soxx)).toEqual(expected(maxDrawdown, await bars("SOXX"), "2024-01-02", "2024-04-30", "total"));
    expect(typeof outcome(zeroLater)?.value).toBe("number");
    expect(single).toEqual({
      error: {
        code: "no_data",
        message: "Volatility needs at least two daily returns (this window has 0); SOXX data runs from 2023-01-02 to 2024-06-28",
      },
    });
  });

  it("says where the data lies for a window after today or after the data ends", async () => {
    const { body } = await get<StatsResponse>("/api/v1/stats?items=SOXX:volatility:2024-08-01,LATE:volatility:2024-07-01");
    expect(body.results[0]).toEqual({
      error: { code: "no_data", message: "SOXX data runs from 2023-01-02 to 2024-06-28; the start date 2024-08-01 is later" },
    });
    expect(body.results[1]).toEqual({
      error: { code: "no_data", message: "LATE data runs from 2024-03-01 to 2024-06-28; the start date 2024-07-01 is later" },
    });
  });

  const many = (n: number, symbol: (i: number) => string) =>
    Array.from({ length: n }, (_, i) => `${symbol(i)}:volatility:2024-01-02`).join(",");
  it.each([
    ["", 'Missing query parameter "items"'],
    ["items=", "At least one item is required"],
    ["items=SOXX:volatility", "an item is SYMBOL:STATISTIC:START[:END[:TYPE]]"],
    ["items=SOXX:volatility:2024-01-02,,SOXX:volatility:2024-01-03", "Item 2"],
    ["items=SOXX:sharpe:2024-01-02", 'Unknown statistic "sharpe"; statistics are volatility, maxdrawdown'],
    ["items=SOXX:volatility:2024-02-30", "start 2024-02-30 is not a real calendar date"],
    ["items=SOXX:volatility:2024-02-01:2024-01-01", "The end date 2024-01-01 is before the start date 2024-02-01"],
    ["items=SOXX:volatility:2024-02-01:latest:net", "type must be one of total, price"],
    ["items=SO$XX:volatility:2024-02-01", "is not a valid symbol"],
    [
      `items=${many(STATS_LIMITS.maxItemsPerRequest + 1, () => "SOXX")}`,
      `At most ${STATS_LIMITS.maxItemsPerRequest} items per request`,
    ],
    [`items=${many(51, (i) => `S${i}`)}`, "At most 50 symbols per request"],
    ["items=SOXX:volatility:2024-02-01&symbols=SOXX", 'Unknown query parameter "symbols"'],
  ])("refuses ?%s with a reason", async (query, message) => {
    const { status, body } = await get<{ error: { code: string; message: string } }>(`/api/v1/stats?${query}`);
    expect(status).toBe(400);
    expect(body.error).toEqual({ code: "bad_request", message: expect.stringContaining(message) });
  });
});
