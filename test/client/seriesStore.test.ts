/**
 * The closes store behind VOLATILITY and MAXDRAWDOWN: columnar requests of only the fields the
 * statistics read, one held series per symbol whose columns every call's window points into,
 * requests shared by symbols whose windows nearly agree, and a byte bound counted on the buffers.
 */
import { createMarketClient } from "../../src/client";
import { barsOfWindow, maxDrawdown, seriesMaxDrawdown, seriesVolatility, volatility } from "../../src/market";
import { FakeMarketService, makeSeries, noonUtc } from "./fakeMarketService";

const TODAY = "2025-06-30";

function setup(symbols: string[], options: { seriesCacheBytes?: number } = {}) {
  const service = new FakeMarketService({
    series: Object.fromEntries(symbols.map((s, i) => [s, makeSeries(i + 1, "2015-01-01", TODAY)])),
  });
  const client = createMarketClient({
    baseUrl: "http://service.test/api/v1",
    fetch: service.fetch,
    now: () => noonUtc(TODAY),
    seriesCacheBytes: options.seriesCacheBytes,
  });
  return { service, client };
}

test("series are asked in the columnar format with closes and adjusted closes only", async () => {
  const { service, client } = setup(["SOXX"]);
  const found = await client.series("SOXX", "2024-01-02", "2024-12-31");
  const [request] = service.requestsTo("history");
  expect(request.params).toMatchObject({ format: "columns", fields: "close,adjclose", start: "2023-12-19", end: "2024-12-31" });
  const rows = service.series.SOXX.rows.filter(([d]) => d >= "2023-12-19" && d <= "2024-12-31");
  const bars = barsOfWindow(found.window);
  expect(bars.map((b) => [b.date, b.close, b.adjclose])).toEqual(rows.map((r) => [r[0], r[4], r[5]]));
  expect(bars.every((b) => b.open === null && b.volume === null)).toBe(true);
});

test("calls inside what is held point into the same columns, and the answers equal the bar functions'", async () => {
  const { service, client } = setup(["SOXX"]);
  const wide = await client.series("SOXX", "2016-01-04");
  const narrow = await client.series("SOXX", "2020-03-02", "2021-06-30");
  expect(service.requestsTo("history")).toHaveLength(1);
  expect(narrow.window.columns).toBe(wide.window.columns);
  expect(narrow.window.to - narrow.window.from).toBeLessThan(wide.window.to - wide.window.from);
  // The same window through the bar path (its own copy of the bars) gives the same numbers.
  const bars = (await client.history("SOXX", "2020-03-02", "2021-06-30")).bars;
  for (const kind of ["total", "price"] as const) {
    expect(seriesVolatility(narrow.window, "2020-03-02", "2021-06-30", kind)).toEqual(
      volatility(bars, "2020-03-02", "2021-06-30", kind),
    );
    for (let i = 0; i < 3; i++) {
      // Later calls use what is memoised on the shared column: always the same number.
      expect(seriesMaxDrawdown(narrow.window, "2020-03-02", "2021-06-30", kind)).toEqual(
        maxDrawdown(bars, "2020-03-02", "2021-06-30", kind),
      );
    }
  }
});

test("a window never reads past its own days, whatever else the columns hold", async () => {
  const { client } = setup(["SOXX"]);
  await client.series("SOXX", "2016-01-04");
  const found = await client.series("SOXX", "2024-01-02", "2024-03-28");
  // The held columns run to today, but the end close is the last one of the window's own days.
  expect(seriesVolatility(found.window, "2024-01-02").endDate <= "2024-03-28").toBe(true);
  await expect(client.series("SOXX", "2014-06-02", "2014-12-31")).rejects.toThrow(/No data for SOXX/);
});

test("symbols whose windows nearly agree share one request; far-apart windows do not", async () => {
  const symbols = ["A", "B", "C", "D"];
  const { service, client } = setup(symbols);
  await Promise.all([
    client.series("A", "2016-01-04"),
    client.series("B", "2016-03-01"),
    client.series("C", "2016-06-01"),
    client.series("D", "2024-06-03"),
  ]);
  const requests = service.requestsTo("history").map((r) => [r.symbols.join(","), r.params.start]);
  expect(requests.sort()).toEqual([
    ["A,B,C", "2015-12-21"],
    ["D", "2024-05-20"],
  ]);
  // The shared request's extra days are kept: B's wider window is answered without a request.
  await client.series("B", "2016-01-04");
  expect(service.requestsTo("history")).toHaveLength(2);
});

test("the byte bound counts the buffers (20 bytes a day) and drops the least recently used symbol", async () => {
  // Ten years is about 2,600 days, 52 KB: two symbols fit in 120 KB, three do not.
  const { service, client } = setup(["A", "B", "C"], { seriesCacheBytes: 120_000 });
  await client.series("A", "2015-06-01");
  await client.series("B", "2015-06-01");
  await client.series("C", "2015-06-01");
  expect(service.requestsTo("history")).toHaveLength(3);
  await client.series("C", "2016-06-01");
  await client.series("B", "2016-06-01");
  expect(service.requestsTo("history")).toHaveLength(3);
  await client.series("A", "2016-06-01");
  expect(service.requestsTo("history")).toHaveLength(4);
});

test("closes already on their way as part of a series are read from it, the same as the closes route gives", async () => {
  const { service, client } = setup(["SOXX"]);
  const dates = ["2020-03-02", "2024-12-25", "latest", "2015-06-01", "2016-01-02"];
  const [, ...fromSeries] = await Promise.all([
    client.series("SOXX", "2016-01-04"),
    ...dates.map((date) => client.close("SOXX", date)),
  ]);
  // Only the dates whose look-back the series does not cover went to the route, in one request.
  expect(service.requestsTo("closes").map((r) => r.params.items)).toEqual(["SOXX:2015-06-01,SOXX:2016-01-02"]);
  const alone = setup(["SOXX"]).client;
  const fromRoute = await Promise.all(dates.map((date) => alone.close("SOXX", date)));
  expect(fromSeries.map((a) => [a.date, a.close, a.currency])).toEqual(fromRoute.map((a) => [a.date, a.close, a.currency]));
});

test("a close the series cannot answer (a symbol it fails for) is asked of the route and fails as it would alone", async () => {
  const { service, client } = setup(["SOXX"]);
  const [series, close] = await Promise.allSettled([client.series("NOPE", "2016-01-04"), client.close("NOPE", "2020-03-02")]);
  expect(series.status).toBe("rejected");
  expect(service.requestsTo("closes")).toHaveLength(1);
  const alone = await setup(["SOXX"])
    .client.close("NOPE", "2020-03-02")
    .catch((err: Error) => err.message);
  expect((close as PromiseRejectedResult).reason.message).toBe(alone);
});
