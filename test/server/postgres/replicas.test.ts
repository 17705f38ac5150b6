/**
 * Several service replicas on one real PostgreSQL database, as a firm runs them: they share one
 * cache and one single-flight, so a burst spread over the replicas costs what it would cost one
 * process; and the faults a deployment meets (the database restarted mid-request, a database that
 * refuses connections at start, a replica killed while it holds a fetch lock) end in answers or
 * clear errors, never in a hang.
 */
import { MarketService } from "../../../src/server/marketService";
import { YahooProvider } from "../../../src/server/providers/yahooProvider";
import { SharedCache, SharedCacheOptions, openSharedCache } from "../../../src/server/postgres/sharedCache";
import { startServer } from "../../../src/server/startServer";
import { FakeYahoo } from "../fakeYahoo";
import { TestPostgres, startTestPostgres } from "./embeddedPostgres";
import { holdFlightLocks, untilAdvisoryLockWaits } from "./lockHolder";

const SYMBOLS = ["SOXX", "QQQ", "RSP", "SMH", "NVDA", "AVGO", "TSM", "MSFT", "GOOGL", "3033.HK"];
const NOW = Date.UTC(2024, 1, 1, 12);

let server: TestPostgres;
beforeAll(async () => {
  server = await startTestPostgres();
});
afterAll(async () => {
  await server?.shutdown();
});

/** A fake Yahoo that knows all ten symbols (each a copy of the SOXX fixture under its own name). */
function firmYahoo(): FakeYahoo {
  const yahoo = new FakeYahoo();
  for (const symbol of SYMBOLS) {
    if (yahoo.charts[symbol]) continue;
    const chart = structuredClone(yahoo.charts.SOXX);
    chart.chart.result[0].meta.symbol = symbol;
    yahoo.charts[symbol] = chart;
  }
  return yahoo;
}

interface Replica {
  service: MarketService;
  shared: SharedCache;
}

async function replica(
  url: string,
  yahoo: FakeYahoo,
  name: string,
  budget: SharedCacheOptions = {},
  now = () => NOW,
): Promise<Replica> {
  const shared = await openSharedCache(url, { instanceName: name, poolMax: 5, ...budget });
  const service = new MarketService({
    provider: new YahooProvider({ fetch: yahoo.fetch }),
    store: shared.store,
    flight: shared.flight,
    breaker: shared.breaker,
    limiter: shared.limiter,
    unknownSymbols: shared.unknownSymbols,
    database: shared.database,
    queue: { sleep: async () => undefined, timeoutMs: 5_000, retries: 0 },
    now,
  });
  return { service, shared };
}

const closes = (rows: unknown[][]) => rows.map((r) => [r[0], r[4], r[5]]);

test("1,000 requests over 10 symbols spread over 3 replicas cost one upstream call per symbol", async () => {
  const url = await server.createDatabase();
  const yahoo = firmYahoo();
  yahoo.delayMs = 20; // long enough for requests to pile up behind the first fetch of each symbol
  const replicas = await Promise.all(["a", "b", "c"].map((name) => replica(url, yahoo, name)));
  try {
    const answers = await Promise.all(
      Array.from({ length: 1000 }, (_, i) =>
        replicas[i % 3].service.history([SYMBOLS[i % 10]], "2024-01-02", "2024-01-12", "1d"),
      ),
    );
    expect(answers.filter((a) => Object.keys(a.errors).length > 0)).toEqual([]);
    expect(new Set(yahoo.priceCalls().map((c) => c.symbol))).toEqual(new Set(SYMBOLS));
    expect(yahoo.priceCalls()).toHaveLength(10);
    // Each price fetch reached today and confirmed the actions: no separate check.
    expect(yahoo.actionCalls()).toHaveLength(0);
    // Every replica gives the same answer for a symbol, whichever of them fetched it.
    for (const symbol of SYMBOLS) {
      const mine = answers
        .filter((_, i) => i % 10 === SYMBOLS.indexOf(symbol))
        .map((a) => JSON.stringify(closes(a.series[symbol].rows)));
      expect(new Set(mine).size).toBe(1);
    }
    const health = await replicas[2].service.health();
    expect(health.database).toMatchObject({ kind: "postgres", reachable: true, instance: "c" });
  } finally {
    await Promise.all(replicas.map((r) => r.service.close()));
  }
});

