/**
 * Starting the whole service: provider, cache, queue, HTTP app, listening socket. Used by the
 * CLI, `npm start`, the tests and the browser tests (http, port 0, CSV provider).
 */
import type { FastifyInstance, FastifyServerOptions } from "fastify";
import fs from "node:fs";
import path from "node:path";
import { buildApp } from "./app";
import { addinPage } from "./staticFiles";
import { defaultCacheFile } from "./cache/dataDir";
import { openSqliteStore } from "./cache/openSqliteStore";
import { openSharedCache, SharedCache, sharedServiceParts } from "./postgres/sharedCache";
import { MarketService } from "./marketService";
import { CsvProvider } from "./providers/csvProvider";
import { MarketProvider } from "./providers/provider";
import { FetchLike } from "./providers/yahooFetchGuard";
import { YahooProvider } from "./providers/yahooProvider";
import { UpstreamQueueOptions } from "./upstreamQueue";
import { BreakerSettings, DEFAULT_RATE, RateSettings } from "./coordination/coordination";
import { LocalCircuitBreaker, LocalRateLimiter } from "./coordination/localCoordination";

export interface StartServerOptions {
  /** Plain http instead of https with the Office development certificates. */
  http?: boolean;
  /** Default 127.0.0.1 (this machine only). */
  host?: string;
  /** Default 3000; 0 picks a free port. */
  port?: number;
  /** Default "yahoo". */
  provider?: "yahoo" | "csv" | MarketProvider;
  /** Folder of SYMBOL.csv files (required for the csv provider). */
  csvDir?: string;
  /** Threads that parse large CSV files (default: one fewer than the cores, 1 to MAX_WORKERS; 0: none). */
  csvWorkers?: number;
  /** SQLite cache file; default in the per-user data folder. Not used by the csv provider. */
  cacheFile?: string;
  /** A PostgreSQL cache shared by several replicas (postgres://user@host:5432/db); wins over cacheFile. */
  cacheUrl?: string;
  /** This replica's name, in logs, health and pg_stat_activity. */
  instanceName?: string;
  /** Most PostgreSQL connections for reads and writes (default 10). */
  poolSize?: number;
  /** The upstream's token bucket (per process with SQLite, shared through PostgreSQL); default DEFAULT_RATE. */
  rate?: RateSettings;
  /** The upstream's circuit breaker (per process with SQLite, shared through PostgreSQL); default DEFAULT_BREAKER. */
  breaker?: BreakerSettings;
  /** Built add-in; default dist/ of this project. */
  distDir?: string;
  /** Replaces the network for the yahoo provider (tests, benchmarks). */
  yahooFetch?: FetchLike;
  logger?: FastifyServerOptions["logger"];
  /** Extra origins allowed by CORS besides the server's own. */
  allowedOrigins?: string[];
  queue?: UpstreamQueueOptions;
  now?: () => number;
  /** Where start-up warnings go (default: the console). */
  warn?: (message: string) => void;
}

export interface RunningServer {
  url: string;
  port: number;
  host: string;
  app: FastifyInstance;
  service: MarketService;
  /** False when dist/ has no add-in page yet (npm run build has not run). */
  addinBuilt: boolean;
  close(): Promise<void>;
}

export const DEFAULT_PORT = 3000;
export const DEFAULT_HOST = "127.0.0.1";
const PROJECT_ROOT = path.resolve(__dirname, "..", "..");

export function makeProvider(
  options: Pick<StartServerOptions, "provider" | "csvDir" | "csvWorkers" | "yahooFetch">,
): MarketProvider {
  const choice = options.provider ?? "yahoo";
  if (typeof choice === "object") return choice;
  if (choice === "csv") {
    if (!options.csvDir)
      throw new Error("The csv provider needs a folder of SYMBOL.csv files (--csv-dir DIR or AICHAIN_CSV_DIR)");
    const dir = path.resolve(options.csvDir);
    if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new Error(`The CSV folder ${dir} does not exist`);
    return new CsvProvider(dir, { parse: { size: options.csvWorkers } });
  }
  if (choice === "yahoo") return new YahooProvider({ fetch: options.yahooFetch });
  throw new Error(`Unknown provider "${String(choice)}" (use yahoo or csv)`);
}

