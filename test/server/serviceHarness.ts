/** A MarketService on the fake Yahoo with a temp SQLite file and a clock the test controls. */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { SqliteMarketStore } from "../../src/server/cache/sqliteMarketStore";
import { MarketService } from "../../src/server/marketService";
import { YahooProvider } from "../../src/server/providers/yahooProvider";
import { FakeYahoo } from "./fakeYahoo";

export interface Harness {
  yahoo: FakeYahoo;
  service: MarketService;
  cacheFile: string;
  clock: { now: number };
  restart(): MarketService;
  close(): void;
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function makeHarness(startAt = Date.UTC(2024, 1, 1, 12)): Harness {
  const dir = tempDir("aichain-cache-");
  const cacheFile = path.join(dir, "cache.sqlite");
  const yahoo = new FakeYahoo();
  const clock = { now: startAt };
  const open = () =>
    new MarketService({
      provider: new YahooProvider({ fetch: yahoo.fetch }),
      store: new SqliteMarketStore(cacheFile),
      queue: { sleep: async () => undefined, timeoutMs: 2_000 },
      now: () => clock.now,
    });
  const harness: Harness = {
    yahoo,
    service: open(),
    cacheFile,
    clock,
    restart() {
      void harness.service.close();
      harness.service = open();
      return harness.service;
    },
    close() {
      void harness.service.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  return harness;
}
