/**
 * The bar functions' window statistics (volatility scanned, drawdown from its tree) against the definitions scanned directly, on seeded random
 * series and windows. AICHAIN_PROPERTY_RUNS raises the number of cases, AICHAIN_PROPERTY_SEED
 * replays one.
 */
import fc from "fast-check";
import { dayNumberToIso, isoToDayNumber } from "../../src/market/isoDate";
import type { DailyBar, ReturnKind } from "../../src/market/types";
import { maxDrawdownOfValues, volatilityOfValues } from "../../src/market/valueStats";
import { windowOf, windowValues } from "../../src/market/window";
import { windowMaxDrawdown } from "../../src/market/windowIndex";
import { maxDrawdown, volatility } from "../../src/market";

const SEED = Number(process.env.AICHAIN_PROPERTY_SEED ?? 20261130);
const RUNS = Number(process.env.AICHAIN_PROPERTY_RUNS ?? 300);
const FIRST_DAY = isoToDayNumber("2000-01-03");

function barsFrom(closes: number[], adjFactor: number[]): DailyBar[] {
  return closes.map((close, i) => ({
    date: dayNumberToIso(FIRST_DAY + i * 2),
    open: null,
    high: null,
    low: null,
    close,
    adjclose: close * adjFactor[i % adjFactor.length],
    volume: null,
  }));
}

/** Random walks, flat runs and steady growth: the shapes where shortcuts go wrong. */
const seriesArb = fc.oneof(
  fc
    .array(fc.double({ min: -0.25, max: 0.25, noNaN: true }), { minLength: 1, maxLength: 300 })
    .map((rs) => rs.reduce((vs, r) => [...vs, vs[vs.length - 1] * (1 + r)], [100])),
  fc
    .array(fc.constantFrom(-0.01, 0, 0.01, 0.02), { minLength: 1, maxLength: 120 })
    .map((rs) => rs.reduce((vs, r) => [...vs, vs[vs.length - 1] * (1 + r)], [50])),
  fc.integer({ min: 2, max: 200 }).map((n) => Array.from({ length: n }, (_, i) => 10 * 1.0003 ** i)),
  fc.integer({ min: 2, max: 50 }).map((n) => Array.from({ length: n }, () => 42)),
);

const caseArb = fc
  .record({
    closes: seriesArb,
    factors: fc.array(fc.double({ min: 0.5, max: 1, noNaN: true }), { minLength: 1, maxLength: 5 }),
    kind: fc.constantFrom<ReturnKind>("total", "price"),
    windows: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.boolean()), { minLength: 1, maxLength: 20 }),
  })
  .map(({ closes, factors, kind, windows }) => ({ bars: barsFrom(closes, factors), kind, windows }));

/** The outcome of a calculation: its value and dates, or its error's message. */
function outcome(f: () => { value: number; baseDate: string; endDate: string }) {
  try {
    return f();
  } catch (err) {
    return { error: (err as Error).message };
  }
}

function datesOf(bars: DailyBar[], [a, b, openEnd]: [number, number, boolean]) {
  const span = bars.length * 2 + 4;
  // Odd offsets fall between trading days, so "on or before" is exercised too.
  const lo = Math.min(a % span, b % span);
  const hi = Math.max(a % span, b % span);
  return { start: dayNumberToIso(FIRST_DAY + lo - 1), end: openEnd ? undefined : dayNumberToIso(FIRST_DAY + hi - 1) };
}

describe("indexed window statistics", () => {
  it(`bar volatility is the two-pass scan to the last bit (seed ${SEED}, ${RUNS} series)`, () => {
    // COMPARE and the pane's comparison call it; a VOLATILITY cell scans typed columns by the same
    // definition. An analyst putting the two side by side must see the same number.
    let compared = 0;
    fc.assert(
      fc.property(caseArb, ({ bars, kind, windows }) => {
        for (const w of windows) {
          const { start, end } = datesOf(bars, w);
          const direct = outcome(() => {
            const win = windowOf(bars, start, end);
            return { value: volatilityOfValues(windowValues(bars, win, kind)), baseDate: win.baseDate, endDate: win.endDate };
          });
          expect(outcome(() => volatility(bars, start, end, kind))).toEqual(direct);
          if (!("error" in direct)) compared++;
        }
      }),
      { seed: SEED, numRuns: RUNS },
    );
    expect(compared).toBeGreaterThan(RUNS);
  });

  it(`max drawdown is identical to the running-maximum scan (seed ${SEED}, ${RUNS} series)`, () => {
    fc.assert(
      fc.property(caseArb, ({ bars, kind, windows }) => {
        for (const w of windows) {
          const { start, end } = datesOf(bars, w);
          const direct = outcome(() => {
            const win = windowOf(bars, start, end);
            return { value: maxDrawdownOfValues(windowValues(bars, win, kind)), baseDate: win.baseDate, endDate: win.endDate };
          });
          expect(outcome(() => windowMaxDrawdown(bars, start, end, kind))).toEqual(direct);
        }
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it("gives the same window of the same series the same value whatever was asked before", () => {
    const closes = Array.from({ length: 400 }, (_, i) => 100 * 1.001 ** i * (1 + 0.05 * Math.sin(i)));
    const first = barsFrom(closes, [0.9]);
    const again = barsFrom(closes, [0.9]);
    const before = [volatility(first, "2000-03-01", "2000-05-01").value, maxDrawdown(first, "2000-03-01", "2000-05-01").value];
    for (let d = 0; d < 50; d++) {
      volatility(again, dayNumberToIso(FIRST_DAY + d * 3), dayNumberToIso(FIRST_DAY + d * 3 + 90));
      maxDrawdown(again, dayNumberToIso(FIRST_DAY + d * 3), dayNumberToIso(FIRST_DAY + d * 3 + 90));
    }
    expect([volatility(again, "2000-03-01", "2000-05-01").value, maxDrawdown(again, "2000-03-01", "2000-05-01").value]).toEqual(
      before,
    );
  });

  it("is what VOLATILITY and MAXDRAWDOWN use", () => {
    const bars = barsFrom([100, 90, 120, 60, 80, 150, 140], [1]);
    expect(maxDrawdown(bars, "2000-01-03").value).toBe(-0.5);
    expect(volatility(bars, "2000-01-03").value).toBe(volatilityOfValues([100, 90, 120, 60, 80, 150, 140]));
  });

  it("sees a series that grew in place and an unusable value inside a window", () => {
    const bars = barsFrom([100, 110, 99, 120], [1]);
    expect(windowMaxDrawdown(bars, "2000-01-03").value).toBeCloseTo(99 / 110 - 1, 15);
    bars.push({ ...bars[3], date: "2000-01-11", close: 30, adjclose: 30 });
    expect(windowMaxDrawdown(bars, "2000-01-03").value).toBe(30 / 120 - 1);
    expect(volatility(bars, "2000-01-03").value).toBe(volatilityOfValues([100, 110, 99, 120, 30]));
    const holed = barsFrom([100, 110, 0, 120], [1]);
    expect(() => volatility(holed, "2000-01-03")).toThrow("There is no valid adjusted close on 2000-01-07");
    expect(() => windowMaxDrawdown(holed, "2000-01-03", undefined, "price", "SOXX")).toThrow(
      "SOXX has no valid close on 2000-01-07",
    );
    expect(windowMaxDrawdown(holed, "2000-01-09").value).toBe(0);
  });
});
