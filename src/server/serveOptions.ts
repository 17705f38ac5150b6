/**
 * Command-line flags and environment variables for `npm run serve` (flags win over the
 * environment). Kept apart from main.ts so it can be tested without starting anything.
 */
import { DEFAULT_BREAKER, DEFAULT_RATE } from "./coordination/coordination";
import { checkPostgresUrl, isPostgresUrl } from "./postgres/postgresUrl";
import { MAX_WORKERS } from "./providers/csvParsePool";
import type { StartServerOptions } from "./startServer";

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

export const SERVE_USAGE = `Usage: npm run serve -- [--http] [--host H] [--port N] [--provider yahoo|csv] [--csv-dir DIR] [--csv-workers N] [--cache FILE|postgres://...] [--allow-origin URL] [--instance-name NAME] [--pool-size N]
       [--upstream-rate N] [--upstream-burst N] [--breaker-failures N] [--breaker-cooldown S]

  --http              plain http instead of https with the Office development certificates   (AICHAIN_HTTP=1)
  --host H            address to listen on, default 127.0.0.1 (this machine only)             (AICHAIN_HOST)
  --port N            port, default 3000; 0 picks a free one                                   (AICHAIN_PORT)
  --provider P        yahoo (default) or csv                                                   (AICHAIN_PROVIDER)
  --csv-dir DIR       folder of SYMBOL.csv files, for the csv provider                         (AICHAIN_CSV_DIR)
  --csv-workers N     threads that parse large CSV files, 0 to ${MAX_WORKERS}; default one fewer than the cores (AICHAIN_CSV_WORKERS)
  --cache FILE        SQLite cache file, default in the per-user data folder                   (AICHAIN_CACHE)
  --cache postgres://user@host:5432/db
                      a PostgreSQL cache shared by several replicas                          (AICHAIN_CACHE_URL)
  --instance-name N   this replica's name in logs, health and the database's session list    (AICHAIN_INSTANCE_NAME)
  --pool-size N       most PostgreSQL connections for reads and writes, default 10           (AICHAIN_POOL_SIZE)
  --allow-origin URL  another origin allowed by CORS (repeatable; comma-separated in env)      (AICHAIN_ALLOWED_ORIGINS)

  The upstream budget (Yahoo). With a PostgreSQL cache every replica draws from one bucket and sees
  one breaker, kept in the database: give all replicas the same values.
  --upstream-rate N   upstream calls per second the bucket refills, default ${DEFAULT_RATE.perSecond}                (AICHAIN_UPSTREAM_RATE)
  --upstream-burst N  most calls at once after a quiet spell (bucket size), default ${DEFAULT_RATE.burst}       (AICHAIN_UPSTREAM_BURST)
  --breaker-failures N  failures in a row that stop calls for a cool-down, default ${DEFAULT_BREAKER.threshold}         (AICHAIN_BREAKER_FAILURES)
  --breaker-cooldown S  seconds until one probe call may test the upstream, default ${DEFAULT_BREAKER.cooldownMs / 1000}       (AICHAIN_BREAKER_COOLDOWN)`;

const truthy = (v: string | undefined) => v !== undefined && /^(1|true|yes|on)$/i.test(v.trim());

function parsePort(text: string, from: string): number {
  if (!/^\d{1,5}$/.test(text) || Number(text) > 65535)
    throw new UsageError(`${from} must be a port number from 0 to 65535, not "${text}"`);
  return Number(text);
}

function parsePoolSize(text: string, from: string): number {
  if (!/^\d{1,4}$/.test(text.trim()) || Number(text) < 1 || Number(text) > 1000)
    throw new UsageError(`${from} must be a number of connections from 1 to 1000, not "${text}"`);
  return Number(text);
}

