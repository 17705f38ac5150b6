/**
 * Collects requests made during one burst of calls (one Excel recalculation calls every dirty
 * cell's function in quick succession) and hands them over together, so they can travel in as
 * few HTTP requests as possible. This is the batching pattern the custom-functions documentation
 * describes: queue the call, schedule one flush with a timer, answer each call's promise after.
 */

export interface PendingRequest<Req, Res> {
  request: Req;
  resolve(value: Res): void;
  reject(reason: unknown): void;
}

export class TickBatcher<Req, Res> {
  private queue: PendingRequest<Req, Res>[] = [];
  private scheduled = false;

  /**
   * @param dispatch receives every request queued since the last flush; it must settle each one.
   * @param delayMs how long to keep collecting after the first request (0: until the current
   *   task's synchronous calls and microtasks are done).
   */
  constructor(
    private readonly dispatch: (batch: PendingRequest<Req, Res>[]) => void,
    private readonly delayMs = 0,
  ) {}

  enqueue(request: Req): Promise<Res> {
    return new Promise<Res>((resolve, reject) => {
      this.queue.push({ request, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setTimeout(() => this.flush(), this.delayMs);
      }
    });
  }

  private flush(): void {
    const batch = this.queue;
    this.queue = [];
    this.scheduled = false;
    try {
      this.dispatch(batch);
    } catch (err) {
      // A dispatcher bug must not leave callers waiting forever.
      for (const pending of batch) pending.reject(err);
    }
  }
}

/** Splits a list into runs of at most `size` items. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
