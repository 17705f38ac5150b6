/**
 * Schema migrations, applied when a service process starts. Each migration runs once, in its
 * own transaction, recorded in `schema_migrations`; replicas starting together take turns
 * through an advisory lock, so the second one finds the work done. A database whose schema is
 * newer than this code (a newer release already ran on it) is refused rather than written to.
 */
import type { Pool, PoolClient } from "pg";
import { ADVISORY_NAMESPACE, ADVISORY_MIGRATIONS } from "./advisoryKeys";
import { withConnection } from "./pgTransaction";

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export class SchemaTooNewError extends Error {
  constructor(
    readonly databaseVersion: number,
    readonly codeVersion: number,
    where: string,
  ) {
    super(
      `The PostgreSQL cache ${where} has schema version ${databaseVersion}, but this AICHAIN service only knows versions up to ${codeVersion}: ` +
        "a newer release has already upgraded it. Run that newer release on every replica (or point --cache at another database); " +
        "this one will not write to a schema it does not understand.",
    );
    this.name = "SchemaTooNewError";
  }
}

export interface MigrationResult {
  /** The schema version after migrating. */
  version: number;
  /** Versions this call applied (empty when another replica or an earlier start did it). */
  applied: number[];
}

function checkList(migrations: Migration[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Migration list out of order: position ${i + 1} holds version ${m.version}`);
  });
}

export async function schemaVersion(client: Pool | PoolClient): Promise<number> {
  const exists = await client.query<{ present: boolean }>("SELECT to_regclass('schema_migrations') IS NOT NULL AS present");
  if (!exists.rows[0].present) return 0;
  const row = await client.query<{ version: number | null }>("SELECT MAX(version) AS version FROM schema_migrations");
  return row.rows[0].version ?? 0;
}

export async function migrate(
  pool: Pool,
  migrations: Migration[],
  options: { where: string; appliedBy?: string },
): Promise<MigrationResult> {
  checkList(migrations);
  const latest = migrations.length;
  return withConnection(pool, async (client, drop) => {
    await client.query("SELECT pg_advisory_lock($1, $2)", [ADVISORY_NAMESPACE, ADVISORY_MIGRATIONS]);
    try {
      await client.query(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now(), applied_by text)",
      );
      const current = await schemaVersion(client);
      if (current > latest) throw new SchemaTooNewError(current, latest, options.where);
      const applied: number[] = [];
      for (const m of migrations.slice(current)) {
        await client.query("BEGIN");
        try {
          await client.query(m.sql);
          await client.query("INSERT INTO schema_migrations (version, name, applied_by) VALUES ($1, $2, $3)", [
            m.version,
            m.name,
            options.appliedBy ?? null,
          ]);
          await client.query("COMMIT");
        } catch (err) {
          await client.query("ROLLBACK").catch(() => undefined);
          throw new Error(
            `Schema migration ${m.version} (${m.name}) failed on the PostgreSQL cache ${options.where}: ${(err as Error).message}`,
          );
        }
        applied.push(m.version);
      }
      return { version: Math.max(current, latest), applied };
    } finally {
      // A connection whose unlock failed may still hold the lock: close it rather than reuse it.
      await client.query("SELECT pg_advisory_unlock($1, $2)", [ADVISORY_NAMESPACE, ADVISORY_MIGRATIONS]).catch(drop);
    }
  });
}
