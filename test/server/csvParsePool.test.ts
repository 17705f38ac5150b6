/**
 * Parse workers: a file read on a worker gives exactly the columns (or the error) a reading on
 * the service's thread gives; a worker that cannot start, never gets ready or crashes costs no
 * answer; the workers end with the service; and a file read for its closes, then for everything,
 * answers as a file read in full at once.
 */
import fc from "fast-check";
import fs from "node:fs";
import path from "node:path";
import type { PriceColumns, PriceFields } from "../../src/server/providers/csvColumns";
import { CsvParsePool } from "../../src/server/providers/csvParsePool";
import { CsvProvider } from "../../src/server/providers/csvProvider";
import { readPriceFile } from "../../src/server/providers/priceFileRead";
import { startServer } from "../../src/server/startServer";
import { oddFileArb, render } from "./priceFiles";
import { tempDir } from "./serviceHarness";

const SEED = Number(process.env.AICHAIN_PROPERTY_SEED ?? 20261130);
const RUNS = Number(process.env.AICHAIN_PROPERTY_RUNS ?? 100);
const FIELDS = ["days", "close", "adjclose", "open", "high", "low", "volume"] as const;

/** Columns as plain arrays (Object.is tells -0 from 0, as toEqual does), or the error's message. */
async function reading(read: () => Promise<{ columns: PriceColumns }>): Promise<unknown> {
  try {
    const { columns } = await read();
    return { fields: columns.fields, ...Object.fromEntries(FIELDS.map((f) => [f, Array.from(columns[f])])) };
  } catch (err) {
    return { error: (err as Error).message, code: (err as NodeJS.ErrnoException).code };
  }
}

/** A 30-year-like file of `days` weekday lines (large enough for a worker). */
function bigFile(days: number, seed = 1): string {
  const lines = ["Date,Open,High,Low,Close,Adj Close,Volume"];
  let price = 50 + seed;
  for (let d = 0; d < days; d++) {
    const date = new Date(Date.UTC(1996, 0, 1) + d * 86_400_000).toISOString().slice(0, 10);
    price *= 1 + (((d * 7919 + seed) % 101) - 50) / 5000;
    const c = price.toFixed(4);
    lines.push(
      `${date},${(price * 0.99).toFixed(4)},${(price * 1.01).toFixed(3)},${(price * 0.98).toFixed(2)},${c},${(price * 0.9).toFixed(6)},${d * 31}`,
    );
  }
  return `${lines.join("\n")}\n`;
}

