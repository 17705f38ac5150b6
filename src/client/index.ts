/**
 * The add-in's one way to the data service. Custom functions and the task pane share a single
 * client (they run in one shared runtime), so they share its caches and its batching.
 */
import { CLOSES_LIMITS, LIMITS, type FundResponse, type Quote, type StatType, type WindowStatistic } from "../api/contract";
import { isoOfDay } from "../market/priceColumns";
import { CloseStore, type CloseAnswer } from "./closeStore";
import { MarketDataError } from "./marketDataError";
import { FundStore } from "./fundStore";
import { HistoryStore, type SymbolHistory, type SymbolSeriesWindow } from "./historyStore";
import { PeriodStore, type PeriodHistory, type PeriodInterval } from "./periodStore";
import { QuoteStore } from "./quoteStore";
import { ServiceClient, type FetchLike } from "./serviceClient";
import { StatsStore } from "./statsStore";
import { checkWindow } from "./windowCheck";

export { MarketDataError } from "./marketDataError";
export { CancelledRequestError } from "./cancellation";
export type { SymbolHistory, SymbolSeriesWindow } from "./historyStore";
export type { CloseAnswer } from "./closeStore";
export type { PeriodHistory, PeriodInterval } from "./periodStore";
export type { FetchLike, ResponseLike } from "./serviceClient";

export interface MarketClient {
  /**
   * Daily history covering `start` (and the close before it) to `end` (default: today). When
   * `signal` aborts, the call rejects at once and requests no other call waits for are aborted.
   */
  history(symbol: string, start: string, end?: string, signal?: AbortSignal): Promise<SymbolHistory>;
  /**
   * Closes and adjusted closes for the same window as `history`, as positions of typed columns
   * shared with other calls (what VOLATILITY and MAXDRAWDOWN read).
   */
  series(symbol: string, start: string, end?: string): Promise<SymbolSeriesWindow>;
  /**
   * Weekly or monthly bars aggregated by the service, from the first trading day on or after
   * `start` to `end` (default: today), dated as HISTORY dates its rows.
   */
  periods(symbol: string, start: string, end: string | undefined, interval: PeriodInterval): Promise<PeriodHistory>;
  /** The last close on or before a date (`YYYY-MM-DD` or "latest"), with its own date. */
  close(symbol: string, date: string): Promise<CloseAnswer>;
  /**
   * VOLATILITY or MAXDRAWDOWN of one window answered by the service, when the add-in neither holds
   * nor is fetching the symbol's closes for it; undefined when the window is to be computed from
   * `series` (held there, or the service cannot answer it). Rejects with the cell's error.
   */
  windowStatistic(
    statistic: WindowStatistic,
    symbol: string,
    start: string,
    end: string | undefined,
    type: StatType,
  ): Promise<number | undefined>;
  /** The latest quote (reused for a few seconds). */
  quote(symbol: string): Promise<Quote>;
  /** Fund facts and holdings (`signal`: as for `history`). */
  fund(symbol: string, signal?: AbortSignal): Promise<FundResponse>;
  /** First and last dates with data for a symbol (asks for its whole history once), or undefined. */
  dataRange(symbol: string): Promise<{ first: string; last: string } | undefined>;
  /** Today's date (UTC) as the client sees it, `YYYY-MM-DD`. */
  today(): string;
  /** HTTP requests sent so far. */
  requestCount(): number;
}

export interface MarketClientOptions {
  /** The service root, e.g. "https://localhost:3000/api/v1". */
  baseUrl: string;
  fetch: FetchLike;
  /**
   * Base time limit of one HTTP request (default 20 s), counted from when it is sent; a history
   * request gets more for the bars it carries. Past it a call fails "market data timed out".
   */
  timeoutMs?: number;
  /** Epoch milliseconds now (default Date.now). */
  now?: () => number;
  /**
   * Memory the held daily histories with every field may take, in bytes (default 64 MB); least
   * recently used symbols go first.
   */
  historyCacheBytes?: number;
  /** Memory the held closes and adjusted closes may take, in bytes (default 128 MB). */
  seriesCacheBytes?: number;
  /** How long a quote is reused (default 5 s). */
  quoteTtlMs?: number;
  /** How long fund data is reused (default 30 min). */
  fundTtlMs?: number;
  /** How long a history that reaches today is reused before its latest bars are fetched again (default 15 min). */
  latestTtlMs?: number;
  /**
   * How long calls are collected before a batch is sent (default 15 ms: Excel may hand one
   * recalculation's calls over in several bursts).
   */
  batchDelayMs?: number;
}

