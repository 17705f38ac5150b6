/**
 * The client's side of the stats route: windows of one recalculation batched across symbols
 * (at most 200 windows over 50 symbols a request), answered windows kept (a window reaching today
 * asked again after the moving-end time), windows over a series the add-in holds or is fetching
 * computed from it, a failure about one symbol kept to its windows, and a service without the
 * route (or a failed request) sending the windows back to the series path.
 */
import { STATS_LIMITS, type StatType, type WindowStatistic } from "../../src/api/contract";
import { createMarketClient, MarketDataError } from "../../src/client";
import { seriesVolatility } from "../../src/market";
import { FakeMarketService, makeSeries, noonUtc } from "./fakeMarketService";

const TODAY = "2025-06-30";

function setup(symbols: string[], clock = { now: noonUtc(TODAY) }) {
  const service = new FakeMarketService({
    series: Object.fromEntries(symbols.map((s, i) => [s, makeSeries(i + 1, "2015-01-01", TODAY)])),
  });
  service.now = () => clock.now;
  const client = createMarketClient({ baseUrl: "http://service.test/api/v1", fetch: service.fetch, now: () => clock.now });
  return { service, client, clock };
}

type Window = [WindowStatistic, string, string, string | undefined, StatType];
const names = (n: number) => Array.from({ length: n }, (_, i) => `S${i}`);
const ask = (client: ReturnType<typeof setup>["client"], windows: Window[]) =>
  Promise.all(
    windows.map(([statistic, symbol, start, end, type]) => client.windowStatistic(statistic, symbol, start, end, type)),
  );

test("one recalculation's windows go in as few requests as the limits allow, a symbol's windows together", async () => {
  // 120 windows over 60 symbols: the 50-symbol limit makes two requests.
  const { service, client } = setup(names(60));
  const windows: Window[] = names(60).flatMap((s, i): Window[] => [
    ["volatility", s, "2020-01-02", undefined, "total"],
    ["maxdrawdown", s, `2019-0${1 + (i % 9)}-15`, "2024-12-31", "price"],
  ]);
  const values = await ask(client, windows);
  expect(values.every((v) => typeof v === "number")).toBe(true);
  const requests = service.requestsTo("stats");
  expect(requests).toHaveLength(2);
  expect(requests.map((r) => r.params.items.split(",").length)).toEqual([100, 20]);
  for (const r of requests) {
    const symbols = r.params.items.split(",").map((item) => item.split(":")[0]);
    expect(new Set(symbols).size).toBeLessThanOrEqual(50);
  }
  expect(service.requestsTo("history")).toEqual([]);

  // 450 windows over 3 symbols: the 200-window limit makes three requests.
  const many = setup(names(3));
  const dense: Window[] = Array.from({ length: 450 }, (_, i) => [
    "volatility",
    `S${i % 3}`,
    `2016-01-04`,
    `2024-0${1 + (i % 9)}-${10 + (Math.floor(i / 9) % 18)}`,
    "total",
  ]);
  await ask(many.client, dense);
  const counts = many.service.requestsTo("stats").map((r) => r.params.items.split(",").length);
  expect(counts.every((c) => c <= STATS_LIMITS.maxItemsPerRequest)).toBe(true);
  expect(counts.reduce((a, b) => a + b, 0)).toBe(new Set(dense.map((w) => w.join("|"))).size);
  expect(counts).toHaveLength(Math.ceil(counts.reduce((a, b) => a + b, 0) / STATS_LIMITS.maxItemsPerRequest));
});

test("the same windows in the same call are asked once, and a recalculation of answered windows sends nothing", async () => {
  const { service, client } = setup(["SOXX", "QQQ"]);
  const windows: Window[] = [
    ["volatility", "SOXX", "2020-01-02", "2024-12-31", "total"],
    ["volatility", "soxx", "2020-01-02", "2024-12-31", "total"],
    ["maxdrawdown", "QQQ", "2018-06-01", undefined, "price"],
    ["volatility", "SOXX", "2010-01-04", undefined, "total"], // before the data: an error, kept too
  ];
  const settle = (p: Promise<number | undefined>) =>
    p.then(
      (v) => v,
      (e: Error) => e.message,
    );
  const first = await Promise.all(windows.map(([f, s, a, b, t]) => settle(client.windowStatistic(f, s, a, b, t))));
  expect(service.requestsTo("stats")).toHaveLength(1);
  expect(service.requestsTo("stats")[0].params.items.split(",")).toHaveLength(3);
  expect(first[0]).toBe(first[1]);
  expect(first[3]).toMatch(/SOXX data runs from 2015-01-01 to 2025-06-30; the start date 2010-01-04 is earlier/);
  const again = await Promise.all(windows.map(([f, s, a, b, t]) => settle(client.windowStatistic(f, s, a, b, t))));
  expect(again).toEqual(first);
  expect(service.requests).toHaveLength(1);
});

