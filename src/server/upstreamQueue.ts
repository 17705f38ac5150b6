/**
 * Every upstream call goes through here: at most `concurrency` at a time (Yahoo throttles
 * bursts), a time-out per attempt, bounded retries with exponential backoff and jitter on
 * transient failures, and single-flight so identical calls in progress share one attempt.
 */
import { CircuitBreaker, RateLimiter } from "./coordination/coordination";
import { ProviderError, asProviderError, isOutage, timedOut, unavailable } from "./providers/provider";

export interface UpstreamQueueOptions {
  concurrency?: number;
  /** Retries after the first attempt (so at most retries + 1 attempts). */
  retries?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Per attempt. */
  timeoutMs?: number;
  /** Injectable for tests: waits, and where jitter comes from. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** Clock for when the last call finished, and for the breaker and the limiter. */
  now?: () => number;
  /** Stops calling a failing upstream for a cool-down (shared by replicas when database-backed). */
  breaker?: CircuitBreaker;
  /** Spaces calls out (a token bucket); each attempt waits at most once for its token. */
  limiter?: RateLimiter;
}

export interface UpstreamQueueStats {
  /** Attempts started (each retry counts). */
  attempts: number;
  /** Distinct calls started (single-flight joins do not count). */
  calls: number;
  active: number;
  waiting: number;
  /** Outcome of the most recent finished call, for the health check. */
  lastOutcome: "ok" | "failed" | "none";
  /** When that call finished (the queue's clock); undefined before any. */
  lastOutcomeAt?: number;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class UpstreamQueue {
  private readonly concurrency: number;
  private readonly retries: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly timeoutMs: number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;
  private readonly inFlight = new Map<string, Promise<unknown>>();
  private readonly waiters: Array<() => void> = [];
  private active = 0;
  private attempts = 0;
  private calls = 0;
  private lastOutcome: UpstreamQueueStats["lastOutcome"] = "none";
  private lastOutcomeAt: number | undefined;
  private readonly now: () => number;
  private readonly breaker?: CircuitBreaker;
  private readonly limiter?: RateLimiter;

  constructor(options: UpstreamQueueOptions = {}) {
    this.concurrency = Math.max(1, options.concurrency ?? 2);
    this.retries = Math.max(0, options.retries ?? 3);
    this.baseDelayMs = options.baseDelayMs ?? 500;
    this.maxDelayMs = options.maxDelayMs ?? 8_000;
    this.timeoutMs = options.timeoutMs ?? 15_000;
    this.sleep = options.sleep ?? defaultSleep;
    this.random = options.random ?? Math.random;
    this.now = options.now ?? Date.now;
    this.breaker = options.breaker;
    this.limiter = options.limiter;
  }

  /**
   * Runs `call` (or joins the identical one already running under `key`). The call receives a
   * signal that is aborted when its attempt times out.
   */
  run<T>(key: string, call: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const existing = this.inFlight.get(key);
    if (existing) return existing as Promise<T>;
    this.calls++;
    const promise = this.withRetries(call).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, promise);
    return promise;
  }

  stats(): UpstreamQueueStats {
    return {
      attempts: this.attempts,
      calls: this.calls,
      active: this.active,
      waiting: this.waiters.length,
      lastOutcome: this.lastOutcome,
      lastOutcomeAt: this.lastOutcomeAt,
    };
  }

  private async withRetries<T>(call: (signal: AbortSignal) => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const admission = this.breaker ? await this.breaker.admit(this.now()) : "call";
      if (admission === "open") {
        // Not a new failure of the upstream, so it neither counts nor is retried.
        throw unavailable("Yahoo Finance has been failing; it is not asked again until a short cool-down has passed", false);
      }
      try {
        const value = await this.inSlot(() => this.attemptWithTimeout(call));
        this.lastOutcome = "ok";
        this.lastOutcomeAt = this.now();
        await this.breaker?.success(this.now());
        return value;
      } catch (err) {
        const failure = asProviderError(err);
        // An answer such as "unknown symbol" shows the upstream is healthy.
        if (isOutage(failure)) await this.breaker?.failure(this.now());
        else await this.breaker?.success(this.now());
        if (admission === "probe") throw failure;
        if (!failure.retryable || attempt >= this.retries) {
          // A wrong symbol is an answer from a healthy upstream; only outages mark it unreachable.
          this.lastOutcome = isOutage(failure) ? "failed" : "ok";
          this.lastOutcomeAt = this.now();
          throw failure;
        }
        // The slot is free while we back off, so other calls are not held up by this one.
        await this.sleep(this.backoff(attempt));
      }
    }
  }

  private backoff(attempt: number): number {
    const ceiling = Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** attempt);
    // "Equal jitter": at least half the ceiling, so retries never bunch up at zero.
    return Math.round(ceiling / 2 + (this.random() * ceiling) / 2);
  }

  private async attemptWithTimeout<T>(call: (signal: AbortSignal) => Promise<T>): Promise<T> {
    if (this.limiter) {
      const wait = await this.limiter.tryTake(this.now());
      if (wait > 0) await this.sleep(wait);
    }
    this.attempts++;
    const controller = new AbortController();
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        controller.abort();
        reject(timedOut(`Market data source did not answer within ${Math.round(this.timeoutMs / 1000)} s`));
      }, this.timeoutMs);
      call(controller.signal).then(
        (value) => {
          clearTimeout(timer);
          resolve(value);
        },
        (err: unknown) => {
          clearTimeout(timer);
          reject(err instanceof ProviderError ? err : asProviderError(err));
        },
      );
    });
  }

  private async inSlot<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.concurrency) {
      // The finishing task hands its slot straight over, so `active` never overshoots.
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    } else {
      this.active++;
    }
    try {
      return await task();
    } finally {
      const next = this.waiters.shift();
      if (next) next();
      else this.active--;
    }
  }
}
