/**
 * When a window falls outside a symbol's data, the analyst needs to know where the data is:
 * "SOXX data runs from 2022-12-01 to 2025-03-31; the start date 2021-01-01 is earlier". The span
 * comes from the symbol's whole history, which the client fetches once per session.
 */
import { getMarketClient, MarketDataError } from "../client";
import { missedTheData, outsideDataMessage } from "../market";
import { notAvailable } from "./excelErrors";

/** The error to show for `err`, with the symbol's data span added when the window missed it. */
export async function explainOutsideData(err: unknown, ticker: string, start: string): Promise<unknown> {
  const missed = (err instanceof MarketDataError && err.code === "no_data") || missedTheData(err);
  if (!missed) return err;
  let span: { first: string; last: string } | undefined;
  try {
    span = await getMarketClient().dataRange(ticker);
  } catch {
    return err;
  }
  if (!span) return err;
  return notAvailable(outsideDataMessage((err as Error).message, ticker, start, span));
}
