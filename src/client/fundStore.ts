/**
 * Fund facts and holdings. They change slowly (holdings are published monthly at best), so an
 * answer is reused for a while; simultaneous asks for one fund share one request.
 */
import type { FundResponse } from "../api/contract";
import { SharedInterest, untilAborted } from "./cancellation";
import type { ServiceClient } from "./serviceClient";

export interface FundStoreOptions {
  service: ServiceClient;
  now: () => number;
  /** How long fund data is reused, in milliseconds. */
  ttlMs?: number;
}

export class FundStore {
  private readonly cache = new Map<string, { fund: FundResponse; fetchedAt: number }>();
  private readonly inFlight = new Map<string, { promise: Promise<FundResponse>; callers: SharedInterest }>();
  private readonly ttlMs: number;

  constructor(private readonly options: FundStoreOptions) {
    this.ttlMs = options.ttlMs ?? 30 * 60_000;
  }

  /** A fund's facts; when `signal` aborts the call rejects at once, and the request too if nobody else waits. */
  fund(symbol: string, signal?: AbortSignal): Promise<FundResponse> {
    const key = symbol.trim().toUpperCase();
    const cached = this.cache.get(key);
    if (cached && this.options.now() - cached.fetchedAt < this.ttlMs) return Promise.resolve(cached.fund);
    const flying = this.inFlight.get(key);
    if (flying && !flying.callers.abandoned) {
      flying.callers.join(signal);
      return untilAborted(flying.promise, signal);
    }
    const callers = new SharedInterest();
    callers.join(signal);
    const promise = this.options.service
      .getJson<FundResponse>("fund", { symbol: key }, key, { signal: callers.signal })
      .then((fund) => {
        this.cache.set(key, { fund, fetchedAt: this.options.now() });
        return fund;
      });
    const flight = { promise, callers };
    this.inFlight.set(key, flight);
    const forget = () => {
      if (this.inFlight.get(key) === flight) this.inFlight.delete(key);
    };
    promise.then(forget, forget);
    return untilAborted(promise, signal);
  }
}
