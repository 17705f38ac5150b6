/**
 * Scale benchmark (`npm run bench -- scale`): many cells over many symbols × 30 years in one
 * recalculation. Synthetic data (bench/scaleData.ts) is written as CSV files to a temporary
 * folder and served by the real data service (CSV provider) in a child process. The add-in is
 * the built functions bundle (webpack, as `npm run build` makes it), loaded into a stand-in for
 * Excel's JavaScript runtime (test/functions/excelRuntime.ts); every cell is called at once, as
 * Excel does on a recalculation, first cold (fresh service and add-in), then warm (the same again).
 * Every value is checked against a plain scan of the numbers in the files.
 *
 * Beside it, the naive add-in: one HTTP request per cell for the cell's own window (compressed,
 * six connections at a time, like a browser), its value scanned from the rows. Up to
 * SCALE_NAIVE_FULL cells it runs every cell against a service of its own started fresh, so cold is
 * compared with cold (the first read of each file is most of a cold recalculation over many
 * symbols with few cells each). Above that it is timed on a sample of cells against the service the
 * add-in has just used, which has read every file, and scaled to the full count (printed as such):
 * a figure that favours the naive add-in.
 *
 * Sizes: SCALE_CELLS (default 1000,10000), SCALE_SYMBOLS (default 10,100,500), SCALE_YEARS (30),
 * SCALE_NAIVE_SAMPLE (50), SCALE_NAIVE_FULL (1000). The full matrix: SCALE_CELLS=1000,10000,50000. SCALE_SERVER_PROFILE=DIR
 * writes the service's CPU profile (a .cpuprofile per service started) into DIR.
 */
import { fork } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import v8 from "node:v8";
import vm from "node:vm";
import zlib from "node:zlib";
import { buildFunctionsBundle } from "../test/functions/buildFunctionsBundle";
import { ExcelFunctionError, callAsExcel, loadBundle, type LoadedBundle } from "../test/functions/excelRuntime";
import { type Cell, type SyntheticSeries, expectedValue, makeCells, writeSyntheticFolder } from "./scaleData";

const list = (name: string, fallback: number[]) => (process.env[name] ? process.env[name]!.split(",").map(Number) : fallback);
const CELLS = list("SCALE_CELLS", [1000, 10000]);
const SYMBOLS = list("SCALE_SYMBOLS", [10, 100, 500]);
const YEARS = Number(process.env.SCALE_YEARS ?? 30);
const NAIVE_SAMPLE = Number(process.env.SCALE_NAIVE_SAMPLE ?? 50);
const NAIVE_FULL = Number(process.env.SCALE_NAIVE_FULL ?? 1000);
const PARAMETERS = 4;
const PROFILE_DIR = process.env.SCALE_SERVER_PROFILE;

// A full collection before each memory reading, so the figure is what the add-in keeps, not garbage.
v8.setFlagsFromString("--expose-gc");
const collect = vm.runInNewContext("gc") as () => void;
// Typed columns live outside the JavaScript heap (array buffers): both count as what the add-in keeps.
const heapMb = () => {
  collect();
  const usage = process.memoryUsage();
  return (usage.heapUsed + usage.arrayBuffers) / 1e6;
}; // symbol, start, end, type: every function measured here takes these

interface Wire {
  requests: number;
  bytes: number;
  /** Requests per route ("history", "closes"). */
  routes?: Record<string, number>;
}

/** fetch over node:http that asks for compression like a browser and counts the bytes on the wire. */
function countingFetch(wire: Wire, agent: http.Agent) {
  return (url: string, init?: { signal?: AbortSignal; headers?: Record<string, string> }) =>
    new Promise<Response>((resolve, reject) => {
      wire.requests++;
      if (wire.routes) {
        const route = new URL(url).pathname.replace(/^.*\/api\/v1\//, "");
        wire.routes[route] = (wire.routes[route] ?? 0) + 1;
      }
      const req = http.get(
        url,
        { agent, headers: { ...(init?.headers ?? {}), "accept-encoding": "br, gzip" }, signal: init?.signal },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("error", reject);
          res.on("end", () => {
            const raw = Buffer.concat(chunks);
            wire.bytes += raw.length;
            const encoding = res.headers["content-encoding"];
            const body = encoding === "br" ? zlib.brotliDecompressSync(raw) : encoding === "gzip" ? zlib.gunzipSync(raw) : raw;
            resolve(
              new Response(body, {
                status: res.statusCode ?? 0,
                headers: { "content-type": String(res.headers["content-type"] ?? "") },
              }),
            );
          });
        },
      );
      req.on("error", reject);
    });
}

