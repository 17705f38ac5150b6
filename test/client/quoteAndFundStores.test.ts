import type { FundResponse, Quote } from "../../src/api/contract";
import { createMarketClient } from "../../src/client";
import { FakeMarketService, noonUtc } from "./fakeMarketService";

function quote(price: number): Quote {
  return {
    price,
    change: 1,
    changePct: 0.01,
    currency: "USD",
    time: "2025-06-30T19:59:00Z",
    name: "X",
    source: "yahoo",
    asOf: "2025-06-30T20:00:00Z",
  };
}

const FUND: FundResponse = {
  symbol: "SOXX",
  name: "iShares Semiconductor ETF",
  holdings: [{ symbol: "NVDA", name: "NVIDIA Corp", weight: 0.09 }],
  sectorWeights: { technology: 1 },
  expenseRatio: 0.0035,
  netAssets: 13e9,
  category: "Technology",
  family: "iShares",
  currency: "USD",
  yield: 0.006,
  source: "yahoo",
  asOf: "2025-06-30T20:00:00Z",
};

function setup() {
  let now = noonUtc("2025-06-30");
  const service = new FakeMarketService({ quotes: { NVDA: quote(150), AMD: quote(120) }, funds: { SOXX: FUND } });
  const client = createMarketClient({ baseUrl: "http://s/api/v1", fetch: service.fetch, now: () => now });
  return { service, client, advance: (ms: number) => (now += ms) };
}

test("quotes asked for together go out in one request", async () => {
  const { service, client } = setup();
  const [a, b, c] = await Promise.all([client.quote("NVDA"), client.quote("amd"), client.quote("NVDA")]);
  expect([a.price, b.price, c.price]).toEqual([150, 120, 150]);
  expect(service.requestsTo("quote")).toHaveLength(1);
  expect(service.requestsTo("quote")[0].symbols.sort()).toEqual(["AMD", "NVDA"]);
});

test("a quote is reused for a few seconds, then asked for again", async () => {
  const { service, client, advance } = setup();
  await client.quote("NVDA");
  advance(2_000);
  await client.quote("NVDA");
  expect(service.requestsTo("quote")).toHaveLength(1);
  service.quotes.NVDA = quote(151);
  advance(10_000);
  expect((await client.quote("NVDA")).price).toBe(151);
  expect(service.requestsTo("quote")).toHaveLength(2);
});

test("an unknown quote symbol fails with its name", async () => {
  const { client } = setup();
  await expect(client.quote("ZZZZ")).rejects.toThrow(/Unknown symbol ZZZZ/);
});

test("fund data is fetched once and shared", async () => {
  const { service, client } = setup();
  const [a, b] = await Promise.all([client.fund("SOXX"), client.fund("soxx")]);
  await client.fund("SOXX");
  expect(a).toEqual(FUND);
  expect(b).toBe(a);
  expect(service.requestsTo("fund")).toHaveLength(1);
});

test("an unknown fund is an unknown symbol", async () => {
  const { client } = setup();
  await expect(client.fund("NOPE")).rejects.toThrow(/Unknown symbol NOPE/);
});

test("the client counts its HTTP requests", async () => {
  const { client } = setup();
  await Promise.all([client.quote("NVDA"), client.fund("SOXX")]);
  expect(client.requestCount()).toBe(2);
});
