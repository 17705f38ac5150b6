/** The coordination seams for a single service process: plain memory. */
import {
  BreakerAdmission,
  BreakerRecord,
  BreakerSettings,
  BreakerStatus,
  BucketRecord,
  CLOSED_BREAKER,
  CircuitBreaker,
  DEFAULT_BREAKER,
  DEFAULT_RATE,
  RateLimiter,
  RateSettings,
  SingleFlight,
  UNKNOWN_SYMBOL_TTL_MS,
  UnknownSymbols,
  breakerAdmit,
  breakerFailure,
  breakerStatus,
  bucketTake,
} from "./coordination";

export class LocalSingleFlight implements SingleFlight {
  private readonly running = new Map<string, Promise<unknown>>();

  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const existing = this.running.get(key);
    if (existing) return existing as Promise<T>;
    const promise = Promise.resolve()
      .then(work)
      .finally(() => this.running.delete(key));
    this.running.set(key, promise);
    return promise;
  }
}

/** Most unknown symbols one process remembers (the oldest go first), so stray names cannot fill memory. */
const UNKNOWN_LIMIT = 10_000;

export class LocalUnknownSymbols implements UnknownSymbols {
  private readonly seen = new Map<string, { message: string; at: number }>();

  constructor(private readonly ttlMs = UNKNOWN_SYMBOL_TTL_MS) {}

  recall(symbol: string, now: number): Promise<string | undefined> {
    const entry = this.seen.get(symbol);
    if (entry && now >= entry.at && now - entry.at < this.ttlMs) return Promise.resolve(entry.message);
    if (entry) this.seen.delete(symbol);
    return Promise.resolve(undefined);
  }

  remember(symbol: string, message: string, now: number): Promise<void> {
    this.seen.delete(symbol);
    this.seen.set(symbol, { message, at: now });
    if (this.seen.size > UNKNOWN_LIMIT) this.seen.delete(this.seen.keys().next().value!);
    return Promise.resolve();
  }
}

export class LocalRateLimiter implements RateLimiter {
  private bucket: BucketRecord | null = null;
  readonly shared = false;

  constructor(readonly settings: RateSettings = DEFAULT_RATE) {}

  tryTake(now: number): Promise<number> {
    const { wait, next } = bucketTake(this.bucket, now, this.settings);
    this.bucket = next;
    return Promise.resolve(wait);
  }
}

export class LocalCircuitBreaker implements CircuitBreaker {
  private record: BreakerRecord = CLOSED_BREAKER;
  readonly shared = false;

  constructor(readonly settings: BreakerSettings = DEFAULT_BREAKER) {}

  admit(now: number): Promise<BreakerAdmission> {
    const { admission, next } = breakerAdmit(this.record, now, this.settings);
    this.record = next;
    return Promise.resolve(admission);
  }

  success(): Promise<void> {
    this.record = CLOSED_BREAKER;
    return Promise.resolve();
  }

  failure(now: number): Promise<void> {
    this.record = breakerFailure(this.record, now, this.settings);
    return Promise.resolve();
  }

  status(now: number): Promise<BreakerStatus> {
    return Promise.resolve(breakerStatus(this.record, now));
  }
}
