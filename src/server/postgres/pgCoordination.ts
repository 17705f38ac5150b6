/**
 * The coordination seams backed by PostgreSQL, so that every replica on one database behaves
 * like one service: one fetch per symbol and range at a time firm-wide, one upstream rate limit,
 * one circuit breaker. The rate limit and the breaker are rows updated under a row lock with the
 * same arithmetic as the in-process versions (coordination.ts); times are the callers' clocks.
 *
 * When the database cannot be reached these fail open (a call is allowed, with a warning):
 * answering the analyst matters more than the upstream budget during a database outage.
 */
import type { Pool } from "pg";
import {
  BreakerAdmission,
  BreakerRecord,
  BreakerSettings,
  BreakerStatus,
  CircuitBreaker,
  DEFAULT_BREAKER,
  DEFAULT_RATE,
  RateLimiter,
  RateSettings,
  SingleFlight,
  UNKNOWN_SYMBOL_TTL_MS,
  UnknownSymbols,
  breakerAdmit,
  breakerFailure,
  breakerStatus,
  bucketTake,
} from "../coordination/coordination";
import { LocalSingleFlight } from "../coordination/localCoordination";
import { PgFlightLock } from "./pgFlightLock";
import { inTransaction } from "./pgTransaction";

type Warn = (message: string) => void;

/** Callers here share one run (as in-process); across replicas, one run at a time per key. */
export class PgSingleFlight implements SingleFlight {
  private readonly local = new LocalSingleFlight();
  private readonly lock: PgFlightLock;

  constructor(lockPool: Pool, options: { waitMs?: number; warn?: Warn } = {}) {
    this.lock = new PgFlightLock(lockPool, options);
  }

  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    return this.local.run(key, () => this.lock.withLock(key, work));
  }
}

export class PgRateLimiter implements RateLimiter {
  readonly shared = true;

  constructor(
    private readonly pool: Pool,
    readonly settings: RateSettings = DEFAULT_RATE,
    private readonly options: { name?: string; warn?: Warn } = {},
  ) {}

  async tryTake(now: number): Promise<number> {
    const name = this.options.name ?? "yahoo";
    try {
      return await inTransaction(this.pool, async (client) => {
        // A missing row is a full bucket; creating it first means concurrent first callers queue on its lock.
        await client.query(
          "INSERT INTO upstream_budget (name, tokens, updated_at_ms) VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING",
          [name, this.settings.burst, Math.round(now)],
        );
        const row = await client.query<{ tokens: number; at: string }>(
          "SELECT tokens, updated_at_ms AS at FROM upstream_budget WHERE name = $1 FOR UPDATE",
          [name],
        );
        const { wait, next } = bucketTake({ tokens: Number(row.rows[0].tokens), at: Number(row.rows[0].at) }, now, this.settings);
        await client.query("UPDATE upstream_budget SET tokens = $2, updated_at_ms = $3 WHERE name = $1", [
          name,
          next.tokens,
          Math.round(next.at),
        ]);
        return wait;
      });
    } catch (err) {
      this.options.warn?.(`Upstream rate limit not shared (database unreachable): ${(err as Error).message}`);
      return 0;
    }
  }
}

export class PgCircuitBreaker implements CircuitBreaker {
  private readonly name: string;
  readonly shared = true;

  constructor(
    private readonly pool: Pool,
    readonly settings: BreakerSettings = DEFAULT_BREAKER,
    private readonly options: { name?: string; warn?: Warn } = {},
  ) {
    this.name = options.name ?? "yahoo";
  }

