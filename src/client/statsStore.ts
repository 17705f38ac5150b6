/**
 * Window statistics answered by the service (the `stats` route): one number per VOLATILITY or
 * MAXDRAWDOWN window instead of the symbol's whole series, for cells whose series the add-in does
 * not hold. The service computes with the add-in's own arithmetic and words a window without an
 * answer as the add-in would, so the cell is the same either way (src/market/windowStatistic.ts).
 *
 * Calls of one recalculation are batched (TickBatcher): a symbol's windows travel together, up to
 * 200 windows over 50 symbols a request. Each answered window is kept (a window whose end may
 * still move, "latest" or today and later, is asked again after `latestTtlMs`); a failure of the
 * service about one symbol reaches only that symbol's calls and is not kept. When the route fails
 * as a whole (an older service without it answers 404; a refused or failed request) the calls
 * resolve to undefined, and the caller computes them from the series as before; after a 404 the
 * route is not asked again for a while.
 */
import { LIMITS, STATS_LIMITS, type ApiError, type StatItem, type StatsResponse } from "../api/contract";
import { utcMsToIsoDate } from "../calendar/isoDate";
import { isUnknownRoute, MarketDataError, symbolError } from "./marketDataError";
import type { ServiceClient } from "./serviceClient";
import { TickBatcher, type PendingRequest } from "./tickBatcher";

export interface StatsStoreOptions {
  service: ServiceClient;
  now: () => number;
  latestTtlMs?: number;
  batchDelayMs?: number;
  /** Answers kept (oldest dropped first); each is a number or a message, with its key. */
  maxEntries?: number;
  /** How long the route is not asked after the service said it does not know it (default 10 min). */
  unknownRouteRetryMs?: number;
}

/** What a kept window says: its value, or why it has none. */
type Kept = { value: number } | { error: ApiError };

/** The default bound on kept windows (about 100 bytes each). */
export const DEFAULT_STATS_ENTRIES = 100_000;

export class StatsStore {
  private readonly cache = new Map<string, { kept: Kept; fetchedAt: number; fetchedOn: string }>();
  private readonly inFlight = new Map<string, Promise<number | undefined>>();
  private readonly batcher: TickBatcher<StatItem, number | undefined>;
  private readonly latestTtlMs: number;
  private readonly maxEntries: number;
  /** Until when the route is taken as unknown to the service (epoch ms). */
  private routeUnknownUntil = -Infinity;

  constructor(private readonly options: StatsStoreOptions) {
    this.latestTtlMs = options.latestTtlMs ?? 15 * 60_000;
    this.maxEntries = options.maxEntries ?? DEFAULT_STATS_ENTRIES;
    this.batcher = new TickBatcher((batch) => this.dispatch(batch), options.batchDelayMs ?? 0);
  }

  /** True while the service is taken not to know the route (so windows are computed from series). */
  routeUnknown(): boolean {
    return this.options.now() < this.routeUnknownUntil;
  }

  /**
   * The window's value from the service; rejects with the cell's error when the window (or its
   * symbol) has no answer; undefined when the route could not answer (compute it from the series).
   * `item.symbol` must already be checked and upper-cased.
   */
  statistic(item: StatItem): Promise<number | undefined> {
    const key = keyOf(item);
    const cached = this.cache.get(key);
    if (cached && this.isCurrent(item.end, cached.fetchedAt, cached.fetchedOn)) return settle(cached.kept);
    if (this.routeUnknown()) return Promise.resolve(undefined);
    const flying = this.inFlight.get(key);
    if (flying) return flying;
    const promise = this.batcher.enqueue(item);
    this.inFlight.set(key, promise);
    const forget = () => this.inFlight.delete(key);
    promise.then(forget, forget);
    return promise;
  }

  /** Windows kept. */
  size(): number {
    return this.cache.size;
  }

  /** A window ending before the day it was answered on cannot change; one that reaches that day can. */
  private isCurrent(end: string | undefined, fetchedAt: number, fetchedOn: string): boolean {
    if (end !== undefined && end < fetchedOn) return true;
    return this.options.now() - fetchedAt <= this.latestTtlMs;
  }