/** A decimal number in [min, max] (integers only when `whole`), or a UsageError saying what is expected. */
function parseBounded(text: string, from: string, what: string, min: number, max: number, whole: boolean): number {
  const pattern = whole ? /^\d{1,7}$/ : /^\d{1,7}(\.\d{1,6})?$/;
  const value = Number(text.trim());
  if (!pattern.test(text.trim()) || value < min || value > max)
    throw new UsageError(
      `${from} must be ${whole ? "a whole number" : "a number"} of ${what} from ${min} to ${max}, not "${text}"`,
    );
  return value;
}

const parseCsvWorkers = (text: string, from: string) => parseBounded(text, from, "threads", 0, MAX_WORKERS, true);
const parseRate = (text: string, from: string) => parseBounded(text, from, "calls per second", 0.01, 1000, false);
const parseBurst = (text: string, from: string) => parseBounded(text, from, "calls", 1, 10_000, true);
const parseThreshold = (text: string, from: string) => parseBounded(text, from, "failures", 1, 1000, true);
const parseCooldownMs = (text: string, from: string) => parseBounded(text, from, "seconds", 1, 86_400, false) * 1000;

/** --cache takes a file or a postgres:// URL; the URL is checked here so a typo stops the start at once. */
function setCache(options: StartServerOptions, value: string, from: string): void {
  if (isPostgresUrl(value)) {
    const problem = checkPostgresUrl(value);
    if (problem) throw new UsageError(`${from}: ${problem}`);
    options.cacheUrl = value;
    delete options.cacheFile;
  } else {
    options.cacheFile = value;
    delete options.cacheUrl;
  }
}

function parseProvider(text: string, from: string): "yahoo" | "csv" {
  const value = text.trim().toLowerCase();
  if (value !== "yahoo" && value !== "csv") throw new UsageError(`${from} must be yahoo or csv, not "${text}"`);
  return value;
}

export interface ParsedServeArgs {
  options: StartServerOptions;
  help: boolean;
}

