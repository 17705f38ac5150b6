/**
 * A doomed replica for the lock tests: a separate process that takes single-flight locks on the
 * database and holds them until it is killed (with SIGKILL: no finally block, no unlock), so a
 * test can show the server releases a dead holder's locks.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { ADVISORY_FLIGHT_NAMESPACE } from "../../../src/server/postgres/advisoryKeys";

/** Resolves once the process holds the flight lock of every key. */
export async function holdFlightLocks(url: string, keys: string[]): Promise<ChildProcess> {
  const holder = spawn(
    process.execPath,
    [
      "-e",
      `const { Client } = require("pg");
       (async () => {
         const c = new Client({ connectionString: process.argv[1] });
         await c.connect();
         for (const key of process.argv.slice(2)) await c.query("SELECT pg_advisory_lock($1, hashtext($2))", [${ADVISORY_FLIGHT_NAMESPACE}, key]);
         process.stdout.write("locked\\n");
         setInterval(() => undefined, 1000);
       })();`,
      url,
      ...keys,
    ],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  await new Promise<void>((resolve) => holder.stdout!.on("data", (d: Buffer) => d.toString().includes("locked") && resolve()));
  return holder;
}

/** Resolves once some session waits for an advisory lock (the server's own view, pg_locks). */
export async function untilAdvisoryLockWaits(pool: { query(sql: string): Promise<{ rows: { n: number | string }[] }> }) {
  for (;;) {
    const waits = await pool.query("SELECT COUNT(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted");
    if (Number(waits.rows[0].n) > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
