/**
 * The closes route and the columnar history format, over HTTP against CSV files, checked
 * against the row-format history the service has always served.
 */
import {
  CLOSES_LIMITS,
  LIMITS,
  type ClosePairsResponse,
  type ClosesResponse,
  type ColumnarHistoryResponse,
  type HistoryResponse,
  type HistoryRow,
} from "../../src/api/contract";
import { isoToDayNumber } from "../../src/market/isoDate";
import { decodeColumnarHistory } from "../../src/client/columnarSeries";
import { type CsvRouteService, startCsvRouteService } from "./csvRouteService";
import { weekdays } from "../weekdays";

function csv(dates: string[], seed: number): string {
  const lines = ["Date,Open,High,Low,Close,Adj Close,Volume"];
  dates.forEach((date, i) => {
    const close = Math.round((50 + seed + 10 * Math.sin(i / 7 + seed)) * 100) / 100;
    // Every tenth open is missing, as in real files where a provider lacks it.
    lines.push(
      `${date},${i % 10 === 0 ? "null" : close - 0.5},${close + 1},${close - 1},${close},${Math.round(close * 97) / 100},${1000 + i}`,
    );
  });
  return lines.join("\n");
}

let service: CsvRouteService;

beforeAll(async () => {
  service = await startCsvRouteService(
    "aichain-closes-",
    {
      "SOXX.csv": csv(weekdays("2023-01-02", "2024-06-28"), 1),
      "LATE.csv": csv(weekdays("2024-03-01", "2024-06-28"), 2),
      // Trading halted for six weeks: the close on or before a date in the halt is far behind it.
      "HALT.csv": csv(
        weekdays("2023-06-01", "2024-06-28", (d) => d >= "2024-01-10" && d < "2024-02-20"),
        3,
      ),
    },
    Date.UTC(2024, 6, 1, 12),
  );
});
afterAll(() => service.close());

const get = <T>(pathAndQuery: string) => service.get<T>(pathAndQuery);

async function rows(symbol: string): Promise<HistoryRow[]> {
  return (await get<HistoryResponse>(`/api/v1/history?symbols=${symbol}&start=1990-01-01&end=2024-07-01`)).body.series[symbol]
    .rows;
}

/** The close on or before `date` by a plain scan of the row format. */
function scan(all: HistoryRow[], date: string): [string, number, number] | null {
  let found: HistoryRow | undefined;
  for (const row of all) if (row[0] <= date) found = row;
  return found ? [found[0], found[4], found[5]] : null;
}

describe("GET /api/v1/closes", () => {
  it("answers the close on or before each date, with its date, matching a scan of the history", async () => {
    const dates = ["2024-01-06", "2023-03-15", "latest", "2024-06-28", "2024-01-06"];
    const { status, body } = await get<ClosesResponse>(`/api/v1/closes?symbols=SOXX,HALT&dates=${dates.join(",")}`);
    expect(status).toBe(200);
    expect(body.dates).toEqual(dates);
    for (const symbol of ["SOXX", "HALT"]) {
      const all = await rows(symbol);
      const expected = dates.map((d) => (d === "latest" ? scan(all, "9999-12-31") : scan(all, d)));
      expect(body.series[symbol].closes).toEqual(expected);
    }
    // 2024-01-06 is a Saturday: the close is Friday's.
    expect(body.series.SOXX.closes[0]?.[0]).toBe("2024-01-05");
    expect(body.series.HALT.closes[1]).toBeNull();
    expect(body.series.HALT.firstDate).toBe("2023-06-01");
    expect(body.series.SOXX.firstDate).toBeUndefined();
  });

  it("finds a close far behind a date when trading was halted", async () => {
    const { body } = await get<ClosesResponse>("/api/v1/closes?symbols=HALT&dates=2024-02-16");
    expect(body.series.HALT.closes).toEqual([scan(await rows("HALT"), "2024-02-16")]);
    expect(body.series.HALT.closes[0]?.[0]).toBe("2024-01-09");
  });

  it("says where a series starts when a date is before it, and keeps unknown symbols apart", async () => {
    const { body } = await get<ClosesResponse>("/api/v1/closes?symbols=LATE,NOPE&dates=2024-01-02,2024-03-05");
    expect(body.series.LATE.closes[0]).toBeNull();
    expect(body.series.LATE.closes[1]?.[0]).toBe("2024-03-05");
    expect(body.series.LATE.firstDate).toBe("2024-03-01");
    expect(body.errors.NOPE.code).toBe("unknown_symbol");
  });

  it.each([
    ["symbols=SOXX", 'Missing query parameter "dates"'],
    ["dates=latest", 'Missing query parameter "symbols"'],
    ["symbols=SOXX&dates=2024-13-01", "date 2024-13-01 is not a real calendar date"],
    ["symbols=SOXX&dates=2024-01-02,,latest", "The date list has an empty entry"],
    ["symbols=SOXX&dates=2031-01-02", "date 2031-01-02 is in the future"],
    ["symbols=SOXX&dates=latest&end=2024-01-01", 'Unknown query parameter "end"'],
  ])("refuses %s with a reason", async (query, message) => {
    const { status, body } = await get<{ error: { code: string; message: string } }>(`/api/v1/closes?${query}`);
    expect(status).toBe(400);
    expect(body.error).toEqual({ code: "bad_request", message: expect.stringContaining(message) });
  });
});

