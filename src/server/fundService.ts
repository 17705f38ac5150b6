/** Fund facts (holdings, expense ratio...): cached about a day, last good copy when upstream fails. */
import type { FundResponse } from "../api/contract";
import { MarketStore } from "./cache/marketStore";
import { MarketProvider, ProviderFund, asProviderError, isOutage } from "./providers/provider";
import { ServiceError, toApiError } from "./serviceErrors";
import { UpstreamQueue } from "./upstreamQueue";

export interface FundServiceOptions {
  provider: MarketProvider;
  store?: MarketStore;
  queue: UpstreamQueue;
  now: () => number;
  ttlMs?: number;
}

export class FundService {
  private readonly ttlMs: number;

  constructor(private readonly options: FundServiceOptions) {
    this.ttlMs = options.ttlMs ?? 24 * 3_600_000;
  }

  /** Throws ServiceError when there is nothing to answer with. */
  async get(symbol: string): Promise<FundResponse> {
    const { provider, store, queue, now } = this.options;
    const hit = provider.remote ? await store?.snapshot<ProviderFund>("fund", symbol) : undefined;
    if (hit && now() - hit.fetchedAt < this.ttlMs) return this.response(symbol, hit.value, "cache", hit.fetchedAt);
    try {
      const fund = provider.remote
        ? await queue.run(`fund:${symbol}`, (signal) => provider.fund(symbol, { signal }))
        : await provider.fund(symbol);
      const fetchedAt = now();
      // A cache that cannot be written must not cost the answer.
      if (provider.remote) await store?.putSnapshot("fund", symbol, fund, fetchedAt).catch(() => undefined);
      return this.response(symbol, fund, provider.name, fetchedAt);
    } catch (err) {
      const failure = asProviderError(err);
      if (hit && isOutage(failure)) return { ...this.response(symbol, hit.value, "cache", hit.fetchedAt), stale: true };
      throw new ServiceError(toApiError(failure));
    }
  }

  private response(symbol: string, fund: ProviderFund, source: FundResponse["source"], fetchedAt: number): FundResponse {
    return { symbol, ...fund, source, asOf: new Date(fetchedAt).toISOString() };
  }
}
