/**
 * Point closes for the functions that need two numbers, not a series (ETFRETURN, RETURN, CAGR):
 * the last close on or before a date, with its own date, from the service's `closes` route. Each
 * (symbol, date) is asked for once per session (a date that may still move, "latest" or today, is
 * asked again after `latestTtlMs`). Calls of one recalculation are batched as (symbol, date) pairs,
 * a symbol's dates together (up to 250 pairs over 50 symbols a request). A service without pairs
 * (404, or a 400 that is not about an item) is asked in the older form for a while: symbols that
 * need the same dates share a request (up to 50 symbols and 32 dates each). A refused request is
 * asked again symbol by symbol in the older form, so a refusal reaches only the calls that caused it.
 */
import {
  CLOSES_LIMITS,
  LIMITS,
  type CloseAt,
  type ClosePairsResponse,
  type ClosesResponse,
  type PairSymbolInfo,
} from "../api/contract";
import { parseSymbol } from "../api/validation";
import { isUnknownRoute, MarketDataError, symbolError } from "./marketDataError";
import { askEachAlone, refusedForOneOf } from "./refusedBatch";
import type { ServiceClient } from "./serviceClient";
import { chunk, TickBatcher, type PendingRequest } from "./tickBatcher";
import { utcMsToIsoDate } from "../calendar/isoDate";

/** One symbol's close for one date: null when the series has no close on or before it. */
export interface CloseAnswer {
  symbol: string;
  /** The date asked for (or "latest"). */
  date: string;
  close: CloseAt | null;
  /** The series' first trading date, when the service said (it does when `close` is null). */
  firstDate?: string;
  currency: string;
}

export interface CloseStoreOptions {
  service: ServiceClient;
  now: () => number;
  latestTtlMs?: number;
  batchDelayMs?: number;
  /** Answers kept (oldest dropped first); each is a few dozen bytes. */
  maxEntries?: number;
  /**
   * A close the add-in already holds or is already fetching as part of a series (a sheet with
   * VOLATILITY cells over a symbol fetches its closes anyway): undefined when it does not, so
   * the close is asked of the service; a promise of undefined when the series turned out not to
   * answer it (no close within the look-back), so it is asked after all.
   */
  fromHeld?: (symbol: string, date: string) => Promise<CloseAnswer | undefined> | undefined;
  /** How long a service that did not take pairs is asked in the older form only (default 10 minutes). */
  unknownPairsRetryMs?: number;
}

interface CloseNeed {
  symbol: string;
  date: string;
}

export class CloseStore {
  private readonly cache = new Map<string, { answer: CloseAnswer; fetchedAt: number; fetchedOn: string }>();
  private readonly inFlight = new Map<string, Promise<CloseAnswer>>();
  private readonly batcher: TickBatcher<CloseNeed, CloseAnswer>;
  private readonly direct: TickBatcher<CloseNeed, CloseAnswer>;
  private readonly latestTtlMs: number;
  private readonly maxEntries: number;
  /** Until when the service is taken not to know pairs (epoch ms). */
  private pairsUnknownUntil = -Infinity;

  constructor(private readonly options: CloseStoreOptions) {
    this.latestTtlMs = options.latestTtlMs ?? 15 * 60_000;
    this.maxEntries = options.maxEntries ?? 200_000;
    this.batcher = new TickBatcher((batch) => this.dispatch(batch, true), options.batchDelayMs ?? 0);
    this.direct = new TickBatcher((batch) => this.dispatch(batch, false), 0);
  }

  /** The last close on or before `date` (`YYYY-MM-DD` from 1970-01-01 on, or "latest"). */
  close(symbol: string, date: string): Promise<CloseAnswer> {
    const checked = parseSymbol(symbol);
    if (!checked.ok) return Promise.reject(new MarketDataError("bad_request", checked.error.message));
    if (date !== CLOSES_LIMITS.latest && date < LIMITS.minDate) {
      return Promise.resolve({ symbol: checked.value, date, close: null, currency: "" });
    }
    const key = `${checked.value}|${date}`;
    const cached = this.cache.get(key);
    if (cached && this.isCurrent(date, cached.fetchedAt, cached.fetchedOn)) return Promise.resolve(cached.answer);
    const flying = this.inFlight.get(key);
    if (flying) return flying;
    const promise = this.batcher.enqueue({ symbol: checked.value, date });
    this.inFlight.set(key, promise);
    const forget = () => this.inFlight.delete(key);
    promise.then(forget, forget);
    return promise;
  }

