/**
 * Checks the csv provider end to end against a folder of real daily files (npx tsx
 * bench/csvProviderCheck.ts [DIR], or MARKET_DATA_DIR): for random date ranges,
 * /api/v1/history must return exactly the file's rows in that range. Skips when the folder
 * is absent. Rows are read here independently of the provider's parser.
 */
import fs from "node:fs";
import path from "node:path";
import { addDays, daysBetween } from "../src/api/validation";
import { startServer } from "../src/server/startServer";
import { MARKET_DATA_HINT, marketDataDir } from "./marketDataDir";

type Row = (string | number | null)[];

function fileRows(file: string): Row[] {
  const [header, ...lines] = fs
    .readFileSync(file, "utf8")
    .replace(/^\uFEFF/, "")
    .trim()
    .split(/\r?\n/);
  const cols = header.split(",").map((c) => c.trim().toLowerCase());
  const at = (name: string) => cols.indexOf(name);
  const num = (v: string | undefined) => (v === undefined || v === "" || v === "null" ? null : Number(v));
  return lines
    .map((line) => line.split(","))
    .filter((cells) => num(cells[at("close")]) !== null)
    .map((c) => {
      const close = num(c[at("close")]);
      return [
        c[at("date")],
        num(c[at("open")]),
        num(c[at("high")]),
        num(c[at("low")]),
        close,
        at("adj close") >= 0 ? (num(c[at("adj close")]) ?? close) : close,
        at("volume") >= 0 ? num(c[at("volume")]) : null,
      ];
    })
    .sort((a, b) => String(a[0]).localeCompare(String(b[0])));
}

/** A deterministic pseudo-random sequence, so a failing range can be reproduced. */
function random(seed: number) {
  return () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

async function main(): Promise<void> {
  const dir = marketDataDir();
  if (!dir) {
    console.log(`csv provider check: skipped (${MARKET_DATA_HINT})`);
    return;
  }
  const server = await startServer({ http: true, port: 0, provider: "csv", csvDir: dir, distDir: path.join(dir, "no-dist") });
  const next = random(20240101);
  let checks = 0;
  let mismatches = 0;
  try {
    const files = fs.readdirSync(dir).filter((f) => /\.csv$/i.test(f) && f.toLowerCase() !== "events.csv");
    for (const file of files) {
      const symbol = file.slice(0, -4).toUpperCase();
      const rows = fileRows(path.join(dir, file));
      const first = String(rows[0][0]);
      const span = daysBetween(first, String(rows[rows.length - 1][0]));
      for (let i = 0; i < 50; i++) {
        const start = addDays(first, Math.floor(next() * (span + 20)) - 10);
        const end = addDays(start, Math.floor(next() * 400));
        const expected = rows.filter((r) => String(r[0]) >= start && String(r[0]) <= end);
        const response = (await (
          await fetch(`${server.url}/api/v1/history?symbols=${symbol}&start=${start}&end=${end}`)
        ).json()) as {
          series: Record<string, { rows: Row[] }>;
          errors: Record<string, { code: string }>;
        };
        const got = response.series[symbol]?.rows ?? [];
        const same =
          JSON.stringify(got) === JSON.stringify(expected) &&
          (expected.length > 0 || response.errors[symbol]?.code === "no_data");
        checks++;
        if (!same) {
          mismatches++;
          console.log(`MISMATCH ${symbol} ${start}..${end}: expected ${expected.length} rows, got ${got.length}`);
        }
      }
      console.log(`${symbol}: ${rows.length} rows in the file, 50 random ranges checked`);
    }
  } finally {
    await server.close();
  }
  console.log(
    `${checks} ranges checked, ${mismatches} mismatches${mismatches ? "" : ": history returns exactly the files' rows"}`,
  );
  if (mismatches) process.exit(1);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
