/**
 * Callers that may give up (the task pane's Cancel) pass an AbortSignal. The client's requests
 * are shared: one request carries many symbols, and a caller may join a window or a fund already
 * on its way. So a request is aborted only when every caller waiting for it has given up; a
 * caller without a signal (a custom function) keeps it going, and one caller's Cancel never cuts
 * another caller's answer short. The caller who gives up is released at once either way.
 */

/** What a call rejects with when its own signal aborts. */
export class CancelledRequestError extends Error {
  constructor() {
    super("Market data request cancelled");
    this.name = "CancelledRequestError";
  }
}

/**
 * The callers of one shared request. Its `signal` aborts once every caller that joined has given
 * up, and never when one joined without a signal.
 */
export class SharedInterest {
  private readonly controller = new AbortController();
  private waiting = 0;
  private pinned = false;

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** True once nobody waits any more: a new caller must not join (its request is being aborted). */
  get abandoned(): boolean {
    return this.controller.signal.aborted;
  }

  join(signal: AbortSignal | undefined): void {
    if (this.abandoned) return;
    if (!signal) {
      this.pinned = true;
      return;
    }
    if (signal.aborted) return this.settle();
    this.waiting += 1;
    signal.addEventListener(
      "abort",
      () => {
        this.waiting -= 1;
        this.settle();
      },
      { once: true },
    );
  }

  private settle(): void {
    if (!this.pinned && this.waiting === 0) this.controller.abort();
  }
}

/** One signal for a request serving several parts: it aborts when every part's signal has. */
export function allAbandoned(signals: readonly AbortSignal[]): AbortSignal {
  const interest = new SharedInterest();
  for (const signal of signals) interest.join(signal);
  if (signals.length === 0) interest.join(undefined);
  return interest.signal;
}

/**
 * Settles like `work`, or rejects with `cancelled()` as soon as `signal` aborts (the work itself
 * goes on for whoever else waits for it).
 */
export function untilAborted<T>(
  work: Promise<T>,
  signal: AbortSignal | undefined,
  cancelled: () => Error = () => new CancelledRequestError(),
): Promise<T> {
  if (!signal) return work;
  if (signal.aborted) {
    work.catch(() => undefined);
    return Promise.reject(cancelled());
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(cancelled());
    signal.addEventListener("abort", onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (err: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(err);
      },
    );
  });
}
