/**
 * The cache's promise, tried many times: whatever was visited before, in whatever order and
 * concurrently, every answer equals a fetch into an empty cache at the same instant.
 * Random visit sequences run at random instants (before and after splits and dividends, before,
 * during and after sessions, in New York, Hong Kong, Berlin and Sydney) against the time-travelling
 * Yahoo stand-in. AICHAIN_PROPERTY_SEED replays a run; AICHAIN_PROPERTY_RUNS runs more.
 */
import fc from "fast-check";
import type { HistoryResponse } from "../../src/api/contract";
import { addDays } from "../../src/api/validation";
import { SqliteMarketStore } from "../../src/server/cache/sqliteMarketStore";
import { HistoryService } from "../../src/server/historyService";
import { YahooProvider } from "../../src/server/providers/yahooProvider";
import { UpstreamQueue } from "../../src/server/upstreamQueue";
import { LISTINGS, TimeTravelYahoo, zonedInstant } from "./timeTravelYahoo";

const SEED = Number(process.env.AICHAIN_PROPERTY_SEED ?? 20240311);
const RUNS = Number(process.env.AICHAIN_PROPERTY_RUNS ?? 30);
const FIRST_DAY = "2023-11-01";
const LAST_DAY = "2024-06-28";
const DAYS = 240;
/** Local times: overnight, before the open, mid-session, just after the close, late evening. */
const TIMES = ["00:30", "04:10", "08:00", "11:45", "14:20", "16:05", "17:45", "23:30"];

interface Visit {
  symbol: number;
  day: number;
  time: number;
  /** Requests sent together: [start offset from the visit day, length in days]. */
  ranges: [number, number][];
}

const visitArb: fc.Arbitrary<Visit> = fc.record({
  symbol: fc.nat({ max: LISTINGS.length - 1 }),
  day: fc.integer({ min: 60, max: DAYS }),
  time: fc.nat({ max: TIMES.length - 1 }),
  ranges: fc.array(fc.tuple(fc.integer({ min: -200, max: 0 }), fc.integer({ min: 0, max: 160 })), { minLength: 1, maxLength: 3 }),
});

const newService = (provider: YahooProvider, yahoo: TimeTravelYahoo) =>
  new HistoryService({
    provider,
    store: new SqliteMarketStore(":memory:"),
    queue: new UpstreamQueue({ sleep: async () => undefined, retries: 0, now: () => yahoo.clock.now }),
    now: () => yahoo.clock.now,
    // Today's bar moves by the minute; the comparison is at one instant, so it is never reused.
    liveTtlMs: 0,
  });

/** Differences between two answers beyond 1e-12 relative, as readable lines. */
function differences(a: HistoryResponse, b: HistoryResponse): string[] {
  const out: string[] = [];
  const close = (x: unknown, y: unknown) =>
    typeof x === "number" && typeof y === "number" ? Math.abs(x - y) <= 1e-12 * Math.max(Math.abs(x), Math.abs(y)) : x === y;
  const compare = (path: string, x: unknown, y: unknown) => {
    if (Array.isArray(x) && Array.isArray(y)) {
      if (x.length !== y.length) out.push(`${path}: ${x.length} vs ${y.length} entries`);
      else x.forEach((v, i) => compare(`${path}[${i}]`, v, y[i]));
    } else if (!close(x, y)) out.push(`${path}: ${String(x)} vs ${String(y)}`);
  };
  compare("symbols", Object.keys(a.series), Object.keys(b.series));
  compare(
    "errors",
    Object.values(a.errors).map((e) => e.code),
    Object.values(b.errors).map((e) => e.code),
  );
  for (const [symbol, s] of Object.entries(a.series)) {
    const f = b.series[symbol];
    if (!f) continue;
    for (const key of ["currency", "timezone", "basis", "rows", "dividends", "splits"] as const)
      compare(`${symbol}.${key}`, s[key], f[key]);
  }
  return out;
}

describe("history answers never depend on what was cached before", () => {
  const tally = { sequences: 0, answers: 0, held: 0 };
  afterAll(() => {
    console.log(
      `history property: seed ${SEED}, ${tally.sequences} visit sequences, ${tally.answers} answers compared, ${tally.held} equal to an empty-cache fetch`,
    );
  });

  it(`equals an empty-cache fetch at the same instant (seed ${SEED}, ${RUNS} runs)`, async () => {
    const yahoo = new TimeTravelYahoo(LISTINGS);
    const provider = new YahooProvider({ fetch: yahoo.fetch });
    await fc.assert(
      fc.asyncProperty(fc.array(visitArb, { minLength: 2, maxLength: 7 }), async (visits) => {
        tally.sequences++;
        const timed = visits
          .map((v) => ({ ...v, at: zonedInstant(addDays(FIRST_DAY, v.day), TIMES[v.time], LISTINGS[v.symbol].timezone) }))
          .sort((a, b) => a.at - b.at);
        const cached = newService(provider, yahoo);
        for (const visit of timed) {
          yahoo.clock.now = visit.at;
          const symbol = LISTINGS[visit.symbol].symbol;
          const day = addDays(FIRST_DAY, visit.day);
          const ranges = visit.ranges.map(([offset, length]) => {
            const start = addDays(day, offset) < FIRST_DAY ? FIRST_DAY : addDays(day, offset);
            const end = addDays(start, length) > LAST_DAY ? LAST_DAY : addDays(start, length);
            return { start, end };
          });
          // Overlapping requests for one symbol at once, as a recalculating workbook sends them.
          const answers = await Promise.all(ranges.map((r) => cached.get([symbol], r.start, r.end, "1d")));
          for (const [i, r] of ranges.entries()) {
            const fresh = await newService(provider, yahoo).get([symbol], r.start, r.end, "1d");
            const found = differences(answers[i], fresh);
            tally.answers++;
            if (found.length === 0) tally.held++;
            else
              throw new Error(
                `${symbol} ${r.start}..${r.end} at ${new Date(visit.at).toISOString()}: ${found.slice(0, 5).join("; ")}`,
              );
          }
        }
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
    expect(tally.held).toBe(tally.answers);
    expect(tally.answers).toBeGreaterThan(RUNS);
  });
});
