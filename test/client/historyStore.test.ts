import { createMarketClient, MarketDataError, type MarketClient } from "../../src/client";
import { FakeMarketService, makeSeries, noonUtc, waitFor } from "./fakeMarketService";

const TODAY = "2025-06-30";

function setup(symbols: string[], options: { now?: () => number; batchDelayMs?: number } = {}) {
  const service = new FakeMarketService({
    series: Object.fromEntries(symbols.map((s, i) => [s, makeSeries(i + 1, "2020-01-01", TODAY)])),
  });
  const client: MarketClient = createMarketClient({
    baseUrl: "http://service.test/api/v1/",
    fetch: service.fetch,
    now: options.now ?? (() => noonUtc(TODAY)),
    batchDelayMs: options.batchDelayMs,
  });
  return { service, client };
}

describe("history batching", () => {
  test("calls made together ask for each symbol's own window, not one window for the batch", async () => {
    const { service, client } = setup(["SOXX", "SMH", "QQQ"]);
    const results = await Promise.all([
      client.history("SOXX", "2025-01-01"),
      client.history("smh", "2024-06-03", "2024-12-31"),
      client.history("QQQ", "2025-03-03", "2025-04-01"),
      client.history("SOXX", "2025-02-03", "2025-03-03"),
    ]);
    const windows = Object.fromEntries(
      service.requestsTo("history").map((r) => [r.symbols.join(","), `${r.params.start}..${r.params.end}`]),
    );
    // SOXX's two calls share one window; each other symbol asks only for its own dates (minus the look-back).
    expect(windows).toEqual({
      SOXX: `2024-12-18..${TODAY}`,
      SMH: "2024-05-20..2024-12-31",
      QQQ: "2025-02-17..2025-04-01",
    });
    expect(service.requestsTo("history").every((r) => r.params.interval === "1d")).toBe(true);
    expect(results[1].symbol).toBe("SMH");
    expect(results[0].bars[results[0].bars.length - 1].date).toBe(TODAY);
    // Each call gets the bars of its own window only.
    expect(results[3].bars[0].date >= "2025-01-20").toBe(true);
    expect(results[3].bars[results[3].bars.length - 1].date <= "2025-03-03").toBe(true);
  });

  test("symbols that need the same window share one request", async () => {
    const { service, client } = setup(["SOXX", "SMH", "QQQ"]);
    await Promise.all(["SOXX", "SMH", "QQQ"].map((s) => client.history(s, "2025-01-01")));
    expect(service.requestsTo("history")).toHaveLength(1);
    expect(service.requestsTo("history")[0].symbols.sort()).toEqual(["QQQ", "SMH", "SOXX"]);
  });

  test("calls arriving in several bursts a few milliseconds apart still share one request", async () => {
    const { service, client } = setup(["SOXX", "SMH", "QQQ"], { batchDelayMs: 200 });
    const pause = () => new Promise((r) => setTimeout(r, 3));
    const calls = [client.history("SOXX", "2025-01-01")];
    await pause();
    calls.push(client.history("SMH", "2025-01-01"));
    await pause();
    calls.push(client.history("QQQ", "2025-01-01"));
    await Promise.all(calls);
    expect(service.requestsTo("history")).toHaveLength(1);
  });

  test("more than 50 symbols are split into requests of at most 50", async () => {
    const symbols = Array.from({ length: 120 }, (_, i) => `S${i}`);
    const { service, client } = setup(symbols);
    await Promise.all(symbols.map((s) => client.history(s, "2025-05-01")));
    const sizes = service.requestsTo("history").map((r) => r.symbols.length);
    expect(sizes).toEqual([50, 50, 20]);
  });

  test("a call made while the same history is on its way shares that request", async () => {
    const { service, client } = setup(["SOXX"]);
    service.delayMs = 60;
    const first = client.history("SOXX", "2025-01-01");
    await waitFor(() => service.requests.length === 1); // the first batch has left
    const second = client.history("SOXX", "2025-02-01", "2025-03-01");
    const [a, b] = await Promise.all([first, second]);
    expect(service.requestsTo("history")).toHaveLength(1);
    expect(b.bars).toEqual(a.bars.filter((bar) => bar.date >= "2025-01-18" && bar.date <= "2025-03-01"));
  });

  test("a call whose window is partly on its way joins that request and asks only for the rest", async () => {
    const { service, client } = setup(["SOXX"]);
    service.delayMs = 60;
    const first = client.history("SOXX", "2025-01-01");
    await waitFor(() => service.requests.length === 1);
    const second = client.history("SOXX", "2024-06-03", "2025-03-31");
    const [a, b] = await Promise.all([first, second]);
    const requests = service.requestsTo("history");
    expect(requests).toHaveLength(2);
    expect(requests[1].params).toMatchObject({ start: "2024-05-20", end: "2024-12-17" });
    const expected = service.series.SOXX.rows.filter(([d]) => d >= "2024-05-20" && d <= "2025-03-31").map(([d]) => d);
    expect(b.bars.map((bar) => bar.date)).toEqual(expected);
    expect(a.bars[0].date >= "2024-12-18").toBe(true);
  });
});

