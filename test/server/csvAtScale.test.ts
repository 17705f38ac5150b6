/**
 * The CSV provider at folder scale: the one-pass parser against a plain line-by-line reading of
 * the same files (random files from a seeded generator), the folder index, and the memory budget.
 */
import fc from "fast-check";
import fs from "node:fs";
import path from "node:path";
import type { HistoryRow } from "../../src/api/contract";
import { ByteLru } from "../../src/server/byteLru";
import { CsvFormatError, parsePriceCsv } from "../../src/server/providers/csvFile";
import { CsvProvider } from "../../src/server/providers/csvProvider";
import { tempDir } from "./serviceHarness";

const SEED = Number(process.env.AICHAIN_PROPERTY_SEED ?? 20261130);
const RUNS = Number(process.env.AICHAIN_PROPERTY_RUNS ?? 200);

/** The reading rules written the slow, obvious way: split lines, split cells, look each one up. */
function reference(text: string, label: string): HistoryRow[] {
  const lines = text.replace(/^\uFEFF/, "").split(/\r\n|\n|\r/);
  const clean = (c: string) =>
    c
      .trim()
      .replace(/^"(.*)"$/, "$1")
      .trim();
  const headerLine = lines.findIndex((l) => l.trim() !== "");
  if (headerLine < 0) throw new CsvFormatError(label, "it is empty", true);
  const names = lines[headerLine].split(",").map((c) =>
    clean(c)
      .toLowerCase()
      .replace(/[\s_*]+/g, ""),
  );
  const col = (...alts: string[]) => alts.map((a) => names.indexOf(a)).find((i) => i >= 0) ?? -1;
  const at = [col("date"), col("open"), col("high"), col("low"), col("close", "price"), col("adjclose"), col("volume", "vol.")];
  if (at[0] < 0 || at[4] < 0) throw new CsvFormatError(label, "not a price file", true);
  const byDate = new Map<string, HistoryRow>();
  lines.forEach((line, i) => {
    if (i <= headerLine || line.trim() === "") return;
    const cells = line.split(",").map(clean);
    const date = cells[at[0]] ?? "";
    if (
      !/^\d{4}-\d{2}-\d{2}$/.test(date) ||
      Number.isNaN(Date.parse(`${date}T00:00:00Z`)) ||
      new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) !== date
    ) {
      throw new CsvFormatError(label, `line ${i + 1}: bad date`);
    }
    const num = (k: number): number | null => {
      if (at[k] < 0) return null;
      const cell = cells[at[k]] ?? "";
      if (["", "null", "nan", "n/a", "-"].includes(cell.toLowerCase())) return null;
      const n = Number(cell);
      if (!Number.isFinite(n)) throw new CsvFormatError(label, `line ${i + 1}: "${cell}" is not a number`);
      return n;
    };
    const close = num(4);
    if (close === null) return;
    byDate.set(date, [date, num(1), num(2), num(3), close, num(5) ?? close, num(6)]);
  });
  return [...byDate.values()].sort((a, b) => (a[0] < b[0] ? -1 : 1));
}

const dateArb = fc
  .integer({ min: 0, max: 20_000 })
  .map((d) => new Date(Date.UTC(1990, 0, 1) + d * 86_400_000).toISOString().slice(0, 10));
const numberCell = fc.oneof(
  { weight: 8, arbitrary: fc.double({ min: 0.01, max: 1e6, noNaN: true }).map((n) => String(Math.round(n * 100) / 100)) },
  { weight: 1, arbitrary: fc.constantFrom("null", "NaN", "", "-", "n/a", " 12.5 ", '"42"', "1e3") },
  // Decimals of every length and shape (leading zeros, a point first or last, a sign, more
  // digits than a double holds), and doubles as JavaScript writes them (exponents included).
  {
    weight: 4,
    arbitrary: fc
      .tuple(
        fc.constantFrom("", "-"),
        fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 1, maxLength: 20 }),
        fc.integer({ min: -1, max: 20 }),
      )
      .map(([sign, digits, point]) => {
        const text = digits.join("");
        return point < 0 || point > text.length ? `${sign}${text}` : `${sign}${text.slice(0, point)}.${text.slice(point)}`;
      }),
  },
  { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }).map(String) },
);
const rowArb = fc.record({ date: dateArb, cells: fc.array(numberCell, { minLength: 6, maxLength: 6 }) });
const fileArb = fc.record({
  rows: fc.array(rowArb, { maxLength: 60 }),
  bom: fc.boolean(),
  eol: fc.constantFrom("\n", "\r\n", "\r"),
  header: fc.constantFrom(
    ["Date", "Open", "High", "Low", "Close", "Adj Close", "Volume"],
    ["date", "open", "high", "low", "close", "adj_close", "volume"],
    ["Date", "Close", "Open", "High", "Low", "Volume", "Adj Close"],
    ["Date", "Open", "High", "Low", "Close"],
  ),
  blankLines: fc.boolean(),
});

function render(file: {
  rows: { date: string; cells: string[] }[];
  bom: boolean;
  eol: string;
  header: readonly string[];
  blankLines: boolean;
}): string {
  const lines = [file.header.join(",")];
  for (const row of file.rows) {
    lines.push([row.date, ...row.cells.slice(0, file.header.length - 1)].join(","));
    if (file.blankLines) lines.push("  ");
  }
  return (file.bom ? "\uFEFF" : "") + lines.join(file.eol) + file.eol;
}

