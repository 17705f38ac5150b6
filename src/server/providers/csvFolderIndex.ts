/**
 * The CSV folder's file names, listed once and looked up by lower-cased name, instead of a
 * folder listing per symbol per request (with 5,000 files that listing was most of the work).
 * The listing is refreshed when the folder's modification time changes (a file added, removed
 * or renamed), checked on a miss and when a listed file has gone; a miss also re-lists when the
 * listing is older than a second, for file systems whose folder times are coarse.
 */
import { promises as fs } from "node:fs";
import { unavailable } from "./provider";

const MISS_RELIST_MS = 1_000;

export class CsvFolderIndex {
  private names: Map<string, string> | null = null;
  private folderStamp = "";
  private listedAt = 0;
  private listing: Promise<void> | null = null;
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
    if ((await this.folderChanged()) || this.now() - this.listedAt > MISS_RELIST_MS) await this.relist();
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
    return (await this.stamp()) !== this.folderStamp;
  }

  private async stamp(): Promise<string> {
    try {
      const stat = await fs.stat(this.dir);
      return `${stat.mtimeMs}:${stat.ino}`;
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
    const stamp = await this.stamp();
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
    this.listedAt = this.now();
  }
}