describe("history caching", () => {
  test("ranges inside the fetched history are answered without asking again", async () => {
    const { service, client } = setup(["SOXX"]);
    await client.history("SOXX", "2024-01-02");
    const later = await Promise.all([
      client.history("SOXX", "2024-03-01", "2024-06-30"),
      client.history("SOXX", "2025-01-01"),
      client.history("SOXX", "2024-01-02", "2024-01-05"),
    ]);
    expect(service.requestsTo("history")).toHaveLength(1);
    expect(later[0].coveredStart).toBe("2024-02-16");
    expect(later[0].bars[0].date >= "2024-02-16").toBe(true);
    // The look-back reaches 14 days before the start, for the close on or before it.
    expect(later[2].bars[0].date).toBe("2023-12-19");
    expect(later[2].bars[later[2].bars.length - 1].date).toBe("2024-01-05");
  });

  test("an earlier window fetches only the days not held, and keeps what was there", async () => {
    const { service, client } = setup(["SOXX"]);
    await client.history("SOXX", "2025-01-01");
    const wider = await client.history("SOXX", "2023-01-03", "2023-06-30");
    const requests = service.requestsTo("history");
    expect(requests).toHaveLength(2);
    expect(requests[1].params.start).toBe("2022-12-20");
    expect(requests[1].params.end).toBe("2023-06-30");
    expect(wider.bars[0].date <= "2022-12-30").toBe(true);
    expect(wider.bars[wider.bars.length - 1].date).toBe("2023-06-30");
    // A window across both asks only for the gap between them.
    const across = await client.history("SOXX", "2023-01-03");
    expect(service.requestsTo("history")[2].params).toMatchObject({ start: "2023-07-01", end: "2024-12-17" });
    expect(across.bars.map((b) => b.date)).toEqual(service.series.SOXX.rows.filter(([d]) => d >= "2022-12-20").map(([d]) => d));
    // And now everything from 2022-12-20 on is local.
    await client.history("SOXX", "2025-03-01");
    await client.history("SOXX", "2024-01-02", "2024-02-01");
    expect(service.requestsTo("history")).toHaveLength(3);
  });

  test("a narrower answer arriving after a wider one does not shrink what is known", async () => {
    const { service, client } = setup(["SOXX"]);
    service.delayMs = 80;
    const narrow = client.history("SOXX", "2025-01-01");
    await waitFor(() => service.requests.length === 1);
    service.delayMs = 5;
    const wide = await client.history("SOXX", "2022-01-03");
    await narrow;
    expect(service.requestsTo("history")).toHaveLength(2);
    expect(wide.bars[wide.bars.length - 1].date).toBe(TODAY);
    const inside = await client.history("SOXX", "2023-05-01", "2023-06-01");
    expect(inside.bars.length).toBeGreaterThan(20);
    expect(await client.history("SOXX", "2025-03-03")).toMatchObject({ coveredEnd: TODAY });
    expect(service.requestsTo("history")).toHaveLength(2);
  });

  test("a workbook left open across a split never mixes bases: an answer on the old basis arriving late is not kept", async () => {
    const { service, client } = setup(["SOXX"]);
    service.series.SOXX.basis = "2025-03-20";
    const oldClose = service.series.SOXX.rows.find((r) => r[0] === "2024-03-01")?.[4] ?? NaN;
    service.delayMs = 80;
    const slowOld = client.history("SOXX", "2024-01-02", "2024-06-28");
    await waitFor(() => service.requests.length === 1);
    // A 2-for-1 split today: the service re-bases every earlier price.
    service.series.SOXX = {
      ...service.series.SOXX,
      rows: service.series.SOXX.rows.map((r) => [r[0], r[1], r[2], r[3], r[4] / 2, r[5] / 2, r[6]]),
      basis: TODAY,
    };
    service.delayMs = 5;
    await client.history("SOXX", "2025-06-02");
    await slowOld;
    const march = await client.history("SOXX", "2024-03-01", "2024-03-29");
    expect(service.requestsTo("history")).toHaveLength(3);
    expect(march.bars.find((b) => b.date === "2024-03-01")?.close).toBe(oldClose / 2);
  });

  test("history reaching today is refreshed once it is older than the latest-bars limit", async () => {
    let now = noonUtc(TODAY);
    const { service, client } = setup(["SOXX"], { now: () => now });
    await client.history("SOXX", "2025-01-01");
    now += 60_000;
    await client.history("SOXX", "2025-01-01");
    expect(service.requestsTo("history")).toHaveLength(1);
    now += 20 * 60_000;
    await client.history("SOXX", "2025-01-01");
    // A closed past range does not go out of date.
    await client.history("SOXX", "2025-01-01", "2025-03-01");
    expect(service.requestsTo("history")).toHaveLength(2);
  });

  test("a day fetched while it was today is fetched again once it has closed, even when asked for by date", async () => {
    let now = noonUtc(TODAY);
    const { service, client } = setup(["SOXX"], { now: () => now });
    await client.history("SOXX", "2025-06-02");
    // Later that day the last bar settles at its final close; the session stays open overnight.
    const rows = service.series.SOXX.rows;
    const last = rows[rows.length - 1];
    expect(last[0]).toBe(TODAY);
    rows[rows.length - 1] = [TODAY, last[1], last[2], last[3], 123.45, 123.45, last[6]];
    now = noonUtc("2025-07-01");
    const h = await client.history("SOXX", "2025-06-02", TODAY);
    expect(h.bars[h.bars.length - 1]).toMatchObject({ date: TODAY, close: 123.45 });
    expect(service.requestsTo("history")).toHaveLength(2);
  });

  test("a future end date is treated as today", async () => {
    const { service, client } = setup(["SOXX"]);
    await client.history("SOXX", "2025-01-01", "2026-12-31");
    expect(service.requestsTo("history")[0].params.end).toBe(TODAY);
  });

  test("rows become bars oldest first with every field", async () => {
    const { service, client } = setup(["SOXX"]);
    service.series.SOXX.rows = [
      ["2025-06-27", 10, 12, 9, 11, 10.5, 500],
      ["2025-06-26", null, null, null, 10, 10, null],
    ];
    const h = await client.history("SOXX", "2025-06-26");
    expect(h.bars).toEqual([
      { date: "2025-06-26", open: null, high: null, low: null, close: 10, adjclose: 10, volume: null },
      { date: "2025-06-27", open: 10, high: 12, low: 9, close: 11, adjclose: 10.5, volume: 500 },
    ]);
    expect(h.currency).toBe("USD");
    expect(h.source).toBe("csv");
  });
});