describe("one-pass price parser", () => {
  it(`reads random files exactly as a line-by-line reading does (seed ${SEED}, ${RUNS} runs)`, () => {
    fc.assert(
      fc.property(fileArb, (file) => {
        const text = render(file);
        expect(parsePriceCsv(text, "X.csv")).toEqual(reference(text, "X.csv"));
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it("keeps the later line of a repeated date, whatever the file's order", () => {
    const text = ["Date,Close", "2024-01-03,3", "2024-01-02,2", "2024-01-03,30", "2024-01-01,1"].join("\n");
    expect(parsePriceCsv(text, "X.csv").map((r) => [r[0], r[4]])).toEqual([
      ["2024-01-01", 1],
      ["2024-01-02", 2],
      ["2024-01-03", 30],
    ]);
  });

  it.each([
    ["2023-02-29,1", 'line 2: "2023-02-29" is not a date as YYYY-MM-DD'],
    ["2024-1-02,1", 'line 2: "2024-1-02" is not a date as YYYY-MM-DD'],
    ["2024-01-02,1x", 'line 2: "1x" is not a number'],
    [",1", 'line 2: "" is not a date as YYYY-MM-DD'],
  ])("names the line of %j", (line, message) => {
    expect(() => parsePriceCsv(`Date,Close\n${line}\n`, "X.csv")).toThrow(`Cannot use X.csv: ${message}`);
  });

  it("calls an empty file empty", () => {
    expect(() => parsePriceCsv("\uFEFF\n \n", "X.csv")).toThrow("Cannot use X.csv: it is empty");
  });
});

describe("ByteLru", () => {
  it("drops the least recently used entries once past its bytes", () => {
    const lru = new ByteLru<string, number>(100);
    lru.set("a", 1, 40);
    lru.set("b", 2, 40);
    expect(lru.get("a")).toBe(1); // a is now the most recent
    lru.set("c", 3, 40);
    expect(lru.get("b")).toBeUndefined();
    expect([lru.get("a"), lru.get("c")]).toEqual([1, 3]);
    expect(lru.bytes).toBe(80);
    lru.set("a", 10, 30);
    expect(lru.bytes).toBe(70);
    lru.set("huge", 4, 101);
    expect(lru.get("huge")).toBeUndefined();
    expect(lru.size).toBe(2);
    lru.clear();
    expect([lru.size, lru.bytes, lru.get("a")]).toEqual([0, 0, undefined]);
  });
});

describe("CsvProvider over a large folder", () => {
  let dir: string;
  const file = (i: number) => {
    const lines = ["Date,Open,High,Low,Close,Adj Close,Volume"];
    for (let d = 0; d < 300; d++) {
      const date = new Date(Date.UTC(2020, 0, 1) + d * 86_400_000).toISOString().slice(0, 10);
      lines.push(`${date},${i + d},${i + d + 1},${i + d - 1},${i + d + 0.5},${i + d + 0.25},${d}`);
    }
    return lines.join("\n");
  };
  beforeAll(() => {
    dir = tempDir("aichain-csv-scale-");
    for (let i = 0; i < 400; i++) fs.writeFileSync(path.join(dir, `S${i}.csv`), file(i));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("lists the folder once for many requests, and finds files added later", async () => {
    const provider = new CsvProvider(dir);
    for (let i = 0; i < 50; i++) await provider.history(`S${i}`, "2020-01-01", "2020-12-31", "1d");
    await provider.quote(["S1", "S2", "S3"]);
    // One listing, and at most one more while the folder's time is too close to tell (coarse clocks).
    const listings = provider.index.listings;
    expect(listings).toBeLessThanOrEqual(2);
    fs.writeFileSync(path.join(dir, "late.csv"), file(7));
    expect((await provider.history("LATE", "2020-01-01", "2020-01-31", "1d")).rows[0]).toEqual([
      "2020-01-01",
      7,
      8,
      6,
      7.5,
      7.25,
      0,
    ]);
    expect(provider.index.listings).toBe(listings + 1);
    fs.renameSync(path.join(dir, "late.csv"), path.join(dir, "LATER.csv"));
    await expect(provider.history("LATE", "2020-01-01", "2020-01-31", "1d")).rejects.toMatchObject({ code: "unknown_symbol" });
    expect((await provider.history("LATER", "2020-01-01", "2020-01-31", "1d")).rows).toHaveLength(31);
    fs.rmSync(path.join(dir, "LATER.csv"));
  });

  it("keeps parsed files within its byte budget, re-reading evicted ones with the same answer", async () => {
    const budget = 20 * 300 * 52; // about twenty files' worth of columns
    const provider = new CsvProvider(dir, { maxBytes: budget });
    const first = await provider.history("S0", "2020-03-01", "2020-03-31", "1d");
    for (let i = 1; i < 400; i++) {
      await provider.history(`S${i}`, "2020-01-01", "2020-01-05", "1d");
      expect(provider.cachedBytes).toBeLessThanOrEqual(budget);
    }
    expect(provider.parses).toBe(400);
    expect(await provider.history("S0", "2020-03-01", "2020-03-31", "1d")).toEqual(first);
    expect(provider.parses).toBe(401);
    // A file still in the budget is not parsed again.
    await provider.history("S399", "2020-01-01", "2020-12-31", "1d");
    expect(provider.parses).toBe(401);
  });

  it("parses a file once for a burst of requests that arrive together", async () => {
    const provider = new CsvProvider(dir);
    const answers = await Promise.all(Array.from({ length: 20 }, () => provider.history("S5", "2020-01-01", "2020-12-31", "1d")));
    expect(provider.parses).toBe(1);
    expect(answers[19].rows).toHaveLength(300);
  });
});
