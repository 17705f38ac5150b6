/**
 * The SQLite cache. Bars of closed trading days are kept for good, with the date ranges they
 * cover, so a later request fetches only what is missing. Quotes and fund data are kept with
 * the time they were fetched; freshness is the service's decision, so that when upstream fails
 * the last good copy is still here to serve.
 */
import Database from "better-sqlite3";
import fs from "node:fs";
import path from "node:path";
import type { DividendEvent, HistoryRow, Interval, SplitEvent } from "../../api/contract";
import { DateRange, mergeRanges } from "./dateRanges";

const SCHEMA = `
CREATE TABLE IF NOT EXISTS series (
  symbol TEXT NOT NULL, interval TEXT NOT NULL, currency TEXT NOT NULL, timezone TEXT NOT NULL,
  source TEXT NOT NULL, fetched_at INTEGER NOT NULL, PRIMARY KEY (symbol, interval)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS bars (
  symbol TEXT NOT NULL, interval TEXT NOT NULL, date TEXT NOT NULL,
  open REAL, high REAL, low REAL, close REAL NOT NULL, adjclose REAL NOT NULL, volume REAL,
  PRIMARY KEY (symbol, interval, date)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS events (
  symbol TEXT NOT NULL, kind TEXT NOT NULL, date TEXT NOT NULL, value REAL NOT NULL,
  PRIMARY KEY (symbol, kind, date)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS coverage (
  symbol TEXT NOT NULL, interval TEXT NOT NULL, start TEXT NOT NULL, end TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS coverage_by_symbol ON coverage (symbol, interval);
CREATE TABLE IF NOT EXISTS snapshots (
  kind TEXT NOT NULL, symbol TEXT NOT NULL, body TEXT NOT NULL, fetched_at INTEGER NOT NULL,
  PRIMARY KEY (kind, symbol)) WITHOUT ROWID;
`;

export interface SeriesInfo {
  currency: string;
  timezone: string;
  source: string;
  fetchedAt: number;
}

export interface SeriesToStore {
  currency: string;
  timezone: string;
  source: string;
  /** Closed trading days only. */
  rows: HistoryRow[];
  dividends: DividendEvent[];
  splits: SplitEvent[];
}

export type SnapshotKind = "quote" | "fund";

export interface CacheStats {
  path: string;
  series: number;
  bars: number;
  quotes: number;
  funds: number;
  bytes: number;
  symbols: { symbol: string; interval: string; rows: number; first: string | null; last: string | null; coverage: DateRange[] }[];
}

export class MarketCache {
  readonly path: string;
  private readonly db: Database.Database;
  private readonly stmt: ReturnType<MarketCache["prepare"]>;
  private readonly generations = new Map<string, number>();

  /** `readOnly`: inspect an existing file without creating or changing anything (cache stats). */
  constructor(file: string, options: { readOnly?: boolean } = {}) {
    this.path = file === ":memory:" ? file : path.resolve(file);
    const readOnly = !!options.readOnly;
    if (this.path !== ":memory:" && !readOnly) fs.mkdirSync(path.dirname(this.path), { recursive: true });
    try {
      this.db = new Database(this.path, { readonly: readOnly, fileMustExist: readOnly });
      this.db.pragma("busy_timeout = 5000");
      if (!readOnly) {
        this.db.pragma("journal_mode = WAL");
        this.db.exec(SCHEMA);
      }
    } catch (err) {
      throw new Error(`Cannot open the market-data cache ${this.path}: ${(err as Error).message}. Delete it or choose another file with --cache.`);
    }
    try {
      this.stmt = this.prepare();
    } catch (err) {
      this.db.close();
      throw new Error(`${this.path} is not a market-data cache: ${(err as Error).message}`);
    }
  }

