/**
 * Recalculation benchmark (npx tsx bench/recalcBench.ts): 1,000 ETFRETURN/RETURN cells over 10
 * symbols and 3 date ranges, issued together the way Excel recalculates a sheet, through the real
 * client and the real data service (plain http, a free port) whose upstream is a fake provider
 * answering every call after 50 ms. Prints the wall time and the HTTP requests the add-in sent
 * (targets: under 1 second, 10 requests or fewer), then a second, warm recalculation.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import "../test/setupCustomFunctions"; // the CustomFunctions global Excel would provide
import type { HistoryRow } from "../src/api/contract";
import { createMarketClient, setMarketClient } from "../src/client";
import { etfReturn, symbolReturn } from "../src/functions/marketFunctions";
import type { MarketProvider, ProviderSeries } from "../src/server/providers/provider";
import { startServer } from "../src/server/startServer";

const UPSTREAM_DELAY_MS = 50;
const SYMBOLS = ["SOXX", "SMH", "QQQ", "BOTZ", "CHAT", "AIQ", "NVDA", "AMD", "TSM", "AVGO"];
const RANGES: { start: string; end?: string }[] = [
  { start: "2025-01-01" },
  { start: "2024-03-15", end: "2024-09-30" },
  { start: "2023-06-30", end: "2024-12-31" },
];

/** Weekday bars on a fixed, symbol-specific curve: the same rows whoever asks. */
function syntheticRows(symbol: string, start: string, end: string): HistoryRow[] {
  const rows: HistoryRow[] = [];
  const seed = [...symbol].reduce((a, c) => a + c.charCodeAt(0), 0);
  for (let t = Date.parse(`${start}T00:00:00Z`); t <= Date.parse(`${end}T00:00:00Z`); t += 86_400_000) {
    const day = new Date(t);
    if (day.getUTCDay() === 0 || day.getUTCDay() === 6) continue;
    const n = t / 86_400_000;
    const close = Math.round((100 + seed / 10 + 15 * Math.sin(n / 40 + seed) + n / 200) * 100) / 100;
    rows.push([day.toISOString().slice(0, 10), close, close + 1, close - 1, close, close * 0.98, 1_000_000]);
  }
  return rows;
}

class SlowProvider implements MarketProvider {
  readonly name = "yahoo" as const;
  readonly remote = true;
  calls = 0;

  private async pause(): Promise<void> {
    this.calls += 1;
    await new Promise((resolve) => setTimeout(resolve, UPSTREAM_DELAY_MS));
  }

  async history(symbol: string, start: string, end: string): Promise<ProviderSeries> {
    await this.pause();
    return { currency: "USD", timezone: "America/New_York", rows: syntheticRows(symbol, start, end), dividends: [], splits: [] };
  }

  async quote(): Promise<never> {
    await this.pause();
    throw new Error("not used by this benchmark");
  }

  async fund(): Promise<never> {
    await this.pause();
    throw new Error("not used by this benchmark");
  }
}

/** The return by the definition, by a plain scan over the same synthetic rows. */
function expected(symbol: string, start: string, end: string | undefined, today: string): number {
  const rows = syntheticRows(symbol, "2020-01-01", today);
  let base = NaN;
  let last = NaN;
  for (const [date, , , , , adj] of rows) {
    if (date <= start) base = adj;
    if (end === undefined || date <= end) last = adj;
  }
  return last / base - 1;
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aichain-recalc-"));
  const provider = new SlowProvider();
  const server = await startServer({
    http: true,
    port: 0,
    provider,
    cacheFile: path.join(dir, "cache.sqlite"),
    distDir: dir,
    logger: false,
  });
  try {
    const client = createMarketClient({
      baseUrl: `${server.url}/api/v1`,
      fetch: (url, init) => fetch(url, init),
    });
    setMarketClient(client);
    const cells = Array.from({ length: 1000 }, (_, i) => ({
      symbol: SYMBOLS[i % SYMBOLS.length],
      range: RANGES[Math.floor(i / SYMBOLS.length) % RANGES.length],
      fn: i % 2 === 0 ? etfReturn : symbolReturn,
    }));
    const recalc = () => Promise.all(cells.map((c) => c.fn(c.symbol, c.range.start, c.range.end)));

    const began = performance.now();
    const values = await recalc();
    const coldMs = performance.now() - began;
    const coldRequests = client.requestCount();

    const warmBegan = performance.now();
    await recalc();
    const warmMs = performance.now() - warmBegan;

    const today = client.today();
    const wrong = cells.filter(
      (c, i) => Math.abs(values[i] - expected(c.symbol, c.range.start, c.range.end, today)) > 1e-12,
    ).length;

    console.log(`1,000-cell recalculation (10 symbols x 3 ranges, upstream ${UPSTREAM_DELAY_MS} ms per call)`);
    console.log(
      `  cold: ${coldMs.toFixed(0)} ms, ${coldRequests} HTTP request(s) from the add-in, ${provider.calls} upstream call(s)  [target < 1000 ms, <= 10 requests]`,
    );
    console.log(`  warm: ${warmMs.toFixed(1)} ms, ${client.requestCount() - coldRequests} more HTTP request(s)`);
    console.log(`  values checked against a plain scan: ${cells.length - wrong} right, ${wrong} wrong`);
    if (wrong > 0) process.exitCode = 1;
  } finally {
    setMarketClient(undefined);
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