async function spawnServer(csvDir: string) {
  const child = fork(path.join(__dirname, "scaleServerTarget.ts"), [csvDir, path.join(csvDir, "no-dist")], {
    // SCALE_SERVER_PROFILE=DIR: the service writes a CPU profile there when it stops.
    execArgv: ["--import", "tsx", ...(PROFILE_DIR ? ["--cpu-prof", `--cpu-prof-dir=${PROFILE_DIR}`] : [])],
  });
  const next = () =>
    new Promise<Record<string, unknown>>((resolve) => child.once("message", (m) => resolve(m as Record<string, unknown>)));
  const { url } = (await next()) as { url: string };
  return {
    url,
    rssMb: async () => {
      const answer = next();
      child.send("memory");
      return (await answer).rssMb as number;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        child.once("exit", () => resolve());
        child.send("stop");
      }),
  };
}

interface Outcome {
  ms: number;
  wrong: number;
  errors: number;
  firstProblem?: string;
}

function check(cells: Cell[], values: unknown[], bySymbol: Map<string, SyntheticSeries>, ms: number): Outcome {
  const outcome: Outcome = { ms, wrong: 0, errors: 0 };
  cells.forEach((cell, i) => {
    const got = values[i];
    const want = expectedValue(cell, bySymbol.get(cell.symbol) as SyntheticSeries);
    if (typeof got !== "number") {
      outcome.errors++;
      outcome.firstProblem ??= `${cell.fn}(${cell.symbol}, ${cell.start}, ${cell.end ?? ""}) = ${got instanceof ExcelFunctionError ? `${got.code} ${got.message}` : String(got)}`;
    } else if (!(Math.abs(got - want) <= 1e-9 * Math.max(1, Math.abs(want)))) {
      outcome.wrong++;
      outcome.firstProblem ??= `${cell.fn}(${cell.symbol}, ${cell.start}, ${cell.end ?? ""}) = ${got}, expected ${want}`;
    }
  });
  return outcome;
}

function recalc(bundle: LoadedBundle, cells: Cell[]): Promise<unknown[]> {
  return Promise.all(cells.map((c) => callAsExcel(bundle, c.fn, PARAMETERS, [c.symbol, c.start, c.end ?? null, c.type])));
}

function pointsToServer(bundle: LoadedBundle, url: string, wire: Wire, agent: http.Agent): void {
  const u = new URL(url);
  const context = bundle.context as unknown as Record<string, unknown>;
  context.location = {
    origin: url,
    href: `${url}/taskpane.html`,
    protocol: u.protocol,
    host: u.host,
    hostname: u.hostname,
    port: u.port,
    pathname: "/taskpane.html",
  };
  context.fetch = countingFetch(wire, agent);
}

/** The naive add-in: a request per cell for its own window, the value scanned from the rows. */
async function naive(
  url: string,
  cells: Cell[],
  bySymbol: Map<string, SyntheticSeries>,
): Promise<{ msPerCell: number; bytesPerCell: number; wrong: number; errors: number }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 6 });
  const wire: Wire = { requests: 0, bytes: 0 };
  const fetcher = countingFetch(wire, agent);
  let wrong = 0;
  let errors = 0;
  const began = performance.now();
  await Promise.all(
    cells.map(async (cell) => {
      const from = new Date(Date.parse(`${cell.start}T00:00:00Z`) - 14 * 86_400_000).toISOString().slice(0, 10);
      const res = await fetcher(`${url}/api/v1/history?symbols=${cell.symbol}&start=${from}&end=${cell.end ?? "2026-12-31"}`);
      const body = (await res.json()) as {
        series: Record<string, { rows: [string, number, number, number, number, number, number][] }>;
      };
      const rows = body.series[cell.symbol]?.rows;
      if (!rows) {
        errors++;
        return;
      }
      const s: SyntheticSeries = {
        symbol: cell.symbol,
        dates: rows.map((r) => r[0]),
        close: Float64Array.from(rows, (r) => r[4]),
        adjclose: Float64Array.from(rows, (r) => r[5]),
      };
      const got = expectedValue(cell, s);
      const want = expectedValue(cell, bySymbol.get(cell.symbol) as SyntheticSeries);
      if (!(Math.abs(got - want) <= 1e-9 * Math.max(1, Math.abs(want)))) wrong++;
    }),
  );
  const ms = performance.now() - began;
  agent.destroy();
  return { msPerCell: ms / cells.length, bytesPerCell: wire.bytes / cells.length, wrong, errors };
}

/** The naive add-in over all the cells against its own service, started fresh: cold against cold. */
async function naiveOnFreshService(dir: string, cells: Cell[], bySymbol: Map<string, SyntheticSeries>) {
  const fresh = await spawnServer(dir);
  try {
    return await naive(fresh.url, cells, bySymbol);
  } finally {
    await fresh.stop();
  }
}

