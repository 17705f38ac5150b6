/** The market store contract on a real PostgreSQL server, and what is particular to it. */
import { PgDatabase } from "../../../src/server/postgres/pgDatabase";
import { PgMarketStore } from "../../../src/server/postgres/pgMarketStore";
import { openPgPool } from "../../../src/server/postgres/pgPool";
import { StoreError } from "../../../src/server/cache/marketStore";
import { describeMarketStoreConformance } from "../storeConformance";
import { TestPostgres, startTestPostgres } from "./embeddedPostgres";

let server: TestPostgres;
let db: PgDatabase;
let url: string;
beforeAll(async () => {
  server = await startTestPostgres();
  url = await server.createDatabase();
  db = await PgDatabase.open(url);
});
afterAll(async () => {
  await db?.close();
  await server?.shutdown();
});

const STORE_TABLES = "series_meta, raw_bars, corporate_actions, coverage_intervals, snapshots";

describeMarketStoreConformance("PostgreSQL", async () => {
  await db.pool.query(`TRUNCATE ${STORE_TABLES}`);
  return new PgMarketStore(db.pool, db.where);
});

describe("PostgreSQL store", () => {
  test("two replicas see each other's writes at once, and their concurrent writes to one symbol all land", async () => {
    await db.pool.query(`TRUNCATE ${STORE_TABLES}`);
    const other = await PgDatabase.open(url);
    try {
      const a = new PgMarketStore(db.pool, db.where);
      const b = new PgMarketStore(other.pool, other.where);
      const days = Array.from({ length: 30 }, (_, i) => `2024-03-${String(i + 1).padStart(2, "0")}`);
      await Promise.all(
        days.map((d, i) =>
          (i % 2 ? a : b).write("SOXX", {
            bars: { start: d, end: d, rows: [[d, 1, 2, 0.5, i, 100]] },
            coverage: [{ start: d, end: d, fetchedAt: i, provisional: false }],
          }),
        ),
      );
      expect((await a.bars("SOXX", "2024-03-01", "2024-03-31")).map((r) => r[4])).toEqual(days.map((_, i) => i));
      expect(await b.coverage("SOXX")).toEqual([{ start: "2024-03-01", end: "2024-03-30", fetchedAt: 29, provisional: false }]);
    } finally {
      await other.close();
    }
  });

  test("a stopped database gives cache errors, and the same store works again once it is back", async () => {
    const store = new PgMarketStore(db.pool, db.where);
    await store.write("QQQ", { meta: { currency: "USD", timezone: "America/New_York", source: "yahoo" } });
    await server.stop();
    const failed = store.meta("QQQ");
    await expect(failed).rejects.toBeInstanceOf(StoreError);
    await expect(failed).rejects.toMatchObject({
      code: "cache_error",
      message: expect.stringMatching(
        /^Market-data cache \(PostgreSQL postgres:\/\/postgres@127\.0\.0\.1:\d+\/\w+\): reading series meta failed/,
      ),
    });
    await expect(store.write("QQQ", { actions: [{ date: "2024-01-02", kind: "dividend", value: 1 }] })).rejects.toBeInstanceOf(
      StoreError,
    );
    await server.start();
    expect(await store.meta("QQQ")).toEqual({ currency: "USD", timezone: "America/New_York", source: "yahoo" });
  });

  test("a database the service may only read reports read-only cache errors on write", async () => {
    await db.pool.query(
      "DROP ROLE IF EXISTS reader; CREATE ROLE reader LOGIN PASSWORD 'r'; GRANT SELECT ON ALL TABLES IN SCHEMA public TO reader",
    );
    const readerUrl = url.replace(/\/\/[^@]+@/, "//reader:r@");
    const pool = openPgPool(readerUrl, { max: 2 });
    try {
      const store = new PgMarketStore(pool, readerUrl);
      expect(await store.bars("QQQ", "2024-01-01", "2024-12-31")).toEqual([]);
      await expect(store.putSnapshot("quote", "QQQ", { price: 1 }, 1)).rejects.toMatchObject({
        code: "cache_error",
        readOnly: true,
      });
    } finally {
      await pool.end();
    }
  });
});
