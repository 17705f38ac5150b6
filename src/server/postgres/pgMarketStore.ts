/**
 * The MarketStore in a shared PostgreSQL database, so several service replicas read and write
 * one cache. A write is one transaction that first takes a per-symbol advisory lock: coverage
 * is read, merged (by the same rule as SQLite's, applyCoverage) and rewritten, and two replicas
 * writing one symbol must not interleave there. Bars are sent as arrays (one statement per
 * write, whatever its length). Dates are ISO text, compared as text exactly as in SQLite.
 */
import type { Pool, PoolClient } from "pg";
import { addDays } from "../../api/validation";
import { TimedRange, applyCoverage } from "../cache/dateRanges";
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
} from "../cache/marketStore";
import { ADVISORY_NAMESPACE } from "./advisoryKeys";
import { inTransaction } from "./pgTransaction";

/** SQLSTATE classes meaning "you may read but not write here". */
const READ_ONLY_CODES = new Set(["25006", "42501"]);

const num = (v: string | number | null): number | null => (v === null ? null : Number(v));

export class PgMarketStore implements MarketStore {
  constructor(
    private readonly pool: Pool,
    /** The database URL without its password. */
    readonly location: string,
  ) {}

  /** Runs `work`, turning a driver failure into a StoreError that says what was being done. */
  private async guarded<T>(what: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (err) {
      if (err instanceof StoreError) throw err;
      const code = String((err as { code?: string }).code ?? "");
      throw new StoreError(
        `Market-data cache (PostgreSQL ${this.location}): ${what} failed: ${(err as Error).message}`,
        READ_ONLY_CODES.has(code),
      );
    }
  }

  meta(symbol: string): Promise<SeriesMeta | undefined> {
    return this.guarded("reading series meta", async () => {
      const r = await this.pool.query<SeriesMeta>("SELECT currency, timezone, source FROM series_meta WHERE symbol = $1", [
        symbol,
      ]);
      const row = r.rows[0];
      // A row made only to hold an actions state has no zone yet: no meta.
      return row && row.timezone ? { currency: row.currency, timezone: row.timezone, source: row.source } : undefined;
    });
  }

  coverage(symbol: string): Promise<CoverageInterval[]> {
    return this.guarded("reading coverage", () => this.readCoverage(this.pool, symbol));
  }

  private async readCoverage(client: Pool | PoolClient, symbol: string): Promise<TimedRange[]> {
    const r = await client.query<{ start: string; end: string; at: string; provisional: boolean }>(
      "SELECT start_date AS start, end_date AS end, fetched_at_ms AS at, provisional FROM coverage_intervals WHERE symbol = $1 ORDER BY start_date, provisional",
      [symbol],
    );
    return r.rows.map((row) => ({ start: row.start, end: row.end, fetchedAt: Number(row.at), provisional: row.provisional }));
  }

  bars(symbol: string, start: string, end: string): Promise<RawBar[]> {
    return this.guarded("reading bars", async () => {
      const r = await this.pool.query<RawBar>({
        text: "SELECT date, open, high, low, close, volume FROM raw_bars WHERE symbol = $1 AND date BETWEEN $2 AND $3 ORDER BY date",
        values: [symbol, start, end],
        rowMode: "array",
      });
      return r.rows;
    });
  }

  barsBefore(symbol: string, dates: string[], notBefore: number): Promise<Map<string, RawBar>> {
    return this.guarded("reading bars", async () => {
      const found = new Map<string, RawBar>();
      if (dates.length === 0) return found;
      const r = await this.pool.query<[string, ...RawBar]>({
        text: `SELECT d.at, b.date, b.open, b.high, b.low, b.close, b.volume
               FROM unnest($2::text[], $3::text[]) AS d(at, floor)
               CROSS JOIN LATERAL (
                 SELECT date, open, high, low, close, volume FROM raw_bars
                 WHERE symbol = $1 AND date < d.at AND date >= d.floor ORDER BY date DESC LIMIT 1) b`,
        values: [symbol, dates, dates.map((d) => addDays(d, -notBefore))],
        rowMode: "array",
      });
      for (const [at, ...bar] of r.rows) found.set(at, bar as RawBar);
      return found;
    });
  }

