/**
 * The CSV provider at folder scale: the one-pass parser against a plain line-by-line reading of
 * the same files (random files from a seeded generator), the folder index, and the memory budget.
 */
import fc from "fast-check";
import fs from "node:fs";
import path from "node:path";
import { ByteLru } from "../../src/server/byteLru";
import { parsePriceCsv } from "../../src/server/providers/csvFile";
import { parsePriceColumns } from "../../src/server/providers/priceParser";
import { CsvProvider } from "../../src/server/providers/csvProvider";
import { fileArb, oddFileArb, outcome, reference, render } from "./priceFiles";
import { tempDir } from "./serviceHarness";

const SEED = Number(process.env.AICHAIN_PROPERTY_SEED ?? 20261130);
const RUNS = Number(process.env.AICHAIN_PROPERTY_RUNS ?? 200);

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

  it(`reads files with odd cells and dates as a line-by-line reading does, or fails on the same line (seed ${SEED}, ${RUNS} runs)`, () => {
    let failed = 0;
    fc.assert(
      fc.property(oddFileArb, (file) => {
        const text = render(file);
        const expected = outcome(() => reference(text, "X.csv"));
        expect(outcome(() => parsePriceCsv(text, "X.csv"))).toEqual(expected);
        if ("error" in expected) failed++;
      }),
      { seed: SEED, numRuns: RUNS },
    );
    // The generator must reach both outcomes, or the comparison above proves little.
    expect(failed).toBeGreaterThan(0);
    expect(failed).toBeLessThan(RUNS);
  });

  it(`reads the same closes when reading for closes only, and fails only where a full reading fails alike (seed ${SEED}, ${RUNS} runs)`, () => {
    fc.assert(
      fc.property(oddFileArb, (file) => {
        const text = render(file);
        let full: ReturnType<typeof parsePriceColumns> | Error;
        let closes: ReturnType<typeof parsePriceColumns> | Error;
        try {
          full = parsePriceColumns(text, "X.csv", "all");
        } catch (err) {
          full = err as Error;
        }
        try {
          closes = parsePriceColumns(text, "X.csv", "closes");
        } catch (err) {
          closes = err as Error;
        }
        if (closes instanceof Error) {
          // A cell the closes need is bad: the full reading names it too, unless another column
          // failed it on an earlier line.
          expect(full).toBeInstanceOf(Error);
          const line = (e: Error) => Number(/line (\d+)/.exec(e.message)?.[1]);
          if (line(full as Error) === line(closes)) expect((full as Error).message).toBe(closes.message);
          else expect(line(full as Error)).toBeLessThan(line(closes));
          return;
        }
        expect(closes.fields).toBe("closes");
        expect(closes.open).toHaveLength(0);
        // Where the full reading fails, it is over a column the closes do not need.
        if (full instanceof Error) return;
        for (const key of ["days", "close", "adjclose"] as const) expect(Array.from(closes[key])).toEqual(Array.from(full[key]));
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
