/**
 * Pairs (`items=SYMBOL:DATE,...`) against the symbols+dates form: for any pairs over any series,
 * each pair's close (and its symbol's first date or error) is what the older form gives for that
 * symbol at that date. Seeded: AICHAIN_CLOSES_SEED replays a corpus, AICHAIN_CLOSES_RUNS runs more.
 */
import type { ApiError, ClosePair, ClosesResponse, HistoryResponse, HistoryRow } from "../../src/api/contract";
import { addDays } from "../../src/api/validation";
import { closePairsAnswer, closesAnswer, type HistoryReader } from "../../src/server/closesAnswer";
import { columnsOfHistory } from "../../src/server/columnarAnswer";
import { seededRandom } from "../seededRandom";

const SEED = Number(process.env.AICHAIN_CLOSES_SEED ?? 20261130);
const RUNS = Number(process.env.AICHAIN_CLOSES_RUNS ?? 40);
const TOMORROW = "2025-07-01";

type Rows = Record<string, HistoryRow[]>;

/** Weekday rows from `start`, with long halts and missing adjusted closes here and there. */
function drawSeries(random: () => number): Rows {
  const rows: Rows = {};
  const count = 1 + Math.floor(random() * 6);
  for (let s = 0; s < count; s++) {
    const symbol = `S${s}`;
    const list: HistoryRow[] = [];
    if (random() < 0.15) {
      rows[symbol] = list; // a symbol with no rows at all
      continue;
    }
    let date = addDays("1985-01-01", Math.floor(random() * 12_000));
    const end = addDays(date, Math.floor(random() * 3_000));
    while (date <= end && date < TOMORROW) {
      const day = new Date(`${date}T00:00:00Z`).getUTCDay();
      if (day !== 0 && day !== 6) {
        const close = Math.round(random() * 1e6) / 100 - (random() < 0.02 ? 50 : 0);
        const adj = random() < 0.05 ? null : close * (0.5 + random() / 2);
        list.push([date, close, close, close, close, adj as number, 1000]);
      }
      // Now and then a halt longer than the look-back.
      date = addDays(date, random() < 0.003 ? 20 + Math.floor(random() * 60) : 1);
    }
    rows[symbol] = list;
  }
  return rows;
}

function readerOf(rows: Rows): HistoryReader {
  return async (symbols, start, end) => {
    const response: HistoryResponse = { series: {}, errors: {} };
    for (const symbol of symbols) {
      const all = rows[symbol];
      if (!all) {
        response.errors[symbol] = { code: "unknown_symbol", message: `Unknown symbol ${symbol}` };
        continue;
      }
      const inside = all.filter(([d]) => d >= start && d <= end);
      if (inside.length === 0) {
        response.errors[symbol] = { code: "no_data", message: `No rows between ${start} and ${end}` };
        continue;
      }
      response.series[symbol] = {
        currency: "USD",
        timezone: "America/New_York",
        rows: inside,
        dividends: [],
        splits: [],
        source: "csv",
        asOf: "2025-06-30T21:00:00Z",
        stale: false,
      };
    }
    return columnsOfHistory(response);
  };
}

/**
 * A symbol's error as the add-in reads it: no data in the span read is a null close (the span a
 * request reads depends on the other dates it carries), any other error stands as it is.
 */
function outcome(error: ApiError | undefined): null | ApiError | undefined {
  return error?.code === "no_data" ? null : error;
}

function drawPairs(random: () => number, rows: Rows): ClosePair[] {
  const symbols = [...Object.keys(rows), "NOPE"];
  const pairs: ClosePair[] = [];
  const count = 1 + Math.floor(random() * 60);
  for (let i = 0; i < count; i++) {
    const symbol = symbols[Math.floor(random() * symbols.length)];
    const own = rows[symbol] ?? [];
    const pick = random();
    let date: string;
    if (pick < 0.1) date = "latest";
    else if (pick < 0.6 && own.length > 0)
      date = addDays(own[Math.floor(random() * own.length)][0], Math.floor(random() * 5) - 2);
    else date = addDays("1980-01-01", Math.floor(random() * 16_500));
    pairs.push({ symbol, date: date > TOMORROW ? TOMORROW : date });
  }
  // Repeats of a pair are answered at each place.
  if (random() < 0.3) pairs.push(pairs[0]);
  return pairs;
}

