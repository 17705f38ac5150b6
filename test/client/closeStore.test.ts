import { createMarketClient } from "../../src/client";
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
  expect(service.requestsTo("closes")[0].params.dates).toBe("2025-01-01,latest");
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
  const early = await client.close("SOXX", "2019-06-03");
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
