/**
 * A request whose connection closes stops costing upstream work: its running call is aborted and
 * its queued calls never start, unless another request still waits for the same answer. Seen
 * over real HTTP connections, the way an add-in that gives up hangs up.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { FastifyInstance } from "fastify";
import { buildApp } from "../../src/server/app";
import { SqliteMarketStore } from "../../src/server/cache/sqliteMarketStore";
import { LocalCircuitBreaker } from "../../src/server/coordination/localCoordination";
import { MarketService } from "../../src/server/marketService";
import { type MarketProvider, type ProviderActions, type ProviderSeries, unavailable } from "../../src/server/providers/provider";

/** A remote source whose prices come only when told to; it notes every price call and every abort. */
class HeldProvider implements MarketProvider {
  readonly name = "yahoo" as const;
  readonly remote = true;
  readonly calls: string[] = [];
  readonly aborted: string[] = [];
  private readonly release = new Map<string, () => void>();

  history(
    symbol: string,
    start: string,
    end: string,
    _interval: unknown,
    options?: { signal?: AbortSignal },
  ): Promise<ProviderSeries> {
    this.calls.push(symbol);
    if (symbol === "DOWN") return Promise.reject(unavailable("HTTP 503", true, 503));
    return new Promise((resolve, reject) => {
      options?.signal?.addEventListener("abort", () => {
        this.aborted.push(symbol);
        reject(new Error("aborted"));
      });
      this.release.set(symbol, () =>
        resolve({
          currency: "USD",
          timezone: "America/New_York",
          // The first and last days of the January every request asks for (a first fetch reaches further).
          rows: [
            ["2024-01-02", 1, 1, 1, 1, 1, 1],
            ["2024-01-31", 2, 2, 2, 2, 2, 2],
          ],
          dividends: [],
          splits: [],
        }),
      );
    });
  }

  async actions(): Promise<ProviderActions> {
    return { currency: "USD", timezone: "America/New_York", dividends: [], splits: [] };
  }

  answer(symbol: string): void {
    this.release.get(symbol)?.();
  }

  async quote(): Promise<never> {
    throw new Error("not used");
  }

  async fund(): Promise<never> {
    throw new Error("not used");
  }
}

let app: FastifyInstance;
let provider: HeldProvider;
let service: MarketService;
let breaker: LocalCircuitBreaker;
let coverageReads: number;
let port: number;
let store: SqliteMarketStore;
const NOW = Date.UTC(2024, 6, 1, 12);

beforeEach(async () => {
  provider = new HeldProvider();
  store = new SqliteMarketStore(":memory:");
  coverageReads = 0;
  const coverage = store.coverage.bind(store);
  store.coverage = (symbol) => {
    coverageReads++;
    return coverage(symbol);
  };
  breaker = new LocalCircuitBreaker({ threshold: 2, cooldownMs: 60_000 });
  service = new MarketService({
    provider,
    store,
    breaker,
    queue: { concurrency: 1, retries: 0, timeoutMs: 60_000 },
    now: () => NOW,
  });
  app = buildApp({ service });
  await app.listen({ port: 0, host: "127.0.0.1" });
  port = (app.server.address() as AddressInfo).port;
});
afterEach(async () => {
  await app.close();
  await service.close();
});

/** Starts a GET for one symbol's January and returns a way to hang up and the answer's promise. */
function request(symbol: string) {
  const chunks: Buffer[] = [];
  let req: http.ClientRequest;
  const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
    req = http.get(
      { host: "127.0.0.1", port, path: `/api/v1/history?symbols=${symbol}&start=2024-01-02&end=2024-01-31` },
      (res) => {
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
      },
    );
    req.on("error", reject);
  });
  answer.catch(() => undefined);
  return { hangUp: () => req.destroy(), answer };
}

/** Waits (without a time limit of its own) until `done` holds. */
async function until(done: () => boolean): Promise<void> {
  while (!done()) await new Promise((resolve) => setTimeout(resolve, 5));
}

