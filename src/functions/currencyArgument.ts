/**
 * The optional `currency` argument of the market functions: a symbol's history converted into
 * another currency at each day's rate before anything is computed from it. Rates come through the
 * same client and route as any history (Yahoo's `HKDUSD=X` symbols; files of those names for the
 * CSV provider), so they are batched and cached like prices.
 */
import { getMarketClient, type MarketClient, type SymbolHistory } from "../client";
import { conversionOf, convertBars, currencyUnit, lastIndexOnOrBefore, type DailyBar } from "../market";
import { asFunctionError } from "./marketFailure";
import { badArgument } from "./excelErrors";
import { describe, isOmitted } from "./marketArguments";

/** An optional currency code, checked; undefined when left out. */
export function currencyArgument(value: unknown): string | undefined {
  if (isOmitted(value)) return undefined;
  if (typeof value !== "string")
    throw badArgument(`currency must be a three-letter ISO code such as "USD" (got ${describe(value)})`);
  try {
    currencyUnit(value);
  } catch (err) {
    throw asFunctionError(err);
  }
  return value.trim();
}

/**
 * The bars a calculation from `start` to `end` uses, in `currency` when one is given: from the last
 * bar on or before `start` (or the first bar after it) to the last on or before `end`. Trimming
 * first keeps the answer independent of how much history other cells made the client keep.
 */
export async function barsIn(
  history: SymbolHistory,
  start: string,
  end: string | undefined,
  currency: string | undefined,
  client: MarketClient = getMarketClient(),
): Promise<DailyBar[]> {
  const from = Math.max(lastIndexOnOrBefore(history.bars, start), 0);
  const to = end === undefined ? history.bars.length - 1 : lastIndexOnOrBefore(history.bars, end);
  const bars = history.bars.slice(from, to + 1);
  if (currency === undefined || bars.length === 0) return bars;
  const { rateSymbol, scale } = conversionOf(history.currency, currency);
  if (rateSymbol === null) return convertBars(bars, null, "", scale);
  const rates = await client.history(rateSymbol, bars[0].date, bars[bars.length - 1].date);
  return convertBars(bars, rates.bars, rateSymbol, scale);
}
