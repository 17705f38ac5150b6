/**
 * When a window falls outside a symbol's data, the analyst needs to know where the data is:
 * "SOXX data runs from 2022-12-01 to 2025-03-31; the start date 2021-01-01 is earlier". The span
 * comes from the symbol's whole history, which the client fetches once per session.
 */
import { getMarketClient, MarketDataError } from "../client";
import { MarketError } from "../market";
import { notAvailable } from "./excelErrors";

/** The error to show for `err`, with the symbol's data span added when the window missed it. */
export async function explainOutsideData(err: unknown, ticker: string, start: string): Promise<unknown> {
  const missed =
    (err instanceof MarketDataError && err.code === "no_data") ||
    (err instanceof MarketError && (err.code === "before_first_date" || err.code === "no_data"));
  if (!missed) return err;
  let span: { first: string; last: string } | undefined;
  try {
    span = await getMarketClient().dataRange(ticker);
  } catch {
    return err;
  }
  if (!span) return err;
  const runs = `${ticker} data runs from ${span.first} to ${span.last}`;
  if (start < span.first) return notAvailable(`${runs}; the start date ${start} is earlier`);
  if (start > span.last) return notAvailable(`${runs}; the start date ${start} is later`);
  return notAvailable(`${(err as Error).message}; ${runs}`);
}
