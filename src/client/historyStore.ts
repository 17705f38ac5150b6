/**
 * Daily price history, fetched once per session per symbol and reused for every later date range
 * inside it. For each symbol the store keeps the date range it has asked the service for (the
 * covered range) and the bars in it; a request inside that range is answered from memory, one
 * outside it fetches a wider window that includes the old one.
 *
 * Requests made during one recalculation are gathered by a TickBatcher and sent together: all
 * symbols of a batch share one window (the earliest start to the latest end any of them needs),
 * so the whole batch costs one HTTP request per 50 symbols. A symbol whose fetch is already on
 * its way joins that fetch instead of asking again.
 */
import { LIMITS, type DividendEvent, type HistoryResponse, type SeriesPayload, type SplitEvent } from "../api/contract";
import type { DailyBar } from "../market/types";
import { barsFromRows } from "./barsFromRows";
import { MarketDataError, asMarketDataError, symbolError } from "./marketDataError";
import type { ServiceClient } from "./serviceClient";
import { chunk, TickBatcher, type PendingRequest } from "./tickBatcher";
import { maxDate, minDate, shiftDays, utcDateOf } from "./utcCalendar";

/** A symbol's daily history as the functions use it. Bars may extend beyond the asked range. */
export interface SymbolHistory {
  symbol: string;
  bars: DailyBar[];
  dividends: DividendEvent[];
  splits: SplitEvent[];
  currency: string;
  timezone: string;
  source: SeriesPayload["source"];
  asOf: string;
  stale: boolean;
  /** The date range the service was asked for; no trading day in it is missing from `bars`. */
  coveredStart: string;
  coveredEnd: string;
}

export interface HistoryStoreOptions {
  service: ServiceClient;
  /** Epoch milliseconds now (injected so tests control "today"). */
  now: () => number;
  /** Calendar days fetched before a start date, so the close on or before it is included. */
  lookbackDays?: number;
  /** How long a history that reaches today stays current before the latest bars are fetched again. */
  latestTtlMs?: number;
  batchDelayMs?: number;
}

interface HistoryNeed {
  symbol: string;
  /** First date the caller needs bars for (start minus the lookback). */
  start: string;
  end: string;
  /** The caller's own start date, for messages. */
  askedStart: string;
}

interface InFlight {
  start: string;
  end: string;
  promise: Promise<SymbolHistory>;
}

interface CachedHistory extends SymbolHistory {
  fetchedAt: number;
}

export class HistoryStore {
  private readonly cache = new Map<string, CachedHistory>();
  private readonly inFlight = new Map<string, InFlight[]>();
  private readonly batcher: TickBatcher<HistoryNeed, SymbolHistory>;
  private readonly lookbackDays: number;
  private readonly latestTtlMs: number;

  constructor(private readonly options: HistoryStoreOptions) {
    this.lookbackDays = options.lookbackDays ?? 14;
    this.latestTtlMs = options.latestTtlMs ?? 15 * 60_000;
    this.batcher = new TickBatcher((batch) => this.dispatch(batch), options.batchDelayMs ?? 0);
  }

  today(): string {
    return utcDateOf(this.options.now());
  }

  /**
   * Daily history covering `start` (with the close before it) to `end` (default: today).
   * Dates are `YYYY-MM-DD`; a future end is treated as today.
   */
  history(symbol: string, start: string, end?: string): Promise<SymbolHistory> {
    const key = symbol.trim().toUpperCase();
    const today = this.today();
    if (start > today) {
      return Promise.reject(new MarketDataError("no_data", `No data for ${key}: the start date ${start} is after today (${today})`));
    }
    const needEnd = minDate(end ?? today, today);
    const needStart = minDate(maxDate(shiftDays(start, -this.lookbackDays), LIMITS.minDate), needEnd);

    const need: HistoryNeed = { symbol: key, start: needStart, end: needEnd, askedStart: start };
    // The answer may come from a wider window (the cache, a shared fetch, a batch with an earlier
    // start); it must still say "no data" exactly when a fetch of this call's own window would,
    // so a cell's result never depends on what other cells asked for.
    return this.lookUp(need).then((found) => {
      if (!hasBarBetween(found.bars, needStart, needEnd)) throw noDataFor(need);
      return found;
    });
  }

  private lookUp(need: HistoryNeed): Promise<SymbolHistory> {
    const cached = this.cache.get(need.symbol);
    if (cached && covers(cached.coveredStart, cached.coveredEnd, need.start, need.end) && this.isCurrent(cached, need.end)) {
      return Promise.resolve(cached);
    }
    const joinable = this.inFlight.get(need.symbol)?.find((f) => covers(f.start, f.end, need.start, need.end));
    if (joinable) return joinable.promise;
    return this.batcher.enqueue(need);
  }

  /** Forgets everything (a new session's worth of data). */
  clear(): void {
    this.cache.clear();
  }

  /**
   * A history reaching the day it was fetched on goes out of date after a while: that day's bar
   * was still moving, and stays wrong when asked for by date after the day has closed.
   */
  private isCurrent(cached: CachedHistory, needEnd: string): boolean {
    if (needEnd < utcDateOf(cached.fetchedAt)) return true;
    return this.options.now() - cached.fetchedAt <= this.latestTtlMs;
  }

