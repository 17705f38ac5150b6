/**
 * The bounded connection pool every PostgreSQL user in a service process shares. Its size caps
 * what one replica can take from the database, so a firm can size max_connections as
 * replicas x pool size (plus the few connections the cross-replica locks hold).
 */
import { Pool } from "pg";
import { redactPostgresUrl } from "./postgresUrl";

export interface PgPoolOptions {
  /** Most connections this process opens for reads and writes; default 10. */
  max?: number;
  /** Shown in pg_stat_activity, so a DBA can tell the replicas apart. */
  applicationName?: string;
  /** How long to wait for a connection (at start, or from a busy pool); default 5 s. */
  connectTimeoutMs?: number;
  /** Where a dropped idle connection is reported (the pool replaces it on next use). */
  warn?: (message: string) => void;
}

export const DEFAULT_POOL_MAX = 10;

export function openPgPool(url: string, options: PgPoolOptions = {}): Pool {
  const pool = new Pool({
    connectionString: url,
    max: options.max ?? DEFAULT_POOL_MAX,
    application_name: options.applicationName ?? "aichain",
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5_000,
    idleTimeoutMillis: 30_000,
    // A statement that hangs (a dead server behind a live TCP connection) must not hang a request.
    query_timeout: 30_000,
  });
  // Without a listener, an idle connection dropped by a database restart would crash the process.
  pool.on("error", (err) => options.warn?.(`A PostgreSQL connection to ${redactPostgresUrl(url)} was dropped: ${err.message}`));
  // The same holds for a connection that is checked out but between statements when the server
  // goes away: the pool listens only to idle ones. The next statement on it fails, and the pool
  // discards it on release (it is no longer queryable).
  pool.on("connect", (client) => client.on("error", () => undefined));
  return pool;
}

export interface PoolUse {
  max: number;
  total: number;
  idle: number;
  inUse: number;
  waiting: number;
}

export function poolUse(pool: Pool): PoolUse {
  return {
    max: pool.options.max ?? DEFAULT_POOL_MAX,
    total: pool.totalCount,
    idle: pool.idleCount,
    inUse: pool.totalCount - pool.idleCount,
    waiting: pool.waitingCount,
  };
}
