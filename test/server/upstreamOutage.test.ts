/** Upstream outages: a circuit breaker, so a failing Yahoo is not hammered and answers come at once. */
import { Harness, makeHarness } from "./serviceHarness";

let h: Harness;
beforeEach(() => {
  h = makeHarness();
});
afterEach(() => h.close());

describe("Yahoo down", () => {
  it("ten requests during an outage cost a few upstream calls, answered from the warm cache as stale", async () => {
    await h.service.history(["SOXX"], "2024-01-02", "2024-01-09", "1d");
    h.clock.now += 2 * 24 * 3_600_000; // the actions are due for a re-check
    const before = h.yahoo.dataCalls().length;
    h.yahoo.down = "500";
    const answers = [];
    for (let i = 0; i < 10; i++) answers.push(await h.service.history(["SOXX"], "2024-01-02", "2024-01-09", "1d"));
    expect(h.yahoo.dataCalls().length - before).toBeLessThanOrEqual(5);
    for (const answer of answers) {
      expect(answer.series.SOXX.stale).toBe(true);
      expect(answer.series.SOXX.rows).toHaveLength(6);
    }
  });

  it("a symbol with nothing cached says upstream_unavailable at once while the breaker is open", async () => {
    h.yahoo.down = "network";
    for (let i = 0; i < 3; i++) await h.service.history(["SOXX"], "2024-01-02", "2024-01-09", "1d");
    const calls = h.yahoo.dataCalls().length;
    const response = await h.service.history(["3033.HK"], "2024-01-02", "2024-01-05", "1d");
    expect(h.yahoo.dataCalls().length).toBe(calls);
    expect(response.errors["3033.HK"].code).toBe("upstream_unavailable");
    expect(response.errors["3033.HK"].message).toMatch(/cool-down/);
  });

  it("after the cool-down one probe goes through and, answered, closes the breaker", async () => {
    h.yahoo.down = "500";
    for (let i = 0; i < 3; i++) await h.service.history(["SOXX"], "2024-01-02", "2024-01-09", "1d");
    h.yahoo.down = null;
    const stillOpen = await h.service.history(["SOXX"], "2024-01-02", "2024-01-09", "1d");
    expect(stillOpen.errors.SOXX.code).toBe("upstream_unavailable");
    h.clock.now += 31_000;
    const calls = h.yahoo.dataCalls().length;
    const answered = await h.service.history(["SOXX"], "2024-01-02", "2024-01-09", "1d");
    expect(answered.series.SOXX.rows).toHaveLength(6);
    expect(h.yahoo.dataCalls().length).toBe(calls + 1); // the probe: one chart with the prices and their actions
  });

  it("a 429 storm is retried with backoff and then answered from the warm cache as stale", async () => {
    await h.service.history(["SOXX"], "2024-01-02", "2024-01-09", "1d");
    h.clock.now += 2 * 24 * 3_600_000;
    h.yahoo.down = "429";
    const answer = await h.service.history(["SOXX"], "2024-01-02", "2024-01-09", "1d");
    expect(answer.series.SOXX.stale).toBe(true);
    expect(answer.series.SOXX.rows).toHaveLength(6);
  });
});