describe("GET /api/v1/closes with items (SYMBOL:DATE pairs)", () => {
  it("answers each pair in the request's order with the close the symbols+dates form gives", async () => {
    const items = ["HALT:2024-02-16", "SOXX:latest", "LATE:2024-01-02", "SOXX:2023-07-04", "LATE:2024-03-05", "SOXX:latest"];
    const { status, body } = await get<ClosePairsResponse>(`/api/v1/closes?items=${items.join(",")}`);
    expect(status).toBe(200);
    const crossed = await get<ClosesResponse>(
      "/api/v1/closes?symbols=HALT,SOXX,LATE&dates=2024-02-16,latest,2024-01-02,2023-07-04,2024-03-05",
    );
    const dates = crossed.body.dates;
    expect(body.closes).toEqual(
      items.map((item) => {
        const [symbol, date] = item.split(":");
        return crossed.body.series[symbol].closes[dates.indexOf(date)];
      }),
    );
    expect(body.closes[0]?.[0]).toBe("2024-01-09");
    expect(body.closes[2]).toBeNull();
    expect(body.series.LATE.firstDate).toBe("2024-03-01");
    expect(body.series.SOXX).toMatchObject({ currency: crossed.body.series.SOXX.currency, source: "csv" });
    expect(body.closes[3]).toEqual(scan(await rows("SOXX"), "2023-07-04"));
  });

  it("keeps an unknown symbol's failure to its own pairs", async () => {
    const { status, body } = await get<ClosePairsResponse>(
      "/api/v1/closes?items=NOPE:latest,SOXX:2024-01-02,NOPE:2024-01-02,LATE:latest",
    );
    expect(status).toBe(200);
    expect(body.errors.NOPE.code).toBe("unknown_symbol");
    expect(body.closes[0]).toBeNull();
    expect(body.closes[2]).toBeNull();
    expect(body.closes[1]).toEqual(scan(await rows("SOXX"), "2024-01-02"));
    expect(body.closes[3]?.[0]).toBe("2024-06-28");
    expect(Object.keys(body.errors)).toEqual(["NOPE"]);
  });

  const many = (n: number, symbol: (i: number) => string) =>
    Array.from({ length: n }, (_, i) => `${symbol(i)}:2024-01-02`).join(",");
  it.each([
    ["items=", "items=", "At least one item is required"],
    ["items=SOXX", "items=SOXX", 'Item 1 ("SOXX"): an item is SYMBOL:DATE'],
    ["three fields", "items=SOXX:2024-01-02:total", 'Item 1 ("SOXX:2024-01-02:total"): an item is SYMBOL:DATE'],
    ["an empty item", "items=SOXX:2024-01-02,,LATE:latest", 'Item 2 (""): the item is empty'],
    ["an unreal date", "items=SOXX:2024-13-01", 'Item 1 ("SOXX:2024-13-01"): date 2024-13-01 is not a real calendar date'],
    ["a bad symbol", "items=SO XX:latest", "Item 1"],
    ["no symbol", "items=:latest", "Item 1"],
    ["a future date", "items=SOXX:2031-01-02", "Item 1: date 2031-01-02 is in the future"],
    ["both forms", "items=SOXX:latest&symbols=SOXX", "Give either items or symbols and dates, not both"],
    [
      "too many items",
      `items=${many(CLOSES_LIMITS.maxItemsPerRequest + 1, () => "SOXX")}`,
      `At most ${CLOSES_LIMITS.maxItemsPerRequest} items per request`,
    ],
    [
      "too many symbols",
      `items=${many(LIMITS.maxSymbolsPerRequest + 1, (i) => `S${i}`)}`,
      `At most ${LIMITS.maxSymbolsPerRequest} symbols per request`,
    ],
  ])("refuses %s with a reason", async (_name, query, message) => {
    const { status, body } = await get<{ error: { code: string; message: string } }>(`/api/v1/closes?${query}`);
    expect(status).toBe(400);
    expect(body.error).toEqual({ code: "bad_request", message: expect.stringContaining(message) });
  });

  it("takes the most pairs over the longest symbols within the URL and query limits", async () => {
    const symbol = (i: number) =>
      `${"X".repeat(LIMITS.maxSymbolLength - 2)}${String(i % LIMITS.maxSymbolsPerRequest).padStart(2, "0")}`;
    const items = Array.from({ length: CLOSES_LIMITS.maxItemsPerRequest }, (_, i) => `${symbol(i)}:2024-01-02`);
    const { status, body } = await get<ClosePairsResponse>(`/api/v1/closes?items=${items.map(encodeURIComponent).join(",")}`);
    expect(status).toBe(200);
    expect(body.closes).toHaveLength(CLOSES_LIMITS.maxItemsPerRequest);
    expect(Object.keys(body.errors)).toHaveLength(LIMITS.maxSymbolsPerRequest);
  });
});

