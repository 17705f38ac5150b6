/**
 * The MarketStore in one SQLite file (better-sqlite3). The driver is synchronous, so each method
 * does its work at once and returns a settled promise; a write is one SQLite transaction.
 */
import Database from "better-sqlite3";
import fs from "node:fs";
import path from "node:path";
import { addDays } from "../../api/validation";
import { TimedRange, applyCoverage } from "./dateRanges";
import {
  ActionsState,
  CorporateAction,
  CoverageInterval,
  MarketStore,
  RawBar,
  SeriesMeta,
  SeriesWrite,
  SnapshotKind,
  StoreError,
  StoreStats,
  compareActions,
} from "./marketStore";

/** Raised with each change of the tables below; older files are migrated on open. */
export const SCHEMA_VERSION = 2;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS series_meta (
  symbol TEXT PRIMARY KEY, currency TEXT NOT NULL, timezone TEXT NOT NULL, source TEXT NOT NULL,
  actions_from TEXT, actions_confirmed_at INTEGER) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS raw_bars (
  symbol TEXT NOT NULL, date TEXT NOT NULL,
  open REAL, high REAL, low REAL, close REAL NOT NULL, volume REAL,
  PRIMARY KEY (symbol, date)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS actions (
  symbol TEXT NOT NULL, kind TEXT NOT NULL, date TEXT NOT NULL, value REAL NOT NULL,
  PRIMARY KEY (symbol, kind, date)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS coverage_intervals (
  symbol TEXT NOT NULL, start TEXT NOT NULL, end TEXT NOT NULL, fetched_at INTEGER NOT NULL, provisional INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS coverage_intervals_by_symbol ON coverage_intervals (symbol);
CREATE TABLE IF NOT EXISTS snapshots (
  kind TEXT NOT NULL, symbol TEXT NOT NULL, body TEXT NOT NULL, fetched_at INTEGER NOT NULL,
  PRIMARY KEY (kind, symbol)) WITHOUT ROWID;
`;

/** Tables of the first cache layout, which held adjusted prices; their contents cannot be re-based, so they go. */
const OLD_TABLES = ["series", "bars", "events", "coverage"];

export interface SqliteStoreOptions {
  /** Inspect an existing file without creating or changing anything (cache stats). */
  readOnly?: boolean;
}

const describe = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** Runs `work`, turning a driver failure into a StoreError that says what was being done. */
function guarded<T>(what: string, work: () => T): T {
  try {
    return work();
  } catch (err) {
    if (err instanceof StoreError) throw err;
    const code = (err as { code?: string }).code ?? "";
    throw new StoreError(
      `Market-data cache: ${what} failed: ${describe(err)}`,
      code === "SQLITE_READONLY" || code.startsWith("SQLITE_READONLY_"),
    );
  }
}

const settle = <T>(what: string, work: () => T): Promise<T> => {
  try {
    return Promise.resolve(guarded(what, work));
  } catch (err) {
    return Promise.reject(err as Error);
  }
};

export class SqliteMarketStore implements MarketStore {
  readonly location: string;
  private readonly db: Database.Database;
  private readonly stmt: ReturnType<SqliteMarketStore["prepare"]>;

  constructor(file: string, options: SqliteStoreOptions = {}) {
    this.location = file === ":memory:" ? file : path.resolve(file);
    const readOnly = !!options.readOnly;
    if (this.location !== ":memory:" && !readOnly) {
      try {
        fs.mkdirSync(path.dirname(this.location), { recursive: true });
      } catch (err) {
        throw new StoreError(`Cannot create the folder of the market-data cache ${this.location}: ${describe(err)}`);
      }
    }
    try {
      this.db = new Database(this.location, { readonly: readOnly, fileMustExist: readOnly });
      this.db.pragma("busy_timeout = 5000");
      if (!readOnly) this.migrate();
    } catch (err) {
      throw new StoreError(`Cannot open the market-data cache ${this.location}: ${describe(err)}`);
    }
    try {
      this.stmt = this.prepare();
    } catch (err) {
      this.db.close();
      throw new StoreError(`${this.location} is not a market-data cache: ${describe(err)}`);
    }
  }

  private migrate(): void {
    this.db.pragma("journal_mode = WAL");
    const version = this.db.pragma("user_version", { simple: true }) as number;
    if (version >= SCHEMA_VERSION) return;
    this.db.transaction(() => {
      for (const table of OLD_TABLES) this.db.exec(`DROP TABLE IF EXISTS ${table}`);
      this.db.exec(SCHEMA);
      this.db.pragma(`user_version = ${SCHEMA_VERSION}`);
    })();
  }

  private prepare() {
    const db = this.db;
    return {
      meta: db.prepare("SELECT currency, timezone, source FROM series_meta WHERE symbol = ?"),
      actionsState: db.prepare("SELECT actions_from AS f, actions_confirmed_at AS at FROM series_meta WHERE symbol = ?"),
      upsertMeta: db.prepare(
        "INSERT INTO series_meta (symbol, currency, timezone, source) VALUES (?, ?, ?, ?) " +
          "ON CONFLICT (symbol) DO UPDATE SET currency = excluded.currency, timezone = excluded.timezone, source = excluded.source",
      ),
      // An actions state can arrive before any meta; the placeholder meta is overwritten by the first real one.
      setActionsState: db.prepare(
        "INSERT INTO series_meta (symbol, currency, timezone, source, actions_from, actions_confirmed_at) VALUES (?, '', '', '', ?, ?) " +
          "ON CONFLICT (symbol) DO UPDATE SET actions_from = excluded.actions_from, actions_confirmed_at = excluded.actions_confirmed_at",
      ),
      // raw(): rows come back as arrays, already the RawBar layout, with no object per row.
      bars: db
        .prepare(
          "SELECT date, open, high, low, close, volume FROM raw_bars WHERE symbol = ? AND date BETWEEN ? AND ? ORDER BY date",
        )
        .raw(true),
      barBefore: db
        .prepare(
          "SELECT date, open, high, low, close, volume FROM raw_bars WHERE symbol = ? AND date < ? AND date >= ? ORDER BY date DESC LIMIT 1",
        )
        .raw(true),
      deleteBars: db.prepare("DELETE FROM raw_bars WHERE symbol = ? AND date BETWEEN ? AND ?"),
      insertBar: db.prepare("INSERT INTO raw_bars (symbol, date, open, high, low, close, volume) VALUES (?, ?, ?, ?, ?, ?, ?)"),
      actions: db.prepare("SELECT date, kind, value FROM actions WHERE symbol = ?"),
      upsertAction: db.prepare("INSERT OR REPLACE INTO actions (symbol, kind, date, value) VALUES (?, ?, ?, ?)"),
      coverage: db.prepare("SELECT start, end, fetched_at AS fetchedAt, provisional FROM coverage_intervals WHERE symbol = ?"),
      deleteCoverage: db.prepare("DELETE FROM coverage_intervals WHERE symbol = ?"),
      insertCoverage: db.prepare(
        "INSERT INTO coverage_intervals (symbol, start, end, fetched_at, provisional) VALUES (?, ?, ?, ?, ?)",
      ),
      snapshot: db.prepare("SELECT body, fetched_at AS fetchedAt FROM snapshots WHERE kind = ? AND symbol = ?"),
      putSnapshot: db.prepare("INSERT OR REPLACE INTO snapshots (kind, symbol, body, fetched_at) VALUES (?, ?, ?, ?)"),
    };
  }

  meta(symbol: string): Promise<SeriesMeta | undefined> {
    return settle("reading series meta", () => {
      const row = this.stmt.meta.get(symbol) as SeriesMeta | undefined;
      return row && row.timezone ? row : undefined;
    });
  }

  coverage(symbol: string): Promise<CoverageInterval[]> {
    return settle("reading coverage", () => this.readCoverage(symbol));
  }

  private readCoverage(symbol: string): TimedRange[] {
    const rows = this.stmt.coverage.all(symbol) as { start: string; end: string; fetchedAt: number; provisional: number }[];
    return rows
      .map((r) => ({ start: r.start, end: r.end, fetchedAt: r.fetchedAt, provisional: r.provisional === 1 }))
      .sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  }

  bars(symbol: string, start: string, end: string): Promise<RawBar[]> {
    return settle("reading bars", () => this.stmt.bars.all(symbol, start, end) as RawBar[]);
  }

  barsBefore(symbol: string, dates: string[], notBefore: number): Promise<Map<string, RawBar>> {
    return settle("reading bars", () => {
      const found = new Map<string, RawBar>();
      for (const date of dates) {
        const bar = this.stmt.barBefore.get(symbol, date, addDays(date, -notBefore)) as RawBar | undefined;
        if (bar) found.set(date, bar);
      }
      return found;
    });
  }

  actions(symbol: string): Promise<CorporateAction[]> {
    return settle("reading corporate actions", () => (this.stmt.actions.all(symbol) as CorporateAction[]).sort(compareActions));
  }

  actionsState(symbol: string): Promise<ActionsState | undefined> {
    return settle("reading corporate actions", () => {
      const row = this.stmt.actionsState.get(symbol) as { f: string | null; at: number | null } | undefined;
      return row && row.f !== null && row.at !== null ? { from: row.f, confirmedAt: row.at } : undefined;
    });
  }

  write(symbol: string, change: SeriesWrite): Promise<void> {
    return settle(`storing ${symbol}`, () =>
      this.db.transaction(() => {
        if (change.meta) this.stmt.upsertMeta.run(symbol, change.meta.currency, change.meta.timezone, change.meta.source);
        if (change.actionsState) this.stmt.setActionsState.run(symbol, change.actionsState.from, change.actionsState.confirmedAt);
        if (change.bars) {
          const { start, end, rows } = change.bars;
          this.stmt.deleteBars.run(symbol, start, end);
          for (const r of rows) {
            if (r[0] < start || r[0] > end)
              throw new StoreError(`A bar dated ${r[0]} is outside the span ${start}..${end} it was stored for`);
            this.stmt.insertBar.run(symbol, r[0], r[1], r[2], r[3], r[4], r[5]);
          }
        }
        for (const a of change.actions ?? []) this.stmt.upsertAction.run(symbol, a.kind, a.date, a.value);
        if (change.coverage?.length) {
          const merged = applyCoverage(this.readCoverage(symbol), change.coverage);
          this.stmt.deleteCoverage.run(symbol);
          for (const r of merged) this.stmt.insertCoverage.run(symbol, r.start, r.end, r.fetchedAt, r.provisional ? 1 : 0);
        }
      })(),
    );
  }

  snapshot<T>(kind: SnapshotKind, symbol: string): Promise<{ value: T; fetchedAt: number } | undefined> {
    return settle("reading a snapshot", () => {
      const row = this.stmt.snapshot.get(kind, symbol) as { body: string; fetchedAt: number } | undefined;
      if (!row) return undefined;
      try {
        return { value: JSON.parse(row.body) as T, fetchedAt: row.fetchedAt };
      } catch {
        return undefined;
      }
    });
  }

  putSnapshot(kind: SnapshotKind, symbol: string, value: unknown, fetchedAt: number): Promise<void> {
    return settle("storing a snapshot", () => void this.stmt.putSnapshot.run(kind, symbol, JSON.stringify(value), fetchedAt));
  }

  entryCount(): Promise<number> {
    return settle("counting entries", () => this.count("raw_bars") + this.count("actions") + this.count("snapshots"));
  }

  private count(table: string, where = ""): number {
    return (this.db.prepare(`SELECT COUNT(*) AS n FROM ${table} ${where}`).get() as { n: number }).n;
  }

  stats(): Promise<StoreStats> {
    return settle("reading statistics", () => {
      const perSymbol = (
        this.db
          .prepare(
            "SELECT symbol, COUNT(*) AS bars, MIN(date) AS first, MAX(date) AS last FROM raw_bars GROUP BY symbol ORDER BY symbol",
          )
          .all() as { symbol: string; bars: number; first: string | null; last: string | null }[]
      ).map((s) => ({ ...s, coverage: this.readCoverage(s.symbol) }));
      let bytes: number | null = null;
      if (this.location !== ":memory:") {
        bytes = 0;
        for (const suffix of ["", "-wal"]) {
          try {
            bytes += fs.statSync(this.location + suffix).size;
          } catch {
            // the WAL file exists only between checkpoints
          }
        }
      }
      return {
        location: this.location,
        symbols: perSymbol.length,
        bars: this.count("raw_bars"),
        actions: this.count("actions"),
        quotes: this.count("snapshots", "WHERE kind = 'quote'"),
        funds: this.count("snapshots", "WHERE kind = 'fund'"),
        bytes,
        perSymbol,
      };
    });
  }

  close(): Promise<void> {
    if (this.db.open) this.db.close();
    return Promise.resolve();
  }
}
