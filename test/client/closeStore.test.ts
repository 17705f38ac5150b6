import { CLOSES_LIMITS, LIMITS } from "../../src/api/contract";
import { addDays } from "../../src/api/validation";
import { createMarketClient, type FetchLike } from "../../src/client";
import { FakeMarketService, makeSeries, noonUtc } from "./fakeMarketService";

const TODAY = "2025-06-30";

function setup(now: () => number = () => noonUtc(TODAY)) {
  const service = new FakeMarketService({
    series: {
      SOXX: makeSeries(1, "2020-01-02", TODAY),
      SMH: makeSeries(2, "2020-01-02", TODAY),
      ODD: makeSeries(3, "2020-01-02", TODAY),
    },
  });
  const client = createMarketClient({ baseUrl: "http://service.test/api/v1", fetch: service.fetch, now });
  return { service, client };
}

test("closes of one recalculation travel together, a few numbers each, and come back with their own dates", async () => {
  const { service, client } = setup();
  const [a, b, c] = await Promise.all([
    client.close("SOXX", "2025-01-01"),
    client.close("SMH", "latest"),
    client.close("soxx", "latest"),
  ]);
  expect(service.requestsTo("closes")).toHaveLength(1);
  // Pairs, a symbol's together.
  expect(service.requestsTo("closes")[0].params.items).toBe("SOXX:2025-01-01,SOXX:latest,SMH:latest");
  expect(service.requestsTo("history")).toHaveLength(0);
  const row = service.series.SOXX.rows.filter(([d]) => d <= "2025-01-01").pop()!;
  expect(a.close).toEqual([row[0], row[4], row[5]]);
  expect(b.close?.[0]).toBe(TODAY);
  expect(c.symbol).toBe("SOXX");
});

test("a past close is kept; the latest one is asked for again once it may have moved", async () => {
  let now = noonUtc(TODAY);
  const { service, client } = setup(() => now);
  await Promise.all([client.close("SOXX", "2025-01-01"), client.close("SOXX", "latest")]);
  now += 20 * 60_000;
  await client.close("SOXX", "2025-01-01");
  expect(service.requestsTo("closes")).toHaveLength(1);
  await client.close("SOXX", "latest");
  expect(service.requestsTo("closes")).toHaveLength(2);
});

test("a close before the series starts is null with the first date; one before 1970 is null without asking", async () => {
  const { service, client } = setup();
  const [early] = await Promise.all([client.close("SOXX", "2019-06-03"), client.close("SOXX", "latest")]);
  expect(early).toMatchObject({ close: null, firstDate: "2020-01-02" });
  const ancient = await client.close("SOXX", "1969-12-31");
  expect(ancient.close).toBeNull();
  expect(service.requestsTo("closes")).toHaveLength(1);
});

test("a refused closes request fails only the symbol it was about", async () => {
  const { service, client } = setup();
  service.refuseWhen = (symbols) => (symbols.includes("ODD") ? "ODD is not served here" : undefined);
  const results = await Promise.allSettled([
    client.close("SOXX", "latest"),
    client.close("ODD", "latest"),
    client.close("SMH", "2025-01-01"),
  ]);
  expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
  const unknown = await client.close("NOPE", "latest").catch((err: Error) => err.message);
  expect(unknown).toBe("Unknown symbol NOPE: the market data source does not know it");
});

/** `cells` closes over `symbols` symbols, each symbol's dates its own (scattered, as return cells ask). */
function scattered(symbols: number, perSymbol: number): [string, string][] {
  return Array.from({ length: symbols * perSymbol }, (_, i): [string, string] => {
    const s = i % symbols;
    return [`S${s}`, addDays("2021-01-04", ((s * 7) % 400) + Math.floor(i / symbols) * 5)];
  });
}

function manySymbols(count: number) {
  const service = new FakeMarketService({
    series: Object.fromEntries(Array.from({ length: count }, (_, i) => [`S${i}`, makeSeries(i + 1, "2020-01-02", TODAY)])),
  });
  service.now = () => noonUtc(TODAY);
  const client = createMarketClient({ baseUrl: "http://service.test/api/v1", fetch: service.fetch, now: () => noonUtc(TODAY) });
  return { service, client };
}

