import { Harness, makeHarness } from "./serviceHarness";

let h: Harness;
beforeEach(() => {
  h = makeHarness();
});
afterEach(() => h.close());

const closes = (rows: unknown[][]) => rows.map((r) => [r[0], r[4]]);

const DIVIDEND_FACTOR = 1 - 1 / 210; // 0.50 after the 2:1 split is 1.00 as paid, against the 105 (210 as traded) close before it

describe("history through the cache", () => {
  it("answers a second identical request without calling upstream", async () => {
    const first = await h.service.history(["SOXX"], "2024-01-02", "2024-01-09", "1d");
    expect(first.series.SOXX.source).toBe("yahoo");
    expect(closes(first.series.SOXX.rows)).toEqual([
      ["2024-01-02", 100],
      ["2024-01-03", 101],
      ["2024-01-04", 102],
      ["2024-01-05", 103],
      ["2024-01-08", 104],
      ["2024-01-09", 105],
    ]);
    // One daily chart with events brings the prices and confirms the actions.
    expect(h.yahoo.dataCalls("chart")).toHaveLength(1);
    expect(h.yahoo.actionCalls()).toHaveLength(0);
    const second = await h.service.history(["SOXX"], "2024-01-02", "2024-01-09", "1d");
    expect(h.yahoo.dataCalls("chart")).toHaveLength(1);
    expect(second.series.SOXX.source).toBe("cache");
    expect(second.series.SOXX.rows).toEqual(first.series.SOXX.rows);
    expect(second.series.SOXX.stale).toBe(false);
  });

  it("fetches only the missing tail when a later request reaches further", async () => {
    await h.service.history(["SOXX"], "2024-01-02", "2024-01-09", "1d");
    // The first fetch reached today to confirm the actions: a wider range up to then is held.
    await h.service.history(["SOXX"], "2024-01-02", "2024-01-19", "1d");
    expect(h.yahoo.priceCalls()).toHaveLength(1);
    h.clock.now += 24 * 3_600_000;
    const wider = await h.service.history(["SOXX"], "2024-01-02", "2024-02-02", "1d");
    const calls = h.yahoo.priceCalls();
    expect(calls).toHaveLength(2);
    expect(calls[1].period1).toBeGreaterThanOrEqual(Date.UTC(2024, 0, 30) / 1000);
    expect(h.yahoo.actionCalls()).toHaveLength(0);
    expect(wider.series.SOXX.rows).toHaveLength(12);
    expect(wider.series.SOXX.dividends).toEqual([["2024-01-11", 0.5]]);
    expect(wider.series.SOXX.splits).toEqual([["2024-01-17", 2]]);
    // A sub-range of what is now cached needs no call at all.
    await h.service.history(["SOXX"], "2024-01-05", "2024-01-16", "1d");
    expect(h.yahoo.priceCalls()).toHaveLength(2);
  });

  it("fetches only the missing head when a later request starts earlier", async () => {
    await h.service.history(["SOXX"], "2024-01-11", "2024-01-19", "1d");
    await h.service.history(["SOXX"], "2023-12-01", "2024-01-19", "1d");
    const calls = h.yahoo.priceCalls();
    expect(calls).toHaveLength(2);
    // The held days are not fetched again: the actions are checked apart, the head alone fetched.
    expect(calls[1].period2).toBeLessThanOrEqual(Date.UTC(2023, 11, 30) / 1000);
    expect(h.yahoo.actionCalls()).toHaveLength(1);
  });

  it("retries after a 429 and then answers", async () => {
    h.yahoo.failures = ["429"];
    const response = await h.service.history(["SOXX"], "2024-01-02", "2024-01-05", "1d");
    expect(response.series.SOXX.rows).toHaveLength(4);
    expect(h.yahoo.dataCalls("chart")).toHaveLength(2);
  });

  it("serves the last good rows marked stale when upstream is down", async () => {
    await h.service.history(["SOXX"], "2024-01-02", "2024-01-09", "1d");
    h.yahoo.down = "500";
    h.clock.now += 24 * 3_600_000; // the actions are due for their daily check
    const response = await h.service.history(["SOXX"], "2024-01-02", "2024-01-19", "1d");
    expect(response.errors).toEqual({});
    expect(response.series.SOXX.stale).toBe(true);
    expect(response.series.SOXX.source).toBe("cache");
    expect(response.series.SOXX.rows).toHaveLength(12);
  });

  it("says why in the symbol's error when upstream is down and nothing is cached", async () => {
    await h.service.history(["SOXX"], "2024-01-02", "2024-01-09", "1d");
    h.yahoo.down = "network";
    const response = await h.service.history(["SOXX", "3033.HK"], "2024-01-02", "2024-01-05", "1d");
    expect(response.series.SOXX.rows).toHaveLength(4); // cached, no upstream needed
    expect(response.errors["3033.HK"].code).toBe("upstream_unavailable");
    expect(response.errors["3033.HK"].message).toMatch(/Cannot reach Yahoo Finance/);
  });

  it("reports malformed upstream JSON as that symbol's error", async () => {
    h.yahoo.failures = ["malformed"];
    const response = await h.service.history(["SOXX"], "2024-01-02", "2024-01-05", "1d");
    expect(response.series).toEqual({});
    expect(response.errors.SOXX.code).toBe("upstream_error");
  });

  it("gives partial success: good symbols in series, unknown ones in errors", async () => {
    const response = await h.service.history(["SOXX", "NOPE"], "2024-01-02", "2024-01-05", "1d");
    expect(Object.keys(response.series)).toEqual(["SOXX"]);
    expect(response.errors.NOPE.code).toBe("unknown_symbol");
  });

  it("remembers an unknown symbol for a minute only, so a new listing is answered as on every other replica", async () => {
    const first = await h.service.history(["NEWCO"], "2024-01-02", "2024-01-09", "1d");
    expect(first.errors.NEWCO.code).toBe("unknown_symbol");
    const calls = h.yahoo.dataCalls().length;
    const listed = structuredClone(h.yahoo.charts.SOXX);
    listed.chart.result[0].meta.symbol = "NEWCO";
    h.yahoo.charts.NEWCO = listed;
    h.clock.now += 30_000;
    const remembered = await h.service.history(["NEWCO"], "2024-01-02", "2024-01-09", "1d");
    expect(remembered.errors.NEWCO.code).toBe("unknown_symbol");
    expect(h.yahoo.dataCalls()).toHaveLength(calls);
    h.clock.now += 31_000;
    const answered = await h.service.history(["NEWCO"], "2024-01-02", "2024-01-09", "1d");
    expect(answered.errors).toEqual({});
    expect(answered.series.NEWCO.rows).toHaveLength(6);
  });

  it("reports no_data for a known symbol with nothing in the dates", async () => {
    const response = await h.service.history(["SOXX"], "2024-01-13", "2024-01-15", "1d");
    expect(response.errors.SOXX.code).toBe("no_data");
  });

  it("makes one upstream call for 20 concurrent identical requests", async () => {
    h.yahoo.delayMs = 30;
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => h.service.history(["SOXX"], "2024-01-02", "2024-01-19", "1d")),
    );
    expect(h.yahoo.priceCalls()).toHaveLength(1);
    expect(h.yahoo.actionCalls()).toHaveLength(0);
    for (const answer of answers) expect(answer.series.SOXX.rows).toHaveLength(12);
  });

  it("still has its cache after a restart on the same file", async () => {
    await h.service.history(["SOXX"], "2024-01-02", "2024-01-19", "1d");
    const restarted = h.restart();
    const response = await restarted.history(["SOXX"], "2024-01-02", "2024-01-19", "1d");
    expect(h.yahoo.dataCalls("chart")).toHaveLength(1);
    expect(response.series.SOXX.source).toBe("cache");
    expect(response.series.SOXX.rows).toHaveLength(12);
    expect(response.series.SOXX.timezone).toBe("America/New_York");
    expect(response.series.SOXX.dividends).toEqual([["2024-01-11", 0.5]]);
  });

  it("does not keep today's unfinished bar for good", async () => {
    h.clock.now = Date.UTC(2024, 0, 19, 18); // 13:00 in New York: 2024-01-19 is still trading
    const first = await h.service.history(["SOXX"], "2024-01-16", "2024-01-19", "1d");
    expect(first.series.SOXX.rows.map((r) => r[0])).toContain("2024-01-19");
    h.clock.now += 30_000;
    await h.service.history(["SOXX"], "2024-01-16", "2024-01-19", "1d");
    expect(h.yahoo.priceCalls()).toHaveLength(1); // today's bar reused for a minute
    h.clock.now += 60_000;
    await h.service.history(["SOXX"], "2024-01-16", "2024-01-19", "1d");
    const calls = h.yahoo.priceCalls();
    expect(calls).toHaveLength(2); // and then asked for again, today only
    expect(calls[1].period1).toBeGreaterThanOrEqual(Date.UTC(2024, 0, 18) / 1000);
    const restarted = h.restart();
    const cached = await restarted.history(["SOXX"], "2024-01-16", "2024-01-18", "1d");
    expect(cached.series.SOXX.source).toBe("cache");
    expect(h.yahoo.priceCalls()).toHaveLength(2);
  });

  it("computes Adj Close from the dividend and the close before its ex-date", async () => {
    const response = await h.service.history(["SOXX"], "2024-01-02", "2024-01-19", "1d");
    const byDate = new Map(response.series.SOXX.rows.map((r) => [r[0], r]));
    expect(byDate.get("2024-01-02")?.[5]).toBeCloseTo(100 * DIVIDEND_FACTOR, 12);
    expect(byDate.get("2024-01-09")?.[5]).toBeCloseTo(105 * DIVIDEND_FACTOR, 12);
    expect(byDate.get("2024-01-11")?.[5]).toBe(107); // on and after the ex-date: nothing to adjust
    expect(response.series.SOXX.basis).toBe("2024-01-17");
  });

  it("builds weekly and monthly bars from the daily ones", async () => {
    const weekly = await h.service.history(["SOXX"], "2024-01-02", "2024-01-19", "1wk");
    const rows = weekly.series.SOXX.rows;
    expect(rows.map((r) => [r[0], r[1], r[2], r[3], r[4], r[6]])).toEqual([
      ["2024-01-02", 99.5, 104, 99, 103, 1000 + 1100 + 1200 + 1300],
      ["2024-01-08", 103.5, 109, 103, 108, 1400 + 1500 + 1700 + 1800],
      ["2024-01-16", 108.5, 113, 108, 112, 1900 + 2000 + 2100 + 2200],
    ]);
    expect(rows[0][5]).toBeCloseTo(103 * DIVIDEND_FACTOR, 12);
    expect(rows[2][5]).toBe(112);
    const monthly = await h.service.history(["SOXX"], "2024-01-02", "2024-01-19", "1mo");
    expect(monthly.series.SOXX.rows.map((r) => [r[0], r[1], r[4]])).toEqual([["2024-01-01", 99.5, 112]]);
  });
});
