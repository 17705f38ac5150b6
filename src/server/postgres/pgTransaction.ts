/** Borrowing one pooled connection: on its own, or for one transaction. */
import type { Pool, PoolClient } from "pg";

/**
 * Runs `work` on one pooled connection and gives it back. Between statements the connection is
 * idle; a server that goes away then reports it as an event, which would end the process if
 * nobody listened, so it is listened for here. A connection that failed that way, or that `work`
 * says is unusable (`drop(err)`), is closed instead of going back to the pool.
 */
export async function withConnection<T>(
  pool: Pool,
  work: (client: PoolClient, drop: (err: Error) => void) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  const drop = (err: Error) => {
    broken = err;
  };
  client.on("error", drop);
  try {
    return await work(client, drop);
  } finally {
    client.off("error", drop);
    client.release(broken);
  }
}

/** One transaction on one pooled connection: committed when `work` resolves, rolled back when it throws. */
export function inTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  return withConnection(pool, async (client, drop) => {
    try {
      await client.query("BEGIN");
      const result = await work(client);
      await client.query("COMMIT");
      return result;
    } catch (err) {
      // A failed rollback means the connection is gone or unusable: drop it.
      await client.query("ROLLBACK").catch(drop);
      throw err;
    }
  });
}
