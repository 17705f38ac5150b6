/**
 * The CSV folder's file names, listed once and looked up by lower-cased name, instead of a
 * folder listing per symbol per request (with 5,000 files that listing was most of the work).
 * The listing is refreshed when the folder's modification time changes (a file added, removed
 * or renamed), checked on a miss and when a listed file has gone. Some file systems keep folder
 * times to the second or coarser, so a file added in the same tick as the listing would leave
 * the time unchanged: while the folder's time is that close to the listing's, a miss re-lists
 * (at most once a second), and once the listing is safely later than the folder's time, only a
 * change of that time does.
 */
import { promises as fs } from "node:fs";
import { unavailable } from "./provider";

const MISS_RELIST_MS = 1_000;
/** Folder times this close to (or after) the listing's own time may hide a change. */
const COARSE_TIME_MS = 2_000;

export class CsvFolderIndex {
  private names: Map<string, string> | null = null;
  private folderStamp = "";
  private folderTime = 0;
  private listedAt = 0;
  private listing: Promise<void> | null = null;
  /** The folder's stat in progress: a burst of lookups (a request for 50 symbols) shares one. */
  private stamping: Promise<{ stamp: string; time: number }> | null = null;
  /** Folder listings made so far (for tests and the bench). */
  listings = 0;

  constructor(
    readonly dir: string,
    private readonly now: () => number = Date.now,
  ) {}

  /** The real file name for `wanted` (compared lower-cased), or undefined. */
  async find(wanted: string): Promise<string | undefined> {
    const key = wanted.toLowerCase();
    if (!this.names) await this.relist();
    const hit = this.names?.get(key);
    if (hit !== undefined) return hit;
    const ambiguous = this.folderTime >= this.listedAt - COARSE_TIME_MS && this.now() - this.listedAt > MISS_RELIST_MS;
    if (ambiguous || (await this.folderChanged())) await this.relist();
    return this.names?.get(key);
  }

  /** Every file name in the folder. */
  async all(): Promise<string[]> {
    await this.relistIfChanged();
    return [...(this.names?.values() ?? [])];
  }

  /** Called when a listed file could not be opened: it may have been renamed or removed. */
  async gone(): Promise<void> {
    await this.relist();
  }

  private async relistIfChanged(): Promise<void> {
    if (!this.names || (await this.folderChanged())) await this.relist();
  }

  private async folderChanged(): Promise<boolean> {
    return (await this.stamp()).stamp !== this.folderStamp;
  }

  private stamp(): Promise<{ stamp: string; time: number }> {
    if (!this.stamping) {
      this.stamping = this.statFolder().finally(() => {
        this.stamping = null;
      });
    }
    return this.stamping;
  }

  private async statFolder(): Promise<{ stamp: string; time: number }> {
    try {
      const stat = await fs.stat(this.dir);
      return { stamp: `${stat.mtimeMs}:${stat.ino}`, time: stat.mtimeMs };
    } catch (err) {
      throw unavailable(`Cannot read the CSV folder ${this.dir}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`, false);
    }
  }

  /** One listing at a time; callers arriving meanwhile share it. */
  private relist(): Promise<void> {
    if (!this.listing) {
      this.listing = this.list().finally(() => {
        this.listing = null;
      });
    }
    return this.listing;
  }

  private async list(): Promise<void> {
    const { stamp, time } = await this.stamp();
    let entries: string[];
    try {
      entries = await fs.readdir(this.dir);
    } catch (err) {
      throw unavailable(`Cannot read the CSV folder ${this.dir}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`, false);
    }
    this.listings++;
    const names = new Map<string, string>();
    for (const name of entries) names.set(name.toLowerCase(), name);
    this.names = names;
    this.folderStamp = stamp;
    this.folderTime = time;
    this.listedAt = this.now();
  }
}
