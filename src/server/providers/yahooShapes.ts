/**
 * Turning Yahoo's answers into the contract's shapes. Yahoo's JSON drifts, so every field is
 * checked rather than trusted; a payload without the essentials is an `upstream_error`.
 */
import type { DividendEvent, FundHolding, HistoryRow, SplitEvent } from "../../api/contract";
import { dateInZone } from "../exchangeCalendar";
import { ProviderFund, ProviderQuote, ProviderSeries, badUpstreamData } from "./provider";

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);
const str = (v: unknown): string | null => (typeof v === "string" && v.trim() !== "" ? v.trim() : null);

/** Seconds since the epoch, whether the library left a number or coerced it to a Date. */
function epochSeconds(v: unknown): number | null {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.getTime() / 1000;
  return num(v);
}

function column(source: unknown, name: string, length: number): (number | null)[] {
  const values = isObject(source) ? source[name] : undefined;
  if (!Array.isArray(values)) return new Array<null>(length).fill(null);
  return values.map(num);
}

/** A `chart` result (return: "object") as rows and events between start and end inclusive. */
export function seriesFromChart(chart: unknown, symbol: string, start: string, end: string): ProviderSeries {
  if (!isObject(chart) || !isObject(chart.meta)) throw badUpstreamData(`Yahoo sent no chart metadata for ${symbol}`);
  const meta = chart.meta;
  const timezone = str(meta.exchangeTimezoneName) ?? "America/New_York";
  const currency = str(meta.currency) ?? "USD";
  const timestamps = Array.isArray(chart.timestamp) ? chart.timestamp : [];
  const indicators = isObject(chart.indicators) ? chart.indicators : {};
  const quote = Array.isArray(indicators.quote) ? indicators.quote[0] : undefined;
  const adjBlock = Array.isArray(indicators.adjclose) ? indicators.adjclose[0] : undefined;
  const n = timestamps.length;
  if (n > 0 && !isObject(quote)) throw badUpstreamData(`Yahoo sent timestamps without prices for ${symbol}`);
  const [open, high, low, close, volume] = ["open", "high", "low", "close", "volume"].map((k) => column(quote, k, n));
  const adjclose = isObject(adjBlock) ? column(adjBlock, "adjclose", n) : close;
  if (close.length !== n) throw badUpstreamData(`Yahoo sent ${close.length} closes for ${n} timestamps (${symbol})`);

  const byDate = new Map<string, HistoryRow>();
  for (let i = 0; i < n; i++) {
    const seconds = epochSeconds(timestamps[i]);
    const c = close[i];
    if (seconds === null || c === null) continue; // Yahoo's null rows: no trade that day
    const date = dateInZone(seconds * 1000, timezone);
    if (date < start || date > end) continue;
    // A later stamp for the same date (the live bar) replaces an earlier one.
    byDate.set(date, [date, open[i], high[i], low[i], c, adjclose[i] ?? c, volume[i]]);
  }
  const rows = [...byDate.values()].sort((a, b) => (a[0] < b[0] ? -1 : 1));

  const events = isObject(chart.events) ? chart.events : {};
  const dividends: DividendEvent[] = [];
  for (const [key, event] of Object.entries(isObject(events.dividends) ? events.dividends : {})) {
    const seconds = epochSeconds(isObject(event) ? event.date : undefined) ?? num(Number(key));
    const amount = isObject(event) ? num(event.amount) : null;
    if (seconds === null || amount === null) continue;
    const date = dateInZone(seconds * 1000, timezone);
    if (date >= start && date <= end) dividends.push([date, amount]);
  }
  const splits: SplitEvent[] = [];
  for (const [key, event] of Object.entries(isObject(events.splits) ? events.splits : {})) {
    if (!isObject(event)) continue;
    const seconds = epochSeconds(event.date) ?? num(Number(key));
    const numerator = num(event.numerator);
    const denominator = num(event.denominator);
    if (seconds === null || numerator === null || !denominator) continue;
    const date = dateInZone(seconds * 1000, timezone);
    if (date >= start && date <= end) splits.push([date, numerator / denominator]);
  }
  dividends.sort((a, b) => (a[0] < b[0] ? -1 : 1));
  splits.sort((a, b) => (a[0] < b[0] ? -1 : 1));
  return { currency, timezone, rows, dividends, splits };
}

/** One entry of the v7 `quote` answer. Yahoo gives regularMarketChangePercent in percent. */
export function quoteFromYahoo(raw: unknown, symbol: string): ProviderQuote | null {
  if (!isObject(raw)) return null;
  const price = num(raw.regularMarketPrice);
  if (price === null) return null;
  const pct = num(raw.regularMarketChangePercent);
  const seconds = epochSeconds(raw.regularMarketTime);
  return {
    price,
    change: num(raw.regularMarketChange),
    changePct: pct === null ? null : pct / 100,
    currency: str(raw.currency) ?? "USD",
    time: seconds === null ? new Date(0).toISOString() : new Date(seconds * 1000).toISOString(),
    ...(str(raw.exchangeTimezoneName) ? { timezone: str(raw.exchangeTimezoneName)! } : {}),
    name: str(raw.longName) ?? str(raw.shortName) ?? symbol,
  };
}

/**
 * quoteSummary modules topHoldings, fundProfile, price, summaryDetail. Weights and the
 * annual-report expense ratio are already fractions there (formatted=false).
 */
export function fundFromSummary(summary: unknown, symbol: string): ProviderFund | null {
  if (!isObject(summary)) return null;
  const top = isObject(summary.topHoldings) ? summary.topHoldings : null;
  const profile = isObject(summary.fundProfile) ? summary.fundProfile : null;
  if (!top && !profile) return null;
  const price = isObject(summary.price) ? summary.price : {};
  const detail = isObject(summary.summaryDetail) ? summary.summaryDetail : {};
  const fees = profile && isObject(profile.feesExpensesInvestment) ? profile.feesExpensesInvestment : {};

  const holdings: FundHolding[] = [];
  for (const h of top && Array.isArray(top.holdings) ? top.holdings : []) {
    if (!isObject(h)) continue;
    const weight = num(h.holdingPercent);
    const holdingSymbol = str(h.symbol);
    const name = str(h.holdingName);
    if (weight === null || (!holdingSymbol && !name)) continue;
    holdings.push({ symbol: holdingSymbol ?? "", name: name ?? holdingSymbol ?? "", weight });
  }
  const sectorWeights: Record<string, number> = {};
  for (const entry of top && Array.isArray(top.sectorWeightings) ? top.sectorWeightings : []) {
    if (!isObject(entry)) continue;
    for (const [sector, weight] of Object.entries(entry)) {
      const w = num(weight);
      if (w !== null) sectorWeights[sector] = w;
    }
  }
  return {
    name: str(price.longName) ?? str(price.shortName) ?? symbol,
    holdings,
    sectorWeights,
    expenseRatio: num(fees.annualReportExpenseRatio),
    netAssets: num(detail.totalAssets),
    category: profile ? str(profile.categoryName) : null,
    family: profile ? str(profile.family) : null,
    currency: str(price.currency) ?? str(detail.currency),
    yield: num(detail.yield),
  };
}
