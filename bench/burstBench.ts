/**
 * Service cost of a recalculation's requests (`npm run bench -- burst`): synthetic CSV files
 * (bench/scaleData.ts) served by the data service in a child process, then the requests an add-in
 * makes for a sheet of cells over every symbol, sent six at a time like a browser:
 *  - history, rows: one request per symbol for 30 years of daily rows (series functions);
 *  - history, columns: the same as closes and adjusted closes in the columnar format;
 *  - closes: 50 symbols a request, 32 dates each (point returns).
 * Each kind is sent twice to a service of its own: "first" right after the service started (no
 * file read yet: a cold recalculation), "again" the same requests once more (a second
 * recalculation). Prints wall time, the service's own CPU time (every thread of it, parse workers
 * included) and the megabytes on the wire for each.
 *
 * Sizes: BURST_SYMBOLS (default 500), BURST_YEARS (30). The service's parse workers follow
 * AICHAIN_CSV_WORKERS as `npm run serve` does (unset: the default). BURST_KINDS=closes,columns
 * runs the kinds whose names contain one of those words; BURST_SERVER_PROFILE=DIR writes each
 * service's CPU profile (one .cpuprofile per thread) into DIR.
 */
import { fork } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { writeSyntheticFolder } from "./scaleData";

const SYMBOLS = Number(process.env.BURST_SYMBOLS ?? 500);
const YEARS = Number(process.env.BURST_YEARS ?? 30);
const CONNECTIONS = 6;
const PROFILE_DIR = process.env.BURST_SERVER_PROFILE;
const KINDS = process.env.BURST_KINDS?.split(",");

interface Service {
  url: string;
  ask(message: string): Promise<Record<string, number>>;
  stop(): Promise<void>;
}

async function spawnService(csvDir: string): Promise<Service> {
  const child = fork(path.join(__dirname, "scaleServerTarget.ts"), [csvDir, path.join(csvDir, "no-dist")], {
    execArgv: ["--import", "tsx", ...(PROFILE_DIR ? ["--cpu-prof", `--cpu-prof-dir=${PROFILE_DIR}`] : [])],
  });
  const next = () =>
    new Promise<Record<string, unknown>>((resolve) => child.once("message", (m) => resolve(m as Record<string, unknown>)));
  const { url } = (await next()) as { url: string };
  return {
    url,
    ask: async (message) => {
      const answer = next();
      child.send(message);
      return (await answer) as Record<string, number>;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        child.once("exit", () => resolve());
        child.send("stop");
      }),
  };
}

/** GETs every URL, six at a time, decompressing and parsing each answer; bytes on the wire. */
async function sendAll(urls: string[]): Promise<{ bytes: number; failures: number }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  let bytes = 0;
  let failures = 0;
  let next = 0;
  const one = (url: string) =>
    new Promise<void>((resolve, reject) => {
      http
        .get(url, { agent, headers: { "accept-encoding": "br, gzip" } }, (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => {
            const raw = Buffer.concat(chunks);
            bytes += raw.length;
            const encoding = res.headers["content-encoding"];
            const body = encoding === "br" ? zlib.brotliDecompressSync(raw) : encoding === "gzip" ? zlib.gunzipSync(raw) : raw;
            const answer = JSON.parse(body.toString("utf8")) as { errors?: Record<string, unknown> };
            if (res.statusCode !== 200 || Object.keys(answer.errors ?? {}).length > 0) failures++;
            resolve();
          });
        })
        .on("error", reject);
    });
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (next < urls.length) await one(urls[next++]);
    }),
  );
  agent.destroy();
  return { bytes, failures };
}

async function main(): Promise<void> {
  console.log(`Burst bench: ${SYMBOLS} symbols × ${YEARS} years of daily bars, ${os.cpus().length} CPUs`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aichain-burst-"));
  try {
    const series = writeSyntheticFolder(dir, SYMBOLS, YEARS);
    const first = series[0].dates[0];
    const symbols = series.map((s) => s.symbol);
    const dates = Array.from({ length: 32 }, (_, i) => series[0].dates[Math.floor(((i + 0.5) * series[0].dates.length) / 32)]);
    const kinds: [string, (url: string) => string[]][] = [
      ["history, rows", (url) => symbols.map((s) => `${url}/api/v1/history?symbols=${s}&start=${first}`)],
      [
        "history, columns",
        (url) => symbols.map((s) => `${url}/api/v1/history?symbols=${s}&start=${first}&format=columns&fields=close,adjclose`),
      ],
      [
        "closes",
        (url) =>
          Array.from(
            { length: Math.ceil(symbols.length / 50) },
            (_, i) => `${url}/api/v1/closes?symbols=${symbols.slice(i * 50, i * 50 + 50).join(",")}&dates=${dates.join(",")}`,
          ),
      ],
    ];
    const table: string[][] = [];
    let rssMb = 0;
    for (const [kind, urlsOf] of kinds) {
      if (KINDS && !KINDS.some((k) => kind.includes(k))) continue;
      const service = await spawnService(dir);
      try {
        const urls = urlsOf(service.url);
        for (const round of ["first", "again"]) {
          const cpuBefore = (await service.ask("cpu")).cpuMs;
          const began = performance.now();
          const { bytes, failures } = await sendAll(urls);
          const ms = performance.now() - began;
          const cpuMs = (await service.ask("cpu")).cpuMs - cpuBefore;
          table.push([
            kind,
            round,
            String(urls.length),
            `${(ms / 1000).toFixed(2)} s`,
            `${(cpuMs / 1000).toFixed(2)} s`,
            `${(bytes / 1e6).toFixed(1)}`,
            String(failures),
          ]);
          console.log(`  ${table[table.length - 1].join(" | ")}`);
          if (failures > 0) process.exitCode = 1;
        }
        rssMb = Math.max(rssMb, (await service.ask("memory")).rssMb);
      } finally {
        await service.stop();
      }
    }
    console.log(`  service RSS at the end of a kind, most: ${rssMb.toFixed(0)} MB`);
    const header = ["requests", "round", "count", "wall", "service CPU", "MB on the wire", "failed"];
    console.log("");
    console.log(`| ${header.join(" | ")} |`);
    console.log(`|${header.map(() => "---").join("|")}|`);
    for (const row of table) console.log(`| ${row.join(" | ")} |`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
