/**
 * History requests: validated symbols and dates in, the contract's HistoryResponse out.
 *
 * Remote providers go through the market store, which holds prices as traded and the corporate
 * actions apart from them; every answer is adjusted on read with the full action list known now,
 * so it equals a fetch into an empty cache at the same instant, whatever was visited before.
 * Per request:
 *  1. actions: complete from shortly before the range's start up to today, and confirmed upstream
 *     today (in the exchange's zone). When they are not and prices are missing too, the price fetch
 *     is stretched back to where the actions must start and on to today: a daily chart with events
 *     carries every split and dividend of its span, so that one call confirms them (a cold request
 *     costs one upstream call). Otherwise one cheap events-only call;
 *  2. bars: the range and, for each later dividend, the days just before its ex-date (the close it
 *     is measured against); whatever coverage lacks is fetched, split-adjusted prices turned back
 *     into traded ones with the actions just confirmed, and stored in one transaction;
 *  3. read: raw bars and actions from the store, adjusted (see adjustment.ts).
 * Today's bar (in the exchange's zone) is provisional: reused for `liveTtlMs`, then fetched again.
 * Local providers (CSV) are read directly. Weekly and monthly bars are built from daily ones.
 */
import type { HistoryField, HistoryResponse, Interval, SeriesPayload } from "../api/contract";
import { addDays, daysBetween } from "../api/validation";
import { aggregateRows } from "./aggregateBars";
import { deriveVersion } from "./answerVersion";
import { ColumnsResponse, columnsFromPayload } from "./columnarAnswer";
import { ByteLru } from "./byteLru";
import { DIVIDEND_LOOKBACK_DAYS, adjustOnRead, dividendsAsPaid, splitList, unadjustBars } from "./cache/adjustment";
import { DateRange, mergeRanges, missingRanges } from "./cache/dateRanges";
import { ActionsState, CorporateAction, CoverageInterval, MarketStore, StoreError } from "./cache/marketStore";
import { SqliteMarketStore } from "./cache/sqliteMarketStore";
import { LocalSingleFlight, LocalUnknownSymbols } from "./coordination/localCoordination";
import { SingleFlight, UnknownSymbols } from "./coordination/coordination";
import { dateInZone } from "./exchangeCalendar";
import { exchangeOf } from "./providers/exchangeSuffix";
import { MarketProvider, ProviderError, ProviderSeries, asProviderError, isOutage, noData } from "./providers/provider";
import { toApiError } from "./serviceErrors";
import { AbandonableFlight } from "./requestSignal";
import { UpstreamQueue } from "./upstreamQueue";

export interface HistoryServiceOptions {
  provider: MarketProvider;
  /** Where bars and actions are kept; without one, an in-memory store serves the process. */
  store?: MarketStore;
  queue: UpstreamQueue;
  now: () => number;
  /** Shared by every process using the same store (default: this process only). */
  flight?: SingleFlight;
  /** How long today's still-open bar is reused before asking upstream again. */
  liveTtlMs?: number;
  /** Where "unknown symbol" answers are remembered (default: this process, for a minute). */
  unknownSymbols?: UnknownSymbols;
  /** Told once when the store refuses writes. */
  warn?: (message: string) => void;
}

const DAILY: Interval = "1d";
const DAY_MS = 24 * 3_600_000;
/** Missing pieces closer than this are fetched in one call rather than two. */
const JOIN_GAP_DAYS = 100;
/**
 * A price fetch stretched to today to confirm the actions in the same call may bring at most this
 * many days the request did not ask for (about 1,300 daily rows); further back, the events-only
 * check and a price fetch of the range alone cost two calls but far less data.
 */
const STRETCH_MAX_DAYS = 5 * 365;
/** Held days such a stretched fetch may bring again (the day before the last confirmation, a weekend). */
const REFETCH_MAX_DAYS = 7;
/**
 * Memory for answers kept whole, bounded by bytes: one 30-year daily answer is close to a megabyte,
 * a month's a few kilobytes, so a count of entries says nothing about the memory they take.
 */