export function parseServeArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): ParsedServeArgs {
  const options: StartServerOptions = {};
  if (truthy(env.AICHAIN_HTTP)) options.http = true;
  if (env.AICHAIN_HOST) options.host = env.AICHAIN_HOST;
  if (env.AICHAIN_PORT) options.port = parsePort(env.AICHAIN_PORT, "AICHAIN_PORT");
  if (env.AICHAIN_PROVIDER) options.provider = parseProvider(env.AICHAIN_PROVIDER, "AICHAIN_PROVIDER");
  if (env.AICHAIN_CSV_DIR) options.csvDir = env.AICHAIN_CSV_DIR;
  if (env.AICHAIN_CSV_WORKERS) options.csvWorkers = parseCsvWorkers(env.AICHAIN_CSV_WORKERS, "AICHAIN_CSV_WORKERS");
  if (env.AICHAIN_CACHE) setCache(options, env.AICHAIN_CACHE, "AICHAIN_CACHE");
  if (env.AICHAIN_CACHE_URL) {
    if (!isPostgresUrl(env.AICHAIN_CACHE_URL))
      throw new UsageError(`AICHAIN_CACHE_URL must be a postgres:// URL (a cache file goes in AICHAIN_CACHE)`);
    setCache(options, env.AICHAIN_CACHE_URL, "AICHAIN_CACHE_URL");
  }
  if (env.AICHAIN_INSTANCE_NAME) options.instanceName = env.AICHAIN_INSTANCE_NAME;
  if (env.AICHAIN_POOL_SIZE) options.poolSize = parsePoolSize(env.AICHAIN_POOL_SIZE, "AICHAIN_POOL_SIZE");
  const rate = { ...DEFAULT_RATE };
  const breaker = { ...DEFAULT_BREAKER };
  // Which budget flags were given, to refuse them where there is no upstream to budget.
  const budgetFlags: string[] = [];
  const budget = (from: string, set: () => void) => {
    set();
    budgetFlags.push(from);
  };
  const { AICHAIN_UPSTREAM_RATE, AICHAIN_UPSTREAM_BURST, AICHAIN_BREAKER_FAILURES, AICHAIN_BREAKER_COOLDOWN } = env;
  if (AICHAIN_UPSTREAM_RATE)
    budget("AICHAIN_UPSTREAM_RATE", () => (rate.perSecond = parseRate(AICHAIN_UPSTREAM_RATE, "AICHAIN_UPSTREAM_RATE")));
  if (AICHAIN_UPSTREAM_BURST)
    budget("AICHAIN_UPSTREAM_BURST", () => (rate.burst = parseBurst(AICHAIN_UPSTREAM_BURST, "AICHAIN_UPSTREAM_BURST")));
  if (AICHAIN_BREAKER_FAILURES)
    budget(
      "AICHAIN_BREAKER_FAILURES",
      () => (breaker.threshold = parseThreshold(AICHAIN_BREAKER_FAILURES, "AICHAIN_BREAKER_FAILURES")),
    );
  if (AICHAIN_BREAKER_COOLDOWN)
    budget(
      "AICHAIN_BREAKER_COOLDOWN",
      () => (breaker.cooldownMs = parseCooldownMs(AICHAIN_BREAKER_COOLDOWN, "AICHAIN_BREAKER_COOLDOWN")),
    );
  const origins = (env.AICHAIN_ALLOWED_ORIGINS ?? "")
    .split(",")
    .map((o) => o.trim())
    .filter(Boolean);

  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] =
      arg.startsWith("--") && arg.includes("=")
        ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)]
        : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || (inline === undefined && v.startsWith("--"))) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case "--http":
        options.http = true;
        break;
      case "--https":
        options.http = false;
        break;
      case "--host":
        options.host = value();
        break;
      case "--port":
        options.port = parsePort(value(), "--port");
        break;
      case "--provider":
        options.provider = parseProvider(value(), "--provider");
        break;
      case "--csv-dir":
        options.csvDir = value();
        break;
      case "--csv-workers":
        options.csvWorkers = parseCsvWorkers(value(), "--csv-workers");
        break;
      case "--cache":
        setCache(options, value(), "--cache");
        break;
      case "--instance-name":
        options.instanceName = value();
        break;
      case "--pool-size":
        options.poolSize = parsePoolSize(value(), "--pool-size");
        break;
      case "--upstream-rate":
        budget(flag, () => (rate.perSecond = parseRate(value(), flag)));
        break;
      case "--upstream-burst":
        budget(flag, () => (rate.burst = parseBurst(value(), flag)));
        break;
      case "--breaker-failures":
        budget(flag, () => (breaker.threshold = parseThreshold(value(), flag)));
        break;
      case "--breaker-cooldown":
        budget(flag, () => (breaker.cooldownMs = parseCooldownMs(value(), flag)));
        break;
      case "--allow-origin":
        origins.push(value());
        break;
      case "--help":
      case "-h":
        help = true;
        break;
      default:
        throw new UsageError(`Unknown option "${arg}"`);
    }
  }
  if (origins.length) options.allowedOrigins = origins;
  if (options.instanceName !== undefined && !/^[\w.@:-]{1,60}$/.test(options.instanceName)) {
    throw new UsageError(
      `--instance-name must be 1 to 60 letters, digits or . _ - @ : (it goes into logs), not "${options.instanceName}"`,
    );
  }
  if (options.poolSize !== undefined && !options.cacheUrl)
    throw new UsageError("--pool-size applies to a PostgreSQL cache (--cache postgres://...)");
  if (options.csvWorkers !== undefined && options.provider !== "csv")
    throw new UsageError("--csv-workers applies to the csv provider (--provider csv)");
  if (options.provider === "csv" && !options.csvDir)
    throw new UsageError("--provider csv needs --csv-dir DIR (or AICHAIN_CSV_DIR)");
  if (options.provider === "csv" && budgetFlags.length)
    throw new UsageError(`${budgetFlags[0]} applies to the yahoo provider (the csv provider reads local files)`);
  if (budgetFlags.length) {
    options.rate = rate;
    options.breaker = breaker;
  }
  return { options, help };
}
