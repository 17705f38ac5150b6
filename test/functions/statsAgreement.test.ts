/**
 * VOLATILITY and MAXDRAWDOWN answered by the service's stats route against the same cells computed
 * in the add-in from the downloaded series (the service's route switched off, as an older service):
 * the same number to the last bit, or the same Excel error with the same message. Seeded random
 * series with holes (missing closes and adjusted closes, zeros, negative prices, -0, long gaps) and
 * random windows: before the data starts, empty, a single close, to the latest close, after the
 * data ends, over unknown symbols and symbols without rows. The fake service answers the route
 * with the service's own code (src/server/statsAnswer.ts).
 *
 * AICHAIN_STATS_RUNS raises the number of cases; AICHAIN_STATS_SEED replays one.
 */
import fc from "fast-check";
import type { HistoryRow } from "../../src/api/contract";
import { addDays, dayNumberToIso, isoToDayNumber } from "../../src/calendar/isoDate";
import { createMarketClient, setMarketClient } from "../../src/client";
import { annualVolatility, worstDrawdown } from "../../src/functions/marketFunctions";
import { FakeMarketService, noonUtc, type FakeSeries } from "../client/fakeMarketService";

const SEED = Number(process.env.AICHAIN_STATS_SEED ?? 20261130);
const RUNS = Number(process.env.AICHAIN_STATS_RUNS ?? 60);
const TODAY = "2025-06-30";
const FIRST = isoToDayNumber("2020-01-06");

/** A price, or one of the values a source may hold where it has none usable. */
const priceArb = fc.oneof(
  { weight: 60, arbitrary: fc.double({ min: 0.5, max: 5000, noNaN: true }) },
  { weight: 1, arbitrary: fc.constantFrom<number | null>(null, 0, -0, -3.5) },
);

const seriesArb = fc.record({
  /** Days from FIRST to the first row, then the gap before each next row (1: the next day). */
  offset: fc.integer({ min: 0, max: 40 }),
  /** Gap to the previous row in days, close, adjusted close, whether the adjusted close is there; sometimes no rows at all. */
  rows: fc.oneof(
    { weight: 1, arbitrary: fc.constant<[number, number | null, number | null, boolean][]>([]) },
    {
      weight: 8,
      arbitrary: fc.array(fc.tuple(fc.integer({ min: 1, max: 3 }), priceArb, priceArb, fc.constantFrom(true, true, false)), {
        maxLength: 120,
        size: "max",
      }),
    },
  ),
  /** A long halt: from this row on, rows come this many days later. */
  halt: fc.tuple(fc.nat(), fc.integer({ min: 0, max: 40 })),
});

const windowArb = fc.record({
  symbol: fc.nat(),
  statistic: fc.constantFrom("volatility", "maxdrawdown"),
  /** Days from FIRST - 30 to the start. */
  start: fc.integer({ min: 0, max: 160 }),
  /** Days from the start to the end; null: up to the latest close. */
  length: fc.option(fc.integer({ min: 0, max: 90 }), { nil: null }),
  type: fc.constantFrom<string | undefined>("total", "price", undefined),
});

const caseArb = fc.record({
  series: fc.array(seriesArb, { minLength: 1, maxLength: 3 }),
  windows: fc.array(windowArb, { minLength: 1, maxLength: 12 }),
});

type Series = typeof seriesArb extends fc.Arbitrary<infer T> ? T : never;

function rowsOf(series: Series): HistoryRow[] {
  const rows: HistoryRow[] = [];
  let day = FIRST + series.offset;
  series.rows.forEach(([gap, close, adjclose, hasAdj], i) => {
    day += gap + (i === series.halt[0] ? series.halt[1] : 0);
    const adj = hasAdj ? adjclose : null;
    rows.push([dayNumberToIso(day), null, null, null, close as number, adj as number, null]);
  });
  return rows;
}

/** What a cell shows: the value's bits, or the Excel error's code and message. */
async function cell(promise: Promise<number>): Promise<string> {
  try {
    const value = await promise;
    const bits = new BigUint64Array(Float64Array.of(value).buffer)[0];
    return `value ${value} (${bits.toString(16)})`;
  } catch (err) {
    const { code, message } = err as { code: string; message: string };
    return `${code} ${message}`;
  }
}

async function evaluate(fake: FakeMarketService, calls: [string, string, string, string | undefined, string | undefined][]) {
  setMarketClient(createMarketClient({ baseUrl: "http://service.test/api/v1", fetch: fake.fetch, now: () => noonUtc(TODAY) }));
  // One recalculation: every cell called at once.
  return Promise.all(
    calls.map(([statistic, symbol, start, end, type]) =>
      cell(statistic === "volatility" ? annualVolatility(symbol, start, end, type) : worstDrawdown(symbol, start, end, type)),
    ),
  );
}

afterAll(() => setMarketClient(undefined));

test(
  `the stats route gives each cell the series path's value bits or error and message (seed ${SEED}, ${RUNS} cases)`,
  async () => {
    let values = 0;
    let errors = 0;
    let routed = 0;
    await fc.assert(
      fc.asyncProperty(caseArb, async ({ series, windows }) => {
        const data: Record<string, FakeSeries> = {};
        series.forEach((s, i) => (data[`S${i}`] = { rows: rowsOf(s) }));
        // One window in eight names a symbol the service does not know.
        const calls = windows.map(
          (w) =>
            [
              w.statistic,
              w.symbol % 8 === 0 ? `S${series.length}` : `S${w.symbol % series.length}`,
              dayNumberToIso(FIRST - 30 + w.start),
              w.length === null ? undefined : addDays(dayNumberToIso(FIRST - 30 + w.start), w.length),
              w.type,
            ] as [string, string, string, string | undefined, string | undefined],
        );
        const route = new FakeMarketService({ series: data });
        route.now = () => noonUtc(TODAY);
        const local = new FakeMarketService({ series: data });
        local.statsRoute = false;
        const byRoute = await evaluate(route, calls);
        const bySeries = await evaluate(local, calls);
        expect(byRoute).toEqual(bySeries);
        // The route really answered (no series downloaded), and the series path really computed.
        expect(route.requestsTo("history")).toEqual([]);
        routed += route.requestsTo("stats").length;
        expect(local.requestsTo("history").length).toBeGreaterThan(0);
        for (const shown of byRoute)
          if (shown.startsWith("value")) values++;
          else errors++;
      }),
      // A failure is reported as found (shrinking cases of a hundred rows takes minutes).
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
    console.log(
      `stats route vs series path (seed ${SEED}): ${values} values and ${errors} errors identical over ${RUNS} cases, ${routed} stats requests`,
    );
    expect(values).toBeGreaterThan(RUNS);
    expect(errors).toBeGreaterThan(RUNS / 2);
  },
  60_000 + RUNS * 300,
);
