/** One transaction on one pooled connection: committed when `work` resolves, rolled back when it throws. */
import type { Pool, PoolClient } from "pg";

export async function inTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  // Between statements the connection is idle; a server that goes away then reports it as an
  // event, which would end the process if nobody listened.
  const onError = (err: Error) => {
    broken = err;
  };
  client.on("error", onError);
  try {
    await client.query("BEGIN");
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (err) {
    await client.query("ROLLBACK").catch((rollbackErr: Error) => {
      // The connection is gone or unusable: drop it instead of returning it to the pool.
      broken = rollbackErr;
    });
    throw err;
  } finally {
    client.off("error", onError);
    client.release(broken);
  }
}