describe("history errors", () => {
  test("an unknown symbol fails alone; the rest of the batch is answered", async () => {
    const { client } = setup(["SOXX"]);
    const [good, bad] = await Promise.allSettled([client.history("SOXX", "2025-01-01"), client.history("NOPE", "2025-01-01")]);
    expect(good.status).toBe("fulfilled");
    expect(bad.status).toBe("rejected");
    const err = (bad as PromiseRejectedResult).reason as MarketDataError;
    expect(err).toBeInstanceOf(MarketDataError);
    expect(err.code).toBe("unknown_symbol");
    expect(err.message).toMatch(/Unknown symbol NOPE/);
  });

  test("no data in the dates names the dates asked for", async () => {
    const { client } = setup(["OLD"]);
    await expect(client.history("OLD", "2010-01-04", "2010-12-31")).rejects.toThrow(
      "No data for OLD between 2010-01-04 and 2010-12-31",
    );
  });

  test("no data in the dates is the same answer whether the history came alone, in a wider batch or from the cache", async () => {
    // A series that stops on 2025-03-31 (a stale CSV file): nothing from 2025-05-01 on.
    const service = new FakeMarketService({ series: { STALE: makeSeries(1, "2025-01-02", "2025-03-31") } });
    const fresh = () =>
      createMarketClient({ baseUrl: "http://service.test/api/v1", fetch: service.fetch, now: () => noonUtc(TODAY) });
    const message = "No data for STALE between 2025-05-01 and 2025-06-30";

    await expect(fresh().history("STALE", "2025-05-01")).rejects.toThrow(message);

    // In one batch with an earlier start, the shared window holds March's bars: still no data.
    const batched = fresh();
    const [early, late] = await Promise.allSettled([
      batched.history("STALE", "2025-02-03"),
      batched.history("STALE", "2025-05-01"),
    ]);
    expect(early.status).toBe("fulfilled");
    expect((late as PromiseRejectedResult).reason).toMatchObject({ code: "no_data", message });

    // Answered from the cache after a wider call: still no data.
    await expect(batched.history("STALE", "2025-05-01")).rejects.toThrow(message);
    await expect(batched.history("STALE", "2025-05-01", "2025-05-30")).rejects.toThrow(
      "No data for STALE between 2025-05-01 and 2025-05-30",
    );
    // A start within the lookback of the last close still finds it.
    await expect(batched.history("STALE", "2025-04-10")).resolves.toBeDefined();
  });

  test("a start date after today says so rather than naming a range that ends before it", async () => {
    const { client } = setup(["SOXX"]);
    await client.history("SOXX", "2025-01-02");
    await expect(client.history("SOXX", "2030-01-02")).rejects.toMatchObject({
      code: "no_data",
      message: `No data for SOXX: the start date 2030-01-02 is after today (${TODAY})`,
    });
  });

  test("a failed fetch is not cached: the next call asks again", async () => {
    const { service, client } = setup(["SOXX"]);
    service.failure = 503;
    await expect(client.history("SOXX", "2025-01-01")).rejects.toThrow(/Market data unavailable/);
    service.failure = undefined;
    await expect(client.history("SOXX", "2025-01-01")).resolves.toBeDefined();
    expect(service.requestsTo("history")).toHaveLength(2);
  });
});

