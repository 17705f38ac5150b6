/**
 * Lets the analyst cancel a load. The pane hands its action's AbortSignal to every client call it
 * makes: the client aborts the requests only that action was waiting for (a request shared with
 * a cell's call goes on), and the pane stops waiting the moment Cancel is pressed, so the insert
 * or refresh that was waiting for the data never reaches the workbook.
 */
import { untilAborted as clientUntilAborted } from "../../client/cancellation";
import type { ComparisonClient } from "../data/comparisonData";

export class CancelledError extends Error {
  constructor() {
    super("Cancelled: nothing was written to the workbook.");
    this.name = "CancelledError";
  }
}

/** Settles like `work`, or rejects with CancelledError as soon as `signal` aborts. */
export function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return clientUntilAborted(work, signal, () => new CancelledError());
}

/** The client with `signal` passed to each call, each call released as soon as it aborts. */
export function abortableClient(client: ComparisonClient, signal: AbortSignal): ComparisonClient {
  const fund = client.fund?.bind(client);
  return {
    history: (symbol, start, end) => untilAborted(client.history(symbol, start, end, signal), signal),
    fund: fund ? (symbol) => untilAborted(fund(symbol, signal), signal) : undefined,
  };
}
