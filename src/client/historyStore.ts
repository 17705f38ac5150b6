/**
 * Daily price history, fetched once per session per symbol and day and reused for every later
 * window inside what is held. Each call is checked and clamped on its own (symbol spelling, dates
 * before the earliest date with data, an end after today) before anything is batched, and each
 * call gets back only the bars of its own window, so a cell's answer never depends on which other
 * cells happened to recalculate with it.
 *
 * Per symbol the store works out what part of a call's window it lacks: the part already held is
 * not asked for again, a part already on its way is joined, and only the rest goes into the batch.
 * Calls made during one recalculation are gathered by a TickBatcher; each symbol's missing parts are
 * joined into as few windows as make sense for that symbol alone, and symbols whose windows nearly
 * agree share a request for the union of their windows (at most 50 symbols each). A request the
 * service refuses is asked again symbol by symbol, so the refusal lands only on the calls that
 * caused it.
 *
 * Held histories are typed columns (src/market/priceColumns.ts). A store asks either for every
 * field (rows; HISTORY and the task pane's tables read open, high, low and volume) or for closes
 * and adjusted closes alone in the service's columnar format (20 bytes a day), which is all the
 * window statistics read. Calls get positions of the held columns, not copies, so what is
 * memoised per column (the drawdown tree) is built once and used by every cell.
 */
import {
  BASE_CLOSE_LOOKBACK_DAYS,
  LIMITS,
  type HistoryResponse,
  type SeriesPayload,
  type DividendEvent,
  type SplitEvent,
} from "../api/contract";
import { emptyWindowError, parseSymbol, windowStart } from "../api/validation";
import { barsOfWindow, isoOfDay, type SeriesWindow } from "../market/priceColumns";
import type { DailyBar } from "../market/types";
import { allAbandoned, CancelledRequestError, SharedInterest, untilAborted } from "./cancellation";
import { decodeColumnarHistory, type ColumnarSeries, type DecodedColumnarHistory } from "./columnarSeries";
import { joinRanges, overlaps, splitRange, subtractRanges, type DayRange } from "./dayRanges";
import { MarketDataError, symbolError } from "./marketDataError";
import { refusedForOneOf } from "./refusedBatch";
import type { ServiceClient } from "./serviceClient";
import { columnsFromColumnar, columnsFromRows, emptyColumns } from "./seriesColumns";
import { isoRange, rangeOf, SymbolSeries, type SeriesMeta, type SeriesView } from "./symbolSeries";
import { chunk, TickBatcher, type PendingRequest } from "./tickBatcher";
import { checkWindow } from "./windowCheck";
import { minDate, utcMsToDayNumber } from "../calendar/isoDate";

/** What every answer for one call's window says besides its bars. */
interface WindowAnswer {
  symbol: string;
  dividends: DividendEvent[];
  splits: SplitEvent[];
  currency: string;
  timezone: string;
  source: SeriesPayload["source"];
  asOf: string;
  stale: boolean;
  /** The call's window: its start minus the look-back (not before the earliest date with data) to its end. */
  coveredStart: string;
  coveredEnd: string;
}

/** A symbol's daily history for one call's window. */
export interface SymbolHistory extends WindowAnswer {
  /** The bars from `coveredStart` to `coveredEnd`, oldest first. */
  bars: DailyBar[];
}

/**
 * A symbol's closes and adjusted closes for one call's window: positions of the columns the
 * store holds (shared with other calls; never to be written to).
 */
export interface SymbolSeriesWindow extends WindowAnswer {
  window: SeriesWindow;
}

/** What a store asks the service for: every field (rows), or closes and adjusted closes (columns). */
export type HistoryFields = "all" | "closes";

export interface HistoryStoreOptions {
  service: ServiceClient;
  /** Epoch milliseconds now (injected so tests control "today"). */
  now: () => number;
  /** Calendar days fetched before a start date, so the close on or before it is included. */
  lookbackDays?: number;
  /** How long a history that reaches today stays current before the latest bars are fetched again. */
  latestTtlMs?: number;
  batchDelayMs?: number;
  /** Memory the held histories may take, in bytes (default DEFAULT_HISTORY_CACHE_BYTES[fields]). */
  maxBytes?: number;
  /** Fields asked for and held (default "all"). */
  fields?: HistoryFields;
}