type TlsFiles = { key: Buffer; cert: Buffer; ca: Buffer };

async function devCertificates(warn: (message: string) => void): Promise<TlsFiles> {
  // Loaded only for https, so --http works where the certificate tooling cannot run.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const devCerts = require("office-addin-dev-certs") as { getHttpsServerOptions(): Promise<TlsFiles> };
  const paths = require("office-addin-dev-certs/lib/defaults") as {
    caCertificatePath: string;
    localhostCertificatePath: string;
    localhostKeyPath: string;
  };
  /* eslint-enable @typescript-eslint/no-require-imports */
  try {
    return await devCerts.getHttpsServerOptions();
  } catch (err) {
    const reason = err instanceof Error ? err.message.split("\n")[0] : String(err);
    // Made but not trusted (installing the CA needs sudo): still serve https, and say so.
    try {
      const files = {
        key: fs.readFileSync(paths.localhostKeyPath),
        cert: fs.readFileSync(paths.localhostCertificatePath),
        ca: fs.readFileSync(paths.caCertificatePath),
      };
      warn(
        `The Office development CA is not trusted on this machine (${reason}); browsers and Office will warn until you run \`npx office-addin-dev-certs install\`.`,
      );
      return files;
    } catch {
      throw new Error(
        `Could not create the Office development certificates for https (${reason}). ` +
          "Run `npx office-addin-dev-certs install` to fix that, or start with --http to serve plain http.",
      );
    }
  }
}

export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  const provider = makeProvider(options);
  const warn = options.warn ?? ((m: string) => console.warn(options.instanceName ? `[${options.instanceName}] ${m}` : m));
  // A shared PostgreSQL cache (several replicas) when given a URL; otherwise the embedded SQLite file.
  let shared: SharedCache | undefined;
  if (provider.remote && options.cacheUrl) {
    shared = await openSharedCache(options.cacheUrl, {
      poolMax: options.poolSize,
      instanceName: options.instanceName,
      warn,
      rate: options.rate,
      breaker: options.breaker,
    });
  }
  const store =
    shared?.store ??
    (provider.remote ? openSqliteStore(options.cacheFile ?? defaultCacheFile(), { warn, now: options.now }) : undefined);
  const service = new MarketService({
    provider,
    store,
    // One process alone keeps the same budget in memory.
    ...(shared
      ? sharedServiceParts(shared)
      : provider.remote
        ? { breaker: new LocalCircuitBreaker(options.breaker), limiter: new LocalRateLimiter(options.rate ?? DEFAULT_RATE) }
        : {}),
    queue: options.queue,
    now: options.now,
    warn,
  });
  const host = options.host ?? DEFAULT_HOST;
  const secure = !options.http;
  const distDir = options.distDir ?? path.join(PROJECT_ROOT, "dist");
  let app: FastifyInstance | undefined;
  try {
    const https = secure ? await devCertificates(warn) : undefined;
    app = buildApp({
      service,
      https,
      distDir,
      listenHost: host,
      allowedOrigins: options.allowedOrigins ?? [],
      logger: options.logger,
      instanceName: options.instanceName,
      now: options.now,
    });
    await app.listen({ host, port: options.port ?? DEFAULT_PORT });
  } catch (err) {
    await app?.close().catch(() => undefined);
    await service.close();
    if ((err as NodeJS.ErrnoException).code === "EADDRINUSE") {
      throw new Error(
        `Port ${options.port ?? DEFAULT_PORT} is already in use (is the service already running? npm stop ends it), or choose another with --port`,
      );
    }
    throw err;
  }
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : (options.port ?? DEFAULT_PORT);
  // The dev certificate is for "localhost"; plain http uses the literal address, which avoids
  // IPv6-first resolution of "localhost" missing a socket bound to 127.0.0.1.
  const urlHost = secure && (host === DEFAULT_HOST || host === "0.0.0.0") ? "localhost" : host.includes(":") ? `[${host}]` : host;
  const running = app;
  return {
    url: `${secure ? "https" : "http"}://${urlHost}:${port}`,
    port,
    host,
    app: running,
    service,
    addinBuilt: addinPage(distDir) !== undefined,
    close: async () => {
      await running.close();
      await service.close();
    },
  };
}
