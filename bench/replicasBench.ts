/**
 * Replicas on one PostgreSQL (npm run bench -- replicas): 1, 2 and 3 service processes on one
 * database, and the SQLite single process beside them, each given 1,000 history requests over 10
 * symbols from 50 concurrent clients (spread round-robin over the replicas), against a generated
 * Yahoo upstream answering in 50 ms. Prints the upstream calls (one per symbol is the target at
 * every replica count: the replicas share one single-flight, and a cold symbol's price fetch
 * confirms its corporate actions in the same call), requests/s, p50 and p99. PostgreSQL is the embedded server the tests use, on a free port.
 */
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { startTestPostgres } from "../test/server/postgres/embeddedPostgres";
import { closedLoop, get, percentile } from "./httpLoad";
import { spawnTarget, type BenchTarget } from "./targetProcess";

const SYMBOLS = ["SOXX", "QQQ", "RSP", "SMH", "NVDA", "AVGO", "TSM", "MSFT", "GOOGL", "3033.HK"];
const REQUESTS = 1000;
const CLIENTS = 50;
const UPSTREAM_DELAY_MS = 50;

interface Calls {
  history: number;
  actions: number;
  other: number;
}

type Replica = BenchTarget<Calls>;

/** One service process on `cache` (a postgres:// URL or an SQLite file), on the upstream answering in UPSTREAM_DELAY_MS. */
const spawnReplica = (cache: string, name: string, distDir: string): Promise<Replica> =>
  spawnTarget<Calls>("replicaTarget.ts", [cache, name, String(UPSTREAM_DELAY_MS), distDir]);

const upstreamCalls = (c: Calls) => c.history + c.actions + c.other;

interface Row {
  label: string;
  calls: Calls;
  ok: number;
  perSecond: number;
  p50: number;
  p99: number;
}

async function run(label: string, replicas: Replica[]): Promise<Row> {
  const agents = replicas.map(() => new http.Agent({ keepAlive: true, maxSockets: CLIENTS }));
  const { ok, seconds, latencies } = await closedLoop(REQUESTS, CLIENTS, (i) => {
    const r = i % replicas.length;
    return get(
      agents[r],
      replicas[r].url,
      `/api/v1/history?symbols=${encodeURIComponent(SYMBOLS[i % SYMBOLS.length])}&start=2024-01-02&end=2024-12-31`,
    );
  });
  agents.forEach((a) => a.destroy());
  const calls = { history: 0, actions: 0, other: 0 };
  for (const replica of replicas) {
    const c = await replica.calls();
    calls.history += c.history;
    calls.actions += c.actions;
    calls.other += c.other;
  }
  return { label, calls, ok, perSecond: REQUESTS / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aichain-replicas-"));
  const distDir = path.join(dir, "no-dist");
  const pg = await startTestPostgres();
  const rows: Row[] = [];
  // The same requests again once everything is cached: what the replicas add in steady state.
  const warm: Row[] = [];
  try {
    const sqlite = await spawnReplica(path.join(dir, "cache.sqlite"), "sqlite", distDir);
    rows.push(await run("SQLite, 1 process", [sqlite]));
    warm.push(await run("SQLite, 1 process", [sqlite]));
    await sqlite.stop();
    for (const count of [1, 2, 3]) {
      const url = await pg.createDatabase(`replicas_${count}`);
      // Started one after another, as systemd would; the first applies the schema.
      const replicas: Replica[] = [];
      for (let i = 0; i < count; i++) replicas.push(await spawnReplica(url, `replica-${i + 1}`, distDir));
      const label = `PostgreSQL, ${count} replica${count > 1 ? "s" : ""}`;
      rows.push(await run(label, replicas));
      warm.push(await run(label, replicas));
      await Promise.all(replicas.map((r) => r.stop()));
    }
  } finally {
    await pg.shutdown();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  console.log(
    `${REQUESTS} history requests over ${SYMBOLS.length} symbols, ${CLIENTS} concurrent clients, upstream answering in ${UPSTREAM_DELAY_MS} ms, ${os.cpus().length} CPUs (every process shares them):`,
  );
  const table = (title: string, list: Row[], counts: (r: Row) => Calls) => {
    console.log(
      `  ${title.padEnd(22)}upstream calls  price fetches  actions checks  answered 200   requests/s    p50 ms    p99 ms`,
    );
    for (const r of list) {
      const c = counts(r);
      console.log(
        `  ${r.label.padEnd(22)}${String(upstreamCalls(c)).padStart(14)}${String(c.history).padStart(15)}${String(c.actions).padStart(16)}${`${r.ok}/${REQUESTS}`.padStart(14)}${r.perSecond.toFixed(0).padStart(13)}${r.p50.toFixed(1).padStart(10)}${r.p99.toFixed(1).padStart(10)}`,
      );
    }
  };
  table("cold burst", rows, (r) => r.calls);
  // Call counters are cumulative per replica: the warm run's own calls are the difference.
  table("then warm, again", warm, (r) => {
    const cold = rows.find((c) => c.label === r.label)!.calls;
    return {
      history: r.calls.history - cold.history,
      actions: r.calls.actions - cold.actions,
      other: r.calls.other - cold.other,
    };
  });
  const target = SYMBOLS.length;
  const missed = rows.filter((r) => upstreamCalls(r.calls) !== target || r.ok !== REQUESTS);
  console.log(`  target: ${target} upstream calls (one per symbol) at every replica count, every request answered`);
  if (missed.length) {
    console.log(`  MISSED by: ${missed.map((r) => r.label).join("; ")}`);
    process.exitCode = 1;
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