const MEMO_BYTES = 64 * 1024 * 1024;
/** Rough size of one answer row in memory: seven values and a date string. */
const MEMO_ROW_BYTES = 120;

interface Memo {
  payload: SeriesPayload;
  /** The actions state the answer was built on; any change (a re-check, another process) invalidates it. */
  actions: ActionsState;
  today: string;
}

/** What one request learned about the upstream on its way. */
interface Outcome {
  fetched: boolean;
  stale: boolean;
  /** The action list could not be confirmed: prices fetched now could not be un-adjusted safely. */
  actionsUnconfirmed?: boolean;
}

const minDate = (a: string, b: string) => (a < b ? a : b);

export class HistoryService {
  private store: MarketStore;
  private readonly flight: SingleFlight;
  private readonly memo = new ByteLru<string, Memo>(MEMO_BYTES);
  private readonly zones = new Map<string, string>();
  private readonly unknown: UnknownSymbols;
  private readonly liveTtlMs: number;
  private readOnlyWarned = false;

  constructor(private readonly options: HistoryServiceOptions) {
    this.store = options.store ?? new SqliteMarketStore(":memory:");
    // Requests that join a fetch hold it here, so its upstream call stops only when all have gone.
    this.flight = new AbandonableFlight(options.flight ?? new LocalSingleFlight());
    this.liveTtlMs = options.liveTtlMs ?? 60_000;
    this.unknown = options.unknownSymbols ?? new LocalUnknownSymbols();
  }

  async get(symbols: string[], start: string, end: string, interval: Interval): Promise<HistoryResponse> {
    return this.collect(
      symbols,
      start,
      end,
      (symbol) => this.one(symbol, start, end),
      (payload) => payload.rows.length,
      (payload) =>
        interval === DAILY
          ? payload
          : deriveVersion({ ...payload, rows: aggregateRows(payload.rows, interval) }, payload, interval),
    );
  }

  /**
   * Daily series as typed columns: straight from a local source that keeps columns (no object
   * per bar), otherwise the rows `get` would answer, turned into columns.
   */
  async getColumns<F extends HistoryField>(
    symbols: string[],
    start: string,
    end: string,
    fields: readonly F[],
  ): Promise<ColumnsResponse<F>> {
    const { provider } = this.options;
    const local = !provider.remote && provider.columns ? provider.columns.bind(provider) : undefined;
    return this.collect(
      symbols,
      start,
      end,
      async (symbol) => {
        if (!local) {
          const payload = await this.one(symbol, start, end);
          return deriveVersion(columnsFromPayload(payload), payload, "columns");
        }
        const columns = await local(symbol, start, end, fields);
        const { days, values, ...series } = columns;
        return withVersion({ ...this.localPayload(series), days, values }, columns);
      },
      (columns) => columns.days.length,
      (columns) => columns,
    );
  }

  /** Each symbol's answer, or its error (a symbol with nothing in the range is "no data"). */
  private async collect<T, R>(
    symbols: string[],
    start: string,
    end: string,
    fetch: (symbol: string) => Promise<T>,
    count: (answer: T) => number,
    shape: (answer: T) => R,
  ): Promise<{ series: Record<string, R>; errors: HistoryResponse["errors"] }> {
    const response: { series: Record<string, R>; errors: HistoryResponse["errors"] } = { series: {}, errors: {} };
    const answers = await Promise.all(
      symbols.map((symbol) =>
        fetch(symbol).then(
          (p) => ({ symbol, p }),
          (err: unknown) => ({ symbol, err }),
        ),
      ),
    );
    for (const answer of answers) {
      if ("err" in answer) {
        response.errors[answer.symbol] = toApiError(answer.err);
        continue;
      }
      if (count(answer.p) === 0) {
        response.errors[answer.symbol] = toApiError(noData(`No ${answer.symbol} prices between ${start} and ${end}`));
        continue;
      }
      response.series[answer.symbol] = shape(answer.p);
    }
    return response;
  }