  private prepare() {
    const db = this.db;
    return {
      seriesInfo: db.prepare("SELECT currency, timezone, source, fetched_at AS fetchedAt FROM series WHERE symbol = ? AND interval = ?"),
      upsertSeries: db.prepare(
        "INSERT INTO series (symbol, interval, currency, timezone, source, fetched_at) VALUES (?, ?, ?, ?, ?, ?) " +
          "ON CONFLICT (symbol, interval) DO UPDATE SET currency = excluded.currency, timezone = excluded.timezone, source = excluded.source, fetched_at = excluded.fetched_at",
      ),
      // raw(): rows come back as arrays, already the HistoryRow layout, with no object per row.
      bars: db.prepare("SELECT date, open, high, low, close, adjclose, volume FROM bars WHERE symbol = ? AND interval = ? AND date BETWEEN ? AND ? ORDER BY date").raw(true),
      upsertBar: db.prepare("INSERT OR REPLACE INTO bars (symbol, interval, date, open, high, low, close, adjclose, volume) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"),
      lastBarUpTo: db.prepare("SELECT date, close, adjclose FROM bars WHERE symbol = ? AND interval = ? AND date <= ? ORDER BY date DESC LIMIT 1"),
      firstBarFrom: db.prepare("SELECT date, close, adjclose FROM bars WHERE symbol = ? AND interval = ? AND date >= ? ORDER BY date LIMIT 1"),
      events: db.prepare("SELECT kind, date, value FROM events WHERE symbol = ? AND date BETWEEN ? AND ? ORDER BY date"),
      deleteEvents: db.prepare("DELETE FROM events WHERE symbol = ? AND date BETWEEN ? AND ?"),
      insertEvent: db.prepare("INSERT OR REPLACE INTO events (symbol, kind, date, value) VALUES (?, ?, ?, ?)"),
      coverage: db.prepare("SELECT start, end FROM coverage WHERE symbol = ? AND interval = ?"),
      deleteCoverage: db.prepare("DELETE FROM coverage WHERE symbol = ? AND interval = ?"),
      insertCoverage: db.prepare("INSERT INTO coverage (symbol, interval, start, end) VALUES (?, ?, ?, ?)"),
      rescale: db.prepare("UPDATE bars SET adjclose = adjclose * ? WHERE symbol = ? AND interval = ?"),
      snapshot: db.prepare("SELECT body, fetched_at AS fetchedAt FROM snapshots WHERE kind = ? AND symbol = ?"),
      putSnapshot: db.prepare("INSERT OR REPLACE INTO snapshots (kind, symbol, body, fetched_at) VALUES (?, ?, ?, ?)"),
    };
  }

  /** Changes whenever anything cached for the symbol changes, so readers can memoise safely. */
  generation(symbol: string): number {
    return this.generations.get(symbol) ?? 0;
  }

  private touch(symbol: string): void {
    this.generations.set(symbol, this.generation(symbol) + 1);
  }

  seriesInfo(symbol: string, interval: Interval): SeriesInfo | undefined {
    return this.stmt.seriesInfo.get(symbol, interval) as SeriesInfo | undefined;
  }

  coverage(symbol: string, interval: Interval): DateRange[] {
    return mergeRanges(this.stmt.coverage.all(symbol, interval) as DateRange[]);
  }

  bars(symbol: string, interval: Interval, start: string, end: string): HistoryRow[] {
    return this.stmt.bars.all(symbol, interval, start, end) as HistoryRow[];
  }

  /** The cached bar nearest a boundary, used to check that a new fetch agrees with the cache. */
  lastBarUpTo(symbol: string, interval: Interval, date: string): { date: string; close: number; adjclose: number } | undefined {
    return this.stmt.lastBarUpTo.get(symbol, interval, date) as { date: string; close: number; adjclose: number } | undefined;
  }

  firstBarFrom(symbol: string, interval: Interval, date: string): { date: string; close: number; adjclose: number } | undefined {
    return this.stmt.firstBarFrom.get(symbol, interval, date) as { date: string; close: number; adjclose: number } | undefined;
  }

  events(symbol: string, start: string, end: string): { dividends: DividendEvent[]; splits: SplitEvent[] } {
    const dividends: DividendEvent[] = [];
    const splits: SplitEvent[] = [];
    for (const e of this.stmt.events.all(symbol, start, end) as { kind: string; date: string; value: number }[]) {
      (e.kind === "split" ? splits : dividends).push([e.date, e.value]);
    }
    return { dividends, splits };
  }

