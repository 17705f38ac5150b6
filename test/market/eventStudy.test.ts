import { crossSection, eventStudy, eventStudyDates, marketModel, type DailyBar } from "../../src/market";
import { bar, thrown } from "./bars";
import { barsFromReturns, tradingDays, wiggle } from "./eventSeries";

/*
 * 300 weekdays from 2024-03-04. The benchmark moves by a fixed uneven pattern; the stock moves
 * exactly 0.001 + 1.5 x the benchmark every day, plus a shock of -0.12 on the event day.
 */
const DATES = tradingDays("2024-03-04", 300);
const EVENT_INDEX = 280; // dates[280] is day 0
const EVENT = DATES[EVENT_INDEX];
const BENCH_RETURNS = wiggle(7, DATES.length - 1);
const SHOCK = -0.12;
const stockReturns = (shock: number, noise: (i: number) => number = () => 0) =>
  BENCH_RETURNS.map((rb, i) => 0.001 + 1.5 * rb + noise(i) + (i + 1 === EVENT_INDEX ? shock : 0));
const BENCH = barsFromReturns(DATES, BENCH_RETURNS);
const STOCK = barsFromReturns(DATES, stockReturns(SHOCK));
const WINDOW = { eventDate: EVENT, windowStart: -1, windowEnd: 1, estimationDays: 250, gap: 10 };

describe("event study on a series built from the market model", () => {
  test("recovers alpha 0.001, beta 1.5 and the shock as AR(0) and CAR", () => {
    const r = eventStudy(STOCK, BENCH, WINDOW, "STK", "IDX");
    expect(r.alpha).toBeCloseTo(0.001, 12);
    expect(r.beta).toBeCloseTo(1.5, 10);
    expect(r.residualSd).toBeLessThan(1e-12);
    expect(r.ar0).toBeCloseTo(SHOCK, 12);
    expect(r.car).toBeCloseTo(SHOCK, 12);
    expect(r.abnormal).toHaveLength(3);
    expect(r.abnormal[0]).toBeCloseTo(0, 12);
    expect(r.abnormal[2]).toBeCloseTo(0, 12);
    expect(r.day0).toBe(EVENT);
    expect(r.windowFirst).toBe(DATES[EVENT_INDEX - 1]);
    expect(r.windowLast).toBe(DATES[EVENT_INDEX + 1]);
  });

  test("the estimation window is the 250 shared days ending gap days before windowStart", () => {
    const r = eventStudy(STOCK, BENCH, WINDOW);
    // day windowStart - gap = -11 is dates[269]; 250 days back from it is dates[20]
    expect(r.estimationLast).toBe(DATES[EVENT_INDEX - 11]);
    expect(r.estimationFirst).toBe(DATES[EVENT_INDEX - 11 - 249]);
    expect(r.estimationDays).toBe(250);
  });

  test("with noise, alpha/beta/sd/t match a separate normal-equations fit over the same days", () => {
    const noise = wiggle(99, BENCH_RETURNS.length).map((x) => x / 4);
    const stock = barsFromReturns(
      DATES,
      stockReturns(SHOCK, (i) => noise[i]),
    );
    const r = eventStudy(stock, BENCH, { ...WINDOW, windowStart: 0, windowEnd: 5, gap: 3 });
    // estimation days: day -3 back 250 days -> return indices (280-3-1)-249 .. 280-3-1
    const hi = EVENT_INDEX - 3 - 1;
    const lo = hi - 249;
    const x = BENCH_RETURNS.slice(lo, hi + 1);
    const y = x.map((rb, k) => 0.001 + 1.5 * rb + noise[lo + k]);
    const n = x.length;
    const sx = x.reduce((a, b) => a + b, 0);
    const sy = y.reduce((a, b) => a + b, 0);
    const sxx = x.reduce((a, b) => a + b * b, 0);
    const sxy = x.reduce((a, b, k) => a + b * y[k], 0);
    const beta = (n * sxy - sx * sy) / (n * sxx - sx * sx);
    const alpha = (sy - beta * sx) / n;
    const sse = x.reduce((a, b, k) => a + (y[k] - alpha - beta * b) ** 2, 0);
    const sd = Math.sqrt(sse / (n - 2));
    expect(r.beta).toBeCloseTo(beta, 10);
    expect(r.alpha).toBeCloseTo(alpha, 12);
    expect(r.residualSd).toBeCloseTo(sd, 12);
    let car = 0;
    for (let day = 0; day <= 5; day++) {
      const j = EVENT_INDEX + day - 1;
      const ys = 0.001 + 1.5 * BENCH_RETURNS[j] + noise[j] + (day === 0 ? SHOCK : 0);
      car += ys - (alpha + beta * BENCH_RETURNS[j]);
    }
    expect(r.car).toBeCloseTo(car, 12);
    expect(r.t).toBeCloseTo(car / (sd * Math.sqrt(6)), 8);
    expect(r.t).toBeLessThan(-3);
  });

  test("raw and benchmark returns compound from the close before the window to its last close", () => {
    const r = eventStudy(STOCK, BENCH, WINDOW);
    expect(r.rawReturn).toBeCloseTo(STOCK[EVENT_INDEX + 1].adjclose / STOCK[EVENT_INDEX - 2].adjclose - 1, 12);
    expect(r.benchmarkReturn).toBeCloseTo(BENCH[EVENT_INDEX + 1].adjclose / BENCH[EVENT_INDEX - 2].adjclose - 1, 12);
  });

  test("an event on a weekend starts at the next trading day", () => {
    // find a Saturday between two trading days near the end
    const saturday = new Date(Date.parse(`${DATES[EVENT_INDEX - 1]}T00:00:00Z`));
    while (saturday.getUTCDay() !== 6) saturday.setUTCDate(saturday.getUTCDate() + 1);
    const iso = saturday.toISOString().slice(0, 10);
    const expectedDay0 = DATES.find((d) => d > iso)!;
    expect(eventStudy(STOCK, BENCH, { ...WINDOW, eventDate: iso }).day0).toBe(expectedDay0);
  });
});