  /** What the service adds to a local source's series: where from, as of when, and its basis. */
  private localPayload<T extends Omit<ProviderSeries, "rows">>(series: T): T & Omit<SeriesPayload, "rows"> {
    const lastAction = [...series.dividends, ...series.splits].reduce((latest, [d]) => (d > latest ? d : latest), "");
    return {
      ...series,
      source: this.options.provider.name,
      asOf: series.asOf ?? new Date(this.options.now()).toISOString(),
      stale: false,
      basis: lastAction,
    };
  }

  private async one(symbol: string, start: string, end: string): Promise<SeriesPayload> {
    const { provider } = this.options;
    if (!provider.remote) {
      const series = await provider.history(symbol, start, end, DAILY);
      return withVersion(this.localPayload(series), series);
    }
    return this.throughStore(symbol, start, end);
  }

  /** The exchange's zone: from the stored meta once known (kept in memory; a listing does not move), else the suffix table. */
  private async zoneOf(symbol: string): Promise<string> {
    const known = this.zones.get(symbol);
    if (known) return known;
    const stored = (await this.store.meta(symbol))?.timezone;
    if (stored) this.zones.set(symbol, stored);
    return stored || exchangeOf(symbol).timezone;
  }

  private async throughStore(symbol: string, start: string, end: string): Promise<SeriesPayload> {
    const at = this.options.now();
    const zone = await this.zoneOf(symbol);
    const today = dateInZone(at, zone);
    const last = minDate(end, today);
    if (start > last) throw noData(`No ${symbol} prices between ${start} and ${end}: ${start} has not traded yet`);
    const memoKey = `${symbol}|${start}|${last}`;
    const state = await this.store.actionsState(symbol);
    const remembered = this.memo.get(memoKey);
    if (
      remembered &&
      state &&
      remembered.today === today &&
      sameState(remembered.actions, state) &&
      !this.actionsDue(state, start, at, zone, today)
    ) {
      return remembered.payload;
    }
    // Upstream is about to be asked about the symbol: not if it called it unknown a moment ago.
    // (Actions confirmed today mean upstream knew it today, so that case needs no look.)
    if (this.actionsDue(state, start, at, zone, today)) {
      const unknownMessage = await this.unknown.recall(symbol, at);
      if (unknownMessage !== undefined) throw new ProviderError("unknown_symbol", unknownMessage);
    }

    const outcome: Outcome = { fetched: false, stale: false };
    await this.confirmActions(symbol, start, last, today, zone, state, at, outcome);
    const actions = await this.store.actions(symbol);
    const wanted = this.wantedRanges(start, last, actions, today);
    if (!outcome.actionsUnconfirmed) await this.fillBars(symbol, wanted, today, at, outcome);

    const coverage = await this.store.coverage(symbol);
    const raw = await this.store.bars(symbol, start, last);
    const dividendDates = actions.filter((a) => a.kind === "dividend" && a.date > start && a.date <= today).map((a) => a.date);
    const before = await this.store.barsBefore(symbol, dividendDates, DIVIDEND_LOOKBACK_DAYS);
    const adjusted = adjustOnRead(raw, actions, before, start, last);
    const meta = await this.store.meta(symbol);
    const fetchedAt = coverage
      .filter((c) => c.start <= last && c.end >= start)
      .reduce((latest, c) => Math.max(latest, c.fetchedAt), 0);
    const payload: SeriesPayload = {
      currency: meta?.currency || exchangeOf(symbol).currency,
      timezone: meta?.timezone || zone,
      rows: adjusted.rows,
      dividends: adjusted.dividends,
      splits: adjusted.splits,
      source: outcome.fetched ? this.options.provider.name : "cache",
      asOf: new Date(outcome.fetched ? this.options.now() : fetchedAt || at).toISOString(),
      stale: outcome.stale,
      basis: adjusted.basis,
    };
    const settled = await this.store.actionsState(symbol);
    // Only answers resting wholly on closed days and confirmed actions may be reused as they are.
    if (!outcome.stale && settled && this.closedCover(coverage, start, last, today)) {
      const bytes = (payload.rows.length + payload.dividends.length + payload.splits.length + 1) * MEMO_ROW_BYTES;
      this.memo.set(memoKey, { payload: { ...payload, source: "cache" }, actions: settled, today }, bytes);
    }
    return payload;
  }

