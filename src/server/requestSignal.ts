/**
 * Work on behalf of a request that has gone away is wasted: an add-in that gave up on an answer
 * (its deadline passed, the workbook closed) asks again later and finds the service still busy
 * with the old request. Each API request runs with a signal that aborts when its connection
 * closes before the answer is sent. The signal travels with the request's async work
 * (AsyncLocalStorage), so shared work can see who still wants it without every layer passing it on.
 *
 * Shared work (one upstream call, or one history fetch several requests joined) holds a
 * SharedInterest: every requester adds its signal, and the interest's own signal aborts only
 * when all of them have gone.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type { FastifyReply } from "fastify";
import type { SingleFlight } from "./coordination/coordination";
import { ProviderError } from "./providers/provider";

const storage = new AsyncLocalStorage<AbortSignal>();

/** Runs `work` with `signal` as the signal of whoever the work is for. */
export function withRequestSignal<T>(signal: AbortSignal, work: () => Promise<T>): Promise<T> {
  return storage.run(signal, work);
}

/** The signal of the request (or shared interest) whose work is running; none for the data CLI. */
export function currentRequestSignal(): AbortSignal | undefined {
  return storage.getStore();
}

/** A signal that aborts when the reply's connection closes before the reply was sent in full. */
export function closedConnectionSignal(reply: FastifyReply): AbortSignal {
  const controller = new AbortController();
  reply.raw.once("close", () => {
    if (!reply.raw.writableFinished) controller.abort();
  });
  return controller.signal;
}

/**
 * Every requester of a piece of work has gone. Not an outage (no stale copy is looked for, the
 * breaker does not count it) and never retried.
 */
export class AbandonedError extends ProviderError {
  constructor() {
    super("no_data", "Abandoned: every request waiting for this answer has gone away");
    this.name = "AbandonedError";
  }
}

export const isAbandoned = (err: unknown): err is AbandonedError => err instanceof AbandonedError;

/**
 * Interest in one shared piece of work: abandoned only when every requester that joined it has
 * gone away. A requester without a signal (the CLI, a warm-up) keeps it alive for good.
 */
export class SharedInterest {
  private readonly controller = new AbortController();
  private holders = 0;
  private permanent = false;

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get abandoned(): boolean {
    return this.controller.signal.aborted;
  }

  hold(signal: AbortSignal | undefined): void {
    if (this.abandoned) return;
    if (!signal) {
      this.permanent = true;
      return;
    }
    if (signal.aborted) {
      this.release();
      return;
    }
    this.holders++;
    signal.addEventListener(
      "abort",
      () => {
        this.holders--;
        this.release();
      },
      { once: true },
    );
  }

  private release(): void {
    if (this.holders === 0 && !this.permanent) this.controller.abort();
  }
}

/**
 * A single-flight whose runs stop when every caller that joined them has gone. Callers that
 * join a run add their request's signal to its interest; the run's work sees the interest's
 * signal as the current one, so the upstream queue abandons its calls only when nobody waits.
 * A caller arriving after every earlier one left waits for that run to wind down and starts
 * afresh rather than inheriting its abandonment.
 */
export class AbandonableFlight implements SingleFlight {
  private readonly runs = new Map<string, { interest: SharedInterest; promise: Promise<unknown> }>();

  constructor(private readonly inner: SingleFlight) {}

  async run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const signal = currentRequestSignal();
    for (;;) {
      let current = this.runs.get(key);
      if (current?.interest.abandoned) {
        await current.promise.catch(() => undefined);
        continue;
      }
      if (current) {
        current.interest.hold(signal);
      } else {
        const interest = new SharedInterest();
        interest.hold(signal);
        const entry: { interest: SharedInterest; promise: Promise<unknown> } = { interest, promise: Promise.resolve() };
        entry.promise = this.inner
          .run(key, () => withRequestSignal(interest.signal, work))
          .finally(() => {
            if (this.runs.get(key) === entry) this.runs.delete(key);
          });
        this.runs.set(key, entry);
        current = entry;
      }
      try {
        return (await current.promise) as T;
      } catch (err) {
        // A run that ended abandoned while this caller still waits (a run shared below this
        // layer): go again on this caller's behalf.
        if (isAbandoned(err) && !signal?.aborted) continue;
        throw err;
      }
    }
  }
}
