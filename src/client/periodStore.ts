/**
 * Weekly and monthly history (HISTORY with interval 1 or 2) aggregated by the data service
 * (`interval=1wk|1mo`, the same period rule as the add-in's, src/market/periodBars.ts): 30 years
 * of months is 360 rows instead of 7,800 daily ones. Each (symbol, start, end, interval) is asked
 * once and kept (an end that may still move, today's, for `latestTtlMs`); calls of one
 * recalculation with the same dates share a request (up to 50 symbols), and a refused request is
 * asked again symbol by symbol. Each call is checked alone first, as for daily history.
 */
import { LIMITS, type DividendEvent, type HistoryResponse, type SeriesPayload } from "../api/contract";
import { maxDate, utcMsToIsoDate } from "../calendar/isoDate";
import { barsOfWindow, windowOfDays } from "../market/priceColumns";
import type { DailyBar } from "../market/types";
import { MarketDataError, symbolError } from "./marketDataError";
import { askEachAlone, refusedForOneOf } from "./refusedBatch";
import { columnsFromRows } from "./seriesColumns";
import type { ServiceClient } from "./serviceClient";
import { chunk, TickBatcher, type PendingRequest } from "./tickBatcher";
import { checkWindow } from "./windowCheck";

export type PeriodInterval = "1wk" | "1mo";

/** One symbol's weekly or monthly bars over a call's dates (dated as HISTORY dates its rows). */
export interface PeriodHistory {
  symbol: string;
  bars: DailyBar[];
  dividends: DividendEvent[];
  currency: string;
}

export interface PeriodStoreOptions {
  service: ServiceClient;
  now: () => number;
  latestTtlMs?: number;
  batchDelayMs?: number;
  /** Memory the kept answers may take, estimated at 80 bytes a row (default 16 MB). */
  maxBytes?: number;
}

interface PeriodNeed {
  symbol: string;
  start: string;
  end: string;
  interval: PeriodInterval;
}

const BYTES_PER_ROW = 80;

export class PeriodStore {
  private readonly cache = new Map<string, { answer: PeriodHistory; fetchedAt: number; fetchedOn: string; bytes: number }>();
  private readonly inFlight = new Map<string, Promise<PeriodHistory>>();
  private readonly batcher: TickBatcher<PeriodNeed, PeriodHistory>;
  private bytes = 0;

  constructor(private readonly options: PeriodStoreOptions) {
    this.batcher = new TickBatcher((batch) => this.dispatch(batch), options.batchDelayMs ?? 0);
  }

  /** Bars of `interval` from the first trading day on or after `start` to `end` (default: today). */
  periods(symbol: string, start: string, end: string | undefined, interval: PeriodInterval): Promise<PeriodHistory> {
    const checked = checkWindow(symbol, start, end, utcMsToIsoDate(this.options.now()));
    if (checked instanceof MarketDataError) return Promise.reject(checked);
    const { key, end: needEnd } = checked;
    const need: PeriodNeed = { symbol: key, start: maxDate(start, LIMITS.minDate), end: needEnd, interval };
    const cacheKey = `${key}|${need.start}|${need.end}|${interval}`;
    const cached = this.cache.get(cacheKey);
    if (
      cached &&
      (need.end < cached.fetchedOn || this.options.now() - cached.fetchedAt <= (this.options.latestTtlMs ?? 15 * 60_000))
    ) {
      this.cache.delete(cacheKey);
      this.cache.set(cacheKey, cached);
      return Promise.resolve(cached.answer);
    }
    const flying = this.inFlight.get(cacheKey);
    if (flying) return flying;
    const promise = this.batcher.enqueue(need);
    this.inFlight.set(cacheKey, promise);
    const forget = () => this.inFlight.delete(cacheKey);
    promise.then(forget, forget);
    return promise;
  }

  private dispatch(batch: PendingRequest<PeriodNeed, PeriodHistory>[]): void {
    const byDates = new Map<string, PendingRequest<PeriodNeed, PeriodHistory>[]>();
    for (const pending of batch) {
      const { start, end, interval } = pending.request;
      const key = `${start}|${end}|${interval}`;
      const list = byDates.get(key);
      if (list) list.push(pending);
      else byDates.set(key, [pending]);
    }
    for (const waiting of byDates.values()) {
      const symbols = [...new Set(waiting.map((p) => p.request.symbol))];
      for (const group of chunk(symbols, LIMITS.maxSymbolsPerRequest)) {
        void this.ask(
          group,
          waiting.filter((p) => group.includes(p.request.symbol)),
        );
      }
    }
  }

  private async ask(symbols: string[], waiting: PendingRequest<PeriodNeed, PeriodHistory>[]): Promise<void> {
    const { start, end, interval } = waiting[0].request;
    let body: HistoryResponse;
    try {
      body = await this.options.service.getJson<HistoryResponse>("history", { symbols: symbols.join(","), start, end, interval });
    } catch (err) {
      if (refusedForOneOf(err, symbols)) {
        await askEachAlone(symbols, waiting, (symbol, its) => this.ask([symbol], its));
        return;
      }
      for (const pending of waiting) pending.reject(err);
      return;
    }
    for (const pending of waiting) {
      try {
        pending.resolve(this.take(body, pending.request));
      } catch (err) {
        pending.reject(err);
      }
    }
  }

  private take(body: HistoryResponse, need: PeriodNeed): PeriodHistory {
    const series: SeriesPayload | undefined = body.series?.[need.symbol];
    if (!series) {
      const error = body.errors?.[need.symbol];
      if (error?.code === "no_data") {
        throw new MarketDataError("no_data", `No data for ${need.symbol} between ${need.start} and ${need.end}`);
      }
      if (error) throw symbolError(need.symbol, error);
      throw new MarketDataError(
        "upstream_error",
        `Market data unavailable for ${need.symbol}: the data service did not answer for it`,
      );
    }
    const rows = series.rows ?? [];
    const columns = columnsFromRows(rows);
    const answer: PeriodHistory = {
      symbol: need.symbol,
      bars: barsOfWindow(windowOfDays(columns, -Infinity, Infinity)),
      dividends: series.dividends ?? [],
      currency: series.currency,
    };
    this.remember(`${need.symbol}|${need.start}|${need.end}|${need.interval}`, answer, rows.length * BYTES_PER_ROW);
    return answer;
  }

  private remember(key: string, answer: PeriodHistory, bytes: number): void {
    const fetchedAt = this.options.now();
    const old = this.cache.get(key);
    if (old) this.bytes -= old.bytes;
    this.cache.delete(key);
    this.cache.set(key, { answer, fetchedAt, fetchedOn: utcMsToIsoDate(fetchedAt), bytes });
    this.bytes += bytes;
    const max = this.options.maxBytes ?? 16 * 1024 * 1024;
    for (const [k, entry] of this.cache) {
      if (this.bytes <= max || k === key) break;
      this.bytes -= entry.bytes;
      this.cache.delete(k);
    }
  }
}
