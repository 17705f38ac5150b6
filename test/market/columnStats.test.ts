/**
 * VOLATILITY and MAXDRAWDOWN over windows of shared typed columns against the direct definitions
 * over each window's own bars: the same number to the last bit and the same dates or message,
 * whatever else the columns hold and whatever was asked before. Seeded random series with holes
 * (missing and non-positive values); AICHAIN_PROPERTY_RUNS raises the number of cases,
 * AICHAIN_PROPERTY_SEED replays one.
 */
import fc from "fast-check";
import { dayNumberToIso, isoToDayNumber } from "../../src/market/isoDate";
import { barsOfWindow, windowOfDays, type PriceColumns } from "../../src/market/priceColumns";
import { seriesMaxDrawdown, seriesVolatility } from "../../src/market/columnStats";
import type { ReturnKind } from "../../src/market/types";
import { maxDrawdownOfValues, volatilityOfValues } from "../../src/market/valueStats";
import { windowOf, windowValues } from "../../src/market/window";

const SEED = Number(process.env.AICHAIN_PROPERTY_SEED ?? 20261130);
const RUNS = Number(process.env.AICHAIN_PROPERTY_RUNS ?? 300);
const FIRST_DAY = isoToDayNumber("2000-01-03");

/** Closes on every second day; a hole is NaN (no value) or a non-positive price. */
function columnsFrom(closes: number[], factor: number, holes: readonly number[]): PriceColumns {
  const n = closes.length;
  const columns: PriceColumns = {
    days: Int32Array.from({ length: n }, (_, i) => FIRST_DAY + 2 * i),
    close: Float64Array.from(closes),
    adjclose: Float64Array.from(closes, (c) => c * factor),
  };
  for (const h of holes) {
    if (n === 0) break;
    const at = h % n;
    columns.adjclose[at] = h % 3 === 0 ? Number.NaN : -h;
    if (h % 2 === 0) columns.close[at] = 0;
  }
  return columns;
}

const caseArb = fc.record({
  closes: fc
    .array(fc.double({ min: -0.2, max: 0.2, noNaN: true }), { minLength: 0, maxLength: 250, size: "max" })
    .map((rs) => rs.reduce((vs, r) => [...vs, vs[vs.length - 1] * (1 + r)], [100])),
  factor: fc.double({ min: 0.5, max: 1, noNaN: true }),
  holes: fc.oneof(fc.constant<number[]>([]), fc.constant<number[]>([]), fc.array(fc.nat(), { maxLength: 2 })),
  kind: fc.constantFrom<ReturnKind>("total", "price"),
  // Each call: the part of the columns it holds (a, b) and its start and end inside (c, d).
  calls: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat(), fc.nat(), fc.boolean()), { minLength: 1, maxLength: 15 }),
});

function outcome(f: () => { value: number; baseDate: string; endDate: string }) {
  try {
    return f();
  } catch (err) {
    return { error: (err as Error).message };
  }
}

test(`typed windows give the bar definitions' exact values, dates and messages (seed ${SEED}, ${RUNS} series)`, () => {
  let values = 0;
  let errors = 0;
  fc.assert(
    fc.property(caseArb, ({ closes, factor, holes, kind, calls }) => {
      const columns = columnsFrom(closes, factor, holes);
      const span = closes.length * 2 + 6;
      for (const [a, b, c, d, openEnd] of calls) {
        // The call's own days (what the client hands it) inside shared columns.
        const first = FIRST_DAY - 2 + Math.min(a % span, b % span);
        const last = FIRST_DAY - 2 + Math.max(a % span, b % span);
        const window = windowOfDays(columns, first, last);
        const bars = barsOfWindow(window);
        // Mostly as the client asks (the held days begin 14 days before the start), sometimes not.
        const lead = c % 5 === 0 ? 0 : 14;
        const room = Math.max(1, last - first - lead + 3);
        const start = dayNumberToIso(first + lead + Math.min(c % room, d % room) - 1);
        const end = openEnd ? undefined : dayNumberToIso(first + lead + Math.max(c % room, d % room) - 1);
        const direct = (stat: (values: number[]) => number) =>
          outcome(() => {
            const win = windowOf(bars, start, end, "SYN");
            return { value: stat(windowValues(bars, win, kind, "SYN")), baseDate: win.baseDate, endDate: win.endDate };
          });
        const vol = outcome(() => seriesVolatility(window, start, end, kind, "SYN"));
        const dd = outcome(() => seriesMaxDrawdown(window, start, end, kind, "SYN"));
        expect(vol).toEqual(direct(volatilityOfValues));
        expect(dd).toEqual(direct(maxDrawdownOfValues));
        if ("error" in vol) errors++;
        else values++;
      }
    }),
    { seed: SEED, numRuns: RUNS },
  );
  console.log(`typed window statistics: ${values} values and ${errors} errors identical to the bar definitions`);
  expect(values).toBeGreaterThan(RUNS);
  expect(errors).toBeGreaterThan(10);
});

test("the answer for a window does not depend on what else the columns hold", () => {
  const closes = Array.from({ length: 600 }, (_, i) => 100 * 1.0007 ** i * (1 + 0.04 * Math.sin(i / 3)));
  const wide = columnsFrom(closes, 0.9, []);
  const narrow = columnsFrom(closes.slice(200, 320), 0.9, []);
  narrow.days = narrow.days.map((d) => d + 400);
  const start = dayNumberToIso(FIRST_DAY + 420);
  const end = dayNumberToIso(FIRST_DAY + 630);
  const inWide = windowOfDays(wide, FIRST_DAY + 400, FIRST_DAY + 638);
  const inNarrow = windowOfDays(narrow, FIRST_DAY + 400, FIRST_DAY + 638);
  expect(seriesVolatility(inWide, start, end)).toEqual(seriesVolatility(inNarrow, start, end));
  expect(seriesMaxDrawdown(inWide, start, end, "price")).toEqual(seriesMaxDrawdown(inNarrow, start, end, "price"));
});