/** What one held trading day costs: a 4-byte day and 8 bytes per field (the buffers' own sizes). */
export const BYTES_PER_DAY: Record<HistoryFields, number> = { all: 52, closes: 20 };
/**
 * Default bounds on held histories: closes 128 MB (about 820 symbols of 30 years), every field
 * 64 MB (about 160 symbols of 30 years).
 */
export const DEFAULT_HISTORY_CACHE_BYTES: Record<HistoryFields, number> = {
  all: 64 * 1024 * 1024,
  closes: 128 * 1024 * 1024,
};

/** Days between two missing parts of one symbol below which one window asks for both (and the gap). */
const JOIN_GAP_DAYS = 45;
/**
 * Symbols whose windows nearly agree share one request for the union of their windows: when the
 * union is at most this much longer than each of their own windows (the extra days are kept, like
 * any fetched days).
 */
const SHARED_WINDOW_SLACK = 1.25;
/**
 * Bars one request may carry (about 12 MB of rows, or 6 MB of closes in columns): a batch of long
 * windows is split into more requests of fewer symbols, so no single answer grows past what
 * parses quickly.
 */
export const MAX_BARS_PER_REQUEST: Record<HistoryFields, number> = { all: 200_000, closes: 400_000 };
/** Extra time a request gets per thousand bars it carries, on top of the base time limit. */
export const MS_PER_THOUSAND_BARS = 50;

/** Trading days (about 5 in 7 calendar days) in a window: what one symbol of it carries. */
function barsIn(range: DayRange): number {
  return Math.ceil(((range.end - range.start + 1) * 5) / 7);
}

/** One missing part of one symbol's history, waiting in the batch. */
interface Piece {
  symbol: string;
  range: DayRange;
  /** Aborts when every call waiting for this piece has given up. */
  wanted: AbortSignal;
}

interface InFlight {
  range: DayRange;
  promise: Promise<void>;
  callers: SharedInterest;
}

export class HistoryStore {
  private readonly held = new Map<string, SymbolSeries>();
  private readonly inFlight = new Map<string, InFlight[]>();
  private readonly batcher: TickBatcher<Piece, void>;
  private readonly lookbackDays: number;
  private readonly latestTtlMs: number;
  private readonly fields: HistoryFields;

  constructor(private readonly options: HistoryStoreOptions) {
    this.fields = options.fields ?? "all";
    this.lookbackDays = options.lookbackDays ?? BASE_CLOSE_LOOKBACK_DAYS;
    this.latestTtlMs = options.latestTtlMs ?? 15 * 60_000;
    this.batcher = new TickBatcher((batch) => this.dispatch(batch), options.batchDelayMs ?? 0);
  }

  today(): string {
    return isoOfDay(utcMsToDayNumber(this.options.now()));
  }

  /**
   * Daily history covering `start` (with the close before it) to `end` (default: today).
   * Dates are `YYYY-MM-DD`; a future end is treated as today. When `signal` aborts, the call
   * rejects at once (CancelledRequestError), and requests only it was waiting for are aborted.
   */
  async history(symbol: string, start: string, end?: string, signal?: AbortSignal): Promise<SymbolHistory> {
    const { view, ...answer } = await untilAborted(this.viewOf(symbol, start, end, signal), signal);
    return { ...answer, bars: barsOfWindow(view.window) };
  }

  /** As `history`, the bars as positions of the held columns (no copy). */
  async series(symbol: string, start: string, end?: string, signal?: AbortSignal): Promise<SymbolSeriesWindow> {
    const { view, ...answer } = await untilAborted(this.viewOf(symbol, start, end, signal), signal);
    return { ...answer, window: view.window };
  }