  /** True when the stored actions do not reach back far enough or were not confirmed today. */
  private actionsDue(state: ActionsState | undefined, start: string, at: number, zone: string, today: string): boolean {
    if (!state) return true;
    if (state.from > addDays(start, -DIVIDEND_LOOKBACK_DAYS)) return true;
    return at - state.confirmedAt >= DAY_MS || at < state.confirmedAt || dateInZone(state.confirmedAt, zone) < today;
  }

  /**
   * Makes the stored action list complete from the look-back before `start` up to today. A list
   * already reaching back far enough is only re-checked from the day it was last confirmed. When
   * the request's prices are missing as well, one daily chart from there to today brings both.
   */
  private async confirmActions(
    symbol: string,
    start: string,
    last: string,
    today: string,
    zone: string,
    state: ActionsState | undefined,
    at: number,
    outcome: Outcome,
  ): Promise<void> {
    if (!this.actionsDue(state, start, at, zone, today)) return;
    const needFrom = addDays(start, -DIVIDEND_LOOKBACK_DAYS);
    // Reaching further back: one call from there to today covers the old span too. Otherwise
    // only the days since the last confirmation (and the one before, for safety) are asked for.
    const extending = !state || state.from > needFrom;
    const from = extending ? needFrom : addDays(dateInZone(state.confirmedAt, zone), -1);
    const completeFrom = extending ? needFrom : state.from;
    const together = await this.chartWithActions(symbol, start, last, from, today, at, state);
    // Joining a span already under way is only safe when it starts no later than ours.
    const key = together ? `chart:${symbol}:${together.start}:${today}` : `actions:${symbol}:${from}:${today}`;
    await this.flight
      .run(key, async () => {
        // Another replica may have confirmed them while this one waited for the shared flight.
        if (!this.actionsDue(await this.store.actionsState(symbol), start, this.options.now(), zone, today)) return;
        if (together) {
          await this.fetchBars(symbol, together, today, at, completeFrom);
          outcome.fetched = true;
          return;
        }
        const { provider, queue } = this.options;
        const answer = await queue
          .run(`actions:${symbol}:${from}:${today}`, (signal) =>
            provider.actions
              ? provider.actions(symbol, from, today, { signal })
              : provider.history(symbol, from, today, DAILY, { signal }),
          )
          .catch((err: unknown) => this.rememberUnknown(symbol, err));
        const known = await this.store.actions(symbol);
        const splits = mergeSplits(known, answer.splits);
        const learned: CorporateAction[] = [
          ...answer.splits.map(([date, value]) => ({ date, kind: "split" as const, value })),
          ...dividendsAsPaid(answer.dividends, splits),
        ];
        await this.write(symbol, {
          meta: { currency: answer.currency, timezone: answer.timezone, source: provider.name },
          actions: learned,
          actionsState: { from: completeFrom, confirmedAt: this.options.now() },
        });
      })
      .catch((err: unknown) => {
        const failure = err instanceof StoreError ? err : asProviderError(err);
        // With an action list from earlier, the cached prices can still be served, marked stale.
        if (failure instanceof StoreError || !isOutage(failure) || !state) throw failure;
        outcome.stale = true;
        outcome.actionsUnconfirmed = true;
      });
  }

