/**
 * Converting a price series into another currency: each day's prices times the rate on or before
 * that day (the last rate known then), so returns computed afterwards are the returns an investor
 * holding that currency saw. Rates are series of the price of one unit of the source currency in
 * the target currency (Yahoo's `HKDUSD=X`: US dollars per Hong Kong dollar).
 */

import { DailyBar, MarketError } from "./types";
import { lastIndexOnOrBefore } from "./window";

const ISO_CODE = /^[A-Z]{3}$/;

/**
 * A currency as a rate symbol needs it: "GBp" and "GBX" (pence) are GBP at 1/100, "ZAc" is ZAR at
 * 1/100, "ILA" is ILS at 1/100; other codes are upper-cased ISO codes. Throws bad_argument otherwise.
 */
export function currencyUnit(code: string): { currency: string; scale: number } {
  const text = code.trim();
  if (text === "GBp" || text.toUpperCase() === "GBX") return { currency: "GBP", scale: 0.01 };
  if (text === "ZAc" || text.toUpperCase() === "ZAC") return { currency: "ZAR", scale: 0.01 };
  if (text.toUpperCase() === "ILA") return { currency: "ILS", scale: 0.01 };
  const upper = text.toUpperCase();
  if (!ISO_CODE.test(upper))
    throw new MarketError("bad_argument", `currency must be a three-letter ISO code such as "USD" (got ${JSON.stringify(code)})`);
  return { currency: upper, scale: 1 };
}

/**
 * What converting `from` into `to` takes: the rate symbol ("HKD", "USD" -> "HKDUSD=X"; null when
 * both are the same currency) and the factor for minor units (GBp -> USD: 0.01 x GBPUSD=X).
 */
export function conversionOf(from: string, to: string): { rateSymbol: string | null; scale: number } {
  const a = currencyUnit(from);
  const b = currencyUnit(to);
  return { rateSymbol: a.currency === b.currency ? null : `${a.currency}${b.currency}=X`, scale: a.scale / b.scale };
}

/**
 * The rate on or before a date from a rate series (its close), or no_data naming the pair.
 * `rates` are oldest first.
 */
export function rateOn(rates: readonly DailyBar[], date: string, pair: string): number {
  const i = lastIndexOnOrBefore(rates, date);
  if (i < 0) {
    const first = rates.length > 0 ? ` (its rates start ${rates[0].date})` : "";
    throw new MarketError("no_data", `No ${pair} rate on or before ${date}${first}`);
  }
  const rate = rates[i].close;
  if (!Number.isFinite(rate) || rate <= 0)
    throw new MarketError("no_data", `The ${pair} rate on ${rates[i].date} is not a positive number`);
  return rate;
}

/**
 * Bars in another currency: every price times `scale` (a minor unit's fraction) and the rate on or
 * before the bar's date. Volume is shares, not money, and stays. Without a rate series (same
 * currency) only the scale applies.
 */
export function convertBars(bars: readonly DailyBar[], rates: readonly DailyBar[] | null, pair: string, scale = 1): DailyBar[] {
  return bars.map((bar) => {
    const k = scale * (rates ? rateOn(rates, bar.date, pair) : 1);
    const times = (v: number | null) => (v === null ? null : v * k);
    return {
      ...bar,
      open: times(bar.open),
      high: times(bar.high),
      low: times(bar.low),
      close: bar.close * k,
      adjclose: bar.adjclose * k,
    };
  });
}

/**
 * Dividends in another currency: each amount per share is money paid on its ex-date, so it takes
 * the rate on or before that date, like the prices of that day.
 */
export function convertDividends(
  dividends: ReadonlyArray<readonly [string, number]>,
  rates: readonly DailyBar[] | null,
  pair: string,
  scale = 1,
): Array<[string, number]> {
  return dividends.map(([date, amount]) => [date, amount * scale * (rates ? rateOn(rates, date, pair) : 1)]);
}
