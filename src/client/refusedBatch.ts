/**
 * The service refuses a whole request for one malformed symbol among several. A store whose
 * request for several symbols is refused asks for each symbol alone, so the refusal reaches only
 * that symbol's cells and its neighbours still get their data.
 */
import { MarketDataError } from "./marketDataError";

/** A refusal that may be about one of `symbols`: worth asking for each alone. */
export function refusedForOneOf(err: unknown, symbols: readonly string[]): boolean {
  return symbols.length > 1 && err instanceof MarketDataError && err.code === "bad_request";
}

/** Asks `ask` once per symbol, with the waiting calls of that symbol only. */
export async function askEachAlone<P extends { request: { symbol: string } }>(
  symbols: readonly string[],
  waiting: readonly P[],
  ask: (symbol: string, its: P[]) => Promise<void>,
): Promise<void> {
  await Promise.all(
    symbols.map((symbol) =>
      ask(
        symbol,
        waiting.filter((p) => p.request.symbol === symbol),
      ),
    ),
  );
}