  actions(symbol: string): Promise<CorporateAction[]> {
    return this.guarded("reading corporate actions", async () => {
      const r = await this.pool.query<CorporateAction>("SELECT date, kind, value FROM corporate_actions WHERE symbol = $1", [
        symbol,
      ]);
      return r.rows.map((a) => ({ date: a.date, kind: a.kind, value: a.value })).sort(compareActions);
    });
  }

  actionsState(symbol: string): Promise<ActionsState | undefined> {
    return this.guarded("reading corporate actions", async () => {
      const r = await this.pool.query<{ f: string | null; at: string | null }>(
        "SELECT actions_from AS f, actions_confirmed_at_ms AS at FROM series_meta WHERE symbol = $1",
        [symbol],
      );
      const row = r.rows[0];
      return row && row.f !== null && row.at !== null ? { from: row.f, confirmedAt: Number(row.at) } : undefined;
    });
  }

  write(symbol: string, change: SeriesWrite): Promise<void> {
    return this.guarded(`storing ${symbol}`, () =>
      inTransaction(this.pool, async (client) => {
        // Writers of one symbol take turns (coverage is read, merged and rewritten below).
        await client.query("SELECT pg_advisory_xact_lock($1, hashtext($2))", [ADVISORY_NAMESPACE, `store:${symbol}`]);
        if (change.bars) {
          const { start, end, rows } = change.bars;
          const outside = rows.find((r) => r[0] < start || r[0] > end);
          if (outside) throw new StoreError(`A bar dated ${outside[0]} is outside the span ${start}..${end} it was stored for`);
        }
        if (change.meta) {
          await client.query(
            `INSERT INTO series_meta (symbol, currency, timezone, source) VALUES ($1, $2, $3, $4)
             ON CONFLICT (symbol) DO UPDATE SET currency = EXCLUDED.currency, timezone = EXCLUDED.timezone, source = EXCLUDED.source`,
            [symbol, change.meta.currency, change.meta.timezone, change.meta.source],
          );
        }
        if (change.actionsState) {
          // An actions state can arrive before any meta; the placeholder meta is overwritten by the first real one.
          await client.query(
            `INSERT INTO series_meta (symbol, currency, timezone, source, actions_from, actions_confirmed_at_ms) VALUES ($1, '', '', '', $2, $3)
             ON CONFLICT (symbol) DO UPDATE SET actions_from = EXCLUDED.actions_from, actions_confirmed_at_ms = EXCLUDED.actions_confirmed_at_ms`,
            [symbol, change.actionsState.from, Math.round(change.actionsState.confirmedAt)],
          );
        }
        if (change.bars) {
          const { start, end, rows } = change.bars;
          await client.query("DELETE FROM raw_bars WHERE symbol = $1 AND date BETWEEN $2 AND $3", [symbol, start, end]);
          if (rows.length) {
            const column = (i: number) => rows.map((r) => r[i]);
            await client.query(
              `INSERT INTO raw_bars (symbol, date, open, high, low, close, volume)
               SELECT $1, * FROM unnest($2::text[], $3::float8[], $4::float8[], $5::float8[], $6::float8[], $7::float8[])`,
              [symbol, column(0), column(1), column(2), column(3), column(4), column(5)],
            );
          }
        }
        if (change.actions?.length) {
          const actions = change.actions;
          await client.query(
            `INSERT INTO corporate_actions (symbol, kind, date, value)
             SELECT $1, * FROM unnest($2::text[], $3::text[], $4::float8[])
             ON CONFLICT (symbol, kind, date) DO UPDATE SET value = EXCLUDED.value`,
            [symbol, actions.map((a) => a.kind), actions.map((a) => a.date), actions.map((a) => a.value)],
          );
        }
        if (change.coverage?.length) {
          const merged = applyCoverage(await this.readCoverage(client, symbol), change.coverage);
          await client.query("DELETE FROM coverage_intervals WHERE symbol = $1", [symbol]);
          await client.query(
            `INSERT INTO coverage_intervals (symbol, start_date, end_date, fetched_at_ms, provisional)
             SELECT $1, * FROM unnest($2::text[], $3::text[], $4::bigint[], $5::boolean[])`,
            [
              symbol,
              merged.map((r) => r.start),
              merged.map((r) => r.end),
              merged.map((r) => Math.round(r.fetchedAt)),
              merged.map((r) => r.provisional),
            ],
          );
        }
      }),
    );
  }

