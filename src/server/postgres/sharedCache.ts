/**
 * Everything a replica needs to share one PostgreSQL database with the others: the store, the
 * single-flight, the upstream rate limit and the circuit breaker, on one bounded pool (plus the
 * lock pool). Opening it reaches the database and brings the schema up to date, or fails with a
 * message naming the database.
 */
import { BreakerSettings, RateSettings } from "../coordination/coordination";
import { recordBudgetSettings } from "./budgetSettings";
import { PgCircuitBreaker, PgRateLimiter, PgSingleFlight, PgUnknownSymbols } from "./pgCoordination";
import { PgDatabase, PgDatabaseOptions } from "./pgDatabase";
import { PgMarketStore } from "./pgMarketStore";
import type { MarketServiceOptions } from "../marketService";

export interface SharedCacheOptions extends PgDatabaseOptions {
  rate?: RateSettings;
  breaker?: BreakerSettings;
}

export interface SharedCache {
  database: PgDatabase;
  store: PgMarketStore;
  flight: PgSingleFlight;
  limiter: PgRateLimiter;
  breaker: PgCircuitBreaker;
  unknownSymbols: PgUnknownSymbols;
}

export async function openSharedCache(url: string, options: SharedCacheOptions = {}): Promise<SharedCache> {
  const database = await PgDatabase.open(url, options);
  const warn = options.warn;
  const mismatch = await recordBudgetSettings(database.pool, options).catch(async (err: unknown) => {
    await database.close();
    throw err;
  });
  if (mismatch) (warn ?? ((m: string) => console.warn(m)))(mismatch);
  return {
    database,
    store: new PgMarketStore(database.pool, database.where),
    flight: new PgSingleFlight(database.lockPool, { warn }),
    limiter: new PgRateLimiter(database.pool, options.rate, { warn }),
    breaker: new PgCircuitBreaker(database.pool, options.breaker, { warn }),
    unknownSymbols: new PgUnknownSymbols(database.pool, { warn }),
  };
}

/** What a market service takes from the shared database besides its store: one list for the server and the data tool. */
export function sharedServiceParts(
  shared: SharedCache,
): Pick<MarketServiceOptions, "flight" | "breaker" | "limiter" | "unknownSymbols" | "database"> {
  const { flight, breaker, limiter, unknownSymbols, database } = shared;
  return { flight, breaker, limiter, unknownSymbols, database };
}