describe("calendars and gaps", () => {
  test("a day the stock missed is folded into the next shared day's move, and the model still fits", () => {
    // drop one estimation day from the stock only; the benchmark's two moves combine on the next shared day
    const gapped = STOCK.filter((_, i) => i !== 150);
    const r = eventStudy(gapped, BENCH, WINDOW);
    expect(r.estimationDays).toBe(250);
    expect(r.ar0).toBeCloseTo(SHOCK, 4);
    // the combined move is not exactly linear, so beta shifts a little but stays near 1.5
    expect(r.beta).toBeCloseTo(1.5, 2);
  });

  test("a symbol on another exchange's calendar counts window days in the days both traded", () => {
    // the foreign market is closed on day +1 of the benchmark's calendar and open on a day the benchmark was not
    const foreignDates = DATES.filter((_, i) => i !== EVENT_INDEX + 1);
    const foreign = barsFromReturns(foreignDates, wiggle(3, foreignDates.length - 1));
    const benchExtra: DailyBar[] = [...BENCH];
    const r = eventStudy(foreign, benchExtra, WINDOW, "9999.HK", "IDX");
    expect(r.day0).toBe(EVENT);
    expect(r.windowLast).toBe(DATES[EVENT_INDEX + 2]);
    // a holiday of the benchmark on the foreign day 0 is a missing window day
    const benchHoliday = BENCH.filter((b) => b.date !== EVENT);
    const err = thrown(() => eventStudy(STOCK, benchHoliday, WINDOW, "9999.HK", "IDX"));
    expect(err.code).toBe("no_data");
    expect(err.message).toMatch(/Missing window day: IDX has no close on .*, day 0 of 9999.HK/);
  });

  test("a window past the end of the data says which day is missing", () => {
    const err = thrown(() => eventStudy(STOCK, BENCH, { ...WINDOW, windowEnd: 30 }, "STK", "IDX"));
    expect(err.code).toBe("no_data");
    expect(err.message).toContain("needs day +30");
    expect(err.message).toContain(`end at day +19 (${DATES[DATES.length - 1]})`);
  });

  test("an event after the data ends is #N/A saying where it ends", () => {
    const err = thrown(() => eventStudy(STOCK, BENCH, { ...WINDOW, eventDate: "2030-01-01" }, "STK"));
    expect(err.message).toMatch(/STK has no trading day on or after the event date 2030-01-01 \(its data ends/);
  });
});

describe("estimation window size", () => {
  test("fewer than 250 days of history uses what there is, down to 60", () => {
    const short = STOCK.slice(EVENT_INDEX - 80);
    const r = eventStudy(short, BENCH, WINDOW);
    // shared closes start at dates[200]; returns from dates[201]; estimation ends at dates[269]
    expect(r.estimationDays).toBe(69);
    expect(r.estimationFirst).toBe(DATES[EVENT_INDEX - 79]);
    expect(r.beta).toBeCloseTo(1.5, 10);
  });

  test("fewer than 60 estimation days is no_data saying how many there are", () => {
    const short = STOCK.slice(EVENT_INDEX - 70);
    const err = thrown(() => eventStudy(short, BENCH, WINDOW, "STK", "IDX"));
    expect(err.code).toBe("no_data");
    expect(err.message).toMatch(/Too few estimation days: STK and IDX share 59 daily returns .*at least 60 are needed/);
  });

  test("malformed parameters are bad_argument", () => {
    expect(thrown(() => eventStudy(STOCK, BENCH, { ...WINDOW, windowStart: 2, windowEnd: 1 })).code).toBe("bad_argument");
    expect(thrown(() => eventStudy(STOCK, BENCH, { ...WINDOW, estimationDays: 59 })).message).toMatch(/at least 60/);
    expect(thrown(() => eventStudy(STOCK, BENCH, { ...WINDOW, gap: 0 })).message).toMatch(/gap must be/);
    expect(thrown(() => eventStudy(STOCK, BENCH, { ...WINDOW, eventDate: "2025-02-30" })).code).toBe("bad_date");
  });
});

describe("market model", () => {
  test("needs three pairs and a moving benchmark", () => {
    expect(thrown(() => marketModel([0.1, 0.2], [0.1, 0.3])).message).toMatch(/at least 3/);
    expect(thrown(() => marketModel([0.1, 0.2, 0.3], [0.01, 0.01, 0.01])).message).toMatch(/did not move/);
  });

  test("a single bad price in the estimation window is named", () => {
    const broken = STOCK.map((b, i) => (i === 100 ? bar(b.date, 0) : b));
    expect(thrown(() => eventStudy(broken, BENCH, WINDOW, "STK")).message).toMatch(
      `STK has no valid adjusted close on ${DATES[100]}`,
    );
  });
});

describe("cross-section of CARs", () => {
  test("mean, share negative and t = mean / (sd / sqrt(n))", () => {
    // values -0.1, -0.05, 0.03: mean -0.04; deviations -0.06, -0.01, 0.07; squares sum 0.0086; sd sqrt(0.0043)
    const c = crossSection([-0.1, -0.05, 0.03])!;
    expect(c.n).toBe(3);
    expect(c.mean).toBeCloseTo(-0.04, 15);
    expect(c.shareNegative).toBeCloseTo(2 / 3, 15);
    expect(c.t).toBeCloseTo(-0.04 / (Math.sqrt(0.0043) / Math.sqrt(3)), 12);
    expect(crossSection([0.02])).toEqual({ n: 1, mean: 0.02, shareNegative: 0, t: null });
    expect(crossSection([])).toBeNull();
  });

  test("the dates a study reads cover the estimation window and the event window", () => {
    // 250 + 10 + 1 + 2 = 263 trading days before: 421 + 20 calendar days; 2 after: 4 + 20
    expect(eventStudyDates({ eventDate: "2025-01-27", windowStart: -1, windowEnd: 1, estimationDays: 250, gap: 10 })).toEqual({
      start: "2023-11-13",
      end: "2025-02-20",
    });
  });
});