describe("history with format=columns", () => {
  it("carries the same values as the rows, only the fields asked for, dates as day numbers", async () => {
    const query = "symbols=SOXX,LATE,NOPE&start=2024-02-01&end=2024-05-31";
    const plain = (await get<HistoryResponse>(`/api/v1/history?${query}`)).body;
    const { status, body } = await get<ColumnarHistoryResponse>(`/api/v1/history?${query}&format=columns&fields=adjclose,open`);
    expect(status).toBe(200);
    expect(body.fields).toEqual(["open", "adjclose"]);
    expect(body.errors).toEqual(plain.errors);
    for (const symbol of ["SOXX", "LATE"]) {
      const expected = plain.series[symbol].rows;
      const got = body.series[symbol];
      expect(Object.keys(got.columns)).toEqual(["open", "adjclose"]);
      expect(got.days).toEqual(expected.map((r) => isoToDayNumber(r[0])));
      expect(got.columns.open).toEqual(expected.map((r) => r[1]));
      expect(got.columns.adjclose).toEqual(expected.map((r) => r[5]));
      expect(got.currency).toBe(plain.series[symbol].currency);
    }
    expect(body.series.SOXX.columns.open).toContain(null);
  });

  it("aggregates weekly bars before turning them into columns", async () => {
    const query = "symbols=SOXX&start=2024-01-01&end=2024-03-31&interval=1wk";
    const weekly = (await get<HistoryResponse>(`/api/v1/history?${query}`)).body.series.SOXX.rows;
    const { body } = await get<ColumnarHistoryResponse>(`/api/v1/history?${query}&format=columns&fields=close,volume`);
    expect(body.series.SOXX.columns.volume).toEqual(weekly.map((r) => r[6]));
    expect(body.series.SOXX.days.length).toBe(weekly.length);
  });

  it("decodes into typed arrays on the client side with NaN for missing values", async () => {
    const { body } = await get<unknown>(
      "/api/v1/history?symbols=SOXX&start=2024-01-01&end=2024-06-30&format=columns&fields=open,close",
    );
    const decoded = decodeColumnarHistory(body);
    const expected = (await get<HistoryResponse>("/api/v1/history?symbols=SOXX&start=2024-01-01&end=2024-06-30")).body.series.SOXX
      .rows;
    const soxx = decoded.series.SOXX;
    expect(soxx.days).toBeInstanceOf(Int32Array);
    expect(soxx.columns.close).toBeInstanceOf(Float64Array);
    expect(Array.from(soxx.columns.close ?? [])).toEqual(expected.map((r) => r[4]));
    const missing = expected.findIndex((r) => r[1] === null);
    expect(missing).toBeGreaterThanOrEqual(0);
    expect(Number.isNaN(soxx.columns.open?.[missing])).toBe(true);
  });

  it.each([
    ["&fields=close", "fields can only be chosen with format=columns"],
    ["&format=columns&fields=close,price", 'Unknown field "price"'],
    ["&format=parquet", 'Query parameter "format" must be one of rows, columns'],
  ])("refuses %s with a reason", async (extra, message) => {
    const { status, body } = await get<{ error: { message: string } }>(`/api/v1/history?symbols=SOXX&start=2024-01-01${extra}`);
    expect(status).toBe(400);
    expect(body.error.message).toContain(message);
  });
});
