/**
 * What replicas share through PostgreSQL, each replica played by its own connection pool on one
 * real server: the single-flight lock (and its release when the holder's process dies), the
 * upstream token bucket and the circuit breaker's state (the shared conformance suite, with two
 * replicas as its two handles).
 */
import { Pool } from "pg";
import { PgCircuitBreaker, PgRateLimiter, PgSingleFlight, PgUnknownSymbols } from "../../../src/server/postgres/pgCoordination";
import { PgDatabase } from "../../../src/server/postgres/pgDatabase";
import { PgFlightLock } from "../../../src/server/postgres/pgFlightLock";
import { openPgPool } from "../../../src/server/postgres/pgPool";
import { CONFORMANCE_SETTINGS, describeCoordinationConformance } from "../coordinationConformance";
import { TestPostgres, startTestPostgres } from "./embeddedPostgres";
import { holdFlightLocks, untilAdvisoryLockWaits } from "./lockHolder";

let server: TestPostgres;
let url: string;
const replicas: PgDatabase[] = [];
beforeAll(async () => {
  server = await startTestPostgres();
  url = await server.createDatabase();
  for (let i = 0; i < 3; i++) replicas.push(await PgDatabase.open(url, { instanceName: `r${i}` }));
});
afterAll(async () => {
  await Promise.all(replicas.map((r) => r.close()));
  await server?.shutdown();
});

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe("single-flight lock", () => {
  test("one holder at a time per key across replicas; other keys are not held up", async () => {
    const locks = replicas.map((r) => new PgFlightLock(r.lockPool));
    let inside = 0;
    let most = 0;
    const order: string[] = [];
    const task = (name: string) => async () => {
      inside++;
      most = Math.max(most, inside);
      order.push(`${name}+`);
      await tick();
      order.push(`${name}-`);
      inside--;
      return name;
    };
    const results = await Promise.all(
      locks.flatMap((lock, i) => [0, 1, 2].map((j) => lock.withLock("SOXX|2024-01-02|2024-12-31", task(`r${i}.${j}`)))),
    );
    expect(results).toHaveLength(9);
    expect(most).toBe(1);
    // Every entry is immediately followed by its own exit.
    for (let k = 0; k < order.length; k += 2) expect(order[k + 1]).toBe(order[k].replace("+", "-"));

    // A different key runs while the first is held.
    let release!: () => void;
    const held = locks[0].withLock("NVDA|a", () => new Promise<void>((resolve) => (release = resolve)));
    while (!release) await tick();
    await expect(locks[1].withLock("QQQ|a", async () => "other key")).resolves.toBe("other key");
    release();
    await held;
  });

  test("a task that fails releases the lock for the next one", async () => {
    const [a, b] = replicas.map((r) => new PgFlightLock(r.lockPool));
    await expect(a.withLock("FAIL|x", async () => Promise.reject(new Error("upstream down")))).rejects.toThrow("upstream down");
    await expect(b.withLock("FAIL|x", async () => "next")).resolves.toBe("next");
  });

  test("a replica killed while holding the lock releases it, and another replica proceeds", async () => {
    const key = "TSM|2024-01-02|2024-12-31";
    // The holder is a separate process, killed with SIGKILL: no finally block, no unlock.
    const holder = await holdFlightLocks(url, [key]);

    const lock = new PgFlightLock(replicas[1].lockPool);
    let ran = false;
    const waiting = lock.withLock(key, async () => {
      ran = true;
      return "fetched";
    });
    // While the holder lives, the waiter is blocked on the server: pg_locks shows it waiting.
    const probe = openPgPool(url, { max: 1 });
    await untilAdvisoryLockWaits(probe);
    expect(ran).toBe(false);
    holder.kill("SIGKILL");
    await expect(waiting).resolves.toBe("fetched");
    expect(ran).toBe(true);
    await probe.end();
  });

  test("with the database unreachable the task still runs (without the lock) and says why", async () => {
    const warnings: string[] = [];
    const deadPool = new Pool({ connectionString: "postgres://x@127.0.0.1:1/none", connectionTimeoutMillis: 500 });
    const lock = new PgFlightLock(deadPool, { warn: (m) => warnings.push(m) });
    await expect(lock.withLock("AVGO|a", async () => "answered")).resolves.toBe("answered");
    expect(warnings[0]).toMatch(/^Fetching AVGO\|a without the shared lock: .*ECONNREFUSED/);
    await deadPool.end();
  });
});

describeCoordinationConformance("PostgreSQL, two replicas", async () => {
  await replicas[0].pool.query("TRUNCATE upstream_budget, upstream_breaker, unknown_symbols");
  const [a, b] = replicas;
  return {
    flights: [new PgSingleFlight(a.lockPool), new PgSingleFlight(b.lockPool)],
    limiters: [new PgRateLimiter(a.pool, CONFORMANCE_SETTINGS.rate), new PgRateLimiter(b.pool, CONFORMANCE_SETTINGS.rate)],
    breakers: [
      new PgCircuitBreaker(a.pool, CONFORMANCE_SETTINGS.breaker),
      new PgCircuitBreaker(b.pool, CONFORMANCE_SETTINGS.breaker),
    ],
    unknownSymbols: [new PgUnknownSymbols(a.pool), new PgUnknownSymbols(b.pool)],
  };
});

describe("shared upstream budget and breaker", () => {
  test("three replicas draw on one burst: exactly `burst` immediate tokens firm-wide", async () => {
    await replicas[0].pool.query("TRUNCATE upstream_budget");
    const limiters = replicas.map((r) => new PgRateLimiter(r.pool, { perSecond: 1, burst: 4 }));
    const waits = await Promise.all(Array.from({ length: 12 }, (_, i) => limiters[i % 3].tryTake(1_000)));
    expect(waits.filter((w) => w === 0)).toHaveLength(4);
    expect(waits.filter((w) => w > 0)).toHaveLength(8);
  });

  test("with the database unreachable, calls are allowed and the reason is told", async () => {
    const warnings: string[] = [];
    const dead = new Pool({ connectionString: "postgres://x@127.0.0.1:1/none", connectionTimeoutMillis: 500 });
    const warn = (m: string) => warnings.push(m);
    expect(await new PgRateLimiter(dead, undefined, { warn }).tryTake(0)).toBe(0);
    expect(await new PgCircuitBreaker(dead, undefined, { warn }).admit(0)).toBe("call");
    expect(warnings).toEqual([
      expect.stringMatching(/^Upstream rate limit not shared.*ECONNREFUSED/),
      expect.stringMatching(/^Circuit breaker not shared.*ECONNREFUSED/),
    ]);
    await dead.end();
  });
});
