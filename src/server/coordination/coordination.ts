/**
 * What several service processes must share to behave like one: who fetches a symbol's range
 * now (single-flight), how fast the upstream may be called (a token bucket), and whether the
 * upstream is considered down (a circuit breaker). Each is an interface with an in-process
 * implementation here (localCoordination.ts) and a database-backed one for replicas.
 * test/server/coordinationConformance.ts states the behaviour every implementation must show.
 */

export interface SingleFlight {
  /**
   * Runs `work` under `key` so that no two runs for one key overlap. Callers in this process
   * that arrive while a run is going share its result. A caller in another process waits for
   * the running one to finish and then runs its own `work`, which should therefore begin by
   * looking at the store again (the data is usually there by then).
   */
  run<T>(key: string, work: () => Promise<T>): Promise<T>;
}

export interface RateLimiter {
  readonly settings: RateSettings;
  /** True when every replica on the database draws from this one bucket. */
  readonly shared: boolean;
  /**
   * Takes one upstream call's token if one is available now and answers 0; otherwise takes
   * nothing and answers how many milliseconds to wait before asking again.
   */
  tryTake(now: number): Promise<number>;
}

/** "call": go ahead; "probe": go ahead as the one trial call after a cool-down; "open": do not call. */
export type BreakerAdmission = "call" | "probe" | "open";

export interface BreakerStatus {
  state: "closed" | "open" | "half-open";
  /** Failures in a row so far. */
  failures: number;
  /** While open: when the next probe may go. */
  openUntil: number | null;
}

export interface CircuitBreaker {
  readonly settings: BreakerSettings;
  /** True when every replica on the database sees this one breaker. */
  readonly shared: boolean;
  /**
   * Whether a call may go now. After `threshold` failures in a row the breaker opens for a
   * cool-down; the first caller after it gets "probe" and every other caller "open" until that
   * probe reports. A probe that has not reported within a cool-down is given up on, so a
   * crashed prober cannot hold the breaker open for ever.
   */
  admit(now: number): Promise<BreakerAdmission>;
  /** A call (or the probe) succeeded: closed, failure count reset. */
  success(now: number): Promise<void>;
  /** A call failed in a way that counts (an outage, not an answer such as "unknown symbol"). */
  failure(now: number): Promise<void>;
  status(now: number): Promise<BreakerStatus>;
}

/**
 * Symbols the upstream called unknown, remembered for a short while so that a mistyped symbol in
 * many cells costs one call. Database-backed for replicas, so that no replica calls a symbol
 * unknown while another would answer it.
 */
export interface UnknownSymbols {
  /** Upstream's message, when it called `symbol` unknown less than the memory's lifetime before `now`. */
  recall(symbol: string, now: number): Promise<string | undefined>;
  remember(symbol: string, message: string, now: number): Promise<void>;
}

/** How long an "unknown symbol" answer is reused: short, since a symbol may be listed any day. */
export const UNKNOWN_SYMBOL_TTL_MS = 60_000;

export interface BreakerSettings {
  /** Failures in a row that open the breaker. */
  threshold: number;
  cooldownMs: number;
}

export const DEFAULT_BREAKER: BreakerSettings = { threshold: 5, cooldownMs: 30_000 };

export interface RateSettings {
  /** Tokens added per second. */
  perSecond: number;
  /** Most tokens held at once (the largest burst). */
  burst: number;
}

export const DEFAULT_RATE: RateSettings = { perSecond: 5, burst: 10 };

/**
 * The breaker's rule as one pure step, so every implementation (memory, a database row) applies
 * exactly the same arithmetic. `probeAt` is when the current probe was let through, if any.
 */
export interface BreakerRecord {
  failures: number;
  openUntil: number | null;
  probeAt: number | null;
}

export const CLOSED_BREAKER: BreakerRecord = { failures: 0, openUntil: null, probeAt: null };

export function breakerAdmit(
  record: BreakerRecord,
  now: number,
  settings: BreakerSettings,
): { admission: BreakerAdmission; next: BreakerRecord } {
  if (record.openUntil === null) return { admission: "call", next: record };
  if (now < record.openUntil) return { admission: "open", next: record };
  if (record.probeAt !== null && now - record.probeAt < settings.cooldownMs) return { admission: "open", next: record };
  return { admission: "probe", next: { ...record, probeAt: now } };
}

export function breakerFailure(record: BreakerRecord, now: number, settings: BreakerSettings): BreakerRecord {
  const failures = record.failures + 1;
  // A failed probe (or a run of failures reaching the threshold) opens it for a fresh cool-down.
  if (record.openUntil !== null || failures >= settings.threshold)
    return { failures, openUntil: now + settings.cooldownMs, probeAt: null };
  return { failures, openUntil: null, probeAt: null };
}

export function breakerStatus(record: BreakerRecord, now: number): BreakerStatus {
  if (record.openUntil === null) return { state: "closed", failures: record.failures, openUntil: null };
  return { state: now < record.openUntil ? "open" : "half-open", failures: record.failures, openUntil: record.openUntil };
}

/** Token bucket arithmetic, shared for the same reason. */
export interface BucketRecord {
  tokens: number;
  at: number;
}

export function bucketTake(
  record: BucketRecord | null,
  now: number,
  settings: RateSettings,
): { wait: number; next: BucketRecord } {
  const elapsed = record ? Math.max(0, now - record.at) : 0;
  const tokens = record ? Math.min(settings.burst, record.tokens + (elapsed * settings.perSecond) / 1000) : settings.burst;
  if (tokens >= 1) return { wait: 0, next: { tokens: tokens - 1, at: now } };
  return { wait: Math.ceil(((1 - tokens) * 1000) / settings.perSecond), next: { tokens, at: now } };
}
