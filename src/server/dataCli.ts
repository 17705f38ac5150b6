/**
 * `npm run data -- <command>`: fill and inspect the market-data cache without the server.
 *   warm SYMBOL... --start D [--end D] [--provider yahoo|csv] [--csv-dir DIR] [--cache FILE|postgres://...]
 *   import-csv DIR [--cache FILE|postgres://...]
 *   stats [--cache FILE|postgres://...]
 * The cache is an SQLite file or a team's shared PostgreSQL database, as for the server.
 */
import fs from "node:fs";
import { addDays, parseIsoDate, parseSymbol, utcMsToIsoDate, validateRange } from "../api/validation";
import { defaultCacheFile } from "./cache/dataDir";
import { dividendsAsPaid, unadjustBars } from "./cache/adjustment";
import { MarketStore } from "./cache/marketStore";
import { SqliteMarketStore } from "./cache/sqliteMarketStore";
import { checkPostgresUrl, isPostgresUrl } from "./postgres/postgresUrl";
import { SharedCache, openSharedCache, sharedServiceParts } from "./postgres/sharedCache";
import { MarketService } from "./marketService";
import { CsvProvider } from "./providers/csvProvider";
import { makeProvider } from "./startServer";
import { UsageError } from "./serveOptions";

const USAGE = `Usage:
  npm run data -- warm SYMBOL... --start YYYY-MM-DD [--end YYYY-MM-DD] [--provider yahoo|csv] [--csv-dir DIR] [--cache FILE|postgres://...]
  npm run data -- import-csv DIR [--cache FILE|postgres://...]
  npm run data -- stats [--cache FILE|postgres://...]
The cache defaults to AICHAIN_CACHE_URL, AICHAIN_CACHE or the per-user data folder.`;

interface CliArgs {
  command: string;
  positional: string[];
  flags: Record<string, string>;
}

export function parseDataArgs(argv: string[]): CliArgs {
  const [command = "", ...rest] = argv;
  const positional: string[] = [];
  const flags: Record<string, string> = {};
  const known = new Set(["--start", "--end", "--provider", "--csv-dir", "--cache"]);
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (!arg.startsWith("--")) {
      positional.push(arg);
      continue;
    }
    const [flag, inline] = arg.includes("=")
      ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)]
      : [arg, undefined];
    if (!known.has(flag)) throw new UsageError(`Unknown option "${flag}"`);
    const value = inline ?? rest[++i];
    if (value === undefined || value.startsWith("--")) throw new UsageError(`${flag} needs a value`);
    flags[flag.slice(2)] = value;
  }
  return { command, positional, flags };
}

const cacheFileOf = (flags: Record<string, string>) =>
  flags.cache ?? process.env.AICHAIN_CACHE_URL ?? process.env.AICHAIN_CACHE ?? defaultCacheFile();

interface OpenCache {
  store: MarketStore;
  /** The shared database's coordination, when the cache is PostgreSQL. */
  shared?: SharedCache;
  close(): Promise<void>;
}

/** A postgres:// URL opens the shared database (its schema brought up to date); anything else is an SQLite file. */
async function openCache(target: string, readOnly = false): Promise<OpenCache> {
  if (isPostgresUrl(target)) {
    const problem = checkPostgresUrl(target);
    if (problem) throw new UsageError(`--cache: ${problem}`);
    const shared = await openSharedCache(target, { instanceName: "data" });
    return { store: shared.store, shared, close: () => shared.database.close() };
  }
  const store = new SqliteMarketStore(target, readOnly ? { readOnly: true } : undefined);
  return { store, close: () => store.close() };
}
const seconds = (startedAt: number) => `${((Date.now() - startedAt) / 1000).toFixed(1)} s`;

async function warm(args: CliArgs): Promise<number> {
  if (args.positional.length === 0) throw new UsageError("warm needs at least one symbol");
  const symbols = args.positional.map((s) => {
    const checked = parseSymbol(s);
    if (!checked.ok) throw new UsageError(checked.error.message);
    return checked.value;
  });
  const start = parseIsoDate(args.flags.start, "--start");
  if (!start.ok) throw new UsageError(args.flags.start ? start.error.message : "warm needs --start YYYY-MM-DD");
  const end = parseIsoDate(args.flags.end ?? utcMsToIsoDate(Date.now()), "--end");
  if (!end.ok) throw new UsageError(end.error.message);
  const range = validateRange(start.value, end.value);
  if (!range.ok) throw new UsageError(range.error.message);

  const providerName = args.flags.provider ?? process.env.AICHAIN_PROVIDER ?? "yahoo";
  if (providerName === "csv") {
    // CSV files are read directly by the csv provider; warming means copying them into the cache.
    return importCsv(args.flags["csv-dir"] ?? process.env.AICHAIN_CSV_DIR, cacheFileOf(args.flags), symbols, {
      start: start.value,
      end: end.value,
    });
  }
  const provider = makeProvider({ provider: providerName as "yahoo" });
  const { store, shared } = await openCache(cacheFileOf(args.flags));
  // On the shared database the warm-up takes its turn in the firm's single-flight and upstream budget.
  const service = new MarketService({
    provider,
    store,
    ...(shared ? sharedServiceParts(shared) : {}),
  });
  console.log(`Warming ${symbols.length} symbol(s) ${start.value}..${end.value} into ${store.location}`);
  let failures = 0;
  try {
    for (const [i, symbol] of symbols.entries()) {
      const startedAt = Date.now();
      const response = await service.history([symbol], start.value, end.value, "1d");
      const series = response.series[symbol];
      const label = `[${i + 1}/${symbols.length}] ${symbol}`;
      if (series) {
        console.log(
          `${label}: ${series.rows.length} rows ${series.rows[0]?.[0]}..${series.rows[series.rows.length - 1]?.[0]} from ${series.source}${series.stale ? " (stale)" : ""} in ${seconds(startedAt)}`,
        );
      } else {
        failures++;
        console.log(`${label}: ${response.errors[symbol]?.code}: ${response.errors[symbol]?.message}`);
      }
    }
  } finally {
    await service.close();
  }
  return failures ? 1 : 0;
}

