/**
 * Every cell answers for itself: a corpus of ordinary and odd calls (bad and impossible dates, the
 * far past, the future, reversed ranges, unknown symbols and names, private companies, mixed
 * symbols, intervals and types) is evaluated twice against the same fake service: all cells in one
 * recalculation, and each cell alone with a fresh client. Every cell must show the same value or
 * the same error (code and message) both ways, and again when the whole sheet recalculates on a
 * warm cache.
 *
 * The corpus is drawn from a seeded generator; set AICHAIN_ISOLATION_CELLS (size) and
 * AICHAIN_ISOLATION_SEED to run more or to replay one.
 */
import { createMarketClient, setMarketClient } from "../../src/client";
import {
  annualVolatility,
  compare,
  compoundGrowth,
  etfReturn,
  history,
  symbolReturn,
  worstDrawdown,
} from "../../src/functions/marketFunctions";
import { FakeMarketService, makeSeries, noonUtc, type FakeSeries } from "../client/fakeMarketService";
import { TODAY } from "./marketFunctionsSetup";
import { seededRandom } from "../seededRandom";

const SIZE = Number(process.env.AICHAIN_ISOLATION_CELLS ?? 500);
const SEED = Number(process.env.AICHAIN_ISOLATION_SEED ?? 20250630);

const SERIES: Record<string, FakeSeries> = {
  SOXX: makeSeries(1, "2022-12-01", "2025-03-31", { dividendDate: "2024-06-10", dividend: 0.9 }),
  SMH: makeSeries(2, "2011-01-03", TODAY, { dividendDate: "2023-12-18", dividend: 1.1 }),
  QQQ: makeSeries(3, "1999-03-10", TODAY),
  NVDA: makeSeries(4, "1999-01-22", TODAY),
  "9988.HK": makeSeries(5, "2019-11-26", TODAY),
  MSFT: makeSeries(6, "1986-03-13", TODAY),
  YOUNG: makeSeries(7, "2025-05-01", TODAY),
};

const SYMBOLS: unknown[] = [
  "SOXX",
  "soxx",
  " SMH ",
  "QQQ",
  "NVDA",
  "Nvidia",
  "Alibaba",
  "9988.HK",
  "Microsoft",
  "MSFT",
  "YOUNG",
  "NOPE",
  "SOXXX",
  "OpenAI",
  "GitHub",
  "not a symbol!",
  "",
  42,
  true,
  "X".repeat(300),
  "^GSPC",
];
const STARTS: unknown[] = [
  "2025-01-01",
  "2024-03-15",
  "2023-06-30",
  "2010-01-04",
  "1999-12-31",
  "1970-01-01",
  "1969-06-01",
  "0001-01-01",
  "0099-12-31",
  "2030-01-01",
  "2025-06-30",
  "2025-02-30",
  "2024-13-01",
  "1/2/2024",
  "",
  45658,
  36526,
  1,
  60,
  -5,
  2958466,
  true,
  "2025-05-01",
  "2022-11-15",
];
const ENDS: unknown[] = [
  undefined,
  undefined,
  undefined,
  "2024-12-31",
  "1969-12-31",
  "2023-01-01",
  "2099-12-31",
  45838,
  "2025-03-31",
  "2022-12-05",
  "bad",
  null,
];
const TYPES: unknown[] = [undefined, undefined, "price", "total", "dividends"];

type Cell = { label: string; run: () => Promise<unknown> };

function corpus(size: number, seed: number): Cell[] {
  const next = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)];
  const windowed = [etfReturn, symbolReturn, compoundGrowth, annualVolatility, worstDrawdown] as const;
  const cells: Cell[] = [];
  for (let i = 0; i < size; i++) {
    const [symbol, start, end, type] = [pick(SYMBOLS), pick(STARTS), pick(ENDS), pick(TYPES)];
    const kind = next();
    const args = JSON.stringify([symbol, start, end, type]).slice(0, 120);
    if (kind < 0.75) {
      const fn = pick(windowed);
      cells.push({ label: `${fn.name}${args}`, run: () => fn(symbol as string, start, end, type as string) });
    } else if (kind < 0.9) {
      const interval = pick([undefined, 0, 1, 2, 3] as const);
      cells.push({
        label: `history${args} interval ${interval}`,
        run: () => history(symbol as string, start, end, interval as number, 1, undefined, [0, 1, 6, 7]),
      });
    } else {
      const symbols = [[symbol], [pick(SYMBOLS)]];
      cells.push({
        label: `compare${JSON.stringify(symbols).slice(0, 80)}${args}`,
        run: () => compare(symbols as never, start, end, type as string),
      });
    }
  }
  return cells;
}

/** What a cell shows: its value, or its Excel error code and message (also inside spilled arrays). */
async function shown(run: () => Promise<unknown>): Promise<string> {
  try {
    return JSON.stringify(await run(), (_key, value: unknown) =>
      value instanceof CustomFunctions.Error ? `${value.code}: ${value.message}` : value,
    );
  } catch (err) {
    if (err instanceof CustomFunctions.Error) return `${err.code}: ${err.message}`;
    return `thrown: ${err instanceof Error ? err.message : String(err)}`;
  }
}

function freshClient() {
  const service = new FakeMarketService({ series: SERIES });
  const client = createMarketClient({
    baseUrl: "http://service.test/api/v1",
    fetch: service.fetch,
    now: () => noonUtc(TODAY),
    batchDelayMs: 0,
  });
  setMarketClient(client);
  return { service, client };
}

afterEach(() => setMarketClient(undefined));

test(`a corpus of odd and ordinary cells answers the same batched, alone and warm`, async () => {
  const cells = corpus(SIZE, SEED);
  const alone: string[] = [];
  for (const cell of cells) {
    freshClient();
    alone.push(await shown(cell.run));
  }

  const { service } = freshClient();
  const batched = await Promise.all(cells.map((cell) => shown(cell.run)));
  const warm = await Promise.all(cells.map((cell) => shown(cell.run)));

  const differences = cells.flatMap((cell, i) => [
    ...(batched[i] === alone[i] ? [] : [`${cell.label}\n  alone:   ${alone[i]}\n  batched: ${batched[i]}`]),
    ...(warm[i] === alone[i] ? [] : [`${cell.label}\n  alone: ${alone[i]}\n  warm:  ${warm[i]}`]),
  ]);
  console.log(
    `cell isolation: ${cells.length} cells (seed ${SEED}), ${differences.length} differences, ${service.requestsTo("history").length} history requests batched`,
  );
  expect(differences).toEqual([]);

  // The corpus exercises what it claims to: values, #VALUE! and #N/A all occur, and so do the
  // refusals that used to poison a whole batch.
  expect(alone.filter((r) => /^-?\d/.test(r) || r.startsWith("[")).length).toBeGreaterThan(cells.length / 10);
  expect(alone.some((r) => r.startsWith("#VALUE!"))).toBe(true);
  expect(alone.some((r) => r.startsWith("#N/A"))).toBe(true);
  expect(cells.some((c) => c.label.includes("1969-06-01"))).toBe(true);
});
