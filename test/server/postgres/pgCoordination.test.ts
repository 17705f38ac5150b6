/**
 * What replicas share through PostgreSQL, each replica played by its own connection pool on one
 * real server: the single-flight lock (and its release when the holder's process dies), the
 * upstream token bucket and the circuit breaker's state.
 */
import { spawn } from "node:child_process";
import { Pool } from "pg";
import { PgBreakerState } from "../../../src/server/postgres/pgBreakerState";
import { PgDatabase } from "../../../src/server/postgres/pgDatabase";
import { PgFlightLock } from "../../../src/server/postgres/pgFlightLock";
import { PgTokenBucket } from "../../../src/server/postgres/pgTokenBucket";
import { ADVISORY_FLIGHT_NAMESPACE } from "../../../src/server/postgres/advisoryKeys";
import { TestPostgres, startTestPostgres } from "./embeddedPostgres";

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
    const results = await Promise.all(locks.flatMap((lock, i) => [0, 1, 2].map((j) => lock.withLock("SOXX|2024-01-02|2024-12-31", task(`r${i}.${j}`)))));
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
    const holder = spawn(
      process.execPath,
      [
        "-e",
        `const { Client } = require("pg");
         (async () => {
           const c = new Client({ connectionString: process.argv[1] });
           await c.connect();
           await c.query("SELECT pg_advisory_lock($1, hashtext($2))", [${ADVISORY_FLIGHT_NAMESPACE}, process.argv[2]]);
           process.stdout.write("locked\\n");
           setInterval(() => undefined, 1000);
         })();`,
        url,
        key,
      ],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    await new Promise<void>((resolve) => holder.stdout.on("data", (d: Buffer) => d.toString().includes("locked") && resolve()));

    const lock = new PgFlightLock(replicas[1].lockPool);
    let ran = false;
    const waiting = lock.withLock(key, async () => {
      ran = true;
      return "fetched";
    });
    // While the holder lives, the waiter is blocked on the server: pg_locks shows it waiting.
    const probe = new Pool({ connectionString: url, max: 1 });
    for (;;) {
      const waits = await probe.query("SELECT COUNT(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted");
      if (waits.rows[0].n > 0) break;
      await tick();
    }
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

describe("shared upstream token bucket", () => {
  test("the burst is shared by all replicas, then each further call waits for the refill", async () => {
    const clock = { now: 1_700_000_000_000 };
    const buckets = replicas.map((r) => new PgTokenBucket(r.pool, { name: "burst-test", capacity: 5, perSecond: 2, now: () => clock.now }));
    const waits = await Promise.all(Array.from({ length: 8 }, (_, i) => buckets[i % 3].reserve()));
    // Five immediate tokens firm-wide, then 0.5 s, 1 s and 1.5 s of waiting, whichever replica asks.
    expect(waits.filter((w) => w === 0)).toHaveLength(5);
    expect(waits.filter((w) => w > 0).sort((a, b) => a - b)).toEqual([500, 1000, 1500]);
    // Three seconds later the debt (3 tokens) is repaid and 3 more have refilled.
    clock.now += 3_000;
    expect(await buckets[2].reserve()).toBe(0);
    expect(await buckets[0].reserve()).toBe(0);
    expect(await buckets[1].reserve()).toBe(0);
    expect(await buckets[1].reserve()).toBe(500);
  });

  test("take() sleeps for its reservation", async () => {
    const slept: number[] = [];
    const bucket = new PgTokenBucket(replicas[0].pool, { name: "sleep-test", capacity: 1, perSecond: 10, now: () => 5_000, sleep: async (ms) => void slept.push(ms) });
    await bucket.take();
    await bucket.take();
    expect(slept).toEqual([100]);
  });

  test("a bucket that refills never holds more than its capacity", async () => {
    const clock = { now: 0 };
    const bucket = new PgTokenBucket(replicas[0].pool, { name: "cap-test", capacity: 2, perSecond: 1, now: () => clock.now });
    await bucket.reserve();
    clock.now += 3_600_000;
    expect([await bucket.reserve(), await bucket.reserve(), await bucket.reserve()]).toEqual([0, 0, 1000]);
  });
});

describe("shared circuit breaker", () => {
  test("failures seen by different replicas add up; once open, every replica is refused; one probe closes it", async () => {
    const clock = { now: 1_000_000 };
    const breakers = replicas.map((r) => new PgBreakerState(r.pool, { name: "cb-test", threshold: 3, cooldownMs: 30_000, now: () => clock.now }));
    expect(await breakers[0].permit()).toBe("closed");
    await breakers[0].failure();
    await breakers[1].failure();
    expect(await breakers[2].permit()).toBe("closed");
    await breakers[2].failure();
    expect(await Promise.all(breakers.map((b) => b.permit()))).toEqual(["open", "open", "open"]);
    expect(await breakers[0].snapshot()).toEqual({ failures: 3, openUntil: 1_030_000 });

    clock.now += 30_000;
    const permits = await Promise.all([...breakers, ...breakers].map((b) => b.permit()));
    expect(permits.filter((p) => p === "probe")).toHaveLength(1);
    expect(permits.filter((p) => p === "open")).toHaveLength(5);

    await breakers[1].success();
    expect(await Promise.all(breakers.map((b) => b.permit()))).toEqual(["closed", "closed", "closed"]);
  });

  test("a failed probe opens it for another cool-down; a probe that never reports is replaced after its time-out", async () => {
    const clock = { now: 0 };
    const [a, b] = replicas.map((r) => new PgBreakerState(r.pool, { name: "cb-probe", threshold: 1, cooldownMs: 10_000, probeTimeoutMs: 5_000, now: () => clock.now }));
    await a.failure();
    clock.now = 10_000;
    expect(await a.permit()).toBe("probe");
    await a.failure();
    expect(await b.permit()).toBe("open");
    expect((await b.snapshot()).openUntil).toBe(20_000);

    clock.now = 20_000;
    expect(await a.permit()).toBe("probe");
    // Replica a dies mid-probe; b waits out the probe's time-out, then probes itself.
    clock.now = 24_999;
    expect(await b.permit()).toBe("open");
    clock.now = 25_000;
    expect(await b.permit()).toBe("probe");
  });
});