  /**
   * The span of one daily chart that both fills the request's missing prices and confirms the
   * actions (from `from` to today), or undefined when the events-only check is the better call:
   * no prices missing, a span that would fetch cached days again, or one bringing more than
   * STRETCH_MAX_DAYS days nobody asked for.
   */
  private async chartWithActions(
    symbol: string,
    start: string,
    last: string,
    from: string,
    today: string,
    at: number,
    state: ActionsState | undefined,
  ): Promise<DateRange | undefined> {
    const coverage = await this.store.coverage(symbol);
    const actions = state ? await this.store.actions(symbol) : [];
    const missing = this.missing(coverage, this.wantedRanges(start, last, actions, today), today, at);
    if (missing.length === 0) return undefined;
    const span = { start: minDate(from, missing[0].start), end: today };
    const days = (ranges: DateRange[]) => ranges.reduce((sum, r) => sum + daysBetween(r.start, r.end) + 1, 0);
    // Days already held would be fetched again: a few (the day before the last confirmation) are
    // cheaper than a second call, a stretch of them is not.
    const held = days([span]) - days(missingRanges(this.validCoverage(coverage, today, at), span.start, span.end));
    if (held > REFETCH_MAX_DAYS) return undefined;
    if (days([span]) - days(missing) > STRETCH_MAX_DAYS) return undefined;
    return span;
  }

  /** The days a correct answer needs: the range, and the days before each later dividend's ex-date. */
  private wantedRanges(start: string, last: string, actions: CorporateAction[], today: string): DateRange[] {
    const ranges: DateRange[] = [{ start, end: last }];
    for (const a of actions) {
      if (a.kind === "dividend" && a.date > start && a.date <= today)
        ranges.push({ start: addDays(a.date, -DIVIDEND_LOOKBACK_DAYS), end: addDays(a.date, -1) });
    }
    return mergeRanges(ranges);
  }

  private closedCover(coverage: CoverageInterval[], start: string, last: string, today: string): boolean {
    if (last >= today) return false;
    return missingRanges(mergeRanges(coverage.filter((c) => !c.provisional)), start, last).length === 0;
  }

  /** Coverage that still holds now: closed days, and today's provisional bar while it is fresh. */
  private validCoverage(coverage: CoverageInterval[], today: string, at: number): DateRange[] {
    return mergeRanges(
      coverage.filter((c) => !c.provisional || (c.start === today && c.end === today && at - c.fetchedAt < this.liveTtlMs)),
    );
  }

  private async fillBars(symbol: string, wanted: DateRange[], today: string, at: number, outcome: Outcome): Promise<void> {
    const missing = this.missing(await this.store.coverage(symbol), wanted, today, at);
    if (missing.length === 0) return;
    // Pieces close together are one call; far apart, separate calls (a dividend years after the range).
    const calls: DateRange[] = [];
    for (const piece of missing) {
      const previous = calls[calls.length - 1];
      if (previous && piece.start <= addDays(previous.end, JOIN_GAP_DAYS)) previous.end = piece.end;
      else calls.push({ ...piece });
    }
    const results = await Promise.allSettled(
      calls.map((call) =>
        this.flight.run(`bars:${symbol}:${call.start}:${call.end}`, () => this.fetchBars(symbol, call, today, at)),
      ),
    );
    for (const result of results) {
      if (result.status === "fulfilled") {
        if (result.value) outcome.fetched = true;
        continue;
      }
      const failure = result.reason instanceof StoreError ? result.reason : asProviderError(result.reason);
      if (failure instanceof StoreError || !isOutage(failure)) throw failure;
      // Upstream is down: whatever the store has is served, marked stale, unless it has nothing.
      if ((await this.store.coverage(symbol)).length === 0) throw failure;
      outcome.stale = true;
    }
  }

  private missing(coverage: CoverageInterval[], wanted: DateRange[], today: string, at: number): DateRange[] {
    const valid = this.validCoverage(coverage, today, at);
    return wanted.flatMap((r) => missingRanges(valid, r.start, r.end));
  }