describe("a refused request fails only the calls that caused it", () => {
  test("history: the service's refusal of one symbol leaves the others of the batch answered", async () => {
    const { service, client } = setup(["SOXX", "SMH", "ODD"]);
    service.refuseWhen = (symbols) => (symbols.includes("ODD") ? "symbol ODD is not served here" : undefined);
    const results = await Promise.allSettled(["SOXX", "ODD", "SMH"].map((s) => client.history(s, "2025-01-01")));
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect((results[1] as PromiseRejectedResult).reason).toMatchObject({
      code: "bad_request",
      message: expect.stringContaining("ODD is not served"),
    });
    // The shared request, then each symbol alone.
    expect(
      service
        .requestsTo("history")
        .map((r) => r.symbols.length)
        .sort(),
    ).toEqual([1, 1, 1, 3]);
  });

  test("history: a malformed symbol or a date before the earliest date with data never reaches the service", async () => {
    const { service, client } = setup(["SOXX"]);
    const results = await Promise.allSettled([
      client.history("SOXX", "2025-01-01"),
      client.history("not a symbol", "2025-01-01"),
      client.history("SOXX", "1969-06-01", "1969-12-31"),
    ]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "rejected"]);
    expect((results[2] as PromiseRejectedResult).reason).toMatchObject({ code: "no_data" });
    expect(service.requestsTo("history")).toHaveLength(1);
    expect(service.requestsTo("history")[0].params.start >= "1970-01-01").toBe(true);
  });

  test("quotes: the service's refusal of one symbol leaves the others answered", async () => {
    const { service, client } = setup([]);
    const quote = (price: number) => ({
      price,
      change: 0,
      changePct: 0,
      currency: "USD",
      time: "2025-06-30T20:00:00Z",
      name: "x",
      source: "csv" as const,
      asOf: "2025-06-30T20:00:00Z",
    });
    service.quotes = { SOXX: quote(1), SMH: quote(2), ODD: quote(3) };
    service.refuseWhen = (symbols) => (symbols.includes("ODD") ? "symbol ODD is not served here" : undefined);
    const results = await Promise.allSettled(["SOXX", "ODD", "SMH", "bad symbol"].map((s) => client.quote(s)));
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled", "rejected"]);
    expect((results[2] as PromiseFulfilledResult<{ price: number }>).value.price).toBe(2);
  });
});

