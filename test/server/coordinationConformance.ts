/**
 * What every implementation of the coordination seams (single-flight, rate limiter, circuit
 * breaker, unknown-symbol memory) must do, as a reusable suite. `make` returns fresh instances sharing one state (for a
 * database-backed implementation: two handles on the same tables, to show they coordinate).
 */
import {
  CircuitBreaker,
  RateLimiter,
  SingleFlight,
  UNKNOWN_SYMBOL_TTL_MS,
  UnknownSymbols,
} from "../../src/server/coordination/coordination";

export interface CoordinationPair {
  /** Two handles on one shared state (in-process: the same object twice). */
  flights: [SingleFlight, SingleFlight];
  limiters: [RateLimiter, RateLimiter];
  breakers: [CircuitBreaker, CircuitBreaker];
  /** With the default lifetime, UNKNOWN_SYMBOL_TTL_MS. */
  unknownSymbols: [UnknownSymbols, UnknownSymbols];
}

/** `settings` the factory must use: a breaker opening after 3 failures for 1000 ms; 2 tokens a second, burst 3. */
export const CONFORMANCE_SETTINGS = { breaker: { threshold: 3, cooldownMs: 1000 }, rate: { perSecond: 2, burst: 3 } };

export function describeCoordinationConformance(
  label: string,
  make: () => Promise<CoordinationPair>,
  dispose: () => Promise<void> = async () => undefined,
): void {
  describe(`${label}: coordination contract`, () => {
    let pair: CoordinationPair;
    beforeEach(async () => {
      pair = await make();
    });
    afterEach(() => dispose());

    it("never runs two works of one key at once, and every caller gets an answer", async () => {
      let running = 0;
      let most = 0;
      let runs = 0;
      const work = async () => {
        runs++;
        running++;
        most = Math.max(most, running);
        await new Promise((resolve) => setTimeout(resolve, 20));
        running--;
        return "done";
      };
      const answers = await Promise.all([0, 1, 0, 1, 0, 1].map((i) => pair.flights[i].run("AAA:2024", work)));
      expect(answers).toEqual(Array(6).fill("done"));
      expect(most).toBe(1);
      expect(runs).toBeGreaterThanOrEqual(1);
      expect(runs).toBeLessThanOrEqual(2); // at most one run per handle's group of joiners
    });

    it("runs different keys independently and passes failures to every joiner", async () => {
      const boom = () => Promise.reject(new Error("upstream down"));
      const results = await Promise.allSettled([
        pair.flights[0].run("A", boom),
        pair.flights[0].run("A", boom),
        pair.flights[1].run("B", async () => 7),
      ]);
      expect(results.map((r) => r.status)).toEqual(["rejected", "rejected", "fulfilled"]);
      // The key is free again after a failure.
      expect(await pair.flights[0].run("A", async () => 8)).toBe(8);
    });

    it("hands out the burst, then asks callers to wait, then refills with time", async () => {
      const [a, b] = pair.limiters;
      const t = 1_000_000;
      expect([await a.tryTake(t), await b.tryTake(t), await a.tryTake(t)]).toEqual([0, 0, 0]);
      const wait = await b.tryTake(t);
      expect(wait).toBeGreaterThan(0);
      expect(wait).toBeLessThanOrEqual(500);
      expect(await a.tryTake(t + wait)).toBe(0);
      expect(await b.tryTake(t + wait)).toBeGreaterThan(0);
    });

    it("opens after a run of failures, lets exactly one probe through after the cool-down, and closes on its success", async () => {
      const [a, b] = pair.breakers;
      const t = 5_000_000;
      expect(await a.admit(t)).toBe("call");
      await a.failure(t);
      await b.failure(t + 1);
      expect(await b.admit(t + 2)).toBe("call");
      await a.failure(t + 2);
      expect(await a.admit(t + 3)).toBe("open");
      expect(await b.admit(t + 500)).toBe("open");
      expect((await b.status(t + 500)).state).toBe("open");
      const admissions = await Promise.all([a.admit(t + 1003), b.admit(t + 1003), a.admit(t + 1004)]);
      expect(admissions.filter((x) => x === "probe")).toHaveLength(1);
      expect(admissions.filter((x) => x === "open")).toHaveLength(2);
      await b.success(t + 1010);
      expect(await a.admit(t + 1011)).toBe("call");
      expect(await a.status(t + 1011)).toEqual({ state: "closed", failures: 0, openUntil: null });
    });

    it("reopens when the probe fails, and a success in between resets the count", async () => {
      const [a, b] = pair.breakers;
      const t = 9_000_000;
      await a.failure(t);
      await a.failure(t);
      await b.success(t);
      await a.failure(t);
      await a.failure(t);
      expect(await a.admit(t)).toBe("call"); // 2 in a row since the success
      await b.failure(t);
      expect(await a.admit(t + 1)).toBe("open");
      expect(await b.admit(t + 1000)).toBe("probe");
      await b.failure(t + 1000);
      expect(await a.admit(t + 1500)).toBe("open");
      expect(await a.admit(t + 2000)).toBe("probe");
    });

    it("remembers what upstream called unknown for its lifetime, for every handle, and then forgets it", async () => {
      const [a, b] = pair.unknownSymbols;
      const t = 17_000_000;
      expect(await b.recall("NOPE", t)).toBeUndefined();
      await a.remember("NOPE", "Unknown symbol NOPE: no data found", t);
      expect(await b.recall("NOPE", t + 1)).toBe("Unknown symbol NOPE: no data found");
      expect(await a.recall("NOPE", t + UNKNOWN_SYMBOL_TTL_MS - 1)).toBe("Unknown symbol NOPE: no data found");
      expect(await b.recall("OTHER", t + 1)).toBeUndefined();
      expect(await b.recall("NOPE", t + UNKNOWN_SYMBOL_TTL_MS)).toBeUndefined();
      // Told again later, it counts from then.
      await b.remember("NOPE", "Unknown symbol NOPE", t + 2 * UNKNOWN_SYMBOL_TTL_MS);
      expect(await a.recall("NOPE", t + 2 * UNKNOWN_SYMBOL_TTL_MS + 10)).toBe("Unknown symbol NOPE");
    });

    it("gives up on a probe that never reports, after a cool-down", async () => {
      const [a, b] = pair.breakers;
      const t = 13_000_000;
      for (let i = 0; i < 3; i++) await a.failure(t);
      expect(await a.admit(t + 1000)).toBe("probe");
      expect(await b.admit(t + 1999)).toBe("open");
      expect(await b.admit(t + 2000)).toBe("probe");
    });
  });
}