test("a window reaching today is asked again after the moving-end time; a settled one is not", async () => {
  const { service, client, clock } = setup(["SOXX"]);
  const latest: Window = ["volatility", "SOXX", "2024-01-02", undefined, "total"];
  const toToday: Window = ["maxdrawdown", "SOXX", "2024-01-02", TODAY, "total"];
  const settled: Window = ["volatility", "SOXX", "2024-01-02", "2025-03-31", "total"];
  await ask(client, [latest, toToday, settled]);
  clock.now += 14 * 60_000;
  await ask(client, [latest, toToday, settled]);
  expect(service.requestsTo("stats")).toHaveLength(1);
  clock.now += 2 * 60_000;
  await ask(client, [latest, toToday, settled]);
  const requests = service.requestsTo("stats");
  expect(requests).toHaveLength(2);
  expect(requests[1].params.items.split(",").sort()).toEqual([
    `SOXX:maxdrawdown:2024-01-02:${TODAY}`,
    "SOXX:volatility:2024-01-02",
  ]);
});

test("a window over a series the add-in holds or is fetching is computed from it, not asked of the route", async () => {
  const { service, client } = setup(["SOXX", "QQQ"]);
  const held = await client.series("SOXX", "2018-01-02");
  expect(await client.windowStatistic("volatility", "SOXX", "2020-01-02", "2024-12-31", "total")).toBeUndefined();
  // On its way: the series of QQQ was asked in the same tick.
  const fetching = client.series("QQQ", "2019-01-02");
  expect(await client.windowStatistic("maxdrawdown", "QQQ", "2020-01-02", undefined, "price")).toBeUndefined();
  await fetching;
  // Outside what is held: the route.
  const before = await client.windowStatistic("volatility", "SOXX", "2016-01-04", "2017-12-29", "total");
  expect(service.requestsTo("stats")).toHaveLength(1);
  expect(service.requestsTo("stats")[0].params.items).toBe("SOXX:volatility:2016-01-04:2017-12-29");
  // The route's number is the held series' number for the same window.
  const wide = await client.series("SOXX", "2015-01-01");
  expect(before).toBe(seriesVolatility(wide.window, "2016-01-04", "2017-12-29", "total", "SOXX").value);
  expect(held.window.columns).toBeDefined();
});

test("an older service without the route (404): windows go back to the series path, and the route is left alone a while", async () => {
  const { service, client, clock } = setup(["SOXX", "QQQ"]);
  service.statsRoute = false;
  const values = await ask(client, [
    ["volatility", "SOXX", "2020-01-02", undefined, "total"],
    ["maxdrawdown", "QQQ", "2020-01-02", undefined, "total"],
  ]);
  expect(values).toEqual([undefined, undefined]);
  expect(service.requestsTo("stats")).toHaveLength(1);
  await ask(client, [["volatility", "SOXX", "2021-01-04", undefined, "total"]]);
  expect(service.requestsTo("stats")).toHaveLength(1);
  clock.now += 11 * 60_000;
  service.statsRoute = true;
  expect(typeof (await client.windowStatistic("volatility", "SOXX", "2021-01-04", undefined, "total"))).toBe("number");
  expect(service.requestsTo("stats")).toHaveLength(2);
});

test("a request that fails as a whole sends its windows back to the series path, and is asked again next time", async () => {
  const { service, client } = setup(["SOXX"]);
  service.failure = 500;
  expect(await client.windowStatistic("volatility", "SOXX", "2020-01-02", undefined, "total")).toBeUndefined();
  service.failure = undefined;
  expect(typeof (await client.windowStatistic("volatility", "SOXX", "2020-01-02", undefined, "total"))).toBe("number");
  expect(service.requestsTo("stats")).toHaveLength(2);
});

test("a window or a symbol without an answer fails alone; the symbol's failure is not kept", async () => {
  const { service, client } = setup(["SOXX", "QQQ"]);
  const outcomes = await Promise.allSettled([
    client.windowStatistic("volatility", "SOXX", "2020-01-02", undefined, "total"),
    client.windowStatistic("volatility", "NOPE", "2020-01-02", undefined, "total"),
    client.windowStatistic("volatility", "QQQ", "2025-06-30", undefined, "total"),
    client.windowStatistic("maxdrawdown", "QQQ", "2020-01-02", "2020-12-31", "price"),
  ]);
  expect(service.requestsTo("stats")).toHaveLength(1);
  expect(outcomes[0]).toMatchObject({ status: "fulfilled", value: expect.any(Number) });
  expect(outcomes[1]).toMatchObject({ status: "rejected", reason: expect.any(MarketDataError) });
  expect((outcomes[1] as PromiseRejectedResult).reason.message).toMatch(/^Unknown symbol NOPE/);
  expect((outcomes[2] as PromiseRejectedResult).reason.message).toMatch(
    /^Volatility needs at least two daily returns \(this window has 0\)/,
  );
  expect(outcomes[3]).toMatchObject({ status: "fulfilled", value: expect.any(Number) });
  await client.windowStatistic("volatility", "NOPE", "2020-01-02", undefined, "total").catch(() => undefined);
  expect(service.requestsTo("stats")).toHaveLength(2);
  expect(service.requestsTo("stats")[1].params.items).toBe("NOPE:volatility:2020-01-02");
});
