/**
 * What the history, quote and fund services need from a persistent cache, as promises so that
 * an embedded SQLite file and a shared PostgreSQL database can both stand behind it.
 *
 * The store keeps only facts that do not change once known: unadjusted daily bars, corporate
 * actions (dividends per share as paid, splits as ratios), which date intervals were fetched
 * and when, and the last quote/fund snapshots. Every adjusted figure (Close after later splits,
 * Adj Close after later dividends) is computed by the service on read, so the store never holds
 * two bases of the same series. The store makes no freshness decisions: it records times and the
 * service decides what is still good.
 *
 * Contract for implementations (test/server/storeConformance.ts checks it):
 * - `write` applies everything it is given in one transaction: all of it or none of it.
 * - A `bars` write replaces the bars of its span (the upstream answer for that span is the
 *   authority for it) and leaves every bar outside the span untouched.
 * - Closed coverage intervals are merged (overlapping or touching ones become one, with the latest
 *   fetchedAt); a provisional interval replaces provisional ones it overlaps, and a closed
 *   interval removes the provisional ones it overlaps.
 * - Actions are keyed by (kind, date): writing one again replaces its value, never duplicates it.
 * - Failures reject with a StoreError (code `cache_error`), never with a driver's own error.
 */
import type { DividendEvent, SplitEvent } from "../../api/contract";

/** [date, open, high, low, close, volume] as traded that day: no split or dividend adjustment. */
export type RawBar = [
  date: string,
  open: number | null,
  high: number | null,
  low: number | null,
  close: number,
  volume: number | null,
];

export type ActionKind = "dividend" | "split";

/** A dividend's value is the cash per share as paid on its ex-date; a split's is new shares per old (3 for 3-for-1). */
export interface CorporateAction {
  date: string;
  kind: ActionKind;
  value: number;
}

/** Dates start..end inclusive were fetched at `fetchedAt`; provisional means the last day was still trading. */
export interface CoverageInterval {
  start: string;
  end: string;
  fetchedAt: number;
  provisional: boolean;
}

export interface SeriesMeta {
  currency: string;
  /** IANA zone of the exchange: the calendar every bar is dated on. */
  timezone: string;
  /** Provider the series came from ("yahoo", "csv"). */
  source: string;
}

/** The action list is complete from `from` up to the exchange date on which it was confirmed. */
export interface ActionsState {
  from: string;
  confirmedAt: number;
}

export interface SeriesWrite {
  meta?: SeriesMeta;
  /** Replaces every stored bar dated start..end with `rows` (all inside that span). */
  bars?: { start: string; end: string; rows: RawBar[] };
  coverage?: CoverageInterval[];
  /** Added, or replacing the stored action of the same kind and date. */
  actions?: CorporateAction[];
  /** Replaces the symbol's actions state. */
  actionsState?: ActionsState;
}

export type SnapshotKind = "quote" | "fund";

export interface StoreStats {
  /** Where the data lives: a file path, or a connection string without its password. */
  location: string;
  symbols: number;
  bars: number;
  actions: number;
  quotes: number;
  funds: number;
  /** Size on disk when known. */
  bytes: number | null;
  perSymbol: { symbol: string; bars: number; first: string | null; last: string | null; coverage: CoverageInterval[] }[];
}

export interface MarketStore {
  /** As in StoreStats. */
  readonly location: string;
  meta(symbol: string): Promise<SeriesMeta | undefined>;
  /** Sorted by start. */
  coverage(symbol: string): Promise<CoverageInterval[]>;
  /** Bars dated start..end inclusive, oldest first. */
  bars(symbol: string, start: string, end: string): Promise<RawBar[]>;
  /** For each date, the last bar strictly before it and no earlier than `notBefore` days before it. */
  barsBefore(symbol: string, dates: string[], notBefore: number): Promise<Map<string, RawBar>>;
  /** Every action known for the symbol, oldest first (dividend before split on the same date). */
  actions(symbol: string): Promise<CorporateAction[]>;
  actionsState(symbol: string): Promise<ActionsState | undefined>;
  /** One transaction. */
  write(symbol: string, change: SeriesWrite): Promise<void>;
  snapshot<T>(kind: SnapshotKind, symbol: string): Promise<{ value: T; fetchedAt: number } | undefined>;
  putSnapshot(kind: SnapshotKind, symbol: string, value: unknown, fetchedAt: number): Promise<void>;
  /** Bars, actions and snapshots held: a quick size for /health. */
  entryCount(): Promise<number>;
  stats(): Promise<StoreStats>;
  close(): Promise<void>;
}

/** A failure of the cache itself (disk, database), as opposed to one of the upstream. */
export class StoreError extends Error {
  readonly code = "cache_error" as const;
  constructor(
    message: string,
    /** True when the store refuses writes (a read-only file or database) but can still be read. */
    readonly readOnly = false,
  ) {
    super(message);
    this.name = "StoreError";
  }
}

/** Actions split into the contract's lists, values as stored (dividends as paid). */
export function actionLists(actions: readonly CorporateAction[]): { dividends: DividendEvent[]; splits: SplitEvent[] } {
  const dividends: DividendEvent[] = [];
  const splits: SplitEvent[] = [];
  for (const a of actions) (a.kind === "split" ? splits : dividends).push([a.date, a.value]);
  return { dividends, splits };
}

/** Order of actions everywhere: by date, then dividends before splits. */
export function compareActions(a: CorporateAction, b: CorporateAction): number {
  if (a.date !== b.date) return a.date < b.date ? -1 : 1;
  return a.kind === b.kind ? 0 : a.kind === "dividend" ? -1 : 1;
}
