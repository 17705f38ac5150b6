/**
 * How fast the CSV provider turns price files into columns (`npm run bench -- csv-parse`):
 * synthetic 30-year daily files (bench/scaleData.ts), each read and parsed once, on the calling
 * thread and through the parse pool with 1 and 2 workers, in full and for closes only. Prints
 * files per second and milliseconds per file for each. Sizes: PARSE_FILES (default 300),
 * PARSE_YEARS (30).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { PriceFields } from "../src/server/providers/csvColumns";
import { CsvParsePool } from "../src/server/providers/csvParsePool";
import { writeSyntheticFolder } from "./scaleData";

const FILES = Number(process.env.PARSE_FILES ?? 300);
const YEARS = Number(process.env.PARSE_YEARS ?? 30);

async function timeAll(pool: CsvParsePool, files: string[], fields: PriceFields): Promise<number> {
  const began = performance.now();
  await Promise.all(files.map((file) => pool.parse(file, fields, Number.MAX_SAFE_INTEGER)));
  return performance.now() - began;
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aichain-parse-"));
  try {
    writeSyntheticFolder(dir, FILES, YEARS);
    const files = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith(".csv"))
      .map((f) => path.join(dir, f));
    const megabytes = files.reduce((sum, f) => sum + fs.statSync(f).size, 0) / 1e6;
    console.log(`CSV parse bench: ${files.length} files × ${YEARS} years (${megabytes.toFixed(0)} MB), ${os.cpus().length} CPUs`);
    console.log("");
    console.log("| where | fields | files/s | ms per file |");
    console.log("|---|---|---|---|");
    for (const workers of [0, 1, 2]) {
      const pool = new CsvParsePool({ size: workers });
      // Workers start (and the files come into the page cache) before anything is timed.
      await timeAll(pool, files.slice(0, 20), "all");
      for (const fields of ["all", "closes"] as const) {
        const best = Math.min(await timeAll(pool, files, fields), await timeAll(pool, files, fields));
        const where = workers === 0 ? "service thread" : `${workers} worker${workers > 1 ? "s" : ""}`;
        console.log(
          `| ${where} | ${fields} | ${((files.length / best) * 1000).toFixed(0)} | ${(best / files.length).toFixed(2)} |`,
        );
      }
      await pool.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