const mb = (bytes: number) => (bytes / 1e6).toFixed(1);
const secs = (ms: number) =>
  ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`;

async function main(): Promise<void> {
  console.log(
    `Scale bench: ${CELLS.join(" / ")} cells × ${SYMBOLS.join(" / ")} symbols × ${YEARS} years of daily bars, ${os.cpus().length} CPUs`,
  );
  const buildBegan = performance.now();
  const build = await buildFunctionsBundle();
  console.log(`  functions bundle built in ${secs(performance.now() - buildBegan)}`);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "aichain-scale-"));
  const rows: string[][] = [];
  try {
    for (const symbolCount of SYMBOLS) {
      const dir = path.join(root, `s${symbolCount}`);
      fs.mkdirSync(dir);
      const series = writeSyntheticFolder(dir, symbolCount, YEARS);
      const bySymbol = new Map(series.map((s) => [s.symbol, s]));
      for (const cellCount of CELLS) {
        const cells = makeCells(cellCount, series);
        const server = await spawnServer(dir);
        const agent = new http.Agent({ keepAlive: true, maxSockets: 6 });
        try {
          const bundle = loadBundle(build.script);
          const wire: Wire = { requests: 0, bytes: 0, routes: {} };
          pointsToServer(bundle, server.url, wire, agent);
          const heapBefore = heapMb();
          let began = performance.now();
          const cold = check(cells, await recalc(bundle, cells), bySymbol, performance.now() - began);
          const coldWire = { ...wire, routes: { ...wire.routes } };
          const addinMb = heapMb() - heapBefore;
          began = performance.now();
          const warm = check(cells, await recalc(bundle, cells), bySymbol, performance.now() - began);
          const warmWire = { requests: wire.requests - coldWire.requests, bytes: wire.bytes - coldWire.bytes };
          const serverMb = await server.rssMb();
          const whole = cells.length <= NAIVE_FULL;
          const sample = whole ? cells : cells.slice(0, Math.min(NAIVE_SAMPLE, cells.length));
          const baseline = whole ? await naiveOnFreshService(dir, cells, bySymbol) : await naive(server.url, sample, bySymbol);
          const naiveMs = baseline.msPerCell * cells.length;
          if (baseline.errors + baseline.wrong > 0) console.log(`    naive: ${baseline.errors} errors, ${baseline.wrong} wrong`);
          rows.push([
            `${cellCount} × ${symbolCount}`,
            secs(cold.ms),
            `${coldWire.requests} (${Object.entries(coldWire.routes)
              .map(([route, n]) => `${n} ${route}`)
              .join(", ")}), ${mb(coldWire.bytes)} MB`,
            `${cold.errors}/${cold.wrong}`,
            secs(warm.ms),
            `${warmWire.requests}, ${mb(warmWire.bytes)} MB`,
            `${warm.errors}/${warm.wrong}`,
            `${secs(naiveMs)}${sample.length < cells.length ? "*" : ""}, ${mb(baseline.bytesPerCell * cells.length)} MB`,
            `${(naiveMs / cold.ms).toFixed(1)}×`,
            `${addinMb.toFixed(0)} MB`,
            `${serverMb.toFixed(0)} MB`,
          ]);
          console.log(`  ${rows[rows.length - 1].join(" | ")}`);
          for (const o of [cold, warm]) if (o.firstProblem) console.log(`    first problem: ${o.firstProblem}`);
          if (cold.errors + cold.wrong + warm.errors + warm.wrong > 0) process.exitCode = 1;
        } finally {
          agent.destroy();
          await server.stop();
        }
      }
      fs.rmSync(dir, { recursive: true, force: true });
    }
  } finally {
    build.remove();
    fs.rmSync(root, { recursive: true, force: true });
  }
  const header = [
    "cells × symbols",
    "cold",
    "cold requests, MB",
    "cold err/wrong",
    "warm",
    "warm requests, MB",
    "warm err/wrong",
    "naive (1 request/cell)",
    "cold vs naive",
    "add-in memory kept (heap + buffers)",
    "service RSS",
  ];
  console.log("");
  console.log(`| ${header.join(" | ")} |`);
  console.log(`|${header.map(() => "---").join("|")}|`);
  for (const row of rows) console.log(`| ${row.join(" | ")} |`);
  console.log(`naive: every cell against a fresh service up to ${NAIVE_FULL} cells`);
  if (CELLS.some((n) => n > NAIVE_FULL))
    console.log(`* naive timed on ${NAIVE_SAMPLE} cells against a service that has read every file, scaled to the full count`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