  /**
   * Stores closed bars and the events of `covered`, and marks `covered` as known (a range with
   * no bars, such as a holiday week, is still known). One transaction: all or nothing.
   */
  storeSeries(symbol: string, interval: Interval, data: SeriesToStore, covered: DateRange | null, fetchedAt: number): void {
    this.touch(symbol);
    this.db.transaction(() => {
      this.stmt.upsertSeries.run(symbol, interval, data.currency, data.timezone, data.source, fetchedAt);
      for (const r of data.rows) this.stmt.upsertBar.run(symbol, interval, r[0], r[1], r[2], r[3], r[4], r[5], r[6]);
      if (!covered) return;
      this.stmt.deleteEvents.run(symbol, covered.start, covered.end);
      for (const [date, amount] of data.dividends) {
        if (date >= covered.start && date <= covered.end) this.stmt.insertEvent.run(symbol, "dividend", date, amount);
      }
      for (const [date, ratio] of data.splits) {
        if (date >= covered.start && date <= covered.end) this.stmt.insertEvent.run(symbol, "split", date, ratio);
      }
      const merged = mergeRanges([...(this.stmt.coverage.all(symbol, interval) as DateRange[]), covered]);
      this.stmt.deleteCoverage.run(symbol, interval);
      for (const range of merged) this.stmt.insertCoverage.run(symbol, interval, range.start, range.end);
    })();
  }

  /** Re-bases every cached Adj Close of a series (the upstream re-based its history). */
  rescaleAdjclose(symbol: string, interval: Interval, factor: number): void {
    this.touch(symbol);
    this.stmt.rescale.run(factor, symbol, interval);
  }

  /** Forgets a series (after a split re-based every price). */
  forgetSeries(symbol: string, interval: Interval): void {
    this.touch(symbol);
    this.db.transaction(() => {
      this.db.prepare("DELETE FROM bars WHERE symbol = ? AND interval = ?").run(symbol, interval);
      this.db.prepare("DELETE FROM events WHERE symbol = ?").run(symbol);
      this.stmt.deleteCoverage.run(symbol, interval);
    })();
  }

  snapshot<T>(kind: SnapshotKind, symbol: string): { value: T; fetchedAt: number } | undefined {
    const row = this.stmt.snapshot.get(kind, symbol) as { body: string; fetchedAt: number } | undefined;
    if (!row) return undefined;
    try {
      return { value: JSON.parse(row.body) as T, fetchedAt: row.fetchedAt };
    } catch {
      return undefined;
    }
  }

  putSnapshot(kind: SnapshotKind, symbol: string, value: unknown, fetchedAt: number): void {
    this.stmt.putSnapshot.run(kind, symbol, JSON.stringify(value), fetchedAt);
  }

  /** Cached bars plus quote and fund snapshots. */
  entryCount(): number {
    const bars = (this.db.prepare("SELECT COUNT(*) AS n FROM bars").get() as { n: number }).n;
    const snaps = (this.db.prepare("SELECT COUNT(*) AS n FROM snapshots").get() as { n: number }).n;
    return bars + snaps;
  }

  stats(): CacheStats {
    const count = (sql: string) => (this.db.prepare(sql).get() as { n: number }).n;
    const symbols = (
      this.db
        .prepare("SELECT symbol, interval, COUNT(*) AS rows, MIN(date) AS first, MAX(date) AS last FROM bars GROUP BY symbol, interval ORDER BY symbol")
        .all() as { symbol: string; interval: Interval; rows: number; first: string | null; last: string | null }[]
    ).map((s) => ({ ...s, coverage: this.coverage(s.symbol, s.interval) }));
    let bytes = 0;
    if (this.path !== ":memory:") {
      for (const suffix of ["", "-wal"]) {
        try {
          bytes += fs.statSync(this.path + suffix).size;
        } catch {
          // the WAL file exists only between checkpoints
        }
      }
    }
    return {
      path: this.path,
      series: count("SELECT COUNT(*) AS n FROM series"),
      bars: count("SELECT COUNT(*) AS n FROM bars"),
      quotes: count("SELECT COUNT(*) AS n FROM snapshots WHERE kind = 'quote'"),
      funds: count("SELECT COUNT(*) AS n FROM snapshots WHERE kind = 'fund'"),
      bytes,
      symbols,
    };
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
