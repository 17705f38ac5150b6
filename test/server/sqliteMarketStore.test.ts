import fs from "node:fs";
import path from "node:path";
import { SqliteMarketStore } from "../../src/server/cache/sqliteMarketStore";
import {
  LocalCircuitBreaker,
  LocalRateLimiter,
  LocalSingleFlight,
  LocalUnknownSymbols,
} from "../../src/server/coordination/localCoordination";
import { CONFORMANCE_SETTINGS, describeCoordinationConformance } from "./coordinationConformance";
import { tempDir } from "./serviceHarness";
import { describeMarketStoreConformance } from "./storeConformance";

describeMarketStoreConformance("SQLite in memory", async () => new SqliteMarketStore(":memory:"));

let dir = "";
describeMarketStoreConformance(
  "SQLite file",
  async () => {
    dir = tempDir("aichain-store-");
    return new SqliteMarketStore(path.join(dir, "nested", "cache.sqlite"));
  },
  async (store) => {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  },
);

describeCoordinationConformance("in-process", async () => {
  const flight = new LocalSingleFlight();
  const limiter = new LocalRateLimiter(CONFORMANCE_SETTINGS.rate);
  const breaker = new LocalCircuitBreaker(CONFORMANCE_SETTINGS.breaker);
  const unknown = new LocalUnknownSymbols();
  return {
    flights: [flight, flight],
    limiters: [limiter, limiter],
    breakers: [breaker, breaker],
    unknownSymbols: [unknown, unknown],
  };
});

describe("SQLite store file", () => {
  it("keeps its data across a reopen and drops the old adjusted tables", async () => {
    const d = tempDir("aichain-store-");
    const file = path.join(d, "cache.sqlite");
    // A file in the first layout, whose bars were already adjusted.
    const Database = (await import("better-sqlite3")).default;
    const old = new Database(file);
    old.exec(
      "CREATE TABLE bars (symbol TEXT, interval TEXT, date TEXT, close REAL); INSERT INTO bars VALUES ('SOXX', '1d', '2024-01-02', 600);",
    );
    old.close();
    const store = new SqliteMarketStore(file);
    await store.write("SOXX", { bars: { start: "2024-01-02", end: "2024-01-02", rows: [["2024-01-02", 1, 2, 0.5, 1.5, 10]] } });
    await store.close();
    const reopened = new SqliteMarketStore(file);
    expect(await reopened.bars("SOXX", "2024-01-01", "2024-01-31")).toEqual([["2024-01-02", 1, 2, 0.5, 1.5, 10]]);
    await reopened.close();
    const check = new Database(file, { readonly: true });
    expect(check.prepare("SELECT name FROM sqlite_master WHERE name = 'bars'").all()).toEqual([]);
    check.close();
    fs.rmSync(d, { recursive: true, force: true });
  });
});
