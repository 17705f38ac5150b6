/**
 * `npm run bench -- history`: cached history requests per second and median latency, for the
 * cache before the raw-bars rewrite (its source taken from git history into a temporary folder)
 * and for the current one, in one run on the same machine and the same synthetic upstream.
 */
import { execSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { SqliteMarketStore } from "../src/server/cache/sqliteMarketStore";
import { MarketService } from "../src/server/marketService";
import { YahooProvider } from "../src/server/providers/yahooProvider";
import { fakeUpstream } from "./fakeYahooUpstream";

/** The last commit with the first cache (adjusted bars in SQLite, rescaled on re-base). */
const BASELINE_COMMIT = "6e7cc0d";
const ROOT = path.resolve(__dirname, "..");
const NOW = Date.UTC(2025, 0, 15, 12);
const SYMBOLS = Array.from({ length: 20 }, (_, i) => `SYM${i}`);
const REQUESTS = 3000;

interface Service {
  history(symbols: string[], start: string, end: string, interval: "1d"): Promise<{ series: Record<string, unknown> }>;
  close(): unknown;
}

/** Requests of an analyst's recalculation: a few dozen distinct windows, asked again and again. */
function workload(): { symbol: string; start: string; end: string }[] {
  const windows = SYMBOLS.flatMap((symbol, i) => [
    { symbol, start: "2023-01-03", end: "2024-12-31" },
    { symbol, start: `2024-0${1 + (i % 9)}-02`, end: "2024-12-20" },
  ]);
  return Array.from({ length: REQUESTS }, (_, i) => windows[(i * 7) % windows.length]);
}

async function warm(service: Service): Promise<void> {
  for (const symbol of SYMBOLS) await service.history([symbol], "2023-01-03", "2024-12-31", "1d");
}

async function round(label: string, service: Service): Promise<{ perSecond: number; p50: number }> {
  const times: number[] = [];
  const started = performance.now();
  for (const r of workload()) {
    const t = performance.now();
    const answer = await service.history([r.symbol], r.start, r.end, "1d");
    times.push(performance.now() - t);
    if (!answer.series[r.symbol]) throw new Error(`${label}: no answer for ${r.symbol}`);
  }
  const elapsed = (performance.now() - started) / 1000;
  times.sort((a, b) => a - b);
  return { perSecond: REQUESTS / elapsed, p50: times[Math.floor(times.length / 2)] };
}

const print = (label: string, r: { perSecond: number; p50: number }) =>
  console.log(
    `${label.padEnd(34)} ${r.perSecond.toFixed(0).padStart(7)} cached requests/s   p50 ${(r.p50 * 1000).toFixed(0)} µs`,
  );

/** Rounds alternate between the two, and each keeps its best, so a busy moment of a shared machine hits both alike. */
async function compare(
  services: { label: string; service: Service }[],
  rounds = 5,
): Promise<{ perSecond: number; p50: number }[]> {
  for (const { service } of services) await warm(service);
  const best = services.map(() => ({ perSecond: 0, p50: Infinity }));
  for (let i = 0; i < rounds; i++) {
    for (const [k, { label, service }] of services.entries()) {
      const r = await round(label, service);
      best[k] = { perSecond: Math.max(best[k].perSecond, r.perSecond), p50: Math.min(best[k].p50, r.p50) };
    }
  }
  for (const [k, { label, service }] of services.entries()) {
    print(label, best[k]);
    await service.close();
  }
  return best;
}

async function baseline(dir: string): Promise<Service> {
  const src = path.join(ROOT, "node_modules", ".cache", `aichain-history-baseline-${process.pid}`);
  fs.mkdirSync(src, { recursive: true });
  execSync(`git -C ${JSON.stringify(ROOT)} archive ${BASELINE_COMMIT} src | tar -x -C ${JSON.stringify(src)}`);
  process.on("exit", () => fs.rmSync(src, { recursive: true, force: true }));
  const { MarketService } = (await import(path.join(src, "src/server/marketService.ts"))) as {
    MarketService: new (o: object) => Service;
  };
  const { MarketCache } = (await import(path.join(src, "src/server/cache/marketCache.ts"))) as {
    MarketCache: new (f: string) => object;
  };
  const { YahooProvider } = (await import(path.join(src, "src/server/providers/yahooProvider.ts"))) as {
    YahooProvider: new (o: object) => object;
  };
  return new MarketService({
    provider: new YahooProvider({ fetch: fakeUpstream(0).fetch }),
    cache: new MarketCache(path.join(dir, "old.sqlite")),
    now: () => NOW,
  });
}

async function current(dir: string): Promise<Service> {
  return new MarketService({
    provider: new YahooProvider({ fetch: fakeUpstream(0).fetch }),
    store: new SqliteMarketStore(path.join(dir, "new.sqlite")),
    now: () => NOW,
  });
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aichain-history-bench-"));
  try {
    console.log(`${REQUESTS} cached requests over ${SYMBOLS.length} symbols, sequential, synthetic upstream`);
    const services: { label: string; service: Service }[] = [];
    try {
      services.push({ label: `before (first cache, ${BASELINE_COMMIT})`, service: await baseline(dir) });
    } catch (err) {
      console.log(`before: baseline unavailable (${err instanceof Error ? err.message.split("\n")[0] : String(err)})`);
    }
    services.push({ label: "after (raw bars, adjusted on read)", service: await current(dir) });
    const results = await compare(services);
    if (results.length === 2) {
      const change = results[1].perSecond / results[0].perSecond - 1;
      console.log(`throughput change ${(change * 100).toFixed(1)}% (the budget is -20%): ${change >= -0.2 ? "within" : "OVER"}`);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void main();
