/**
 * Data-service benchmark (npx tsx bench/serverBench.ts):
 *  1. cached history requests on loopback: requests/s and p50/p99 latency
 *     (targets: p50 under 5 ms, over 1,000 requests/s on a 2-core machine);
 *  2. a burst of 1,000 requests over 10 symbols against a slow fake upstream: the number of
 *     upstream calls (target: 10, one per symbol).
 * The upstream is a generated Yahoo-shaped chart behind an injected fetch: no network. The
 * server runs in a child process, so the numbers are not diluted by the load generator.
 */
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { closedLoop, get, percentile } from "./httpLoad";
import { spawnTarget } from "./targetProcess";

/** The server on the fake upstream answering in `delayMs`, in a child process; its calls are chart calls. */
const spawnServer = (dir: string, delayMs: number) => spawnTarget<number>("serverBenchTarget.ts", [dir, String(delayMs)]);

async function cachedThroughput(dir: string): Promise<void> {
  const server = await spawnServer(dir, 0);
  const base = server.url;
  const ranges = [
    "2023-01-03&end=2023-12-29",
    "2023-06-01&end=2024-05-31",
    "2024-01-02&end=2024-12-31",
    "2023-01-03&end=2024-12-31",
  ];
  const urls = ranges.map((r) => `/api/v1/history?symbols=SOXX&start=${r}`);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
  for (const u of urls) if ((await get(agent, base, u)) !== 200) throw new Error(`warm-up failed for ${u}`);
  const callsAfterWarmUp = await server.calls();

  const total = 10_000;
  const concurrency = 8;
  const { firstFailure, seconds, latencies } = await closedLoop(total, concurrency, (i) =>
    get(agent, base, urls[i % urls.length]),
  );
  agent.destroy();
  if (firstFailure !== undefined) throw new Error(`status ${firstFailure}`);
  const callsDuringRun = (await server.calls()) - callsAfterWarmUp;
  await server.stop();
  console.log(
    `Cached history (1 symbol, 250-500 daily rows per answer), ${total} requests, ${concurrency} keep-alive connections, ${os.cpus().length} CPUs:`,
  );
  console.log(
    `  ${(total / seconds).toFixed(0)} requests/s   p50 ${percentile(latencies, 50).toFixed(2)} ms   p99 ${percentile(latencies, 99).toFixed(2)} ms`,
  );
  console.log(`  upstream calls during the run: ${callsDuringRun} (target 0)`);
}

async function burstOverSlowUpstream(dir: string): Promise<void> {
  const server = await spawnServer(dir, 300);
  const base = server.url;
  const symbols = ["SOXX", "QQQ", "RSP", "SMH", "NVDA", "AVGO", "TSM", "MSFT", "GOOGL", "3033.HK"];
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const startedAt = Date.now();
  const statuses = await Promise.all(
    Array.from({ length: 1000 }, (_, i) =>
      get(agent, base, `/api/v1/history?symbols=${symbols[i % 10]}&start=2024-01-02&end=2024-12-31`),
    ),
  );
  agent.destroy();
  const calls = await server.calls();
  await server.stop();
  const ok = statuses.filter((s) => s === 200).length;
  console.log(`Burst of 1,000 history requests over 10 symbols, upstream answering in 300 ms, 2 upstream calls at a time:`);
  console.log(`  upstream calls: ${calls} (target 10)   answered 200: ${ok}/1000   in ${Date.now() - startedAt} ms`);
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aichain-bench-"));
  try {
    await cachedThroughput(dir);
    await burstOverSlowUpstream(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