test(`pairs give the closes the symbols+dates form gives (seed ${SEED}, ${RUNS} corpora)`, async () => {
  console.log(`closes pairs property: seed ${SEED}, ${RUNS} corpora (AICHAIN_CLOSES_SEED, AICHAIN_CLOSES_RUNS)`);
  const random = seededRandom(SEED);
  let closes = 0;
  let nulls = 0;
  let errors = 0;
  for (let run = 0; run < RUNS; run++) {
    const rows = drawSeries(random);
    const pairs = drawPairs(random, rows);
    const read = readerOf(rows);
    const answer = await closePairsAnswer(read, pairs, TOMORROW);
    expect(answer.closes).toHaveLength(pairs.length);
    // The older form: every symbol of the pairs at every date of the pairs (at most 32 dates a request, as the route).
    const symbols = [...new Set(pairs.map((p) => p.symbol))];
    const dates = [...new Set(pairs.map((p) => p.date))];
    const crossed: ClosesResponse[] = [];
    for (let i = 0; i < dates.length; i += 32) crossed.push(await closesAnswer(read, symbols, dates.slice(i, i + 32), TOMORROW));
    pairs.forEach(({ symbol, date }, i) => {
      const part = crossed[Math.floor(dates.indexOf(date) / 32)];
      const series = part.series[symbol];
      const expected = series ? series.closes[dates.indexOf(date) % 32] : outcome(part.errors[symbol]);
      const got = answer.series[symbol] ? answer.closes[i] : outcome(answer.errors[symbol]);
      const label = `seed ${SEED} run ${run} item ${i} ${symbol}:${date}`;
      expect([label, got]).toEqual([label, expected]);
      if (answer.series[symbol] && series) {
        expect(answer.series[symbol].currency).toBe(series.currency);
        // A null close comes with where the series starts, as in the older form.
        if (expected === null) expect([label, answer.series[symbol].firstDate]).toEqual([label, series.firstDate]);
      }
      if (expected === null) nulls++;
      else if (Array.isArray(expected)) closes++;
      else errors++;
    });
  }
  console.log(`closes pairs property: ${closes} closes, ${nulls} nulls, ${errors} symbol errors identical`);
  expect(closes).toBeGreaterThan(0);
  expect(nulls + errors).toBeGreaterThan(0);
});

test("each symbol is read once, over the span its own dates need", async () => {
  const rows: Rows = {
    A: [
      ["2001-01-02", 1, 1, 1, 1, 1, 1],
      ["2020-06-01", 2, 2, 2, 2, 2, 1],
    ],
    B: [["2020-06-01", 3, 3, 3, 3, 3, 1]],
  };
  const reads: [string[], string, string][] = [];
  const inner = readerOf(rows);
  const read: HistoryReader = (symbols, start, end, interval) => {
    reads.push([symbols, start, end]);
    return inner(symbols, start, end, interval);
  };
  const answer = await closePairsAnswer(
    read,
    [
      { symbol: "A", date: "2001-01-05" },
      { symbol: "B", date: "2020-06-03" },
      { symbol: "A", date: "2001-01-03" },
    ],
    TOMORROW,
  );
  expect(answer.closes.map((c) => c?.[0])).toEqual(["2001-01-02", "2020-06-01", "2001-01-02"]);
  expect(reads.map(([s, , end]) => [s.join(), end]).sort()).toEqual([
    ["A", "2001-01-05"],
    ["B", "2020-06-03"],
  ]);
});
