/**
 * Latest quotes, kept for a few seconds so that many PRICE cells on one symbol, or a PRICE cell
 * and the task pane, share one answer. Quotes asked for in the same tick go out as one request.
 */
import { LIMITS, type Quote, type QuoteResponse } from "../api/contract";
import { parseSymbol } from "../api/validation";
import { MarketDataError, symbolError } from "./marketDataError";
import { refusedForOneOf } from "./refusedBatch";
import type { ServiceClient } from "./serviceClient";
import { chunk, TickBatcher, type PendingRequest } from "./tickBatcher";

export interface QuoteStoreOptions {
  service: ServiceClient;
  now: () => number;
  /** How long a quote is reused, in milliseconds. */
  ttlMs?: number;
  batchDelayMs?: number;
}

export class QuoteStore {
  private readonly cache = new Map<string, { quote: Quote; fetchedAt: number }>();
  private readonly inFlight = new Map<string, Promise<Quote>>();
  private readonly batcher: TickBatcher<string, Quote>;
  private readonly ttlMs: number;

  constructor(private readonly options: QuoteStoreOptions) {
    this.ttlMs = options.ttlMs ?? 5_000;
    this.batcher = new TickBatcher((batch) => this.dispatch(batch), options.batchDelayMs ?? 0);
  }

  quote(symbol: string): Promise<Quote> {
    // Checked alone, so a malformed symbol never reaches (and spoils) a shared request.
    const checked = parseSymbol(symbol);
    if (!checked.ok) return Promise.reject(new MarketDataError("bad_request", checked.error.message));
    const key = checked.value;
    const cached = this.cache.get(key);
    if (cached && this.options.now() - cached.fetchedAt < this.ttlMs) return Promise.resolve(cached.quote);
    const flying = this.inFlight.get(key);
    if (flying) return flying;
    const promise = this.batcher.enqueue(key);
    this.inFlight.set(key, promise);
    const forget = () => this.inFlight.delete(key);
    promise.then(forget, forget);
    return promise;
  }

  private dispatch(batch: PendingRequest<string, Quote>[]): void {
    const symbols = [...new Set(batch.map((p) => p.request))];
    for (const group of chunk(symbols, LIMITS.maxSymbolsPerRequest)) this.ask(group, batch);
  }

  private ask(group: string[], batch: PendingRequest<string, Quote>[]): void {
    const response = this.options.service.getJson<QuoteResponse>("quote", { symbols: group.join(",") });
    // A refusal of a shared request may be about one symbol: each is asked for again alone.
    const retried = response.catch((err: unknown) => {
      if (refusedForOneOf(err, group)) {
        for (const symbol of group) this.ask([symbol], batch);
        return undefined;
      }
      throw err;
    });
    for (const pending of batch.filter((p) => group.includes(p.request))) {
      retried
        .then((body) => {
          if (body) pending.resolve(this.take(body, pending.request));
        })
        .catch(pending.reject);
    }
  }

  private take(body: QuoteResponse, symbol: string): Quote {
    const quote = body.quotes?.[symbol];
    if (quote) {
      this.cache.set(symbol, { quote, fetchedAt: this.options.now() });
      return quote;
    }
    const error = body.errors?.[symbol];
    if (error) throw symbolError(symbol, error);
    throw new MarketDataError("upstream_error", `Market data unavailable for ${symbol}: the data service did not answer for it`);
  }
}
