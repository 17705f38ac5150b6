import { ProviderError, unavailable, unknownSymbol } from "../../src/server/providers/provider";
import { UpstreamQueue } from "../../src/server/upstreamQueue";

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe("UpstreamQueue", () => {
  it("runs at most two calls at a time", async () => {
    const queue = new UpstreamQueue({ concurrency: 2 });
    let running = 0;
    let peak = 0;
    const gates = Array.from({ length: 6 }, () => deferred<void>());
    const results = gates.map((gate, i) =>
      queue.run(`call-${i}`, async () => {
        running++;
        peak = Math.max(peak, running);
        await gate.promise;
        running--;
        return i;
      }),
    );
    await new Promise((r) => setImmediate(r));
    expect(running).toBe(2);
    gates.forEach((g) => g.resolve());
    expect(await Promise.all(results)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(peak).toBe(2);
  });

  it("shares one call among identical requests in flight", async () => {
    const queue = new UpstreamQueue();
    const gate = deferred<string>();
    let calls = 0;
    const all = Array.from({ length: 20 }, () => queue.run("same", () => (calls++, gate.promise)));
    gate.resolve("answer");
    expect(await Promise.all(all)).toEqual(Array(20).fill("answer"));
    expect(calls).toBe(1);
    // Once settled, the next identical request is a new call.
    await queue.run("same", async () => (calls++, "again"));
    expect(calls).toBe(2);
  });

  it("retries 429s with growing, jittered backoff and then succeeds", async () => {
    const waits: number[] = [];
    const queue = new UpstreamQueue({ baseDelayMs: 100, random: () => 0.5, sleep: async (ms) => void waits.push(ms) });
    let attempts = 0;
    const value = await queue.run("k", async () => {
      attempts++;
      if (attempts < 3) throw unavailable("HTTP 429", true, 429);
      return "ok";
    });
    expect(value).toBe("ok");
    expect(attempts).toBe(3);
    expect(waits).toEqual([75, 150]); // half the ceiling plus half of it scaled by the jitter
  });

  it("gives up after the bounded number of retries", async () => {
    const queue = new UpstreamQueue({ retries: 2, sleep: async () => undefined });
    let attempts = 0;
    const failure = await queue
      .run("k", async () => {
        attempts++;
        throw unavailable("HTTP 503", true, 503);
      })
      .catch((e: unknown) => e);
    expect(attempts).toBe(3);
    expect(failure).toMatchObject({ code: "upstream_unavailable" });
    expect(queue.stats().lastOutcome).toBe("failed");
  });

  it("does not retry answers such as an unknown symbol", async () => {
    const queue = new UpstreamQueue({ sleep: async () => undefined });
    let attempts = 0;
    await expect(
      queue.run("k", async () => {
        attempts++;
        throw unknownSymbol("NOPE");
      }),
    ).rejects.toBeInstanceOf(ProviderError);
    expect(attempts).toBe(1);
    expect(queue.stats().lastOutcome).toBe("ok");
  });

  it("times out a call that never answers, aborts it, and retries", async () => {
    const queue = new UpstreamQueue({ timeoutMs: 20, retries: 1, sleep: async () => undefined });
    const signals: AbortSignal[] = [];
    const failure = await queue
      .run("k", (signal) => {
        signals.push(signal);
        return new Promise(() => undefined);
      })
      .catch((e: unknown) => e);
    expect(failure).toMatchObject({ code: "timeout" });
    expect(signals).toHaveLength(2);
    expect(signals.every((s) => s.aborted)).toBe(true);
    expect(queue.stats().active).toBe(0);
  });
});
