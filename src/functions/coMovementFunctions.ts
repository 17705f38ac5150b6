/**
 * How markets move together and side by side: BETA, CORREL, PANEL, and FX for the rates the
 * optional `currency` arguments convert with. Every history comes through the shared, batched
 * market client; the arithmetic is in src/market.
 */
import { getMarketClient, type MarketClient } from "../client";
import {
  alignCommon,
  alignedWindow,
  betaOf,
  conversionOf,
  panelTable,
  pearson,
  PANEL_FIELDS,
  rateOn,
  returnsOf,
  samplePeriods,
  type DailyBar,
  type PanelField,
  type PanelFill,
  type SampleInterval,
} from "../market";
import { barsIn, currencyArgument } from "./currencyArgument";
import { badArgument } from "./excelErrors";
import { cellsOf, dateRange, describe, isOmitted, optionalDate, resolveSymbol } from "./marketArguments";
import { cellError, marketCall } from "./marketFailure";

/** 0/"daily" (default), 1/"weekly", 2/"monthly". */
function sampleInterval(value: unknown): SampleInterval {
  if (isOmitted(value)) return 0;
  if (value === 0 || value === 1 || value === 2) return value;
  const text = typeof value === "string" ? value.trim().toLowerCase() : "";
  const named: Record<string, SampleInterval> = { daily: 0, "1d": 0, weekly: 1, "1wk": 1, monthly: 2, "1mo": 2 };
  if (text in named) return named[text];
  throw badArgument(`interval must be 0 (daily), 1 (weekly) or 2 (monthly) (got ${describe(value)})`);
}

async function windowBars(
  client: MarketClient,
  ticker: string,
  start: string,
  end: string | undefined,
  currency?: string,
): Promise<DailyBar[]> {
  const history = await client.history(ticker, start, end);
  return barsIn(history, start, end, currency, client);
}

/** Returns of two series on their shared dates in the window, sampled at the interval. */
function pairedReturns(
  a: readonly DailyBar[],
  b: readonly DailyBar[],
  labels: [string, string],
  start: string,
  end: string | undefined,
  interval: SampleInterval,
): number[][] {
  const aligned = alignedWindow(alignCommon([a, b], labels), start, end, labels);
  return returnsOf(samplePeriods(aligned, interval)).returns;
}

/**
 * Beta of a symbol against a benchmark: sample covariance of their returns over the sample variance of the benchmark's, on the dates both traded.
 * @customfunction BETA
 * @param symbol Ticker or company name, e.g. "NVDA".
 * @param benchmark The market, e.g. "QQQ" or "SPY".
 * @param start Start date: the base is the last close both have on or before it.
 * @param [end] End date (default: the latest close).
 * @param [interval] 0 daily returns (default), 1 weekly, 2 monthly.
 * @returns The beta (1.5 = moves one and a half times the benchmark).
 */
export function beta(symbol: string, benchmark: string, start: any, end?: any, interval?: any): Promise<number> {
  return marketCall(async () => {
    const ticker = resolveSymbol(symbol);
    const bench = resolveSymbol(benchmark, "benchmark");
    const range = dateRange(start, end);
    const step = sampleInterval(interval);
    const client = getMarketClient();
    const [a, b] = await Promise.all([
      windowBars(client, ticker, range.start, range.end),
      windowBars(client, bench, range.start, range.end),
    ]);
    const [r, rb] = pairedReturns(a, b, [ticker, bench], range.start, range.end, step);
    return betaOf(r, rb);
  });
}

/**
 * Correlation matrix of returns: Pearson correlation of each pair of symbols on the dates both traded.
 * @customfunction CORREL
 * @param symbols A range (or array) of tickers or company names, e.g. {"NVDA","AMD","QQQ"}.
 * @param start Start date: each pair's base is the last close both have on or before it.
 * @param [end] End date (default: the latest close).
 * @param [interval] 0 daily returns (default), 1 weekly, 2 monthly.
 * @returns A labelled matrix: a header row of symbols, then one row per symbol.
 */