export const DEFAULT_TIMEOUT_MS = 20_000;
export const DEFAULT_BATCH_DELAY_MS = 15;

export function createMarketClient(options: MarketClientOptions): MarketClient {
  const now = options.now ?? Date.now;
  const service = new ServiceClient({
    baseUrl: options.baseUrl,
    fetch: options.fetch,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
  });
  // What every batching store is given: the service, the clock, the moving end's lifetime, the tick.
  const batching = {
    service,
    now,
    latestTtlMs: options.latestTtlMs,
    batchDelayMs: options.batchDelayMs ?? DEFAULT_BATCH_DELAY_MS,
  };
  const histories = new HistoryStore({
    ...batching,
    maxBytes: options.historyCacheBytes,
    fields: "all",
  });
  const series = new HistoryStore({
    ...batching,
    maxBytes: options.seriesCacheBytes,
    fields: "closes",
  });
  const closes = new CloseStore({
    ...batching,
    fromHeld: (symbol, date) => heldClose(series, symbol, date),
  });
  const stats = new StatsStore(batching);
  const periods = new PeriodStore(batching);
  const quotes = new QuoteStore({
    service,
    now,
    ttlMs: options.quoteTtlMs,
    batchDelayMs: batching.batchDelayMs,
  });
  const funds = new FundStore({ service, now, ttlMs: options.fundTtlMs });
  return {
    history: (symbol, start, end, signal) => histories.history(symbol, start, end, signal),
    series: (symbol, start, end) => series.series(symbol, start, end),
    periods: (symbol, start, end, interval) => periods.periods(symbol, start, end, interval),
    close: (symbol, date) => closes.close(symbol, date),
    windowStatistic: (statistic, symbol, start, end, type) => {
      const today = series.today();
      const checked = checkWindow(symbol, start, end, today);
      // Held or on its way (a sheet that reads the series anyway), or a window the series path words
      // (a malformed symbol, a start after today, dates before 1970): from the series, as before.
      if (checked instanceof MarketDataError || start < LIMITS.minDate || series.covers(checked.key, start, checked.end)) {
        return Promise.resolve(undefined);
      }
      return stats.statistic({ symbol: checked.key, statistic, start, end, type });
    },
    quote: (symbol) => quotes.quote(symbol),
    fund: (symbol, signal) => funds.fund(symbol, signal),
    dataRange: (symbol) => series.dataRange(symbol),
    today: () => histories.today(),
    requestCount: () => service.requestCount,
  };
}

/**
 * The last close on or before `date` ("latest": today) from the held closes, when they cover the
 * date and its 14-day look-back (held, or on their way) and have a close in it: the same close the
 * closes route gives, since both read the same series. Otherwise undefined (ask the route).
 */
function heldClose(store: HistoryStore, symbol: string, date: string): Promise<CloseAnswer | undefined> | undefined {
  const on = date === CLOSES_LIMITS.latest ? store.today() : date;
  if (!store.covers(symbol, on, on)) return undefined;
  return store.series(symbol, on, on).then(
    (found): CloseAnswer | undefined => {
      const { columns, from, to } = found.window;
      if (to < from) return undefined;
      const close = columns.close[to];
      const adjclose = columns.adjclose[to];
      if (!(close - close === 0 && adjclose - adjclose === 0)) return undefined;
      return { symbol: found.symbol, date, close: [isoOfDay(columns.days[to]), close, adjclose], currency: found.currency };
    },
    () => undefined,
  );
}

let shared: MarketClient | undefined;

/**
 * The service's address, beside the page that loaded the add-in: https://localhost:3000/api/v1
 * in development, https://host/aichain/api/v1 when a team serves the add-in under a path.
 */
export function serviceUrlFor(pageUrl: string): string {
  return new URL("api/v1", pageUrl).href;
}

/** The client every part of the add-in uses; it talks to the service that served the page. */
export function getMarketClient(): MarketClient {
  if (!shared) {
    const page = (globalThis as { location?: { href?: string } }).location?.href;
    if (!page) throw new Error("Market data unavailable: the add-in does not know its own address");
    const browserFetch = (globalThis as { fetch?: FetchLike }).fetch;
    if (!browserFetch) throw new Error("Market data unavailable: this runtime has no fetch");
    shared = createMarketClient({
      baseUrl: serviceUrlFor(page),
      // Bound to the global object: some runtimes refuse fetch called on anything else.
      fetch: (url, init) => browserFetch.call(globalThis, url, init),
    });
  }
  return shared;
}

/** Replaces the shared client (tests, or a page that must reach the service elsewhere). */
export function setMarketClient(client: MarketClient | undefined): void {
  shared = client;
}
