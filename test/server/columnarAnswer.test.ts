/**
 * Series as typed columns on the service side: the columnar JSON written from the arrays is
 * exactly JSON.stringify of the format's object; a CSV folder answers columns and closes without
 * building rows; a remote source's columns are its rows turned over.
 */
import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import type { HistoryField } from "../../src/api/contract";
import { closesAnswer } from "../../src/server/closesAnswer";
import { MarketService } from "../../src/server/marketService";
import { CsvProvider } from "../../src/server/providers/csvProvider";
import {
  ColumnsResponse,
  SeriesColumns,
  columnarJson,
  columnarResponse,
  columnsFromPayload,
} from "../../src/server/columnarAnswer";
import { makeHarness, tempDir } from "./serviceHarness";

const SEED = Number(process.env.AICHAIN_PROPERTY_SEED ?? 20261130);
const RUNS = Number(process.env.AICHAIN_PROPERTY_RUNS ?? 200);

const FIELDS: HistoryField[] = ["open", "high", "low", "close", "adjclose", "volume"];
const value = fc.oneof(
  fc.double({ noNaN: false }),
  fc.constantFrom(Number.NaN, 0, -0, 1e-7, 1e21, 123.456, -5e-324),
  fc.integer({ min: -1e9, max: 1e9 }),
);
const series: fc.Arbitrary<SeriesColumns> = fc.integer({ min: 0, max: 40 }).chain((n) =>
  fc.record({
    currency: fc.string({ maxLength: 4 }),
    timezone: fc.constantFrom("America/New_York", 'odd "zone"\\'),
    days: fc.array(fc.integer({ min: -1000, max: 30000 }), { minLength: n, maxLength: n }).map((a) => Int32Array.from(a)),
    values: fc.record(
      Object.fromEntries(
        FIELDS.map((f) => [f, fc.array(value, { minLength: n, maxLength: n }).map((a) => Float64Array.from(a))]),
      ) as Record<HistoryField, fc.Arbitrary<Float64Array>>,
    ),
    dividends: fc.array(fc.tuple(fc.constant("2024-01-02"), fc.double({ noNaN: true, noDefaultInfinity: true })), {
      maxLength: 2,
    }),
    splits: fc.array(fc.tuple(fc.constant("2024-01-03"), fc.constantFrom(2, 0.5)), { maxLength: 1 }),
    source: fc.constantFrom("csv" as const, "yahoo" as const, "cache" as const),
    asOf: fc.constant("2024-07-01T00:00:00.000Z"),
    stale: fc.boolean(),
    basis: fc.option(fc.constantFrom("", "2024-01-03"), { nil: undefined }),
  }),
);

describe("columnar JSON from typed columns", () => {
  it(`is JSON.stringify of the format's object (${RUNS} seeded cases, seed ${SEED})`, () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom("AAA", "B.HK", 'Q"'), series, { maxKeys: 3 }),
        fc.subarray(FIELDS, { minLength: 1 }),
        fc.dictionary(fc.constantFrom("ZZZ"), fc.record({ code: fc.constant("no_data" as const), message: fc.string() })),
        (bySymbol, fields, errors) => {
          const response: ColumnsResponse = { series: bySymbol, errors };
          expect(columnarJson(response, fields)).toBe(JSON.stringify(columnarResponse(response, fields)));
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
  });
});

describe("columns from a CSV folder", () => {
  it("answers columns and closes without building rows, equal to what the rows say", async () => {
    const dir = tempDir("aichain-series-columns-");
    const lines = ["Date,Open,High,Low,Close,Adj Close,Volume"];
    for (let i = 0; i < 300; i++) {
      const date = new Date(Date.UTC(2023, 0, 2) + i * 86_400_000).toISOString().slice(0, 10);
      lines.push(`${date},${i % 7 === 0 ? "null" : 10 + i},${11 + i},${9 + i},${10.5 + i},${10.25 + i},${i * 100}`);
    }
    fs.writeFileSync(path.join(dir, "AAA.csv"), lines.join("\n"));
    const provider = new CsvProvider(dir);
    const service = new MarketService({ provider });
    try {
      const rows = await service.history(["AAA", "NONE"], "2023-02-01", "2023-06-30", "1d");
      let rowReads = 0;
      const history = provider.history.bind(provider);
      provider.history = (...args) => {
        rowReads++;
        return history(...args);
      };
      const columns = await service.historyColumns(["AAA", "NONE"], "2023-02-01", "2023-06-30", "1d");
      expect(rowReads).toBe(0);
      expect(columns.errors).toEqual(rows.errors);
      const { days, values, ...meta } = columns.series.AAA;
      const fromRows = columnsFromPayload(rows.series.AAA);
      const { days: _days, values: _values, ...rowMeta } = fromRows;
      expect(meta).toEqual(rowMeta);
      expect(Array.from(days)).toEqual(Array.from(fromRows.days));
      for (const f of FIELDS) expect(Array.from(values[f])).toEqual(Array.from(fromRows.values[f]));
      const closes = await closesAnswer(
        (...args) => service.historyColumns(...args),
        ["AAA"],
        ["2023-03-05", "latest"],
        "2024-01-01",
      );
      expect(closes.series.AAA.closes).toEqual([
        ["2023-03-05", 72.5, 72.25],
        ["2023-10-28", 309.5, 309.25],
      ]);
      // Nothing in the range is "no data", as for rows.
      const empty = await service.historyColumns(["AAA"], "2030-01-01", "2030-02-01", "1d");
      expect(empty.errors.AAA.code).toBe("no_data");
      expect(rowReads).toBe(0);
    } finally {
      await service.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("columns through the market cache", () => {
  it("are the rows of the same answer, turned into columns", async () => {
    const h = makeHarness();
    try {
      const rows = await h.service.history(["SOXX"], "2024-01-02", "2024-01-19", "1d");
      const columns = await h.service.historyColumns(["SOXX"], "2024-01-02", "2024-01-19", "1d");
      const expected = columnsFromPayload(rows.series.SOXX);
      expect(Array.from(columns.series.SOXX.days)).toEqual(Array.from(expected.days));
      expect(Array.from(columns.series.SOXX.values.adjclose)).toEqual(Array.from(expected.values.adjclose));
      expect(columns.series.SOXX.values.close.length).toBe(rows.series.SOXX.rows.length);
    } finally {
      h.close();
    }
  });
});
