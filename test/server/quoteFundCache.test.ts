import { ServiceError } from "../../src/server/serviceErrors";
import { Harness, makeHarness } from "./serviceHarness";

let h: Harness;
beforeEach(() => {
  h = makeHarness();
});
afterEach(() => h.close());

describe("quotes through the cache", () => {
  it("asks upstream once for all symbols, then reuses quotes for about a minute", async () => {
    const first = await h.service.quote(["SOXX", "QQQ"]);
    expect(first.quotes.SOXX).toMatchObject({
      price: 202.5,
      changePct: 0.0125,
      source: "yahoo",
      name: "Hand-made Semiconductor ETF",
    });
    expect(h.yahoo.dataCalls("quote")).toHaveLength(1);
    expect(h.yahoo.dataCalls("quote")[0].symbol).toBe("SOXX,QQQ");
    h.clock.now += 30_000;
    const second = await h.service.quote(["QQQ", "SOXX"]);
    expect(second.quotes.QQQ.source).toBe("cache");
    expect(h.yahoo.dataCalls("quote")).toHaveLength(1);
    h.clock.now += 31_000;
    await h.service.quote(["SOXX"]);
    expect(h.yahoo.dataCalls("quote")).toHaveLength(2);
  });

  it("serves the last good quote marked stale when upstream is down, an error when there is none", async () => {
    await h.service.quote(["SOXX"]);
    h.clock.now += 120_000;
    h.yahoo.down = "500";
    const response = await h.service.quote(["SOXX", "QQQ"]);
    expect(response.quotes.SOXX).toMatchObject({ price: 202.5, stale: true, source: "cache" });
    expect(response.errors.QQQ.code).toBe("upstream_unavailable");
  });

  it("puts a symbol upstream does not know into errors", async () => {
    const response = await h.service.quote(["SOXX", "NOPE"]);
    expect(Object.keys(response.quotes)).toEqual(["SOXX"]);
    expect(response.errors.NOPE.code).toBe("unknown_symbol");
  });
});

describe("fund data through the cache", () => {
  it("keeps fund data for about a day", async () => {
    const first = await h.service.fund("SOXX");
    expect(first).toMatchObject({ symbol: "SOXX", expenseRatio: 0.0035, source: "yahoo" });
    h.clock.now += 23 * 3_600_000;
    expect((await h.service.fund("SOXX")).source).toBe("cache");
    const fundCalls = () => h.yahoo.dataCalls("quoteSummary").filter((c) => c.symbol === "SOXX");
    expect(fundCalls()).toHaveLength(1);
    h.clock.now += 2 * 3_600_000;
    await h.service.fund("SOXX");
    expect(fundCalls()).toHaveLength(2);
  });

  it("serves stale fund data when upstream fails, and a 404-class error for an unknown fund", async () => {
    await h.service.fund("SOXX");
    h.clock.now += 2 * 86_400_000;
    h.yahoo.down = "429";
    expect(await h.service.fund("SOXX")).toMatchObject({ stale: true, holdings: expect.any(Array) });
    h.yahoo.down = null;
    const failure = await h.service.fund("NOPE").catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ServiceError);
    expect((failure as ServiceError).status).toBe(404);
    expect((failure as ServiceError).error.code).toBe("unknown_symbol");
  });
});

describe("health", () => {
  it("reports the provider, cache entries and an unreachable upstream after an outage", async () => {
    await h.service.history(["SOXX"], "2024-01-02", "2024-01-05", "1d");
    let health = await h.service.health();
    // Twelve bars (the one fetch reaches today, to confirm the actions too) and two corporate actions.
    const closed = { state: "closed", failures: 0, openUntil: null, threshold: 5, cooldownSeconds: 30, shared: false };
    expect(health).toEqual({
      provider: "yahoo",
      upstream: "ok",
      cache: { entries: 14, path: h.cacheFile },
      breaker: closed,
    });
    h.yahoo.down = "network";
    await h.service.quote(["QQQ"]);
    health = await h.service.health();
    expect(health.upstream).toBe("unreachable");
    // The quote was tried four times (three retries): each failure counted, not yet five in a row.
    expect(health.breaker).toEqual({ ...closed, failures: 4 });
  });

  it("probes Yahoo when nothing has been asked yet, at most once a minute", async () => {
    h.yahoo.down = "network";
    expect((await h.service.health()).upstream).toBe("unreachable");
    expect(h.yahoo.dataCalls()).toHaveLength(1);
    h.yahoo.down = null;
    h.clock.now += 30_000;
    expect((await h.service.health()).upstream).toBe("unreachable");
    expect(h.yahoo.dataCalls()).toHaveLength(1);
    h.clock.now += 31_000;
    expect((await h.service.health()).upstream).toBe("ok");
    expect(h.yahoo.dataCalls()).toHaveLength(2);
    h.yahoo.down = "500";
    expect((await Promise.all([h.service.health(), h.service.health()])).map((x) => x.upstream)).toEqual(["ok", "ok"]);
    expect(h.yahoo.dataCalls()).toHaveLength(2);
  });

  it("reports a healthy Yahoo as ok after probing it once", async () => {
    expect((await h.service.health()).upstream).toBe("ok");
    expect(h.yahoo.dataCalls("quote")).toHaveLength(1);
    expect((await h.service.health()).upstream).toBe("ok");
    expect(h.yahoo.dataCalls("quote")).toHaveLength(1);
  });
});