  /** A symbol's windows go in one request where they fit; requests hold at most 200 windows over 50 symbols. */
  private dispatch(batch: PendingRequest<StatItem, number | undefined>[]): void {
    const bySymbol = new Map<string, PendingRequest<StatItem, number | undefined>[]>();
    for (const pending of batch) {
      const list = bySymbol.get(pending.request.symbol);
      if (list) list.push(pending);
      else bySymbol.set(pending.request.symbol, [pending]);
    }
    let request: PendingRequest<StatItem, number | undefined>[] = [];
    let symbols = new Set<string>();
    for (const [symbol, list] of bySymbol) {
      for (const pending of list) {
        const newSymbol = !symbols.has(symbol);
        if (request.length >= STATS_LIMITS.maxItemsPerRequest || (newSymbol && symbols.size >= LIMITS.maxSymbolsPerRequest)) {
          void this.ask(request);
          request = [];
          symbols = new Set();
        }
        symbols.add(symbol);
        request.push(pending);
      }
    }
    if (request.length > 0) void this.ask(request);
  }

  private async ask(waiting: PendingRequest<StatItem, number | undefined>[]): Promise<void> {
    const items = waiting.map((p) => p.request);
    let body: StatsResponse;
    try {
      body = await this.options.service.getJson<StatsResponse>("stats", { items: items.map(itemText).join(",") });
      if (!Array.isArray(body?.results) || body.results.length !== items.length) throw new Error("malformed stats answer");
    } catch (err) {
      if (err instanceof MarketDataError && isUnknownRoute(err)) {
        this.routeUnknownUntil = this.options.now() + (this.options.unknownRouteRetryMs ?? 10 * 60_000);
      }
      // The route failed as a whole: every window is computed from its series instead.
      for (const pending of waiting) pending.resolve(undefined);
      return;
    }
    waiting.forEach((pending, i) => {
      const item = pending.request;
      const result = body.results[i];
      const kept = readOutcome(result);
      if (kept) {
        this.remember(keyOf(item), kept);
        settle(kept).then(pending.resolve, pending.reject);
        return;
      }
      const error = body.errors?.[item.symbol];
      // The symbol's closes could not be read: the error the series would have given, not kept.
      if (result === null && error) pending.reject(symbolError(item.symbol, error));
      else pending.resolve(undefined);
    });
  }

  private remember(key: string, kept: Kept): void {
    this.cache.delete(key);
    const fetchedAt = this.options.now();
    this.cache.set(key, { kept, fetchedAt, fetchedOn: utcMsToIsoDate(fetchedAt) });
    if (this.cache.size > this.maxEntries) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
  }
}

function keyOf(item: StatItem): string {
  return `${item.symbol}|${item.statistic}|${item.start}|${item.end ?? STATS_LIMITS.latest}|${item.type}`;
}

/** The item as the route reads it, defaults left out: SOXX:volatility:2020-01-02 is up to the latest, total. */
function itemText(item: StatItem): string {
  const parts: string[] = [item.symbol, item.statistic, item.start];
  if (item.end !== undefined || item.type !== "total") parts.push(item.end ?? STATS_LIMITS.latest);
  if (item.type !== "total") parts.push(item.type);
  return parts.join(":");
}

const NON_FINITE: Record<string, number> = { NaN: Number.NaN, Infinity: Infinity, "-Infinity": -Infinity };

/** A result of the route as what is kept, or undefined when it is not one. */
function readOutcome(result: unknown): Kept | undefined {
  if (!result || typeof result !== "object") return undefined;
  if ("value" in result) {
    const value = (result as { value: unknown }).value;
    if (typeof value === "number") return { value };
    if (typeof value === "string" && value in NON_FINITE) return { value: NON_FINITE[value] };
    return undefined;
  }
  const error = (result as { error?: Partial<ApiError> }).error;
  if (error && typeof error.code === "string" && typeof error.message === "string") {
    return { error: { code: error.code, message: error.message } };
  }
  return undefined;
}

function settle(kept: Kept): Promise<number> {
  return "value" in kept ? Promise.resolve(kept.value) : Promise.reject(new MarketDataError(kept.error.code, kept.error.message));
}