  private viewOf(
    symbol: string,
    start: string,
    end: string | undefined,
    signal: AbortSignal | undefined,
  ): Promise<WindowAnswer & { view: SeriesView }> {
    const checked = checkWindow(symbol, start, end, this.today());
    if (checked instanceof MarketDataError) return Promise.reject(checked);
    const { key, end: needEnd } = checked;
    const needStart = windowStart(start, needEnd, this.lookbackDays);
    return this.window(key, needStart, needEnd, signal).then((found) => {
      if (found.view.window.to < found.view.window.from) {
        const empty = emptyWindowError(key, start, needEnd);
        throw new MarketDataError(empty.code, empty.message);
      }
      return found;
    });
  }

  /**
   * True when asking for `start`..`end` now would send no request: every day of the window
   * (with its look-back) is held and current, or on its way in a request already sent or queued.
   */
  covers(symbol: string, start: string, end: string): boolean {
    const checked = parseSymbol(symbol);
    if (!checked.ok) return false;
    const today = this.today();
    const needEnd = minDate(end, today);
    if (start > today || needEnd < LIMITS.minDate) return false;
    const needStart = windowStart(start, needEnd, this.lookbackDays);
    const held = this.held.get(checked.value);
    let missing = subtractRanges(rangeOf(needStart, needEnd), held ? held.knownRanges(this.options.now(), this.latestTtlMs) : []);
    for (const flight of this.inFlight.get(checked.value) ?? []) {
      if (flight.callers.abandoned) continue;
      missing = missing.flatMap((part) => subtractRanges(part, [flight.range]));
    }
    return missing.length === 0;
  }

  /**
   * The first and last dates with data for a symbol (for messages that say where its data lies),
   * or undefined when it has none. Asks for the symbol's whole history once.
   */
  async dataRange(symbol: string): Promise<{ first: string; last: string } | undefined> {
    const checked = parseSymbol(symbol);
    if (!checked.ok) return undefined;
    await this.window(checked.value, LIMITS.minDate, this.today());
    return this.seriesOf(checked.value).extent();
  }

  /** Forgets everything (a new session's worth of data). */
  clear(): void {
    this.held.clear();
  }

  /** A symbol's held history; using it makes it the most recently used (the last to be dropped). */
  private seriesOf(symbol: string): SymbolSeries {
    let series = this.held.get(symbol);
    if (series) this.held.delete(symbol);
    else series = new SymbolSeries();
    this.held.set(symbol, series);
    return series;
  }

  /** Bytes the held histories' columns take. */
  heldBytes(): number {
    let bytes = 0;
    for (const series of this.held.values()) bytes += series.byteCount();
    return bytes;
  }

  /**
   * Drops the least recently used symbols until what is held fits the bound. A symbol with a fetch
   * on its way, and the one just stored, stay: calls are waiting for them.
   */
  private trim(keep: string): void {
    const max = this.options.maxBytes ?? DEFAULT_HISTORY_CACHE_BYTES[this.fields];
    let bytes = this.heldBytes();
    for (const [symbol, series] of this.held) {
      if (bytes <= max) break;
      if (symbol === keep || this.inFlight.has(symbol)) continue;
      bytes -= series.byteCount();
      this.held.delete(symbol);
    }
  }

  /** One window of one symbol: what is held, joined with what is on its way, plus the rest fetched. */
  private async window(
    symbol: string,
    start: string,
    end: string,
    signal?: AbortSignal,
  ): Promise<WindowAnswer & { view: SeriesView }> {
    const range = rangeOf(start, end);
    // A window may lose days while it waits (a newer basis drops what was held, or the memory
    // bound drops the symbol): ask again then.
    for (let attempt = 0; attempt < 3; attempt++) {
      const series = this.seriesOf(symbol);
      let missing = subtractRanges(range, series.knownRanges(this.options.now(), this.latestTtlMs));
      const waits: Promise<void>[] = [];
      for (const flight of this.inFlight.get(symbol) ?? []) {
        // A flight everyone gave up on is being aborted: its days are asked for again.
        if (flight.callers.abandoned || !missing.some((part) => overlaps(part, flight.range))) continue;
        flight.callers.join(signal);
        waits.push(flight.promise);
        missing = missing.flatMap((part) => subtractRanges(part, [flight.range]));
      }
      for (const part of missing) {
        for (const piece of splitRange(part, LIMITS.maxRangeDays)) waits.push(this.fetchPiece(symbol, piece, signal));
      }
      await Promise.all(waits);
      const view = (this.held.get(symbol) ?? series).view(range);
      if (view) return { ...answerOf(symbol, view, start, end), view };
    }
    throw new MarketDataError(
      "upstream_error",
      `Market data unavailable for ${symbol}: its history kept changing while it was fetched`,
    );
  }