  snapshot<T>(kind: SnapshotKind, symbol: string): Promise<{ value: T; fetchedAt: number } | undefined> {
    return this.guarded("reading a snapshot", async () => {
      const r = await this.pool.query<{ body: string; at: string }>(
        "SELECT body, fetched_at_ms AS at FROM snapshots WHERE kind = $1 AND symbol = $2",
        [kind, symbol],
      );
      const row = r.rows[0];
      if (!row) return undefined;
      try {
        return { value: JSON.parse(row.body) as T, fetchedAt: Number(row.at) };
      } catch {
        return undefined;
      }
    });
  }

  putSnapshot(kind: SnapshotKind, symbol: string, value: unknown, fetchedAt: number): Promise<void> {
    return this.guarded("storing a snapshot", async () => {
      await this.pool.query(
        `INSERT INTO snapshots (kind, symbol, body, fetched_at_ms) VALUES ($1, $2, $3, $4)
         ON CONFLICT (kind, symbol) DO UPDATE SET body = EXCLUDED.body, fetched_at_ms = EXCLUDED.fetched_at_ms`,
        [kind, symbol, JSON.stringify(value), Math.round(fetchedAt)],
      );
    });
  }

  entryCount(): Promise<number> {
    return this.guarded("counting entries", async () => {
      const r = await this.pool.query<{ n: string }>(
        "SELECT (SELECT COUNT(*) FROM raw_bars) + (SELECT COUNT(*) FROM corporate_actions) + (SELECT COUNT(*) FROM snapshots) AS n",
      );
      return Number(r.rows[0].n);
    });
  }

  stats(): Promise<StoreStats> {
    return this.guarded("reading statistics", async () => {
      const totals = await this.pool.query<Record<string, string>>(
        `SELECT (SELECT COUNT(*) FROM raw_bars) AS bars, (SELECT COUNT(*) FROM corporate_actions) AS actions,
                (SELECT COUNT(*) FROM snapshots WHERE kind = 'quote') AS quotes, (SELECT COUNT(*) FROM snapshots WHERE kind = 'fund') AS funds,
                pg_database_size(current_database()) AS bytes`,
      );
      const per = await this.pool.query<{ symbol: string; bars: string; first: string | null; last: string | null }>(
        "SELECT symbol, COUNT(*) AS bars, MIN(date) AS first, MAX(date) AS last FROM raw_bars GROUP BY symbol ORDER BY symbol",
      );
      const perSymbol = [];
      for (const s of per.rows)
        perSymbol.push({
          symbol: s.symbol,
          bars: Number(s.bars),
          first: s.first,
          last: s.last,
          coverage: await this.readCoverage(this.pool, s.symbol),
        });
      const t = totals.rows[0];
      return {
        location: this.location,
        symbols: perSymbol.length,
        bars: Number(t.bars),
        actions: Number(t.actions),
        quotes: Number(t.quotes),
        funds: Number(t.funds),
        bytes: num(t.bytes),
        perSymbol,
      };
    });
  }

  /** The pool belongs to the PgDatabase that made this store; closing it is its job. */
  close(): Promise<void> {
    return Promise.resolve();
  }
}
