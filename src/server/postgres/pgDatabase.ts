/**
 * One service process's connection to the shared PostgreSQL cache: the bounded pool for reads
 * and writes, a small separate pool for cross-replica locks, the schema brought up to date at
 * open, and what /api/v1/health says about the database.
 */
import type { Pool } from "pg";
import type { DatabaseHealth } from "../../api/contract";
import { Migration, migrate, schemaVersion } from "./migrate";
import { MIGRATIONS } from "./migrations";
import { DEFAULT_POOL_MAX, openPgPool, poolUse } from "./pgPool";
import { checkPostgresUrl, redactPostgresUrl } from "./postgresUrl";

export interface PgDatabaseOptions {
  /** Connections for reads and writes; default 10. */
  poolMax?: number;
  /** Connections for flight locks, each held while its fetch runs (or waits for another replica's); default 10. */
  lockPoolMax?: number;
  /** Shown in pg_stat_activity and recorded with migrations. */
  instanceName?: string;
  connectTimeoutMs?: number;
  warn?: (message: string) => void;
  /** Only tests pass another list. */
  migrations?: Migration[];
}

export class PgDatabase {
  private constructor(
    readonly pool: Pool,
    readonly lockPool: Pool,
    /** The URL without its password, for messages. */
    readonly where: string,
    readonly schemaVersion: number,
    private readonly instanceName: string | undefined,
  ) {}

  static async open(url: string, options: PgDatabaseOptions = {}): Promise<PgDatabase> {
    const problem = checkPostgresUrl(url);
    if (problem) throw new Error(problem);
    const where = redactPostgresUrl(url);
    const applicationName = options.instanceName ? `aichain ${options.instanceName}`.slice(0, 63) : "aichain";
    const common = { applicationName, connectTimeoutMs: options.connectTimeoutMs, warn: options.warn };
    const pool = openPgPool(url, { ...common, max: options.poolMax ?? DEFAULT_POOL_MAX });
    // A replica waiting for another's fetch holds a lock connection meanwhile: wait longer for one than for a data connection.
    const lockPool = openPgPool(url, {
      ...common,
      max: options.lockPoolMax ?? 10,
      connectTimeoutMs: Math.max(options.connectTimeoutMs ?? 0, 30_000),
    });
    const closeAll = () => Promise.all([pool.end(), lockPool.end()]).catch(() => undefined);
    try {
      await pool.query("SELECT 1");
    } catch (err) {
      await closeAll();
      throw new Error(
        `Cannot reach the PostgreSQL cache ${where}: ${(err as Error).message}. ` +
          "Check that the server is running and accepts this user, and that --cache (or AICHAIN_CACHE_URL) names it.",
      );
    }
    try {
      const result = await migrate(pool, options.migrations ?? MIGRATIONS, { where, appliedBy: options.instanceName });
      return new PgDatabase(pool, lockPool, where, result.version, options.instanceName);
    } catch (err) {
      await closeAll();
      throw err;
    }
  }

  async health(): Promise<DatabaseHealth> {
    const base = { kind: "postgres" as const, url: this.where, ...(this.instanceName ? { instance: this.instanceName } : {}) };
    try {
      const version = await schemaVersion(this.pool);
      return { ...base, reachable: true, schemaVersion: version, pool: poolUse(this.pool) };
    } catch (err) {
      return { ...base, reachable: false, error: (err as Error).message, pool: poolUse(this.pool) };
    }
  }

  async close(): Promise<void> {
    await Promise.all([this.pool.end(), this.lockPool.end()]);
  }
}