/** Lets every callback already due run (a few turns of the event loop). */
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
}

describe("requests that go away", () => {
  it("aborts the upstream call of a caller that hangs up alone, and counts it", async () => {
    const alone = request("AAA");
    await until(() => provider.calls.length === 1);
    alone.hangUp();
    await until(() => provider.aborted.length === 1);
    expect(provider.aborted).toEqual(["AAA"]);
    expect(service.queue.stats().abandoned).toBe(1);
    await until(() => service.queue.stats().active === 0);
  });

  it("never starts a queued call whose caller hung up, while the running one still answers", async () => {
    const running = request("AAA");
    await until(() => provider.calls.length === 1);
    const queued = request("BBB");
    await until(() => service.queue.stats().waiting === 1);
    queued.hangUp();
    await until(() => service.queue.stats().waiting === 0);
    provider.answer("AAA");
    const { status, body } = await running.answer;
    expect(status).toBe(200);
    expect(JSON.parse(body).series.AAA.rows).toHaveLength(2);
    await settle();
    expect(provider.calls).toEqual(["AAA"]);
    expect(service.queue.stats().abandoned).toBe(1);
  });

  it("keeps a fetch going while one of the requests that joined it still waits, with one upstream call", async () => {
    const leaving = request("CCC");
    await until(() => provider.calls.length === 1);
    const readsBefore = coverageReads;
    const staying = request("CCC");
    // The second request has looked at the store and found the fetch under way; a few turns later it has joined it.
    await until(() => coverageReads > readsBefore);
    await settle();
    leaving.hangUp();
    await settle();
    provider.answer("CCC");
    const { status, body } = await staying.answer;
    expect(status).toBe(200);
    expect(JSON.parse(body).series.CCC.rows).toHaveLength(2);
    expect(provider.aborted).toEqual([]);
    expect(provider.calls).toEqual(["CCC"]);
    // One call: the prices, reaching today, confirm the actions too.
    expect(service.queue.stats()).toMatchObject({ calls: 1, abandoned: 0 });
  });

  it("aborts a fetch two requests joined once both have hung up", async () => {
    const first = request("DDD");
    await until(() => provider.calls.length === 1);
    const readsBefore = coverageReads;
    const second = request("DDD");
    await until(() => coverageReads > readsBefore);
    await settle();
    first.hangUp();
    await settle();
    expect(provider.aborted).toEqual([]);
    second.hangUp();
    await until(() => provider.aborted.length === 1);
    expect(provider.calls).toEqual(["DDD"]);
  });

  it("starts afresh for a new request after every earlier one left", async () => {
    const gone = request("EEE");
    await until(() => provider.calls.length === 1);
    gone.hangUp();
    await until(() => provider.aborted.length === 1);
    const fresh = request("EEE");
    await until(() => provider.calls.length === 2);
    provider.answer("EEE");
    const { status, body } = await fresh.answer;
    expect(status).toBe(200);
    expect(JSON.parse(body).series.EEE.rows).toHaveLength(2);
  });

  it("does not count an abandoned call as a failure or a success of the upstream", async () => {
    // One real failure: the breaker (threshold 2) counts it.
    const failed = await request("DOWN").answer;
    expect(JSON.parse(failed.body).errors.DOWN.code).toBe("upstream_unavailable");
    expect((await breaker.status(0)).failures).toBe(1);
    // Actions already confirmed today, so the only upstream call is the one abandoned.
    await store.write("FFF", { actionsState: { from: "2023-01-01", confirmedAt: NOW } });
    const gone = request("FFF");
    await until(() => provider.calls.includes("FFF"));
    gone.hangUp();
    await until(() => service.queue.stats().abandoned === 1);
    // A success would have reset the count to 0; a failure would have opened the breaker.
    expect(await breaker.status(0)).toEqual({ state: "closed", failures: 1, openUntil: null });
  });
});
