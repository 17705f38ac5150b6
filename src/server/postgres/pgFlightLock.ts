/**
 * Single-flight across replicas: whoever holds the lock for a key (a symbol and range) fetches;
 * the others wait for it and then find the answer in the shared store. The lock is a PostgreSQL
 * session advisory lock on a connection held for the task's duration, so when a replica dies
 * its connection closes and the server releases the lock at once; no lease has to expire.
 * Locks use their own small pool, so tasks holding locks can never starve the store's pool.
 */
import type { Pool, PoolClient } from "pg";
import { ADVISORY_FLIGHT_NAMESPACE } from "./advisoryKeys";

export interface FlightLockOptions {
  /** Longest wait for another replica's flight; after it, the task runs anyway. Default 2 min. */
  waitMs?: number;
  /** Told when a task runs without the lock (the database is unreachable, or the wait ran out). */
  warn?: (message: string) => void;
}

export class PgFlightLock {
  private readonly waitMs: number;

  constructor(
    private readonly pool: Pool,
    private readonly options: FlightLockOptions = {},
  ) {
    this.waitMs = options.waitMs ?? 120_000;
  }

  /**
   * Runs `task` while no other replica (or caller here) runs one under the same key. A task that
   * waited must look in the store again before calling upstream: the holder has filled it.
   */
  async withLock<T>(key: string, task: () => Promise<T>): Promise<T> {
    let client: PoolClient | undefined;
    let broken: Error | undefined;
    // The connection sits idle while the task runs; if the server goes away meanwhile, the error
    // arrives as an event on it, which would end the process if nobody listened.
    const onError = (err: Error) => {
      broken = err;
    };
    try {
      client = await this.pool.connect();
      client.on("error", onError);
      await client.query(`SET lock_timeout = ${Math.max(1, Math.round(this.waitMs))}`);
      await client.query("SELECT pg_advisory_lock($1, hashtext($2))", [ADVISORY_FLIGHT_NAMESPACE, key]);
    } catch (err) {
      // Answering matters more than saving an upstream call: without the lock, fetch anyway.
      client?.off("error", onError);
      client?.release(err as Error);
      this.options.warn?.(`Fetching ${key} without the shared lock: ${(err as Error).message}`);
      return task();
    }
    try {
      return await task();
    } finally {
      if (!broken) {
        await client
          .query("SELECT pg_advisory_unlock($1, hashtext($2))", [ADVISORY_FLIGHT_NAMESPACE, key])
          .catch((err: Error) => {
            broken = err;
          });
      }
      client.off("error", onError);
      // A connection that could not unlock may still hold the lock: close it, which releases it.
      client.release(broken);
    }
  }
}