test.each([
  // [symbols, closes per symbol, requests]: the items limit or the symbols limit, whichever bites.
  [60, 7, Math.ceil((60 * 7) / CLOSES_LIMITS.maxItemsPerRequest)],
  [120, 2, Math.ceil(120 / LIMITS.maxSymbolsPerRequest)],
  [3, 200, Math.ceil((3 * 200) / CLOSES_LIMITS.maxItemsPerRequest)],
])(
  "scattered closes over %i symbols (%i each) go as pairs in %i requests; the older form needs many more",
  async (symbols, each, expected) => {
    const needs = scattered(symbols, each);
    const distinct = new Set(needs.map((n) => n.join("|"))).size;
    expect(distinct).toBe(needs.length);
    const pairs = manySymbols(symbols);
    const viaPairs = await Promise.all(needs.map(([s, d]) => pairs.client.close(s, d)));
    const requests = pairs.service.requestsTo("closes");
    expect(requests).toHaveLength(expected);
    for (const r of requests) {
      const items = r.params.items.split(",");
      expect(items.length).toBeLessThanOrEqual(CLOSES_LIMITS.maxItemsPerRequest);
      expect(new Set(items.map((i) => i.split(":")[0])).size).toBeLessThanOrEqual(LIMITS.maxSymbolsPerRequest);
    }
    expect(requests.reduce((n, r) => n + r.params.items.split(",").length, 0)).toBe(distinct);

    // The same needs against a service that only takes symbols+dates: the same closes, more requests.
    const older = manySymbols(symbols);
    older.service.closePairs = false;
    const viaCrossed = await Promise.all(needs.map(([s, d]) => older.client.close(s, d)));
    expect(viaPairs.map((a) => [a.symbol, a.date, a.close, a.currency])).toEqual(
      viaCrossed.map((a) => [a.symbol, a.date, a.close, a.currency]),
    );
    const crossedRequests = older.service.requestsTo("closes").filter((r) => r.params.items === undefined);
    expect(crossedRequests.length).toBeGreaterThan(expected);
  },
);

test("a service without pairs is asked in the older form, and not with pairs again for a while", async () => {
  let now = noonUtc(TODAY);
  const { service, client } = setup(() => now);
  service.closePairs = false;
  const first = await Promise.all([client.close("SOXX", "2025-01-01"), client.close("SMH", "latest")]);
  const row = service.series.SOXX.rows.filter(([d]) => d <= "2025-01-01").pop()!;
  expect(first[0].close).toEqual([row[0], row[4], row[5]]);
  expect(first[1].close?.[0]).toBe(TODAY);
  const kinds = () => service.requestsTo("closes").map((r) => (r.params.items !== undefined ? "pairs" : "crossed"));
  expect(kinds()).toEqual(["pairs", "crossed"]);
  await client.close("ODD", "2024-03-01");
  expect(kinds()).toEqual(["pairs", "crossed", "crossed"]);
  now += 11 * 60_000;
  service.closePairs = true;
  await client.close("ODD", "2024-06-03");
  expect(kinds()).toEqual(["pairs", "crossed", "crossed", "pairs"]);
});

test("a 404 for pairs (a service that answers unknown requests so) also falls back to the older form", async () => {
  const { service } = setup();
  const fetch: FetchLike = (url, init) =>
    url.includes("items=")
      ? Promise.resolve({
          ok: false,
          status: 404,
          json: async () => ({ error: { code: "not_found", message: "No such route" } }),
        })
      : service.fetch(url, init);
  const client = createMarketClient({ baseUrl: "http://service.test/api/v1", fetch, now: () => noonUtc(TODAY) });
  const answers = await Promise.all([client.close("SOXX", "2025-01-01"), client.close("SMH", "latest")]);
  expect(answers.map((a) => a.close?.[0])).toEqual([
    service.series.SOXX.rows.filter(([d]) => d <= "2025-01-01").pop()![0],
    TODAY,
  ]);
  await client.close("ODD", "latest");
  expect(service.requestsTo("closes").every((r) => r.params.items === undefined)).toBe(true);
  expect(service.requestsTo("closes")).toHaveLength(2);
});

test("in one pairs request, an unknown symbol and a date before the data touch only their own calls", async () => {
  const { service, client } = setup();
  const results = await Promise.allSettled([
    client.close("SOXX", "2025-01-01"),
    client.close("NOPE", "latest"),
    client.close("SMH", "2010-01-04"),
    client.close("SMH", "latest"),
  ]);
  expect(service.requestsTo("closes")).toHaveLength(1);
  expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled", "fulfilled"]);
  const [soxx, nope, early, latest] = results;
  const row = service.series.SOXX.rows.filter(([d]) => d <= "2025-01-01").pop()!;
  expect(soxx.status === "fulfilled" && soxx.value.close).toEqual([row[0], row[4], row[5]]);
  expect(nope.status === "rejected" && (nope.reason as Error).message).toBe(
    "Unknown symbol NOPE: the market data source does not know it",
  );
  expect(early.status === "fulfilled" && early.value).toMatchObject({ close: null, firstDate: "2020-01-02" });
  expect(latest.status === "fulfilled" && latest.value.close?.[0]).toBe(TODAY);
});