  private fetchPiece(symbol: string, range: DayRange, signal: AbortSignal | undefined): Promise<void> {
    const callers = new SharedInterest();
    callers.join(signal);
    const promise = this.batcher.enqueue({ symbol, range, wanted: callers.signal });
    const flight: InFlight = { range, promise, callers };
    this.inFlight.set(symbol, [...(this.inFlight.get(symbol) ?? []), flight]);
    const forget = () => {
      const rest = (this.inFlight.get(symbol) ?? []).filter((f) => f !== flight);
      if (rest.length) this.inFlight.set(symbol, rest);
      else this.inFlight.delete(symbol);
    };
    promise.then(forget, forget);
    return promise;
  }

  /** Joins each symbol's pieces into windows, then sends symbols that share a window together. */
  private dispatch(batch: PendingRequest<Piece, void>[]): void {
    const bySymbol = new Map<string, PendingRequest<Piece, void>[]>();
    for (const pending of batch) {
      if (pending.request.wanted.aborted) {
        pending.reject(new CancelledRequestError());
        continue;
      }
      const list = bySymbol.get(pending.request.symbol) ?? [];
      list.push(pending);
      bySymbol.set(pending.request.symbol, list);
    }
    const wanted: { symbol: string; range: DayRange; pieces: PendingRequest<Piece, void>[] }[] = [];
    for (const [symbol, pieces] of bySymbol) {
      const windows = joinRanges(
        pieces.map((p) => p.request.range),
        JOIN_GAP_DAYS,
        LIMITS.maxRangeDays,
      );
      for (const range of windows) {
        const inside = pieces.filter((p) => p.request.range.start >= range.start && p.request.range.end <= range.end);
        wanted.push({ symbol, range, pieces: inside });
      }
    }
    for (const group of sharedWindows(wanted)) {
      const symbols = new Map(group.members.map((m) => [m.symbol, m.pieces]));
      const perRequest = Math.max(
        1,
        Math.min(LIMITS.maxSymbolsPerRequest, Math.floor(MAX_BARS_PER_REQUEST[this.fields] / barsIn(group.range))),
      );
      for (const part of chunk([...symbols.keys()], perRequest)) {
        void this.fetchWindow(group.range, part, symbols);
      }
    }
  }

  private async fetchWindow(
    range: DayRange,
    symbols: string[],
    waiting: Map<string, PendingRequest<Piece, void>[]>,
  ): Promise<void> {
    const { start, end } = isoRange(range);
    let body: HistoryResponse | DecodedColumnarHistory;
    try {
      const extraMs = Math.ceil((symbols.length * barsIn(range)) / 1000) * MS_PER_THOUSAND_BARS;
      const params: Record<string, string> = { symbols: symbols.join(","), start, end, interval: "1d" };
      if (this.fields === "closes") {
        params.format = "columns";
        params.fields = "close,adjclose";
      }
      const signal = allAbandoned(symbols.flatMap((symbol) => (waiting.get(symbol) ?? []).map((p) => p.request.wanted)));
      const raw = await this.options.service.getJson<HistoryResponse>("history", params, undefined, { extraMs, signal });
      body = this.fields === "closes" ? decodeColumnarHistory(raw) : raw;
    } catch (err) {
      // A refusal of a request for several symbols may be about one of them: ask for each alone.
      if (refusedForOneOf(err, symbols)) {
        await Promise.all(symbols.map((symbol) => this.fetchWindow(range, [symbol], waiting)));
        return;
      }
      for (const symbol of symbols) for (const pending of waiting.get(symbol) ?? []) pending.reject(err);
      return;
    }
    for (const symbol of symbols) {
      try {
        this.store(body, symbol, range);
        for (const pending of waiting.get(symbol) ?? []) pending.resolve();
      } catch (err) {
        for (const pending of waiting.get(symbol) ?? []) pending.reject(err);
      }
    }
  }