  /** Reads the record under a row lock, applies `step`, writes back what changed. */
  private update<T>(step: (record: BreakerRecord) => { result: T; next: BreakerRecord }): Promise<T> {
    return inTransaction(this.pool, async (client) => {
      await client.query(
        "INSERT INTO upstream_breaker (name, failures, open_until_ms, probe_at_ms, updated_at_ms) VALUES ($1, 0, NULL, NULL, 0) ON CONFLICT (name) DO NOTHING",
        [this.name],
      );
      const row = await client.query(
        "SELECT failures, open_until_ms, probe_at_ms FROM upstream_breaker WHERE name = $1 FOR UPDATE",
        [this.name],
      );
      const { result, next } = step(toRecord(row.rows[0]));
      await client.query(
        "UPDATE upstream_breaker SET failures = $2, open_until_ms = $3, probe_at_ms = $4, updated_at_ms = $5 WHERE name = $1",
        [this.name, next.failures, next.openUntil, next.probeAt, Date.now()],
      );
      return result;
    });
  }

  async admit(now: number): Promise<BreakerAdmission> {
    try {
      return await this.update((record) => {
        const { admission, next } = breakerAdmit(record, now, this.settings);
        return { result: admission, next };
      });
    } catch (err) {
      this.options.warn?.(`Circuit breaker not shared (database unreachable): ${(err as Error).message}`);
      return "call";
    }
  }

  async success(): Promise<void> {
    await this.report(() => ({ failures: 0, openUntil: null, probeAt: null }));
  }

  async failure(now: number): Promise<void> {
    await this.report((record) => breakerFailure(record, now, this.settings));
  }

  private async report(step: (record: BreakerRecord) => BreakerRecord): Promise<void> {
    try {
      await this.update((record) => ({ result: undefined, next: step(record) }));
    } catch (err) {
      this.options.warn?.(`Circuit breaker not shared (database unreachable): ${(err as Error).message}`);
    }
  }

  async status(now: number): Promise<BreakerStatus> {
    const row = await this.pool.query("SELECT failures, open_until_ms, probe_at_ms FROM upstream_breaker WHERE name = $1", [
      this.name,
    ]);
    return breakerStatus(row.rows.length ? toRecord(row.rows[0]) : { failures: 0, openUntil: null, probeAt: null }, now);
  }
}

/**
 * One row per symbol upstream called unknown, with when. Read only on the way to an upstream call,
 * so it costs nothing on answers served from the cache. Rows past their lifetime are ignored, and
 * dropped whenever a new one is written.
 */
export class PgUnknownSymbols implements UnknownSymbols {
  constructor(
    private readonly pool: Pool,
    private readonly options: { ttlMs?: number; warn?: Warn } = {},
  ) {}

  private get ttlMs(): number {
    return this.options.ttlMs ?? UNKNOWN_SYMBOL_TTL_MS;
  }

  async recall(symbol: string, now: number): Promise<string | undefined> {
    try {
      const row = await this.pool.query<{ message: string }>(
        "SELECT message FROM unknown_symbols WHERE symbol = $1 AND at_ms <= $2 AND at_ms > $3",
        [symbol, Math.round(now), Math.round(now - this.ttlMs)],
      );
      return row.rows[0]?.message;
    } catch (err) {
      // Without the shared memory the upstream is simply asked again.
      this.options.warn?.(`Unknown-symbol memory not shared (database unreachable): ${(err as Error).message}`);
      return undefined;
    }
  }

  async remember(symbol: string, message: string, now: number): Promise<void> {
    try {
      await this.pool.query(
        `WITH expired AS (DELETE FROM unknown_symbols WHERE at_ms <= $4 AND symbol <> $1)
         INSERT INTO unknown_symbols (symbol, message, at_ms) VALUES ($1, $2, $3)
         ON CONFLICT (symbol) DO UPDATE SET message = EXCLUDED.message, at_ms = EXCLUDED.at_ms`,
        [symbol, message, Math.round(now), Math.round(now - this.ttlMs)],
      );
    } catch (err) {
      this.options.warn?.(`Unknown-symbol memory not shared (database unreachable): ${(err as Error).message}`);
    }
  }
}

/** bigint columns arrive as text. */
function toRecord(row: { failures: number; open_until_ms: string | null; probe_at_ms: string | null }): BreakerRecord {
  return {
    failures: Number(row.failures),
    openUntil: row.open_until_ms === null ? null : Number(row.open_until_ms),
    probeAt: row.probe_at_ms === null ? null : Number(row.probe_at_ms),
  };
}
