/**
 * Opening the shared PostgreSQL cache on a real server: schema migrations applied once, a
 * newer schema refused, a database that is not there reported clearly, and what health says.
 */
import net from "node:net";
import { Client } from "pg";
import { PgDatabase } from "../../../src/server/postgres/pgDatabase";
import { MIGRATIONS } from "../../../src/server/postgres/migrations";
import { TestPostgres, startTestPostgres } from "./embeddedPostgres";

let server: TestPostgres;
beforeAll(async () => {
  server = await startTestPostgres();
});
afterAll(async () => {
  await server?.shutdown();
});

async function rows<T>(url: string, sql: string): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

test("a new database gets every migration, each recorded once, and a second start applies none", async () => {
  const url = await server.createDatabase();
  const first = await PgDatabase.open(url, { instanceName: "a" });
  expect(first.schemaVersion).toBe(MIGRATIONS.length);
  await first.close();
  const second = await PgDatabase.open(url, { instanceName: "b" });
  await second.close();
  const applied = await rows<{ version: number; applied_by: string }>(
    url,
    "SELECT version, applied_by FROM schema_migrations ORDER BY version",
  );
  expect(applied.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));
  expect(applied.every((r) => r.applied_by === "a")).toBe(true);
  const tables = await rows<{ name: string }>(url, "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'");
  expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(["schema_migrations", "upstream_budget", "upstream_breaker"]));
});

test("replicas starting together apply each migration exactly once", async () => {
  const url = await server.createDatabase();
  const extra = [
    ...MIGRATIONS,
    { version: MIGRATIONS.length + 1, name: "counter", sql: "CREATE TABLE started (n integer); INSERT INTO started VALUES (1);" },
  ];
  const opened = await Promise.all(
    Array.from({ length: 5 }, (_, i) => PgDatabase.open(url, { instanceName: `r${i}`, migrations: extra })),
  );
  await Promise.all(opened.map((db) => db.close()));
  expect(await rows(url, "SELECT * FROM started")).toEqual([{ n: 1 }]);
  expect(await rows(url, "SELECT COUNT(*)::int AS n FROM schema_migrations")).toEqual([{ n: extra.length }]);
});

test("later migrations are applied to a database left at an older version", async () => {
  const url = await server.createDatabase();
  const old = await PgDatabase.open(url, { migrations: MIGRATIONS.slice(0, 1) });
  expect(old.schemaVersion).toBe(1);
  await old.close();
  const next = [...MIGRATIONS, { version: MIGRATIONS.length + 1, name: "later", sql: "CREATE TABLE later_table (x integer)" }];
  const upgraded = await PgDatabase.open(url, { migrations: next });
  expect(upgraded.schemaVersion).toBe(next.length);
  await upgraded.close();
  expect(await rows(url, "SELECT to_regclass('later_table') IS NOT NULL AS present")).toEqual([{ present: true }]);
});

test("a database migrated by a newer release is refused with a message saying so, and left untouched", async () => {
  const url = await server.createDatabase();
  const newer = [
    ...MIGRATIONS,
    { version: MIGRATIONS.length + 1, name: "from the future", sql: "CREATE TABLE future (x integer)" },
  ];
  await (await PgDatabase.open(url, { migrations: newer })).close();
  await expect(PgDatabase.open(url)).rejects.toThrow(
    new RegExp(`schema version ${newer.length}, but this AICHAIN service only knows versions up to ${MIGRATIONS.length}`),
  );
  expect(await rows(url, "SELECT MAX(version) AS v FROM schema_migrations")).toEqual([{ v: newer.length }]);
});

test("a failing migration is rolled back and named, and nothing after it is applied", async () => {
  const url = await server.createDatabase();
  const broken = [
    ...MIGRATIONS,
    { version: MIGRATIONS.length + 1, name: "bad", sql: "CREATE TABLE half (x integer); SELECT no_such_function();" },
  ];
  await expect(PgDatabase.open(url, { migrations: broken })).rejects.toThrow(
    /Schema migration \d+ \(bad\) failed.*no_such_function/,
  );
  expect(await rows(url, "SELECT to_regclass('half') IS NOT NULL AS present")).toEqual([{ present: false }]);
  expect(await rows(url, "SELECT MAX(version) AS v FROM schema_migrations")).toEqual([{ v: MIGRATIONS.length }]);
});

test("connection refused at start: a clear error naming the database, without the password", async () => {
  const port = await closedPort();
  const attempt = PgDatabase.open(`postgres://aichain:s3cret@127.0.0.1:${port}/firm`, { connectTimeoutMs: 2_000 });
  await expect(attempt).rejects.toThrow(
    `Cannot reach the PostgreSQL cache postgres://aichain@127.0.0.1:${port}/firm: connect ECONNREFUSED`,
  );
  await expect(attempt).rejects.not.toThrow(/s3cret/);
});

test("a malformed URL is reported before any connection is tried", async () => {
  await expect(PgDatabase.open("postgres://localhost")).rejects.toThrow(/names no database/);
  await expect(PgDatabase.open("postgres://")).rejects.toThrow(/not a valid PostgreSQL URL|names no host/);
});

test("health reports the schema version and the pool while the server runs, and unreachable while it is down", async () => {
  const url = await server.createDatabase();
  const db = await PgDatabase.open(url, { poolMax: 4, instanceName: "replica-1", connectTimeoutMs: 1_000 });
  try {
    const held = await db.pool.connect();
    const up = await db.health();
    held.release();
    expect(up).toMatchObject({ kind: "postgres", reachable: true, schemaVersion: MIGRATIONS.length, instance: "replica-1" });
    expect(up.url).not.toMatch(/aichain-test/);
    expect(up.pool.max).toBe(4);
    expect(up.pool.inUse).toBeGreaterThanOrEqual(1);

    await server.stop();
    const down = await db.health();
    expect(down.reachable).toBe(false);
    expect(down.error).toBeTruthy();
    await server.start();
    // The pool replaces the connections the restart cut.
    expect((await db.health()).reachable).toBe(true);
  } finally {
    await db.close();
  }
});