  /** Puts one symbol's part of an answer into what is held, or throws why it is missing. */
  private store(body: HistoryResponse | DecodedColumnarHistory, symbol: string, range: DayRange): void {
    const now = this.options.now();
    const fetchDay = utcMsToDayNumber(now);
    const series = pick<SeriesPayload | ColumnarSeries>(body.series, symbol);
    if (!series) {
      const error = pick(body.errors, symbol);
      // "No data" for a window is an answer: the symbol has no bars in it.
      if (error?.code === "no_data") {
        this.seriesOf(symbol).add(range, emptyColumns(), [], [], undefined, now, fetchDay);
        return;
      }
      if (error) throw symbolError(symbol, error);
      throw new MarketDataError(
        "upstream_error",
        `Market data unavailable for ${symbol}: the data service did not answer for it`,
      );
    }
    const meta: SeriesMeta = {
      currency: series.currency,
      timezone: series.timezone,
      source: series.source,
      asOf: series.asOf,
      stale: series.stale,
    };
    this.seriesOf(symbol).add(
      range,
      "days" in series ? columnsFromColumnar(series) : columnsFromRows(series.rows ?? []),
      series.dividends ?? [],
      series.splits ?? [],
      meta,
      now,
      fetchDay,
      series.basis ?? "",
    );
    this.trim(symbol);
  }
}

function answerOf(symbol: string, view: SeriesView, start: string, end: string): WindowAnswer {
  return {
    symbol,
    dividends: view.dividends,
    splits: view.splits,
    currency: view.meta?.currency ?? "",
    timezone: view.meta?.timezone ?? "",
    source: view.meta?.source ?? "cache",
    asOf: view.meta?.asOf ?? "",
    stale: view.meta?.stale ?? false,
    coveredStart: start,
    coveredEnd: end,
  };
}

interface WantedWindow {
  symbol: string;
  range: DayRange;
  pieces: PendingRequest<Piece, void>[];
}

/**
 * Groups the windows symbols need so that each group is asked in one request for the union of
 * its windows, as long as that union is at most SHARED_WINDOW_SLACK times as long as every
 * member's own window (identical windows always share). Windows are taken by end, then start, so
 * neighbours on the calendar meet.
 */
function sharedWindows(wanted: WantedWindow[]): { range: DayRange; members: WantedWindow[] }[] {
  const sorted = [...wanted].sort((a, b) => a.range.end - b.range.end || a.range.start - b.range.start);
  const groups: { range: DayRange; members: WantedWindow[]; shortest: number }[] = [];
  const length = (r: DayRange) => r.end - r.start + 1;
  for (const w of sorted) {
    const group = groups[groups.length - 1];
    if (group && !group.members.some((m) => m.symbol === w.symbol)) {
      const union = { start: Math.min(group.range.start, w.range.start), end: Math.max(group.range.end, w.range.end) };
      const shortest = Math.min(group.shortest, length(w.range));
      if (length(union) <= SHARED_WINDOW_SLACK * shortest && length(union) <= LIMITS.maxRangeDays) {
        group.range = union;
        group.shortest = shortest;
        group.members.push(w);
        continue;
      }
    }
    groups.push({ range: { ...w.range }, members: [w], shortest: length(w.range) });
  }
  return groups;
}

/** A record's entry for a symbol, tolerating a service that changed the symbol's case. */
function pick<T>(record: Record<string, T> | undefined, symbol: string): T | undefined {
  if (!record) return undefined;
  if (symbol in record) return record[symbol];
  const key = Object.keys(record).find((k) => k.toUpperCase() === symbol);
  return key === undefined ? undefined : record[key];
}
