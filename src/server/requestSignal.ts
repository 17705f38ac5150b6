/**
 * Work on behalf of a request that has gone away is wasted: an add-in that gave up on an answer
 * (its deadline passed, the workbook closed) asks again later and finds the service still busy
 * with the old request. Each API request runs with a signal that aborts when its connection
 * closes before the answer is sent; the signal travels with the request's async work
 * (AsyncLocalStorage), so the upstream queue can see it without every layer passing it along.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type { FastifyReply } from "fastify";

const storage = new AsyncLocalStorage<AbortSignal>();

/** Runs `work` with `signal` as the current request's signal. */
export function withRequestSignal<T>(signal: AbortSignal, work: () => Promise<T>): Promise<T> {
  return storage.run(signal, work);
}

/** The signal of the request whose work is running, if any (none for the data CLI). */
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
 * Interest in one shared piece of work: it is abandoned only when every request that joined it
 * has gone away. A caller without a signal (the CLI, a warm-up) keeps it alive for good.
 */
export class SharedInterest {
  private readonly controller = new AbortController();
  private holders = 0;
  private permanent = false;

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  hold(signal: AbortSignal | undefined): void {
    if (!signal) {
      this.permanent = true;
      return;
    }
    if (signal.aborted) {
      if (this.holders === 0 && !this.permanent) this.controller.abort();
      return;
    }
    this.holders++;
    signal.addEventListener(
      "abort",
      () => {
        this.holders--;
        if (this.holders === 0 && !this.permanent) this.controller.abort();
      },
      { once: true },
    );
  }
}
