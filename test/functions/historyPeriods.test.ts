/**
 * HISTORY weekly and monthly from the service's aggregated answer (interval=1wk|1mo) against the
 * add-in's own aggregation of the daily bars: the same table for seeded random date ranges over a
 * series with Monday holidays and dividends, and no daily bars on the wire.
 */
import { barsOfWindow, historyTable, windowOfDays, type HistoryInterval } from "../../src/market";
import { columnsFromRows } from "../../src/client/seriesColumns";
import { history } from "../../src/functions/marketFunctions";
import { makeSeries } from "../client/fakeMarketService";
import { TODAY, excelError, installClient } from "./marketFunctionsSetup";
import { seededRandom } from "../seededRandom";

const SEED = Number(process.env.AICHAIN_PROPERTY_SEED ?? 20261130);
const RUNS = Number(process.env.AICHAIN_PROPERTY_RUNS ?? 60);

const SYN = makeSeries(4, "2022-01-03", TODAY, {
  holidays: ["2024-01-15", "2024-02-19", "2024-05-27", "2024-09-02", "2025-01-20", "2025-05-26"],
  dividendDate: "2024-06-14",
  dividend: 0.8,
});
SYN.dividends = [...(SYN.dividends ?? []), ["2025-03-03", 0.5]];

const isoOf = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);

test(`weekly and monthly tables from the service equal the add-in's aggregation of daily bars (seed ${SEED}, ${RUNS} ranges)`, async () => {
  const { service } = installClient({ series: { SYN } });
  const daily = barsOfWindow(windowOfDays(columnsFromRows(SYN.rows), -Infinity, Infinity));
  const next = seededRandom(SEED);
  const first = Date.parse("2022-01-01") / 86_400_000;
  const last = Date.parse(`${TODAY}`) / 86_400_000;
  let rows = 0;
  let empty = 0;
  for (let i = 0; i < RUNS; i++) {
    const a = first + Math.floor(next() * (last - first));
    const b = a + Math.floor(next() * (last - a + 1));
    const start = isoOf(a);
    const end = next() < 0.3 ? undefined : isoOf(b);
    const interval = (1 + Math.floor(next() * 2)) as HistoryInterval;
    const properties = [0, 1, 2, 3, 4, 5, 6, 7];
    const got = await history("SYN", start, end, interval, 1, undefined, properties).catch(
      (err: { message: string }) => err.message,
    );
    let want: unknown;
    try {
      want = historyTable(daily, SYN.dividends ?? [], {
        start,
        end: end ?? TODAY,
        interval,
        headers: 1,
        properties,
        label: "SYN",
      }).map((row) => row.map((cell) => (cell === null ? "" : cell)));
    } catch (err) {
      // A range without a trading day (a holiday, a weekend) says so, as the daily path does.
      want = (err as Error).message;
      empty++;
    }
    expect(got).toEqual(want);
    rows += typeof got === "string" ? 0 : got.length;
  }
  const intervals = new Set(service.requestsTo("history").map((r) => r.params.interval));
  expect(intervals.has("1wk") && intervals.has("1mo")).toBe(true);
  // Daily bars are asked only for ranges without a trading day (their message comes from there).
  expect(intervals.has("1d")).toBe(empty > 0);
  console.log(
    `aggregated HISTORY: ${RUNS} ranges, ${rows} rows identical to the add-in's aggregation, ${empty} without a trading day`,
  );
});

test("a sheet of monthly HISTORY cells over 30 years asks for months, once per range, batched across symbols", async () => {
  const series = Object.fromEntries(["A", "B", "C"].map((s, i) => [s, makeSeries(i + 1, "1995-01-02", TODAY)]));
  const { service } = installClient({ series });
  const tables = await Promise.all(["A", "B", "C", "A"].map((s) => history(s, "1995-06-15", undefined, 2, 0)));
  const requests = service.requestsTo("history");
  expect(requests).toHaveLength(1);
  expect(requests[0].params).toMatchObject({ symbols: "A,B,C", interval: "1mo", start: "1995-06-15" });
  expect(tables[0]).toHaveLength(361);
  expect(tables[3]).toEqual(tables[0]);
  await history("B", "1995-06-15", undefined, 2, 0);
  expect(service.requestsTo("history")).toHaveLength(1);
});

test("a weekly range without a trading day says so, as the daily path does", async () => {
  installClient({ series: { SYN } });
  const err = await excelError(history("SYN", "2025-05-26", "2025-05-26", 1));
  expect(err.message).toBe("SYN has no trading days between 2025-05-26 and 2025-05-26");
});
