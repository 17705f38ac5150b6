/**
 * Every upstream call goes through here: at most `concurrency` at a time (Yahoo throttles
 * bursts), a time-out per attempt, bounded retries with exponential backoff and jitter on
 * transient failures, and single-flight so identical calls in progress share one attempt.
 *
 * A call is made for whoever is waiting for it: each caller's signal (the current request's, see
 * requestSignal.ts) joins the call's interest. When all of them have gone, a call still waiting
 * for its slot never starts and a running one is aborted; neither counts for or against the
 * upstream's health.
 */
import { CircuitBreaker, RateLimiter } from "./coordination/coordination";
import { ProviderError, asProviderError, isOutage, timedOut, unavailable } from "./providers/provider";
import { AbandonedError, SharedInterest, currentRequestSignal, isAbandoned } from "./requestSignal";

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
  /** Calls given up because every caller had gone (queued ones never started, running ones aborted). */
  abandoned: number;
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
  private readonly inFlight = new Map<string, { promise: Promise<unknown>; interest: SharedInterest }>();
  private readonly waiters: Array<() => void> = [];
  private active = 0;
  private attempts = 0;
  private calls = 0;
  private abandoned = 0;
  private lastOutcome: UpstreamQueueStats["lastOutcome"] = "none";
  private lastOutcomeAt: number | undefined;
  private readonly now: () => number;
  /** Public for the health report. */
  readonly breaker?: CircuitBreaker;
  readonly limiter?: RateLimiter;

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
   * signal that is aborted when its attempt times out or when every caller has gone; `signal`
   * is this caller's (by default the current request's). A call every earlier caller left is
   * not joined: a new caller starts it afresh.
   */
  run<T>(key: string, call: (signal: AbortSignal) => Promise<T>, signal = currentRequestSignal()): Promise<T> {
    const existing = this.inFlight.get(key);
    if (existing && !existing.interest.abandoned) {
      existing.interest.hold(signal);
      return existing.promise as Promise<T>;
    }
    this.calls++;
    const interest = new SharedInterest();
    interest.hold(signal);
    const flight = { interest, promise: Promise.resolve() as Promise<unknown> };
    const promise = this.withRetries(call, interest.signal).finally(() => {
      if (this.inFlight.get(key) === flight) this.inFlight.delete(key);
    });
    flight.promise = promise;
    this.inFlight.set(key, flight);
    return promise;
  }

  stats(): UpstreamQueueStats {
    return {
      attempts: this.attempts,
      calls: this.calls,
      abandoned: this.abandoned,
      active: this.active,
      waiting: this.waiters.length,
      lastOutcome: this.lastOutcome,
      lastOutcomeAt: this.lastOutcomeAt,
    };
  }

  private async withRetries<T>(call: (signal: AbortSignal) => Promise<T>, interest: AbortSignal): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      if (interest.aborted) throw this.abandon();
      const admission = this.breaker ? await this.breaker.admit(this.now()) : "call";
      if (admission === "open") {
        // Not a new failure of the upstream, so it neither counts nor is retried.
        throw unavailable("Yahoo Finance has been failing; it is not asked again until a short cool-down has passed", false);
      }
      try {
        const value = await this.inSlot(() => this.attemptWithTimeout(call, interest), interest);
        this.lastOutcome = "ok";
        this.lastOutcomeAt = this.now();
        await this.breaker?.success(this.now());
        return value;
      } catch (err) {
        // Nobody waits for the answer: it says nothing about the upstream, so the breaker and the
        // health check do not hear of it (an abandoned probe is given up on after a cool-down).
        if (isAbandoned(err)) throw err;
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

  private async attemptWithTimeout<T>(call: (signal: AbortSignal) => Promise<T>, interest: AbortSignal): Promise<T> {
    if (this.limiter) {
      const wait = await this.limiter.tryTake(this.now());
      if (wait > 0) await this.sleep(wait);
    }
    if (interest.aborted) throw this.abandon();
    this.attempts++;
    const controller = new AbortController();
    return new Promise<T>((resolve, reject) => {
      const settle = () => {
        clearTimeout(timer);
        interest.removeEventListener("abort", onAbandon);
      };
      const onAbandon = () => {
        settle();
        controller.abort();
        reject(this.abandon());
      };
      const timer = setTimeout(() => {
        settle();
        controller.abort();
        reject(timedOut(`Market data source did not answer within ${Math.round(this.timeoutMs / 1000)} s`));
      }, this.timeoutMs);
      interest.addEventListener("abort", onAbandon, { once: true });
      call(controller.signal).then(
        (value) => {
          settle();
          resolve(value);
        },
        (err: unknown) => {
          settle();
          reject(err instanceof ProviderError ? err : asProviderError(err));
        },
      );
    });
  }

  private abandon(): AbandonedError {
    this.abandoned++;
    return new AbandonedError();
  }

  private async inSlot<T>(task: () => Promise<T>, interest: AbortSignal): Promise<T> {
    if (interest.aborted) throw this.abandon();
    if (this.active >= this.concurrency) {
      // The finishing task hands its slot straight over, so `active` never overshoots. A waiter
      // whose callers have all gone leaves the line at once.
      await new Promise<void>((resolve, reject) => {
        const waiter = () => {
          interest.removeEventListener("abort", leave);
          resolve();
        };
        const leave = () => {
          const at = this.waiters.indexOf(waiter);
          if (at >= 0) this.waiters.splice(at, 1);
          reject(this.abandon());
        };
        interest.addEventListener("abort", leave, { once: true });
        this.waiters.push(waiter);
      });
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
