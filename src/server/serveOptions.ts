/**
 * Command-line flags and environment variables for `npm run serve` (flags win over the
 * environment). Kept apart from main.ts so it can be tested without starting anything.
 */
import type { StartServerOptions } from "./startServer";

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

export const SERVE_USAGE = `Usage: npm run serve -- [--http] [--host H] [--port N] [--provider yahoo|csv] [--csv-dir DIR] [--cache FILE] [--allow-origin URL]

  --http              plain http instead of https with the Office development certificates   (AICHAIN_HTTP=1)
  --host H            address to listen on, default 127.0.0.1 (this machine only)             (AICHAIN_HOST)
  --port N            port, default 3000; 0 picks a free one                                   (AICHAIN_PORT)
  --provider P        yahoo (default) or csv                                                   (AICHAIN_PROVIDER)
  --csv-dir DIR       folder of SYMBOL.csv files, for the csv provider                         (AICHAIN_CSV_DIR)
  --cache FILE        SQLite cache file, default in the per-user data folder                   (AICHAIN_CACHE)
  --allow-origin URL  another origin allowed by CORS (repeatable; comma-separated in env)      (AICHAIN_ALLOWED_ORIGINS)`;

const truthy = (v: string | undefined) => v !== undefined && /^(1|true|yes|on)$/i.test(v.trim());

function parsePort(text: string, from: string): number {
  if (!/^\d{1,5}$/.test(text) || Number(text) > 65535) throw new UsageError(`${from} must be a port number from 0 to 65535, not "${text}"`);
  return Number(text);
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
  if (env.AICHAIN_CACHE) options.cacheFile = env.AICHAIN_CACHE;
  const origins = (env.AICHAIN_ALLOWED_ORIGINS ?? "").split(",").map((o) => o.trim()).filter(Boolean);

  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.startsWith("--") && arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
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
        options.cacheFile = value();
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
  if (options.provider === "csv" && !options.csvDir) throw new UsageError("--provider csv needs --csv-dir DIR (or AICHAIN_CSV_DIR)");
  return { options, help };
}
