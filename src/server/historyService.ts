/**
 * History requests: validated symbols and dates in, the contract's HistoryResponse out.
 * Remote providers go through the SQLite cache and the upstream queue; local ones (CSV) are
 * read directly. Weekly and monthly bars are built from daily ones here, for every provider.
 */
import type { HistoryResponse, HistoryRow, Interval, SeriesPayload } from "../api/contract";
import { addDays } from "../api/validation";
import { aggregateRows } from "./aggregateBars";
import { MarketCache } from "./cache/marketCache";
import { missingRanges } from "./cache/dateRanges";
import { dateInZone } from "./exchangeCalendar";
import { MarketProvider, ProviderError, ProviderSeries, asProviderError, isOutage, noData } from "./providers/provider";
import { toApiError } from "./serviceErrors";
import { UpstreamQueue } from "./upstreamQueue";

export interface HistoryServiceOptions {
  provider: MarketProvider;
  cache?: MarketCache;
  queue: UpstreamQueue;
  now: () => number;
  /** How long today's still-open bar is reused before asking upstream again. */
  liveTtlMs?: number;
  /** How long "unknown symbol" answers are remembered. */
  unknownTtlMs?: number;
}

interface LiveTail {
  rows: HistoryRow[];
  dividends: [string, number][];
  splits: [string, number][];
  fetchedAt: number;
}

/** A boundary bar from the cache that a new fetch must agree with. */
interface Anchor {
  date: string;
}

const DAILY: Interval = "1d";
/** Closes differing by more than this between cache and upstream mean the history was re-based (a split). */
const REBASE_TOLERANCE = 0.01;
/** Cached answers kept in memory (each a few tens of kilobytes at most). */
const MEMO_SIZE = 256;

export class HistoryService {
  private readonly live = new Map<string, LiveTail>();
  /** Recent answers from the cache, keyed by request; valid while the symbol's cache generation is unchanged. */
  private readonly memo = new Map<string, { generation: number; live: number; payload: SeriesPayload }>();
  private readonly unknown = new Map<string, { error: ProviderError; at: number }>();
  private readonly liveTtlMs: number;
  private readonly unknownTtlMs: number;

  constructor(private readonly options: HistoryServiceOptions) {
    this.liveTtlMs = options.liveTtlMs ?? 60_000;
    this.unknownTtlMs = options.unknownTtlMs ?? 5 * 60_000;
  }

  async get(symbols: string[], start: string, end: string, interval: Interval): Promise<HistoryResponse> {
    const response: HistoryResponse = { series: {}, errors: {} };
    const answers = await Promise.all(
      symbols.map((symbol) => this.one(symbol, start, end).then((p) => ({ symbol, p }), (err: unknown) => ({ symbol, err }))),
    );
    for (const answer of answers) {
      if ("err" in answer) {
        response.errors[answer.symbol] = toApiError(answer.err);
        continue;
      }
      const payload = answer.p;
      if (payload.rows.length === 0) {
        response.errors[answer.symbol] = toApiError(noData(`No ${answer.symbol} prices between ${start} and ${end}`));
        continue;
      }
      response.series[answer.symbol] = interval === DAILY ? payload : { ...payload, rows: aggregateRows(payload.rows, interval) };
    }
    return response;
  }

  private one(symbol: string, start: string, end: string): Promise<SeriesPayload> {
    const { provider, cache } = this.options;
    if (!provider.remote) return provider.history(symbol, start, end, DAILY).then((s) => this.payload(s, provider.name, this.options.now(), false));
    const remembered = this.unknown.get(symbol);
    if (remembered && this.options.now() - remembered.at < this.unknownTtlMs) return Promise.reject(remembered.error);
    if (!cache) {
      return this.fetch(symbol, start, end).then((s) => this.payload(s, provider.name, this.options.now(), false));
    }
    return this.throughCache(symbol, start, end, cache, true);
  }

  private fetch(symbol: string, start: string, end: string): Promise<ProviderSeries> {
    const { provider, queue } = this.options;
    return queue
      .run(`history:${symbol}:${start}:${end}:${DAILY}`, (signal) => provider.history(symbol, start, end, DAILY, { signal }))
      .catch((err: unknown) => {
        const failure = asProviderError(err);
        if (failure.code === "unknown_symbol") this.unknown.set(symbol, { error: failure, at: this.options.now() });
        throw failure;
      });
  }