  /**
   * Fetches one span, unless another request has stored it meanwhile; true when upstream was called.
   * With `confirmsFrom`, the span reaches today and its events are recorded as the complete action
   * list from that date, confirmed now, in the same write as the prices.
   */
  private async fetchBars(symbol: string, span: DateRange, today: string, at: number, confirmsFrom?: string): Promise<boolean> {
    if (!confirmsFrom && this.missing(await this.store.coverage(symbol), [span], today, at).length === 0) return false;
    const { provider, queue } = this.options;
    const series: ProviderSeries = await queue
      .run(`history:${symbol}:${span.start}:${span.end}:${DAILY}`, (signal) =>
        provider.history(symbol, span.start, span.end, DAILY, { signal }),
      )
      .catch((err: unknown) => this.rememberUnknown(symbol, err));
    const fetchedAt = this.options.now();
    const liveDay = dateInZone(fetchedAt, series.timezone);
    const end = minDate(span.end, liveDay);
    const known = await this.store.actions(symbol);
    // The answer's prices carry every split known upstream now: the stored list, confirmed today, plus any in the answer.
    const splits = mergeSplits(known, series.splits);
    const rows = unadjustBars(
      series.rows.filter((r) => r[0] <= end),
      splits,
    );
    const coverage: CoverageInterval[] = [
      { start: span.start, end: minDate(end, addDays(liveDay, -1)), fetchedAt, provisional: false },
    ];
    if (span.end >= liveDay) coverage.push({ start: liveDay, end: liveDay, fetchedAt, provisional: true });
    await this.write(symbol, {
      meta: { currency: series.currency, timezone: series.timezone, source: provider.name },
      bars: { start: span.start, end, rows },
      actions: [
        ...series.splits.map(([date, value]) => ({ date, kind: "split" as const, value })),
        ...dividendsAsPaid(series.dividends, splits),
      ],
      coverage,
      ...(confirmsFrom ? { actionsState: { from: confirmsFrom, confirmedAt: fetchedAt } } : {}),
    });
    return true;
  }

  /**
   * Writes through the store; a store that refuses writes (a read-only file) is replaced by one in
   * memory for the rest of the process, so answers keep coming from upstream. Said once.
   */
  private async write(symbol: string, change: Parameters<MarketStore["write"]>[1]): Promise<void> {
    try {
      await this.store.write(symbol, change);
    } catch (err) {
      if (!(err instanceof StoreError) || !err.readOnly) throw err;
      if (!this.readOnlyWarned) {
        this.readOnlyWarned = true;
        (this.options.warn ?? ((m: string) => console.warn(m)))(
          `The market-data cache ${this.store.location} cannot be written (${err.message}); answers come from upstream and are kept in memory only.`,
        );
      }
      this.store = new SqliteMarketStore(":memory:");
      this.memo.clear();
      await this.store.write(symbol, change);
    }
  }

  private async rememberUnknown(symbol: string, err: unknown): Promise<never> {
    const failure = asProviderError(err);
    if (failure.code === "unknown_symbol") await this.unknown.remember(symbol, failure.message, this.options.now());
    throw failure;
  }
}

/**
 * A local answer has its series' version: everything the service adds is fixed by the series,
 * unless the time of the answer had to stand in for the series' own date.
 */
function withVersion<T extends object>(payload: T, series: { asOf?: string }): T {
  return series.asOf ? deriveVersion(payload, series, "local") : payload;
}

function sameState(a: ActionsState, b: ActionsState): boolean {
  return a.from === b.from && a.confirmedAt === b.confirmedAt;
}

/** The stored splits with those of an upstream answer, sorted. */
function mergeSplits(known: CorporateAction[], extra: [string, number][]) {
  const byDate = new Map(splitList(known).map(([d, r]) => [d, r] as const));
  for (const [d, r] of extra) byDate.set(d, r);
  return [...byDate.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)) as [string, number][];
}
