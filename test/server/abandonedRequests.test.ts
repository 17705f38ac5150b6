/**
 * A request whose connection closes stops costing upstream work: its running call is aborted and
 * its queued calls never start, unless another request still waits for the same answer.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { FastifyInstance } from "fastify";
import { buildApp } from "../../src/server/app";
import { MarketService } from "../../src/server/marketService";
import type { MarketProvider, ProviderSeries } from "../../src/server/providers/provider";

/** A remote source that answers only when told to, and notes every call and every abort. */
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
    return new Promise((resolve, reject) => {
      options?.signal?.addEventListener("abort", () => {
        this.aborted.push(symbol);
        reject(new Error("aborted"));
      });
      this.release.set(symbol, () =>
        resolve({
          currency: "USD",
          timezone: "America/New_York",
          rows: [
            [start, 1, 1, 1, 1, 1, 1],
            [end, 2, 2, 2, 2, 2, 2],
          ],
          dividends: [],
          splits: [],
        }),
      );
    });
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
let port: number;

beforeEach(async () => {
  provider = new HeldProvider();
  service = new MarketService({
    provider,
    queue: { concurrency: 1, retries: 0, timeoutMs: 60_000 },
    now: () => Date.UTC(2024, 6, 1, 12),
  });
  app = buildApp({ service });
  await app.listen({ port: 0, host: "127.0.0.1" });
  port = (app.server.address() as AddressInfo).port;
});
afterEach(async () => {
  await app.close();
  service.close();
});

/** Starts a GET and returns a way to hang up and the answer's promise. */
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

describe("requests that go away", () => {
  it("aborts the running upstream call and never starts the queued one", async () => {
    const first = request("AAA");
    await until(() => provider.calls.length === 1);
    const second = request("BBB");
    await until(() => service.queue.stats().waiting === 1);
    first.hangUp();
    second.hangUp();
    await until(() => service.queue.stats().active === 0 && service.queue.stats().waiting === 0);
    expect(provider.aborted).toEqual(["AAA"]);
    expect(provider.calls).toEqual(["AAA"]);
  });

  it("keeps a shared call going while one of its requesters still waits", async () => {
    let entered = 0;
    const history = service.history.bind(service);
    service.history = (...args) => {
      entered++;
      return history(...args);
    };
    const leaving = request("CCC");
    await until(() => provider.calls.length === 1);
    const staying = request("CCC");
    // Both requests wait on the one call in flight.
    await until(() => entered === 2);
    await new Promise((resolve) => setTimeout(resolve, 50));
    leaving.hangUp();
    await new Promise((resolve) => setTimeout(resolve, 50));
    provider.answer("CCC");
    const { status, body } = await staying.answer;
    expect(status).toBe(200);
    expect(JSON.parse(body).series.CCC.rows).toHaveLength(2);
    expect(provider.aborted).toEqual([]);
    expect(provider.calls).toEqual(["CCC"]);
  });

  it("starts afresh for a new request after every earlier one left", async () => {
    const gone = request("DDD");
    await until(() => provider.calls.length === 1);
    gone.hangUp();
    await until(() => provider.aborted.length === 1);
    const fresh = request("DDD");
    await until(() => provider.calls.length === 2);
    provider.answer("DDD");
    expect((await fresh.answer).status).toBe(200);
  });
});