  /** A close for a date before the day it was fetched on cannot change; later ones can. */
  private isCurrent(date: string, fetchedAt: number, fetchedOn: string): boolean {
    if (date !== CLOSES_LIMITS.latest && date < fetchedOn) return true;
    return this.options.now() - fetchedAt <= this.latestTtlMs;
  }

  /** True while the service is taken not to know pairs (so the older form is used). */
  pairsUnknown(): boolean {
    return this.options.now() < this.pairsUnknownUntil;
  }

  private dispatch(batch: PendingRequest<CloseNeed, CloseAnswer>[], offerHeld: boolean): void {
    const asked: PendingRequest<CloseNeed, CloseAnswer>[] = [];
    for (const pending of batch) {
      const held = offerHeld ? this.options.fromHeld?.(pending.request.symbol, pending.request.date) : undefined;
      if (held) this.answerFromHeld(pending, held);
      else asked.push(pending);
    }
    if (this.pairsUnknown()) this.askCrossed(asked);
    else this.askInPairs(asked);
  }

  /** Pairs, a symbol's together, packed into requests of at most 250 pairs over 50 symbols. */
  private askInPairs(asked: PendingRequest<CloseNeed, CloseAnswer>[]): void {
    const bySymbol = new Map<string, PendingRequest<CloseNeed, CloseAnswer>[]>();
    for (const pending of asked) {
      const list = bySymbol.get(pending.request.symbol);
      if (list) list.push(pending);
      else bySymbol.set(pending.request.symbol, [pending]);
    }
    let request: PendingRequest<CloseNeed, CloseAnswer>[] = [];
    let symbols = 0;
    for (const needs of bySymbol.values()) {
      if (symbols === LIMITS.maxSymbolsPerRequest) {
        void this.askPairs(request);
        request = [];
        symbols = 0;
      }
      symbols += 1;
      for (const pending of needs) {
        if (request.length === CLOSES_LIMITS.maxItemsPerRequest) {
          void this.askPairs(request);
          request = [];
          symbols = 1;
        }
        request.push(pending);
      }
    }
    if (request.length > 0) void this.askPairs(request);
  }

  private async askPairs(waiting: PendingRequest<CloseNeed, CloseAnswer>[]): Promise<void> {
    const items = waiting.map((p) => `${p.request.symbol}:${p.request.date}`);
    let body: ClosePairsResponse;
    try {
      body = await this.options.service.getJson<ClosePairsResponse>("closes", { items: items.join(",") });
    } catch (err) {
      if (err instanceof MarketDataError && (isUnknownRoute(err) || err.code === "bad_request")) {
        // A service that does not know pairs refuses the parameter itself; one that does names an item.
        if (isUnknownRoute(err) || !/\bitems?\b/i.test(err.message)) {
          this.pairsUnknownUntil = this.options.now() + (this.options.unknownPairsRetryMs ?? 10 * 60_000);
        }
        this.askCrossed(waiting);
        return;
      }
      for (const pending of waiting) pending.reject(err);
      return;
    }
    const malformed = !Array.isArray(body?.closes) || body.closes.length !== items.length;
    waiting.forEach((pending, i) => {
      try {
        const { symbol } = pending.request;
        pending.resolve(
          this.take(pending.request, body?.series?.[symbol], body?.errors?.[symbol], malformed ? undefined : body.closes[i]),
        );
      } catch (err) {
        pending.reject(err);
      }
    });
  }

