/**
 * What the real-data agreement checks share: the independent Python reference run over the same
 * folder, the data service serving that folder to the add-in's client (as Excel's add-in would
 * be served), and the tally of differences that decides AGREE or DISAGREE.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createMarketClient, setMarketClient, type MarketClient } from "../src/client";
import { startServer } from "../src/server/startServer";

/** Runs a standard-library Python script of bench/ with `input` as JSON on stdin; its JSON answer. */
export function independentReference<T>(script: string, input: unknown): T {
  const stdout = execFileSync("python3", [join(__dirname, script)], {
    input: JSON.stringify(input),
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(stdout) as T;
}

/**
 * The data service on `dataDir` (CSV provider, a throw-away cache) and the add-in's client on it,
 * installed as the client the custom functions use. `close` stops the service and removes the cache.
 */
export async function servedFolder(dataDir: string): Promise<{ client: MarketClient; close(): Promise<void> }> {
  const cacheDir = mkdtempSync(join(tmpdir(), "aichain-agreement-"));
  const server = await startServer({
    http: true,
    port: 0,
    provider: "csv",
    csvDir: dataDir,
    cacheFile: join(cacheDir, "cache.sqlite"),
    logger: false,
  });
  const client = createMarketClient({ baseUrl: `${server.url}/api/v1`, fetch });
  setMarketClient(client);
  return {
    client,
    close: async () => {
      await server.close();
      rmSync(cacheDir, { recursive: true, force: true });
    },
  };
}

/** How the checks print a difference. */
export const formatDiff = (x: number): string => x.toExponential(2);

/**
 * The largest absolute difference per measure, and the problems that are not differences (a value
 * on one side only, other dates, a refusal on one side).
 */
export class AgreementTally {
  readonly problems: string[] = [];
  private readonly largest: Record<string, number>;

  constructor(measures: readonly string[]) {
    this.largest = Object.fromEntries(measures.map((m) => [m, 0]));
  }

  /** Compares two values of `measure`: both missing agree; one missing, or not a number, is a problem. */
  note(measure: string, ours: unknown, theirs: unknown, where: string): void {
    const missing = (v: unknown) => v === null || v === undefined;
    if (missing(ours) && missing(theirs)) return;
    if (typeof ours !== "number" || typeof theirs !== "number") {
      this.problems.push(`${where} ${measure}: ${String(ours)} vs ${String(theirs)}`);
      return;
    }
    const d = Math.abs(ours - theirs);
    const sofar = this.largest[measure] ?? 0;
    // A NaN difference (one side NaN) stays the measure's largest: no later number may hide it.
    if (!Number.isNaN(sofar) && !(d <= sofar)) this.largest[measure] = d;
  }

  problem(text: string): void {
    this.problems.push(text);
  }

  largestOf(measure: string): number {
    return this.largest[measure] ?? 0;
  }

  /** Each measure with its largest difference, in the order the measures were given. */
  measures(): [string, number][] {
    return Object.entries(this.largest);
  }

  /** Prints the first problems and the verdict; sets a failing exit code unless everything agrees. */
  report(tolerance: number): boolean {
    const worst = Math.max(...Object.values(this.largest));
    if (this.problems.length > 0) {
      console.log(`  MISMATCHES (${this.problems.length}):`);
      for (const p of this.problems.slice(0, 20)) console.log(`    ${p}`);
    }
    const ok = this.problems.length === 0 && worst <= tolerance;
    console.log(`  result: ${ok ? "AGREE" : "DISAGREE"} (largest |diff| ${formatDiff(worst)}, target <= ${tolerance})`);
    if (!ok) process.exitCode = 1;
    return ok;
  }
}
