/**
 * The optional `currency` argument of the market functions: a symbol's history converted into
 * another currency at each day's rate before anything is computed from it. Rates come through the
 * same client and route as any history (Yahoo's `HKDUSD=X` symbols; files of those names for the
 * CSV provider), so they are batched and cached like prices.
 */
import { getMarketClient, type MarketClient, type SymbolHistory } from "../client";
import { conversionOf, convertBars, convertDividends, currencyUnit, lastIndexOnOrBefore, type DailyBar } from "../market";
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
  const bars = trimmed(history, start, end);
  if (currency === undefined || bars.length === 0) return bars;
  const rate = await rateSeries(history.currency, currency, bars[0].date, bars[bars.length - 1].date, client);
  return convertBars(bars, rate.rates, rate.pair, rate.scale);
}

/**
 * What HISTORY shows, in `currency` when one is given: the bars as `barsIn` trims them and the
 * dividends paid from the first of them on, prices and amounts at each day's rate, volume as is.
 */
export async function historyIn(
  history: SymbolHistory,
  start: string,
  end: string | undefined,
  currency: string | undefined,
  client: MarketClient = getMarketClient(),
): Promise<{ bars: DailyBar[]; dividends: Array<[string, number]> }> {
  const bars = trimmed(history, start, end);
  if (currency === undefined || bars.length === 0) return { bars, dividends: [...history.dividends] };
  const first = bars[0].date;
  const dividends = history.dividends.filter(([date]) => date >= first && (end === undefined || date <= end));
  const last = [bars[bars.length - 1].date, ...dividends.map(([date]) => date)].sort().pop()!;
  const rate = await rateSeries(history.currency, currency, first, last, client);
  return {
    bars: convertBars(bars, rate.rates, rate.pair, rate.scale),
    dividends: convertDividends(dividends, rate.rates, rate.pair, rate.scale),
  };
}

function trimmed(history: SymbolHistory, start: string, end: string | undefined): DailyBar[] {
  const from = Math.max(lastIndexOnOrBefore(history.bars, start), 0);
  const to = end === undefined ? history.bars.length - 1 : lastIndexOnOrBefore(history.bars, end);
  return history.bars.slice(from, to + 1);
}

/** The rates from `first` to `last` that convert `from` into `to` (none when only a minor unit differs). */
async function rateSeries(
  from: string,
  to: string,
  first: string,
  last: string,
  client: MarketClient,
): Promise<{ rates: DailyBar[] | null; pair: string; scale: number }> {
  const { rateSymbol, scale } = conversionOf(from, to);
  if (rateSymbol === null) return { rates: null, pair: "", scale };
  return { rates: (await client.history(rateSymbol, first, last)).bars, pair: rateSymbol, scale };
}
