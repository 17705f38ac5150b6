/**
 * Opening the SQLite cache for the service so that a damaged or unwritable file never stops it:
 * - the folder is created when missing;
 * - `PRAGMA quick_check` runs first; a damaged file (or one that is not a database) is moved aside
 *   as NAME.corrupt-TIMESTAMP with its WAL and shared-memory files, the move is logged, and a new
 *   cache is created in its place — nothing is deleted;
 * - a file that can be read but not written is opened read-only; the history service then serves
 *   upstream answers without storing them and says so once.
 */
import Database from "better-sqlite3";
import fs from "node:fs";
import path from "node:path";
import { StoreError } from "./marketStore";
import { SqliteMarketStore } from "./sqliteMarketStore";

export interface OpenOptions {
  warn: (message: string) => void;
  now?: () => number;
}

const reason = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** "ok", or why the file is not a sound SQLite database. */
function checkFile(file: string): string {
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const rows = db.pragma("quick_check") as { quick_check: string }[];
    const verdict = rows.map((r) => r.quick_check).join("; ");
    return verdict === "ok" ? "ok" : verdict;
  } catch (err) {
    const code = (err as { code?: string }).code ?? "";
    // Permission problems are not damage: the file is left where it is.
    if (code === "SQLITE_CANTOPEN" || code === "SQLITE_READONLY" || code === "EACCES") return "ok";
    return reason(err);
  } finally {
    db?.close();
  }
}

function isWritable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.W_OK);
    fs.accessSync(path.dirname(file), fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

export function openSqliteStore(file: string, options: OpenOptions): SqliteMarketStore {
  const location = path.resolve(file);
  const now = options.now ?? Date.now;
  if (fs.existsSync(location)) {
    const verdict = checkFile(location);
    if (verdict !== "ok") {
      const stamp = new Date(now()).toISOString().replace(/[:.]/g, "-");
      const aside = `${location}.corrupt-${stamp}`;
      try {
        fs.renameSync(location, aside);
        for (const suffix of ["-wal", "-shm"])
          if (fs.existsSync(location + suffix)) fs.renameSync(location + suffix, aside + suffix);
      } catch (err) {
        throw new StoreError(
          `The market-data cache ${location} is damaged (${verdict}) and could not be moved aside: ${reason(err)}. Choose another file with --cache.`,
        );
      }
      options.warn(
        `The market-data cache ${location} was damaged (${verdict}); it was moved aside to ${aside} and a new cache was created.`,
      );
    } else if (!isWritable(location)) {
      options.warn(
        `The market-data cache ${location} cannot be written; it is read as it is and new answers are not stored in it.`,
      );
      return new SqliteMarketStore(location, { readOnly: true });
    }
  }
  return new SqliteMarketStore(location);
}