export function correlation(symbols: any[][], start: any, end?: any, interval?: any): Promise<any[][]> {
  return marketCall(async () => {
    const names = cellsOf(symbols);
    if (names.length === 0) throw badArgument("symbols must name at least one ticker or company");
    const range = dateRange(start, end);
    const step = sampleInterval(interval);
    const client = getMarketClient();
    const series = await Promise.all(
      names.map(async (name) => {
        try {
          const ticker = resolveSymbol(name);
          return { label: ticker, bars: await windowBars(client, ticker, range.start, range.end) };
        } catch (err) {
          return { label: typeof name === "string" ? name.trim() : describe(name), error: cellError(err) };
        }
      }),
    );
    const cell = (i: number, j: number) => {
      const a = series[i];
      const b = series[j];
      if (a.error) return a.error;
      if (b.error) return b.error;
      try {
        const [x, y] = pairedReturns(a.bars!, b.bars!, [a.label, b.label], range.start, range.end, step);
        return i === j ? 1 : pearson(x, y);
      } catch (err) {
        return cellError(err);
      }
    };
    return [["", ...series.map((s) => s.label)], ...series.map((s, i) => [s.label, ...series.map((_, j) => cell(i, j))])];
  });
}

function panelField(value: unknown): PanelField {
  if (isOmitted(value)) return "adjclose";
  const text =
    typeof value === "string"
      ? value
          .trim()
          .toLowerCase()
          .replace(/[\s_-]/g, "")
      : "";
  if ((PANEL_FIELDS as readonly string[]).includes(text)) return text as PanelField;
  throw badArgument(`field must be one of ${PANEL_FIELDS.join(", ")} (got ${describe(value)})`);
}

function panelFill(value: unknown): PanelFill {
  if (isOmitted(value)) return "previous";
  const text = typeof value === "string" ? value.trim().toLowerCase() : "";
  if (text === "previous" || text === "blank") return text;
  throw badArgument(
    `fill must be "previous" (a closed market shows its last value, the default) or "blank" (got ${describe(value)})`,
  );
}

/**
 * Several symbols side by side: one date column and one column per symbol on every date any of them traded.
 * @customfunction PANEL
 * @param symbols A range (or array) of tickers or company names, e.g. {"NVDA","0700.HK","SOXX"}.
 * @param start First date: rows start at the first trading day on or after it.
 * @param [end] Last date (default: today).
 * @param [field] "adjclose" (default), "close", "open", "high", "low" or "volume".
 * @param [fill] "previous" (default: a closed market shows its last value) or "blank".
 * @param [currency] Convert every price into this currency at each day's rate, e.g. "USD".
 * @returns A header row (Date and the symbols), then one row per date; dates are Excel serial numbers.
 */
export function panel(
  symbols: any[][],
  start: any,
  end?: any,
  field?: string,
  fill?: string,
  currency?: string,
): Promise<any[][]> {
  return marketCall(async () => {
    const names = cellsOf(symbols);
    if (names.length === 0) throw badArgument("symbols must name at least one ticker or company");
    const range = dateRange(start, end);
    const column = panelField(field);
    const closed = panelFill(fill);
    const target = currencyArgument(currency);
    if (target !== undefined && column === "volume")
      throw badArgument("volume is a number of shares and has no currency; leave currency out");
    const tickers = names.map((name) => resolveSymbol(name));
    const client = getMarketClient();
    const last = range.end ?? client.today();
    const series = await Promise.all(
      tickers.map(async (ticker) => ({ label: ticker, bars: await windowBars(client, ticker, range.start, last, target) })),
    );
    return panelTable(series, range.start, last, column, closed).map((row) => row.map((cell) => (cell === null ? "" : cell)));
  });
}

/**
 * An exchange rate: the price of one unit of one currency in another, on or before a date.
 * @customfunction FX
 * @param from The currency converted from, e.g. "HKD" (GBp, pence, is GBP / 100).
 * @param to The currency converted into, e.g. "USD".
 * @param [date] The date: the rate is the last one on or before it (default: the latest).
 * @returns Units of `to` per unit of `from`.
 */
export function fx(from: string, to: string, date?: any): Promise<number> {
  return marketCall(async () => {
    const source = currencyArgument(from);
    const target = currencyArgument(to);
    if (source === undefined) throw badArgument('from must be a currency code such as "HKD"');
    if (target === undefined) throw badArgument('to must be a currency code such as "USD"');
    const { rateSymbol, scale } = conversionOf(source, target);
    const client = getMarketClient();
    const on = optionalDate(date, "date") ?? client.today();
    if (rateSymbol === null) return scale;
    const rates = await client.history(rateSymbol, on, on);
    return rateOn(rates.bars, on, rateSymbol) * scale;
  });
}
