/**
 * Command-line flags and environment variables for `npm run serve` (flags win over the
 * environment). Kept apart from main.ts so it can be tested without starting anything.
 */
import { checkPostgresUrl, isPostgresUrl } from "./postgres/postgresUrl";
import type { StartServerOptions } from "./startServer";

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

export const SERVE_USAGE = `Usage: npm run serve -- [--http] [--host H] [--port N] [--provider yahoo|csv] [--csv-dir DIR] [--cache FILE|postgres://...] [--allow-origin URL] [--instance-name NAME] [--pool-size N]

  --http              plain http instead of https with the Office development certificates   (AICHAIN_HTTP=1)
  --host H            address to listen on, default 127.0.0.1 (this machine only)             (AICHAIN_HOST)
  --port N            port, default 3000; 0 picks a free one                                   (AICHAIN_PORT)
  --provider P        yahoo (default) or csv                                                   (AICHAIN_PROVIDER)
  --csv-dir DIR       folder of SYMBOL.csv files, for the csv provider                         (AICHAIN_CSV_DIR)
  --cache FILE        SQLite cache file, default in the per-user data folder                   (AICHAIN_CACHE)
  --cache postgres://user@host:5432/db
                      a PostgreSQL cache shared by several replicas                          (AICHAIN_CACHE_URL)
  --instance-name N   this replica's name in logs, health and the database's session list    (AICHAIN_INSTANCE_NAME)
  --pool-size N       most PostgreSQL connections for reads and writes, default 10           (AICHAIN_POOL_SIZE)
  --allow-origin URL  another origin allowed by CORS (repeatable; comma-separated in env)      (AICHAIN_ALLOWED_ORIGINS)`;

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
  if (env.AICHAIN_CACHE) setCache(options, env.AICHAIN_CACHE, "AICHAIN_CACHE");
  if (env.AICHAIN_CACHE_URL) {
    if (!isPostgresUrl(env.AICHAIN_CACHE_URL))
      throw new UsageError(`AICHAIN_CACHE_URL must be a postgres:// URL (a cache file goes in AICHAIN_CACHE)`);
    setCache(options, env.AICHAIN_CACHE_URL, "AICHAIN_CACHE_URL");
  }
  if (env.AICHAIN_INSTANCE_NAME) options.instanceName = env.AICHAIN_INSTANCE_NAME;
  if (env.AICHAIN_POOL_SIZE) options.poolSize = parsePoolSize(env.AICHAIN_POOL_SIZE, "AICHAIN_POOL_SIZE");
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
      case "--cache":
        setCache(options, value(), "--cache");
        break;
      case "--instance-name":
        options.instanceName = value();
        break;
      case "--pool-size":
        options.poolSize = parsePoolSize(value(), "--pool-size");
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
  if (options.provider === "csv" && !options.csvDir)
    throw new UsageError("--provider csv needs --csv-dir DIR (or AICHAIN_CSV_DIR)");
  return { options, help };
}