test("what one replica fetched, another serves from the database without calling upstream", async () => {
  const url = await server.createDatabase();
  const yahoo = firmYahoo();
  const [a, b] = await Promise.all([replica(url, yahoo, "a"), replica(url, yahoo, "b")]);
  try {
    const first = await a.service.history(["SOXX"], "2024-01-02", "2024-01-19", "1d");
    const calls = yahoo.dataCalls().length;
    const second = await b.service.history(["SOXX"], "2024-01-02", "2024-01-19", "1d");
    expect(yahoo.dataCalls()).toHaveLength(calls);
    expect(second.series.SOXX.source).toBe("cache");
    expect(closes(second.series.SOXX.rows)).toEqual(closes(first.series.SOXX.rows));
    expect(second.series.SOXX.splits).toEqual(first.series.SOXX.splits);
  } finally {
    await Promise.all([a.service.close(), b.service.close()]);
  }
});

test("the database restarted mid-request: that request ends (answered or a cache error), and the replica answers again after", async () => {
  const url = await server.createDatabase();
  const yahoo = firmYahoo();
  const r = await replica(url, yahoo, "a");
  try {
    yahoo.delayMs = 300;
    const pending = r.service.history(["NVDA"], "2024-01-02", "2024-01-12", "1d");
    // Stop the database while the upstream call is under way, and bring it back.
    while (yahoo.dataCalls().length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    await server.stop();
    // Meanwhile health still answers: the shared breaker cannot be read, and says why.
    const down = await r.service.health();
    expect(down.database?.reachable).toBe(false);
    expect(down.breaker).toMatchObject({ state: "unknown", failures: null, shared: true });
    expect(down.breaker?.error).toEqual(expect.any(String));
    await server.start();
    const during = await pending;
    const outcome = during.series.NVDA ? "answered" : during.errors.NVDA?.code;
    expect(["answered", "cache_error"]).toContain(outcome);
    yahoo.delayMs = 0;
    const after = await r.service.history(["NVDA"], "2024-01-02", "2024-01-12", "1d");
    expect(after.errors).toEqual({});
    expect(after.series.NVDA.rows.length).toBeGreaterThan(5);
    expect((await r.service.health()).database?.reachable).toBe(true);
  } finally {
    await r.service.close();
  }
});

test("the breaker one replica opened shows open in another replica's health, with the settings they were given", async () => {
  const url = await server.createDatabase();
  const yahoo = firmYahoo();
  const budget = { rate: { perSecond: 3, burst: 6 }, breaker: { threshold: 2, cooldownMs: 20_000 } };
  const [a, b] = await Promise.all([replica(url, yahoo, "a", budget), replica(url, yahoo, "b", budget)]);
  try {
    const quiet = await b.service.health();
    expect(quiet.breaker).toEqual({
      state: "closed",
      failures: 0,
      openUntil: null,
      threshold: 2,
      cooldownSeconds: 20,
      shared: true,
    });
    expect(quiet.rateLimit).toEqual({ perSecond: 3, burst: 6, shared: true });
    yahoo.down = "500";
    await a.service.history(["SOXX"], "2024-01-02", "2024-01-12", "1d");
    await a.service.history(["QQQ"], "2024-01-02", "2024-01-12", "1d");
    const open = await b.service.health();
    expect(open.breaker).toMatchObject({ state: "open", failures: 2, openUntil: new Date(NOW + 20_000).toISOString() });
    // And b holds back too: no call of its own while the shared breaker is open.
    const calls = yahoo.dataCalls().length;
    const refused = await b.service.history(["NVDA"], "2024-01-02", "2024-01-12", "1d");
    expect(refused.errors.NVDA.code).toBe("upstream_unavailable");
    expect(yahoo.dataCalls()).toHaveLength(calls);
  } finally {
    await Promise.all([a.service.close(), b.service.close()]);
  }
});

test("a symbol upstream called unknown through one replica is unknown on the others without a call, and listed later, answered by all", async () => {
  const url = await server.createDatabase();
  const yahoo = firmYahoo();
  let now = NOW;
  const clock = () => now;
  const [a, b] = await Promise.all([replica(url, yahoo, "a", {}, clock), replica(url, yahoo, "b", {}, clock)]);
  try {
    const first = await a.service.history(["NEWCO"], "2024-01-02", "2024-01-12", "1d");
    expect(first.errors.NEWCO.code).toBe("unknown_symbol");
    const calls = yahoo.dataCalls().length;
    const other = await b.service.history(["NEWCO"], "2024-01-02", "2024-01-12", "1d");
    expect(other.errors.NEWCO).toEqual(first.errors.NEWCO);
    expect(yahoo.dataCalls()).toHaveLength(calls);
    // Listed now: after the shared minute, whichever replica is asked answers it.
    const listed = structuredClone(yahoo.charts.SOXX);
    listed.chart.result[0].meta.symbol = "NEWCO";
    yahoo.charts.NEWCO = listed;
    now += 61_000;
    const answered = await b.service.history(["NEWCO"], "2024-01-02", "2024-01-12", "1d");
    expect(answered.errors).toEqual({});
    expect((await a.service.history(["NEWCO"], "2024-01-02", "2024-01-12", "1d")).series.NEWCO.rows).toEqual(
      answered.series.NEWCO.rows,
    );
  } finally {
    await Promise.all([a.service.close(), b.service.close()]);
  }
});

test("a replica started with other budget settings than the previous one says so at start", async () => {
  const url = await server.createDatabase();
  const warnings: string[] = [];
  const warn = (m: string) => warnings.push(m);
  const budget = { rate: { perSecond: 2, burst: 10 }, breaker: { threshold: 5, cooldownMs: 30_000 } };
  const opened = [
    await openSharedCache(url, { instanceName: "web-1", warn, ...budget }),
    await openSharedCache(url, { instanceName: "web-2", warn, ...budget }),
  ];
  try {
    expect(warnings).toEqual([]);
    opened.push(await openSharedCache(url, { instanceName: "web-3", warn, ...budget, rate: { perSecond: 5, burst: 10 } }));
    expect(warnings).toEqual([
      'This replica\'s upstream budget (--upstream-rate 5 --upstream-burst 10 --breaker-failures 5 --breaker-cooldown 30) differs from the one replica "web-2" started with (--upstream-rate 2 --upstream-burst 10 --breaker-failures 5 --breaker-cooldown 30); they share one bucket and one breaker, so give every replica the same settings.',
    ]);
  } finally {
    await Promise.all(opened.map((o) => o.database.close()));
  }
});

test("a database that refuses connections at start stops the service from starting, with the database named", async () => {
  const url = await server.createDatabase();
  const refused = url.replace(`:${server.port}/`, ":1/");
  await expect(
    startServer({ http: true, port: 0, cacheUrl: refused, yahooFetch: firmYahoo().fetch, distDir: "/nonexistent" }),
  ).rejects.toThrow(/^Cannot reach the PostgreSQL cache postgres:\/\/postgres@127\.0\.0\.1:1\/\w+: connect ECONNREFUSED/);
});

test("a replica killed while holding a fetch lock: the lock is released and another replica fetches", async () => {
  const url = await server.createDatabase();
  const yahoo = firmYahoo();
  const r = await replica(url, yahoo, "survivor");
  // Learn the lock key the service uses for this request, from a first run on another symbol's twin.
  const keys: string[] = [];
  const flight = r.shared.flight;
  const run = flight.run.bind(flight);
  flight.run = ((key: string, work: () => Promise<unknown>) => {
    keys.push(key);
    return run(key, work);
  }) as typeof flight.run;
  try {
    await r.service.history(["TSM"], "2024-01-02", "2024-01-12", "1d");
    // A cold request is one chart call (prices and actions) under one lock.
    const chartKey = keys.find((k) => k.startsWith("chart:TSM:"))!.replace("TSM", "AVGO");
    // The doomed replica: a process that takes that lock for AVGO, then is killed with SIGKILL.
    const holder = await holdFlightLocks(url, [chartKey]);
    const before = yahoo.dataCalls().length;
    const waiting = r.service.history(["AVGO"], "2024-01-02", "2024-01-12", "1d");
    await untilAdvisoryLockWaits(r.shared.database.pool);
    expect(yahoo.dataCalls()).toHaveLength(before); // held back by the lock
    holder.kill("SIGKILL");
    const answer = await waiting;
    expect(answer.errors).toEqual({});
    expect(answer.series.AVGO.source).toBe("yahoo");
    expect(yahoo.dataCalls().length).toBeGreaterThan(before);
  } finally {
    await r.service.close();
  }
});