let dir: string;
beforeAll(() => {
  dir = tempDir("aichain-parse-pool-");
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A worker script written for the test (plain JavaScript, so it needs no loader). */
function script(name: string, body: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, `const { parentPort } = require("node:worker_threads");\n${body}\n`);
  return file;
}

describe("parse workers", () => {
  it(`read random files exactly as the service's thread does (seed ${SEED}, ${RUNS} runs)`, async () => {
    const pool = new CsvParsePool({ size: 1, minWorkerBytes: 0, threadHelps: false });
    let n = 0;
    let failed = 0;
    try {
      await fc.assert(
        fc.asyncProperty(oddFileArb, fc.constantFrom<PriceFields>("all", "closes"), async (file, fields) => {
          const name = path.join(dir, `R${n++}.csv`);
          fs.writeFileSync(name, render(file));
          const onWorker = await reading(() => pool.parse(name, fields, 0));
          expect(onWorker).toEqual(await reading(() => readPriceFile(name, fields)));
          if ("error" in (onWorker as object)) failed++;
        }),
        { seed: SEED, numRuns: RUNS },
      );
      // Every file went through the worker: the comparison above is worker against thread.
      expect(pool.counts).toEqual({ worker: RUNS, thread: 0 });
      expect(pool.crashes).toBe(0);
      // Both outcomes were compared: columns and errors.
      expect(failed).toBeGreaterThan(0);
      expect(failed).toBeLessThan(RUNS);
    } finally {
      await pool.close();
    }
  });

  it("report a bad file and a missing one as the service's thread does", async () => {
    const bad = path.join(dir, "BAD.csv");
    fs.writeFileSync(bad, `${bigFile(3000)}2024-01-05,1,2,3,x4,5,6\n`);
    const missing = path.join(dir, "NONE.csv");
    const pool = new CsvParsePool({ size: 1, minWorkerBytes: 0, threadHelps: false });
    try {
      for (const file of [bad, missing]) {
        const here = await reading(() => readPriceFile(file, "all"));
        expect(await reading(() => pool.parse(file, "all", 0))).toEqual(here);
      }
      expect(await reading(() => pool.parse(bad, "all", 0))).toMatchObject({
        error: 'Cannot use BAD.csv: line 3002: "x4" is not a number',
      });
      expect(await reading(() => pool.parse(missing, "all", 0))).toMatchObject({ code: "ENOENT" });
      expect(pool.counts).toEqual({ worker: 4, thread: 0 });
    } finally {
      await pool.close();
    }
  });

  it("read files on the service's thread when no worker can start", async () => {
    const file = path.join(dir, "A.csv");
    fs.writeFileSync(file, bigFile(2000));
    const expected = await reading(() => readPriceFile(file, "all"));
    const pool = new CsvParsePool({
      size: 1,
      minWorkerBytes: 0,
      workerFile: path.join(dir, "no-such-worker.js"),
      threadHelps: false,
    });
    expect(await reading(() => pool.parse(file, "all", 0))).toEqual(expected);
    expect(await reading(() => pool.parse(file, "all", 0))).toEqual(expected);
    expect(pool.counts).toEqual({ worker: 0, thread: 2 });
    expect(pool.workers).toBe(0);
    await pool.close();
  });

  it("give up on a worker that never gets ready", async () => {
    const file = path.join(dir, "A.csv");
    fs.writeFileSync(file, bigFile(2000));
    const silent = script("silent.js", `parentPort.on("message", () => {});`);
    const pool = new CsvParsePool({ size: 1, minWorkerBytes: 0, workerFile: silent, startTimeoutMs: 200, threadHelps: false });
    expect(await reading(() => pool.parse(file, "closes", 0))).toEqual(await reading(() => readPriceFile(file, "closes")));
    expect(pool.counts.thread).toBe(1);
    expect(pool.workers).toBe(0);
    await pool.close();
  });

  it("read the files a crashed worker had in hand, and stop starting workers after a few crashes", async () => {
    const files = [0, 1, 2, 3, 4].map((i) => {
      const file = path.join(dir, `C${i}.csv`);
      fs.writeFileSync(file, bigFile(1500, i));
      return file;
    });
    const crashing = script(
      "crash.js",
      `parentPort.postMessage("ready");\nparentPort.on("message", () => { throw new Error("boom"); });`,
    );
    const pool = new CsvParsePool({ size: 1, minWorkerBytes: 0, workerFile: crashing, threadHelps: false });
    for (const file of files)
      expect(await reading(() => pool.parse(file, "all", 0))).toEqual(await reading(() => readPriceFile(file, "all")));
    expect(pool.crashes).toBe(3);
    expect(pool.counts).toEqual({ worker: 0, thread: 5 });
    expect(pool.workers).toBe(0);
    await pool.close();
  });

  it("read files on the service's thread too while the workers have their hands full, with the same columns", async () => {
    const files = [0, 1, 2, 3, 4, 5, 6, 7].map((i) => {
      const file = path.join(dir, `H${i}.csv`);
      fs.writeFileSync(file, bigFile(2500, i));
      return file;
    });
    const pool = new CsvParsePool({ size: 1, minWorkerBytes: 0 });
    try {
      const all = await Promise.all(files.map((file) => reading(() => pool.parse(file, "all", 0))));
      for (const [i, file] of files.entries()) expect(all[i]).toEqual(await reading(() => readPriceFile(file, "all")));
      // The first file at least is read here (no worker is ready when it is asked for); how the
      // rest are shared depends on how soon the worker starts.
      expect(pool.counts.thread).toBeGreaterThan(0);
      expect(pool.counts.thread + pool.counts.worker).toBe(files.length);
    } finally {
      await pool.close();
    }
  });

  it("take small files on the service's thread and large ones on a worker", async () => {
    const small = path.join(dir, "S.csv");
    const large = path.join(dir, "L.csv");
    fs.writeFileSync(small, bigFile(50));
    fs.writeFileSync(large, bigFile(3000));
    const pool = new CsvParsePool({ size: 1, threadHelps: false });
    await pool.parse(small, "all", fs.statSync(small).size);
    await pool.parse(large, "all", fs.statSync(large).size);
    expect(pool.counts).toEqual({ worker: 1, thread: 1 });
    await pool.close();
    // Closed: no worker left, and files are still read.
    expect(pool.workers).toBe(0);
    await pool.parse(large, "all", fs.statSync(large).size);
    expect(pool.counts).toEqual({ worker: 1, thread: 2 });
  });
});

describe("CSV provider with parse workers", () => {
  let folder: string;
  beforeAll(() => {
    folder = tempDir("aichain-parse-provider-");
    fs.writeFileSync(path.join(folder, "BIG.csv"), bigFile(7800, 3));
  });
  afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

  it("reads a file for its closes, then in full when a request needs every field, with the numbers of a full reading", async () => {
    const provider = new CsvProvider(folder, { parse: { threadHelps: false } });
    const fresh = new CsvProvider(folder);
    try {
      const closes = await provider.columns("BIG", "1996-01-01", "2030-01-01", ["close", "adjclose"]);
      expect(Object.keys(closes.values).sort()).toEqual(["adjclose", "close"]);
      expect(provider.parses).toBe(1);
      const quote = await provider.quote(["BIG"]);
      expect(provider.parses).toBe(1); // a quote needs the closes only
      const rows = await provider.history("BIG", "1996-01-01", "2030-01-01", "1d");
      expect(provider.parses).toBe(2);
      expect(rows).toEqual(await fresh.history("BIG", "1996-01-01", "2030-01-01", "1d"));
      expect(quote).toEqual(await fresh.quote(["BIG"]));
      const full = await fresh.columns("BIG", "1996-01-01", "2030-01-01", ["open", "close", "adjclose", "volume"]);
      for (const f of ["close", "adjclose"] as const) expect(Array.from(closes.values[f])).toEqual(Array.from(full.values[f]));
      // Held in full now: closes and any other field come from it without another reading.
      const again = await provider.columns("BIG", "2000-01-01", "2001-01-01", ["close", "adjclose", "volume"]);
      expect(Array.from(again.values.volume)).toEqual(
        Array.from((await fresh.columns("BIG", "2000-01-01", "2001-01-01", ["volume"])).values.volume),
      );
      expect(provider.parses).toBe(2);
      expect(provider.pool.counts.worker).toBe(2);
    } finally {
      await provider.close();
      await fresh.close();
    }
  });

  it("ends its workers when the service closes", async () => {
    const server = await startServer({ http: true, port: 0, provider: "csv", csvDir: folder, logger: false, csvWorkers: 1 });
    const provider = server.service.provider as CsvProvider;
    const res = await fetch(`${server.url}/api/v1/closes?symbols=BIG&dates=2010-06-30`);
    expect(res.status).toBe(200);
    expect(provider.pool.workers).toBe(1);
    await server.close();
    expect(provider.pool.workers).toBe(0);
  });
});