  private dispatch(batch: PendingRequest<HistoryNeed, SymbolHistory>[]): void {
    const bySymbol = new Map<string, PendingRequest<HistoryNeed, SymbolHistory>[]>();
    for (const pending of batch) {
      const list = bySymbol.get(pending.request.symbol) ?? [];
      list.push(pending);
      bySymbol.set(pending.request.symbol, list);
    }

    // One window for the whole batch: each symbol's needs, widened to keep what it already had.
    let windowStart = "9999-12-31";
    let windowEnd: string = LIMITS.minDate;
    for (const [symbol, list] of bySymbol) {
      for (const { request } of list) {
        windowStart = minDate(windowStart, request.start);
        windowEnd = maxDate(windowEnd, request.end);
      }
      const cached = this.cache.get(symbol);
      if (cached) {
        windowStart = minDate(windowStart, cached.coveredStart);
        windowEnd = maxDate(windowEnd, cached.coveredEnd);
      }
    }
    windowEnd = minDate(windowEnd, this.today());
    windowStart = maxDate(windowStart, shiftDays(windowEnd, -(LIMITS.maxRangeDays - 1)));

    for (const symbols of chunk([...bySymbol.keys()], LIMITS.maxSymbolsPerRequest)) {
      this.fetchChunk(symbols, windowStart, windowEnd, bySymbol);
    }
  }

  private fetchChunk(
    symbols: string[],
    start: string,
    end: string,
    bySymbol: Map<string, PendingRequest<HistoryNeed, SymbolHistory>[]>,
  ): void {
    const response = this.options.service.getJson<HistoryResponse>("history", {
      symbols: symbols.join(","),
      start,
      end,
      interval: "1d",
    });

    for (const symbol of symbols) {
      const promise = response.then((body) => this.storeSeries(body, symbol, start, end));
      const flight: InFlight = { start, end, promise };
      this.inFlight.set(symbol, [...(this.inFlight.get(symbol) ?? []), flight]);
      const forget = () => {
        const rest = (this.inFlight.get(symbol) ?? []).filter((f) => f !== flight);
        if (rest.length) this.inFlight.set(symbol, rest);
        else this.inFlight.delete(symbol);
      };
      promise.then(forget, forget);

      for (const pending of bySymbol.get(symbol) ?? []) {
        promise.then(pending.resolve, (err: unknown) => pending.reject(this.explain(err, pending.request)));
      }
    }
  }

  /** Puts one symbol's series from a batch answer into the cache, or throws why it is missing. */
  private storeSeries(body: HistoryResponse, symbol: string, start: string, end: string): SymbolHistory {
    const series = pick(body.series, symbol);
    if (!series) {
      const error = pick(body.errors, symbol);
      if (error) throw symbolError(symbol, error);
      throw new MarketDataError("upstream_error", `Market data unavailable for ${symbol}: the data service did not answer for it`);
    }
    const bars = barsFromRows(series.rows ?? []);
    if (bars.length === 0) throw new MarketDataError("no_data", `No data for ${symbol}`);
    const entry: CachedHistory = {
      symbol,
      bars,
      dividends: series.dividends ?? [],
      splits: series.splits ?? [],
      currency: series.currency,
      timezone: series.timezone,
      source: series.source,
      asOf: series.asOf,
      stale: series.stale,
      coveredStart: start,
      coveredEnd: end,
      fetchedAt: this.options.now(),
    };
    // Two fetches for one symbol can overlap; a narrower answer arriving last must not shrink
    // what is already known.
    const existing = this.cache.get(symbol);
    const narrower =
      existing !== undefined &&
      covers(existing.coveredStart, existing.coveredEnd, start, end) &&
      !covers(start, end, existing.coveredStart, existing.coveredEnd);
    if (!narrower) this.cache.set(symbol, entry);
    return entry;
  }

  /** Says which dates had no data in the caller's own terms. */
  private explain(err: unknown, need: HistoryNeed): MarketDataError {
    const error = asMarketDataError(err);
    return error.code === "no_data" ? noDataFor(need) : error;
  }
}

function noDataFor(need: HistoryNeed): MarketDataError {
  return new MarketDataError("no_data", `No data for ${need.symbol} between ${need.askedStart} and ${need.end}`);
}

/** True when some bar (oldest first) is dated from `start` to `end` inclusive. */
function hasBarBetween(bars: readonly DailyBar[], start: string, end: string): boolean {
  let lo = 0;
  let hi = bars.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (bars[mid].date < start) lo = mid + 1;
    else hi = mid;
  }
  return lo < bars.length && bars[lo].date <= end;
}

function covers(haveStart: string, haveEnd: string, needStart: string, needEnd: string): boolean {
  return haveStart <= needStart && haveEnd >= needEnd;
}

/** A record's entry for a symbol, tolerating a service that changed the symbol's case. */
function pick<T>(record: Record<string, T> | undefined, symbol: string): T | undefined {
  if (!record) return undefined;
  if (symbol in record) return record[symbol];
  const key = Object.keys(record).find((k) => k.toUpperCase() === symbol);
  return key === undefined ? undefined : record[key];
}