  private async throughCache(symbol: string, start: string, end: string, cache: MarketCache, mayRetry: boolean): Promise<SeriesPayload> {
    const now = this.options.now();
    const info = cache.seriesInfo(symbol, DAILY);
    // Before the first fetch the exchange's zone is unknown; nothing is cached then anyway.
    const today = dateInZone(now, info?.timezone ?? "UTC");
    const lastClosed = addDays(today, -1);
    const closedEnd = end < lastClosed ? end : lastClosed;
    const gaps = start <= closedEnd ? missingRanges(cache.coverage(symbol, DAILY), start, closedEnd) : [];
    const wantsLive = end >= today;
    const live = this.live.get(symbol);
    const liveFresh = !!live && now - live.fetchedAt < this.liveTtlMs;

    let fetchStart = gaps.length ? gaps[0].start : undefined;
    let fetchEnd = gaps.length ? gaps[gaps.length - 1].end : undefined;
    if (wantsLive && !liveFresh) {
      fetchStart = fetchStart ?? (start > today ? start : today);
      fetchEnd = end;
    }
    if (fetchStart === undefined || fetchEnd === undefined) {
      return this.fromCache(symbol, start, end, cache, "cache", info?.fetchedAt ?? now, false);
    }

    // Overlap the fetch by one cached bar on each side, to notice when upstream has re-based history.
    const before = cache.lastBarUpTo(symbol, DAILY, addDays(fetchStart, -1));
    const after = cache.firstBarFrom(symbol, DAILY, addDays(fetchEnd, 1));
    const anchors: Anchor[] = [];
    if (before && before.date >= addDays(fetchStart, -10)) {
      fetchStart = before.date;
      anchors.push(before);
    }
    if (after && after.date <= addDays(fetchEnd, 10) && after.date <= closedEnd) {
      fetchEnd = after.date;
      anchors.push(after);
    }

    let series: ProviderSeries;
    try {
      series = await this.fetch(symbol, fetchStart, fetchEnd);
    } catch (err) {
      const failure = asProviderError(err);
      if (!isOutage(failure)) throw failure;
      const stale = this.fromCache(symbol, start, end, cache, "cache", info?.fetchedAt ?? now, true);
      if (stale.rows.length === 0) throw failure;
      return stale;
    }

    const fetchedAt = this.options.now();
    if (!this.reconcile(symbol, series, anchors, cache)) {
      if (mayRetry) return this.throughCache(symbol, start, end, cache, false);
    }
    const closedAfterFetch = addDays(dateInZone(fetchedAt, series.timezone), -1);
    const coveredEnd = fetchEnd < closedAfterFetch ? fetchEnd : closedAfterFetch;
    cache.storeSeries(
      symbol,
      DAILY,
      {
        currency: series.currency,
        timezone: series.timezone,
        source: this.options.provider.name,
        rows: series.rows.filter((r) => r[0] <= closedAfterFetch),
        dividends: series.dividends,
        splits: series.splits,
      },
      fetchStart <= coveredEnd ? { start: fetchStart, end: coveredEnd } : null,
      fetchedAt,
    );
    if (wantsLive) {
      const open = (d: string) => d > closedAfterFetch;
      this.live.set(symbol, {
        rows: series.rows.filter((r) => open(r[0])),
        dividends: series.dividends.filter(([d]) => open(d)),
        splits: series.splits.filter(([d]) => open(d)),
        fetchedAt,
      });
    }
    return this.fromCache(symbol, start, end, cache, this.options.provider.name, fetchedAt, false);
  }

  /**
   * Makes the cache agree with a fresh fetch at the overlap bars. A changed Adj Close (a new
   * dividend re-based the adjustment) rescales the cached series; a changed Close (a split)
   * means every cached price is on the old basis, so the series is dropped and fetched anew.
   * Returns false in that last case.
   */
  private reconcile(symbol: string, series: ProviderSeries, anchors: Anchor[], cache: MarketCache): boolean {
    for (const anchor of anchors) {
      const fresh = series.rows.find((r) => r[0] === anchor.date);
      // Read the cached bar now, not before the fetch: a request sharing this fetch may already have reconciled.
      const cached = cache.bars(symbol, DAILY, anchor.date, anchor.date)[0];
      if (!fresh || !cached) continue;
      if (Math.abs(fresh[4] / cached[4] - 1) > REBASE_TOLERANCE) {
        cache.forgetSeries(symbol, DAILY);
        return false;
      }
      const factor = fresh[5] / cached[5];
      if (Number.isFinite(factor) && Math.abs(factor - 1) > 1e-9) cache.rescaleAdjclose(symbol, DAILY, factor);
      return true;
    }
    return true;
  }

  private fromCache(symbol: string, start: string, end: string, cache: MarketCache, source: SeriesPayload["source"], asOf: number, stale: boolean): SeriesPayload {
    const key = `${symbol}|${start}|${end}|${source}|${asOf}|${stale}`;
    const generation = cache.generation(symbol);
    const liveStamp = this.live.get(symbol)?.fetchedAt ?? 0;
    const hit = this.memo.get(key);
    if (hit && hit.generation === generation && hit.live === liveStamp) {
      // Refresh its place so the oldest entries are the ones dropped.
      this.memo.delete(key);
      this.memo.set(key, hit);
      return hit.payload;
    }
    const payload = this.readCache(symbol, start, end, cache, source, asOf, stale);
    this.memo.set(key, { generation, live: liveStamp, payload });
    if (this.memo.size > MEMO_SIZE) this.memo.delete(this.memo.keys().next().value as string);
    return payload;
  }

  private readCache(symbol: string, start: string, end: string, cache: MarketCache, source: SeriesPayload["source"], asOf: number, stale: boolean): SeriesPayload {
    const info = cache.seriesInfo(symbol, DAILY);
    const rows = cache.bars(symbol, DAILY, start, end);
    const events = cache.events(symbol, start, end);
    const live = this.live.get(symbol);
    if (live) {
      const last = rows.length ? rows[rows.length - 1][0] : "";
      for (const row of live.rows) if (row[0] > last && row[0] >= start && row[0] <= end) rows.push(row);
      for (const d of live.dividends) if (d[0] >= start && d[0] <= end && !events.dividends.some(([x]) => x === d[0])) events.dividends.push(d);
      for (const s of live.splits) if (s[0] >= start && s[0] <= end && !events.splits.some(([x]) => x === s[0])) events.splits.push(s);
    }
    return {
      currency: info?.currency ?? "USD",
      timezone: info?.timezone ?? "UTC",
      rows,
      dividends: events.dividends,
      splits: events.splits,
      source,
      asOf: new Date(asOf).toISOString(),
      stale,
    };
  }

  /** `fetchedAt` stands in for the data's age when the provider does not know it. */
  private payload(series: ProviderSeries, source: SeriesPayload["source"], fetchedAt: number, stale: boolean): SeriesPayload {
    return { ...series, source, asOf: series.asOf ?? new Date(fetchedAt).toISOString(), stale };
  }
}
