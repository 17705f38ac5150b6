/**
 * Quotes: one upstream call for all symbols not fresh in the cache (about a minute), the last
 * good quote marked stale when upstream is down, a per-symbol error otherwise.
 */
import type { Quote, QuoteResponse } from "../api/contract";
import { MarketStore } from "./cache/marketStore";
import { MarketProvider, ProviderQuote, ProviderQuotes, asProviderError, isOutage } from "./providers/provider";
import { toApiError } from "./serviceErrors";
import { UpstreamQueue } from "./upstreamQueue";

export interface QuoteServiceOptions {
  provider: MarketProvider;
  store?: MarketStore;
  queue: UpstreamQueue;
  now: () => number;
  ttlMs?: number;
}

export class QuoteService {
  private readonly ttlMs: number;

  constructor(private readonly options: QuoteServiceOptions) {
    this.ttlMs = options.ttlMs ?? 60_000;
  }

  async get(symbols: string[]): Promise<QuoteResponse> {
    const { provider, store, queue, now } = this.options;
    const response: QuoteResponse = { quotes: {}, errors: {} };
    const needed: string[] = [];
    for (const symbol of symbols) {
      const hit = provider.remote ? await store?.snapshot<ProviderQuote>("quote", symbol) : undefined;
      if (hit && now() - hit.fetchedAt < this.ttlMs) {
        response.quotes[symbol] = this.quote(hit.value, "cache", hit.fetchedAt);
      } else {
        needed.push(symbol);
      }
    }
    if (needed.length === 0) return response;

    let answer: ProviderQuotes;
    try {
      answer = provider.remote
        ? await queue.run(`quote:${[...needed].sort().join(",")}`, (signal) => provider.quote(needed, { signal }))
        : await provider.quote(needed);
    } catch (err) {
      const failure = asProviderError(err);
      for (const symbol of needed) {
        const last = isOutage(failure) ? await store?.snapshot<ProviderQuote>("quote", symbol) : undefined;
        if (last) response.quotes[symbol] = { ...this.quote(last.value, "cache", last.fetchedAt), stale: true };
        else response.errors[symbol] = toApiError(failure);
      }
      return response;
    }
    const fetchedAt = now();
    for (const symbol of needed) {
      const quote = answer.quotes[symbol];
      if (quote) {
        // A cache that cannot be written must not cost the answer.
        if (provider.remote) await store?.putSnapshot("quote", symbol, quote, fetchedAt).catch(() => undefined);
        response.quotes[symbol] = this.quote(quote, provider.name, fetchedAt);
      } else {
        response.errors[symbol] = toApiError(answer.errors[symbol] ?? new Error(`No quote for ${symbol}`));
      }
    }
    return response;
  }

  /** `fetchedAt` stands in for the data's age when the provider does not know it. */
  private quote(q: ProviderQuote, source: Quote["source"], fetchedAt: number): Quote {
    return { ...q, source, asOf: q.asOf ?? new Date(fetchedAt).toISOString() };
  }
}
