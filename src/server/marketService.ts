/**
 * The data service behind the HTTP routes: one provider, one cache, one upstream queue, and
 * the history, quote and fund services that share them. Usable without HTTP (the data CLI).
 */
import {
  HISTORY_FIELDS,
  type HistoryField,
  type BreakerHealth,
  DatabaseHealth,
  FundResponse,
  HealthResponse,
  HistoryResponse,
  Interval,
  QuoteResponse,
} from "../api/contract";
import { MarketStore } from "./cache/marketStore";
import { CircuitBreaker, RateLimiter, SingleFlight, UnknownSymbols } from "./coordination/coordination";
import { LocalCircuitBreaker } from "./coordination/localCoordination";
import { FundService } from "./fundService";
import { HistoryService } from "./historyService";
import { CsvProvider } from "./providers/csvProvider";
import { MarketProvider } from "./providers/provider";
import { QuoteService } from "./quoteService";
import { ColumnsResponse, columnsOfHistory } from "./columnarAnswer";
import { UpstreamProbe } from "./upstreamProbe";
import { UpstreamQueue, UpstreamQueueOptions } from "./upstreamQueue";

export interface MarketServiceOptions {
  provider: MarketProvider;
  /** Omitted: nothing is kept beyond the process (the CSV provider needs no cache). */
  store?: MarketStore;
  /** A shared database behind the store: reported by health, closed with the service. */
  database?: { health(): Promise<DatabaseHealth>; close(): Promise<void> };
  queue?: UpstreamQueue | UpstreamQueueOptions;
  now?: () => number;
  quoteTtlMs?: number;
  fundTtlMs?: number;
  liveTtlMs?: number;
  /** Coordination shared by replicas; in-process ones by default. */
  flight?: SingleFlight;
  breaker?: CircuitBreaker;
  limiter?: RateLimiter;
  unknownSymbols?: UnknownSymbols;
  /** Where warnings go (a cache that cannot be written). */
  warn?: (message: string) => void;
}

export class MarketService {
  readonly provider: MarketProvider;
  readonly store?: MarketStore;
  readonly queue: UpstreamQueue;
  private readonly historyService: HistoryService;
  private readonly quoteService: QuoteService;
  private readonly fundService: FundService;
  private readonly probe: UpstreamProbe;
  private readonly database?: MarketServiceOptions["database"];
  private readonly now: () => number;

  constructor(options: MarketServiceOptions) {
    const now = options.now ?? Date.now;
    this.now = now;
    this.provider = options.provider;
    this.store = options.store;
    this.queue =
      options.queue instanceof UpstreamQueue
        ? options.queue
        : new UpstreamQueue({
            now,
            breaker: options.breaker ?? new LocalCircuitBreaker(),
            limiter: options.limiter,
            ...options.queue,
          });
    const shared = { provider: this.provider, store: this.store, queue: this.queue, now };
    this.database = options.database;
    this.historyService = new HistoryService({
      ...shared,
      liveTtlMs: options.liveTtlMs,
      flight: options.flight,
      unknownSymbols: options.unknownSymbols,
      warn: options.warn,
    });
    this.quoteService = new QuoteService({ ...shared, ttlMs: options.quoteTtlMs });
    this.fundService = new FundService({ ...shared, ttlMs: options.fundTtlMs });
    this.probe = new UpstreamProbe({ provider: this.provider, queue: this.queue, now });
  }

  history(symbols: string[], start: string, end: string, interval: Interval): Promise<HistoryResponse> {
    return this.historyService.get(symbols, start, end, interval);
  }

  /**
   * History as typed columns of `fields` (default all): daily from the history service (a CSV
   * folder reads only what the fields need), weekly and monthly from their rows.
   */
  async historyColumns<F extends HistoryField = HistoryField>(
    symbols: string[],
    start: string,
    end: string,
    interval: Interval,
    fields: readonly F[] = HISTORY_FIELDS as readonly F[],
  ): Promise<ColumnsResponse<F>> {
    if (interval === "1d") return this.historyService.getColumns(symbols, start, end, fields);
    return columnsOfHistory(await this.history(symbols, start, end, interval));
  }

  quote(symbols: string[]): Promise<QuoteResponse> {
    return this.quoteService.get(symbols);
  }

  /** Throws ServiceError (with its HTTP status) when there is no answer. */
  fund(symbol: string): Promise<FundResponse> {
    return this.fundService.get(symbol);
  }

  async health(): Promise<HealthResponse> {
    // A folder is cheap to look at every time; a remote source is probed at most once a minute.
    const upstream: HealthResponse["upstream"] =
      this.provider instanceof CsvProvider
        ? await this.provider.listSymbols().then(
            () => "ok" as const,
            () => "unreachable" as const,
          )
        : await this.probe.status();
    return {
      provider: this.provider.name,
      upstream,
      cache: this.store
        ? { entries: await this.store.entryCount().catch(() => null), path: this.store.location }
        : { entries: 0, path: "" },
      ...(this.database ? { database: await this.database.health() } : {}),
      // Only a remote source is called through the breaker and the bucket.
      ...(this.provider.remote && this.queue.breaker ? { breaker: await this.breakerHealth() } : {}),
      ...(this.provider.remote && this.queue.limiter
        ? { rateLimit: { ...this.queue.limiter.settings, shared: this.queue.limiter.shared } }
        : {}),
    };
  }

  private async breakerHealth(): Promise<BreakerHealth> {
    const breaker = this.queue.breaker!;
    const settings = {
      threshold: breaker.settings.threshold,
      cooldownSeconds: breaker.settings.cooldownMs / 1000,
      shared: breaker.shared,
    };
    try {
      const status = await breaker.status(this.now());
      const openUntil = status.openUntil === null ? null : new Date(status.openUntil).toISOString();
      return { state: status.state, failures: status.failures, openUntil, ...settings };
    } catch (err) {
      return { state: "unknown", failures: null, openUntil: null, ...settings, error: (err as Error).message };
    }
  }

  async close(): Promise<void> {
    await this.provider.close?.();
    await this.store?.close();
    await this.database?.close();
  }
}