  /** The older form: every symbol of a request at every date it names. */
  private askCrossed(asked: PendingRequest<CloseNeed, CloseAnswer>[]): void {
    // A request answers every symbol at every date it names, a few numbers each: the batch's dates
    // are cut into runs of 32, and each run goes out with the symbols that need any of its dates.
    const byDate = new Map<string, PendingRequest<CloseNeed, CloseAnswer>[]>();
    for (const pending of asked) {
      const list = byDate.get(pending.request.date);
      if (list) list.push(pending);
      else byDate.set(pending.request.date, [pending]);
    }
    const dates = [...byDate.keys()].sort();
    for (const dateGroup of chunk(dates, CLOSES_LIMITS.maxDatesPerRequest)) {
      const bySymbol = new Map<string, PendingRequest<CloseNeed, CloseAnswer>[]>();
      for (const date of dateGroup) {
        for (const pending of byDate.get(date) ?? []) {
          const list = bySymbol.get(pending.request.symbol);
          if (list) list.push(pending);
          else bySymbol.set(pending.request.symbol, [pending]);
        }
      }
      for (const symbolGroup of chunk([...bySymbol.keys()], LIMITS.maxSymbolsPerRequest)) {
        void this.ask(
          symbolGroup,
          dateGroup,
          symbolGroup.flatMap((symbol) => bySymbol.get(symbol) ?? []),
        );
      }
    }
  }

  /** Settles a call from a held series, or sends it in the next batch when the series has no answer. */
  private answerFromHeld(pending: PendingRequest<CloseNeed, CloseAnswer>, held: Promise<CloseAnswer | undefined>): void {
    // Asked of the service with the others that fell back (not offered to the held series again).
    const ask = () => void this.direct.enqueue(pending.request).then(pending.resolve, pending.reject);
    held.then(
      (answer) => {
        if (!answer) return ask();
        this.remember(`${pending.request.symbol}|${pending.request.date}`, answer);
        pending.resolve(answer);
      },
      () => ask(),
    );
  }

  /** Asks for `symbols` at `dates`; `waiting` are the calls this request answers. */
  private async ask(symbols: string[], dates: string[], waiting: PendingRequest<CloseNeed, CloseAnswer>[]): Promise<void> {
    let body: ClosesResponse;
    try {
      body = await this.options.service.getJson<ClosesResponse>("closes", { symbols: symbols.join(","), dates: dates.join(",") });
    } catch (err) {
      if (refusedForOneOf(err, symbols)) {
        await askEachAlone(symbols, waiting, (symbol, its) => this.ask([symbol], dates, its));
        return;
      }
      for (const pending of waiting) pending.reject(err);
      return;
    }
    const at = new Map(dates.map((date, i) => [date, i]));
    for (const pending of waiting) {
      try {
        const { symbol, date } = pending.request;
        const series = body.series?.[symbol];
        const close = Array.isArray(series?.closes) ? series.closes[at.get(date) ?? -1] : undefined;
        pending.resolve(this.take(pending.request, series, body.errors?.[symbol], close));
      } catch (err) {
        pending.reject(err);
      }
    }
  }

  /** A need's answer from its symbol's part of an answer (either form) and its close there. */
  private take(
    need: CloseNeed,
    series: PairSymbolInfo | undefined,
    error: ClosesResponse["errors"][string] | undefined,
    close: unknown,
  ): CloseAnswer {
    if (!series) {
      if (error?.code === "no_data") return { symbol: need.symbol, date: need.date, close: null, currency: "" };
      if (error) throw symbolError(need.symbol, error);
      throw new MarketDataError(
        "upstream_error",
        `Market data unavailable for ${need.symbol}: the data service did not answer for it`,
      );
    }
    if (close === undefined || (close !== null && !validClose(close))) {
      throw new MarketDataError(
        "upstream_error",
        `Market data unavailable for ${need.symbol}: the data service's closes are malformed`,
      );
    }
    const answer: CloseAnswer = {
      symbol: need.symbol,
      date: need.date,
      close,
      firstDate: series.firstDate,
      currency: series.currency,
    };
    this.remember(`${need.symbol}|${need.date}`, answer);
    return answer;
  }

  private remember(key: string, answer: CloseAnswer): void {
    this.cache.delete(key);
    const fetchedAt = this.options.now();
    this.cache.set(key, { answer, fetchedAt, fetchedOn: utcMsToIsoDate(fetchedAt) });
    if (this.cache.size > this.maxEntries) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
  }
}

function validClose(close: unknown): close is CloseAt {
  return Array.isArray(close) && typeof close[0] === "string" && typeof close[1] === "number" && typeof close[2] === "number";
}
