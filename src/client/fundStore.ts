/**
 * Fund facts and holdings. They change slowly (holdings are published monthly at best), so an
 * answer is reused for a while; simultaneous asks for one fund share one request.
 */
import type { FundResponse } from "../api/contract";
import type { ServiceClient } from "./serviceClient";

export interface FundStoreOptions {
  service: ServiceClient;
  now: () => number;
  /** How long fund data is reused, in milliseconds. */
  ttlMs?: number;
}

export class FundStore {
  private readonly cache = new Map<string, { fund: FundResponse; fetchedAt: number }>();
  private readonly inFlight = new Map<string, Promise<FundResponse>>();
  private readonly ttlMs: number;

  constructor(private readonly options: FundStoreOptions) {
    this.ttlMs = options.ttlMs ?? 30 * 60_000;
  }

  fund(symbol: string): Promise<FundResponse> {
    const key = symbol.trim().toUpperCase();
    const cached = this.cache.get(key);
    if (cached && this.options.now() - cached.fetchedAt < this.ttlMs) return Promise.resolve(cached.fund);
    const flying = this.inFlight.get(key);
    if (flying) return flying;
    const promise = this.options.service.getJson<FundResponse>("fund", { symbol: key }, key).then((fund) => {
      this.cache.set(key, { fund, fetchedAt: this.options.now() });
      return fund;
    });
    this.inFlight.set(key, promise);
    const forget = () => this.inFlight.delete(key);
    promise.then(forget, forget);
    return promise;
  }
}
