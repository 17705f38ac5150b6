/** A damaged, truncated, read-only or missing cache never stops the service; a crash mid-write loses nothing committed. */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { openSqliteStore } from "../../src/server/cache/openSqliteStore";
import { SqliteMarketStore } from "../../src/server/cache/sqliteMarketStore";
import { HistoryService } from "../../src/server/historyService";
import { YahooProvider } from "../../src/server/providers/yahooProvider";
import { UpstreamQueue } from "../../src/server/upstreamQueue";
import { FakeYahoo } from "./fakeYahoo";
import { tempDir } from "./serviceHarness";

let dir: string;
beforeEach(() => {
  dir = tempDir("aichain-damaged-");
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const NOW = Date.UTC(2024, 1, 1, 12);

async function filledCache(file: string): Promise<void> {
  const store = new SqliteMarketStore(file);
  const rows = Array.from(
    { length: 400 },
    (_, i) =>
      [
        `2020-${String(1 + Math.floor(i / 28)).padStart(2, "0")}-${String(1 + (i % 28)).padStart(2, "0")}`,
        1,
        2,
        0.5,
        1.5 + i,
        100,
      ] as const,
  );
  for (let s = 0; s < 20; s++) {
    await store.write(`S${s}`, {
      bars: {
        start: "2020-01-01",
        end: "2020-12-31",
        rows: rows.filter((r) => r[0] <= "2020-12-31").map((r) => [...r]) as never,
      },
    });
  }
  await store.close();
  // Fold the WAL into the main file, so damage to the file is damage to the data.
  const Database = (await import("better-sqlite3")).default;
  const db = new Database(file);
  db.pragma("wal_checkpoint(TRUNCATE)");
  db.close();
}

function serviceOn(store: SqliteMarketStore, yahoo: FakeYahoo, warn: (m: string) => void) {
  return new HistoryService({
    provider: new YahooProvider({ fetch: yahoo.fetch }),
    store,
    queue: new UpstreamQueue({ sleep: async () => undefined, now: () => NOW }),
    now: () => NOW,
    warn,
  });
}

async function answersAfterOpening(file: string) {
  const warnings: string[] = [];
  const store = openSqliteStore(file, { warn: (m) => warnings.push(m), now: () => NOW });
  const response = await serviceOn(store, new FakeYahoo(), (m) => warnings.push(m)).get(
    ["SOXX"],
    "2024-01-02",
    "2024-01-09",
    "1d",
  );
  await store.close();
  return { warnings, response };
}

describe("a damaged cache", () => {
  it("with a corrupt page is moved aside, said so, and replaced by a new cache that answers", async () => {
    const file = path.join(dir, "cache.sqlite");
    await filledCache(file);
    const bytes = fs.readFileSync(file);
    bytes.fill(0xa5, 4096 * 2, 4096 * 4); // two pages of garbage
    fs.writeFileSync(file, bytes);
    const { warnings, response } = await answersAfterOpening(file);
    expect(response.series.SOXX.rows).toHaveLength(6);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/was damaged .* moved aside to .*cache\.sqlite\.corrupt-2024-02-01T12-00-00-000Z/);
    expect(warnings[0]).not.toMatch(/delet/i);
    expect(fs.existsSync(`${file}.corrupt-2024-02-01T12-00-00-000Z`)).toBe(true);
    expect(fs.existsSync(file)).toBe(true);
  });

  it("cut short is moved aside too", async () => {
    const file = path.join(dir, "cache.sqlite");
    await filledCache(file);
    fs.truncateSync(file, Math.floor(fs.statSync(file).size / 3));
    const { warnings, response } = await answersAfterOpening(file);
    expect(response.series.SOXX.rows).toHaveLength(6);
    expect(warnings.join(" ")).toMatch(/damaged/);
    expect(fs.readdirSync(dir).some((f) => f.startsWith("cache.sqlite.corrupt-"))).toBe(true);
  });

  it("in a folder that does not exist yet is created with its folder", async () => {
    const file = path.join(dir, "a", "b", "cache.sqlite");
    const { warnings, response } = await answersAfterOpening(file);
    expect(response.series.SOXX.rows).toHaveLength(6);
    expect(warnings).toEqual([]);
    expect(fs.existsSync(file)).toBe(true);
  });

  it("that cannot be written serves upstream answers without storing them, and warns once", async () => {
    const file = path.join(dir, "cache.sqlite");
    await filledCache(file);
    const before = fs.readFileSync(file);
    const warnings: string[] = [];
    const store = new SqliteMarketStore(file, { readOnly: true });
    const service = serviceOn(store, new FakeYahoo(), (m) => warnings.push(m));
    const first = await service.get(["SOXX"], "2024-01-02", "2024-01-09", "1d");
    const second = await service.get(["3033.HK"], "2024-01-02", "2024-01-05", "1d");
    expect(first.series.SOXX.rows).toHaveLength(6);
    expect(second.series["3033.HK"].rows).toHaveLength(4);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/cannot be written/);
    await store.close();
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it("keeps every committed write when its process is killed with SIGKILL in the middle of writing", async () => {
    const file = path.join(dir, "cache.sqlite");
    const script = `
      const { SqliteMarketStore } = require(${JSON.stringify(path.resolve("src/server/cache/sqliteMarketStore.ts"))});
      const store = new SqliteMarketStore(${JSON.stringify(file)});
      (async () => {
        for (let i = 0; ; i++) {
          const day = "2020-01-01";
          const rows = Array.from({ length: 200 }, (_, k) => [day.slice(0, 8) + String(1 + (k % 28)).padStart(2, "0"), 1, 2, 0.5, i, 10]).filter((r, k, all) => all.findIndex((x) => x[0] === r[0]) === k);
          await store.write("S" + i, { bars: { start: "2020-01-01", end: "2020-01-31", rows }, coverage: [{ start: "2020-01-01", end: "2020-01-31", fetchedAt: i, provisional: false }] });
          if (i === 20) process.stdout.write("writing\\n");
        }
      })();`;
    const child = spawn(process.execPath, ["--require", "tsx/cjs", "-e", script], { stdio: ["ignore", "pipe", "inherit"] });
    await new Promise<void>((resolve) => child.stdout.on("data", () => resolve()));
    await new Promise((resolve) => setTimeout(resolve, 150));
    child.kill("SIGKILL");
    await new Promise((resolve) => child.on("exit", resolve));
    const warnings: string[] = [];
    const store = openSqliteStore(file, { warn: (m) => warnings.push(m) });
    expect(warnings).toEqual([]); // not damaged
    const stats = await store.stats();
    expect(stats.symbols).toBeGreaterThan(20);
    // Every series stored is whole: its 28 bars and its coverage, or nothing at all.
    for (const s of stats.perSymbol) {
      expect(s.bars).toBe(28);
      expect(s.coverage).toHaveLength(1);
    }
    await store.close();
  });
});