describe("requests sized to the work", () => {
  test("long windows are split into requests of fewer symbols", async () => {
    const symbols = Array.from({ length: 40 }, (_, i) => `L${i}`);
    const { service, client } = setup(symbols);
    await Promise.all(symbols.map((s) => client.history(s, "1995-07-03")));
    // 30 years is about 7,800 bars per symbol; 200,000 bars per request makes 25 symbols.
    expect(service.requestsTo("history").map((r) => r.symbols.length)).toEqual([25, 15]);
  });

  test("a request's time limit starts when it is sent, so a queue of requests does not time out while answers keep coming", async () => {
    const symbols = Array.from({ length: 12 }, (_, i) => `Q${i}`);
    const service = new FakeMarketService({
      series: Object.fromEntries(symbols.map((s, i) => [s, makeSeries(i + 1, "2024-01-02", TODAY)])),
    });
    service.serial = true;
    service.delayMs = 200;
    // Twelve different months (too far apart to share a request): twelve requests, answered one
    // after another (2.4 s in all), while one request waits at most for the two sent before it
    // (3 at a time: 600 ms), well inside its limit even on a loaded machine.
    const client = createMarketClient({
      baseUrl: "http://service.test/api/v1",
      fetch: service.fetch,
      now: () => noonUtc(TODAY),
      timeoutMs: 1500,
    });
    const results = await Promise.allSettled(
      symbols.map((s, i) =>
        client.history(s, `2024-${String(i + 1).padStart(2, "0")}-01`, `2024-${String(i + 1).padStart(2, "0")}-28`),
      ),
    );
    expect(service.requestsTo("history")).toHaveLength(12);
    expect(results.filter((r) => r.status === "rejected")).toEqual([]);
  });

  test("a request carrying more bars gets more time", async () => {
    const service = new FakeMarketService({
      series: { BIG: makeSeries(1, "2024-01-02", TODAY), SMALL: makeSeries(2, "2024-01-02", TODAY) },
    });
    // The small request's limit (100 ms) passes before its answer (150 ms) by the timers' order;
    // the big one's (500 ms) leaves its answer 350 ms of slack on a loaded machine.
    service.delayMs = 150;
    const client = createMarketClient({
      baseUrl: "http://service.test/api/v1",
      fetch: service.fetch,
      now: () => noonUtc(TODAY),
      timeoutMs: 100,
    });
    // 30 years of one symbol (about 7,800 bars) may take 100 ms + 8 x 50 ms; a week may take 100 ms.
    const [big, small] = await Promise.allSettled([client.history("BIG", "1995-07-03"), client.history("SMALL", "2025-06-23")]);
    expect(big.status).toBe("fulfilled");
    expect((small as PromiseRejectedResult).reason).toMatchObject({ code: "timeout" });
  });
});

describe("memory bound", () => {
  test("held histories stay within the byte bound, dropping the least recently used symbol first", async () => {
    const service = new FakeMarketService({
      series: Object.fromEntries(["A", "B", "C"].map((s, i) => [s, makeSeries(i + 1, "2024-07-01", TODAY)])),
    });
    // A year of one symbol is about 260 bars (about 13.5 KB at 52 bytes a day): two fit, three do not.
    const client = createMarketClient({
      baseUrl: "http://service.test/api/v1",
      fetch: service.fetch,
      now: () => noonUtc(TODAY),
      historyCacheBytes: 32_000,
    });
    await client.history("A", "2024-07-15");
    await client.history("B", "2024-07-15");
    await client.history("A", "2025-01-02"); // A is now the more recently used
    await client.history("C", "2024-07-15"); // over the bound: B goes
    expect(service.requestsTo("history")).toHaveLength(3);
    await client.history("A", "2024-08-01");
    await client.history("C", "2024-08-01");
    expect(service.requestsTo("history")).toHaveLength(3);
    const b = await client.history("B", "2024-08-01");
    expect(service.requestsTo("history")).toHaveLength(4);
    expect(b.bars.length).toBeGreaterThan(200);
  });
});