async function importCsv(
  dir: string | undefined,
  cacheFile: string,
  only?: string[],
  range?: { start: string; end: string },
): Promise<number> {
  if (!dir) throw new UsageError("import-csv needs the folder of SYMBOL.csv files");
  const provider = makeProvider({ provider: "csv", csvDir: dir }) as CsvProvider;
  const symbols = only ?? (await provider.listSymbols());
  const cache = await openCache(cacheFile);
  const store = cache.store;
  // Today's row may still change; only closed days go into the cache.
  const lastClosed = addDays(utcMsToIsoDate(Date.now()), -1);
  const start = range?.start ?? "1970-01-01";
  const end = range && range.end < lastClosed ? range.end : lastClosed;
  console.log(
    `Importing ${symbols.length} file(s) from ${provider.dir} into ${store.location}${range ? ` for ${start}..${end}` : ""}`,
  );
  let failures = 0;
  try {
    for (const [i, symbol] of symbols.entries()) {
      const label = `[${i + 1}/${symbols.length}] ${symbol}`;
      try {
        // Every later split is needed to turn the file's split-adjusted prices back into traded ones.
        const full = await provider.history(symbol, start, lastClosed, "1d");
        const series = { ...full, rows: full.rows.filter((r) => r[0] <= end) };
        if (series.rows.length === 0) {
          console.log(`${label}: no rows, skipped`);
          continue;
        }
        const first = series.rows[0][0];
        const last = series.rows[series.rows.length - 1][0];
        // Dated by the file, so answers from the cache tell how old the data really is.
        const fetchedAt = series.asOf ? Date.parse(series.asOf) : Date.now();
        await store.write(symbol, {
          meta: { currency: series.currency, timezone: series.timezone, source: "csv" },
          bars: { start: first, end: last, rows: unadjustBars(series.rows, full.splits) },
          actions: [
            ...full.splits.map(([date, value]) => ({ date, kind: "split" as const, value })),
            ...dividendsAsPaid(full.dividends, full.splits),
          ],
          actionsState: { from: start, confirmedAt: fetchedAt },
          coverage: [{ start: first, end: last, fetchedAt, provisional: false }],
        });
        console.log(
          `${label}: ${series.rows.length} rows ${first}..${last}, ${series.dividends.length} dividend(s), ${series.splits.length} split(s)`,
        );
      } catch (err) {
        failures++;
        console.log(`${label}: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  } finally {
    await cache.close();
  }
  return failures ? 1 : 0;
}

async function stats(args: CliArgs): Promise<number> {
  const file = cacheFileOf(args.flags);
  if (!isPostgresUrl(file) && !fs.existsSync(file)) {
    // Opening it would create it, and a mistyped --cache would look like an empty cache.
    console.log(`No cache at ${file}`);
    // A path someone named is a mistake; the default one is merely not filled yet.
    return args.flags.cache || process.env.AICHAIN_CACHE ? 1 : 0;
  }
  const cache = await openCache(file, true);
  const store = cache.store;
  try {
    const s = await store.stats();
    console.log(
      `Cache ${s.location} (${((s.bytes ?? 0) / 1024).toFixed(0)} KiB): ${s.symbols} series, ${s.bars} daily bars, ${s.actions} corporate actions, ${s.quotes} quotes, ${s.funds} funds`,
    );
    for (const entry of s.perSymbol) {
      const coverage = entry.coverage.map((r) => `${r.start}..${r.end}${r.provisional ? " (provisional)" : ""}`).join(", ");
      console.log(
        `  ${entry.symbol.padEnd(12)} ${String(entry.bars).padStart(6)} rows  ${entry.first}..${entry.last}  covered ${coverage}`,
      );
    }
  } finally {
    await cache.close();
  }
  return 0;
}

export async function runDataCli(argv: string[]): Promise<number> {
  const args = parseDataArgs(argv);
  switch (args.command) {
    case "warm":
      return warm(args);
    case "import-csv":
      return importCsv(args.positional[0], cacheFileOf(args.flags));
    case "stats":
      return stats(args);
    case "":
    case "help":
    case "--help":
      console.log(USAGE);
      return 0;
    default:
      throw new UsageError(`Unknown command "${args.command}"`);
  }
}

if (require.main === module) {
  runDataCli(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(err instanceof UsageError ? `${err.message}\n\n${USAGE}` : err instanceof Error ? err.message : String(err));
      process.exit(err instanceof UsageError ? 2 : 1);
    },
  );
}
