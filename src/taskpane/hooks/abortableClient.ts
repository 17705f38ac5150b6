/**
 * Lets the analyst cancel a load. The shared market client takes no abort signal (its requests
 * are batched and cached for every caller, so one caller must not cut another's answer short);
 * the pane instead stops waiting the moment Cancel is pressed, and the insert or refresh that was
 * waiting for the data never reaches the workbook.
 */
import type { ComparisonClient } from "../data/comparisonData";

export class CancelledError extends Error {
  constructor() {
    super("Cancelled: nothing was written to the workbook.");
    this.name = "CancelledError";
  }
}

/** Settles like `work`, or rejects with CancelledError as soon as `signal` aborts. */
export function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(new CancelledError());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new CancelledError());
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

export function abortableClient(client: ComparisonClient, signal: AbortSignal): ComparisonClient {
  const fund = client.fund?.bind(client);
  return {
    history: (symbol, start, end) => untilAborted(client.history(symbol, start, end), signal),
    fund: fund ? (symbol) => untilAborted(fund(symbol), signal) : undefined,
  };
}
