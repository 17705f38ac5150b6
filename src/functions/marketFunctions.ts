/**
 * Market-data custom functions. Each one only reads its arguments, asks the shared market client
 * for data (batched and cached there) and hands the numbers to the price arithmetic; failures
 * become #VALUE! (malformed argument) or #N/A (no answer) with a message saying why.
 */
import type { FundResponse, Quote } from "../api/contract";
import { findLayer } from "../chain";
import { getMarketClient, MarketDataError, type SymbolHistory } from "../client";
import {
  cagr,
  historyTable,
  maxDrawdown,
  periodReturn,
  volatility,
  WINDOW_STATISTIC,
  type DailyBar,
  type ReturnKind,
  type WindowResult,
  type WindowStatisticName,
} from "../market";
import { badArgument, notAvailable } from "./excelErrors";
import { exposureTable, fundExposure, layerWeight } from "./fundExposure";
import {
  cellsOf,
  dateArgument,
  dateRange,
  describe,
  isOmitted,
  optionalDate,
  resolveSymbol,
  returnKind,
  wholeNumber,
} from "./marketArguments";
import { barsIn, currencyArgument, historyIn } from "./currencyArgument";
import { cellError, marketCall } from "./marketFailure";
import { explainOutsideData } from "./outsideData";
import { pointStatistic, type PointStat } from "./pointReturns";
import { marketSettings } from "./marketSettings";
import { excelDateTimeIn } from "./quoteTime";

type WindowStat = (bars: readonly DailyBar[], start: string, end?: string, kind?: ReturnKind, label?: string) => WindowResult;

/** One windowed statistic for one symbol: the shared body of RETURN, CAGR, VOLATILITY, MAXDRAWDOWN. */
function windowed(
  stat: WindowStat,
  symbol: unknown,
  start: unknown,
  end: unknown,
  type: unknown,
  currency?: unknown,
): Promise<number> {
  return marketCall(async () => {
    const ticker = resolveSymbol(symbol);
    const range = dateRange(start, end);
    const kind = returnKind(type);
    const target = currencyArgument(currency);
    try {
      const history = await getMarketClient().history(ticker, range.start, range.end);
      const bars = target === undefined ? history.bars : await barsIn(history, range.start, range.end, target);
      return stat(bars, range.start, range.end, kind, ticker).value;
    } catch (err) {
      throw await explainOutsideData(err, ticker, range.start);
    }
  });
}

/**
 * VOLATILITY and MAXDRAWDOWN: answered by the service (one number per window) unless the client
 * holds the symbol's closes or is fetching them; then, or when the service cannot answer, from
 * the call's window of the typed columns the client shares between calls. Either way the same
 * arithmetic (src/market/windowStatistic.ts) and the same messages.
 */
function seriesCall(
  statistic: WindowStatisticName,
  symbol: unknown,
  start: unknown,
  end: unknown,
  type: unknown,
): Promise<number> {
  return marketCall(async () => {
    const ticker = resolveSymbol(symbol);
    const range = dateRange(start, end);
    const kind = returnKind(type);
    const client = getMarketClient();
    // Its errors are already worded as the series path below words them (where the data lies included).
    const answered = await client.windowStatistic(statistic, ticker, range.start, range.end, kind);
    if (answered !== undefined) return answered;
    try {
      const found = await client.series(ticker, range.start, range.end);
      return WINDOW_STATISTIC[statistic](found.window, range.start, range.end, kind, ticker).value;
    } catch (err) {
      throw await explainOutsideData(err, ticker, range.start);
    }
  });
}

/**
 * RETURN, ETFRETURN and CAGR need two closes, not a series: they ask for just those. Converted
 * into another currency they need each day's rate, so they take the series path.
 */
function pointCall(
  stat: PointStat,
  symbol: unknown,
  start: unknown,
  end: unknown,
  type: unknown,
  currency?: unknown,
): Promise<number> {
  if (!isOmitted(currency)) return windowed(stat === "return" ? periodReturn : cagr, symbol, start, end, type, currency);
  return marketCall(async () => {
    const ticker = resolveSymbol(symbol);
    const range = dateRange(start, end);
    const kind = returnKind(type);
    return pointStatistic(stat, ticker, range.start, range.end, kind);
  });
}

/**
 * Total return of a fund (or any symbol) between two dates, as a fraction: from the last close on or before the start date to the last close on or before the end date.
 * @customfunction ETFRETURN
 * @param symbol Ticker, e.g. "SOXX", "QQQ" or "9988.HK" (a company name also works).
 * @param start Start date: a date cell or "YYYY-MM-DD". The base is the close on or before it.
 * @param [end] End date (default: the latest close).
 * @param [type] "total" (default: adjusted close, dividends reinvested) or "price" (plain close).
 * @param [currency] Convert each day's price into this currency at that day's rate first, e.g. "USD".
 * @returns The return as a fraction (0.0823 = 8.23 %).
 */
export function etfReturn(symbol: string, start: any, end?: any, type?: string, currency?: string): Promise<number> {
  return pointCall("return", symbol, start, end, type, currency);
}

/**
 * Return of any symbol between two dates, as a fraction: from the last close on or before the start date to the last close on or before the end date.
 * @customfunction RETURN
 * @param symbol Ticker or company name, e.g. "NVDA", "Alibaba" or "688256.SS".
 * @param start Start date: a date cell or "YYYY-MM-DD". The base is the close on or before it.
 * @param [end] End date (default: the latest close).
 * @param [type] "total" (default: adjusted close, dividends reinvested) or "price" (plain close).
 * @param [currency] Convert each day's price into this currency at that day's rate first, e.g. "USD".
 * @returns The return as a fraction (0.0823 = 8.23 %).
 */
export function symbolReturn(symbol: string, start: any, end?: any, type?: string, currency?: string): Promise<number> {
  return pointCall("return", symbol, start, end, type, currency);
}

/**
 * Compound annual growth rate between two dates at least a year apart.
 * @customfunction CAGR
 * @param symbol Ticker or company name, e.g. "SOXX" or "NVIDIA".
 * @param start Start date: a date cell or "YYYY-MM-DD".
 * @param [end] End date (default: the latest close). Must be at least 365 days after the base close.
 * @param [type] "total" (default) or "price".
 * @returns The annual growth rate as a fraction.
 */
export function compoundGrowth(symbol: string, start: any, end?: any, type?: string): Promise<number> {
  return pointCall("cagr", symbol, start, end, type);
}

/**
 * Annualised volatility: sample standard deviation of daily returns times the square root of 252.
 * @customfunction VOLATILITY
 * @param symbol Ticker or company name, e.g. "SMH" or "AMD".
 * @param start Start date: a date cell or "YYYY-MM-DD".
 * @param [end] End date (default: the latest close).
 * @param [type] "total" (default) or "price".
 * @returns The annualised volatility as a fraction (0.35 = 35 %).
 */
export function annualVolatility(symbol: string, start: any, end?: any, type?: string): Promise<number> {
  return seriesCall("volatility", symbol, start, end, type);
}

/**
 * Worst peak-to-trough fall between two dates, as a negative fraction (0 if it never fell).
 * @customfunction MAXDRAWDOWN
 * @param symbol Ticker or company name, e.g. "BOTZ" or "Intel".
 * @param start Start date: a date cell or "YYYY-MM-DD".
 * @param [end] End date (default: the latest close).
 * @param [type] "total" (default) or "price".
 * @returns The maximum drawdown as a fraction (-0.25 = a 25 % fall).
 */
export function worstDrawdown(symbol: string, start: any, end?: any, type?: string): Promise<number> {
  return seriesCall("maxdrawdown", symbol, start, end, type);
}

const QUOTE_FIELDS = ["price", "change", "changepct", "currency", "time", "name"] as const;
type QuoteField = (typeof QUOTE_FIELDS)[number];

function quoteField(value: unknown): QuoteField {
  if (isOmitted(value)) return "price";
  const text =
    typeof value === "string"
      ? value
          .trim()
          .toLowerCase()
          .replace(/[\s_%-]/g, "")
      : "";
  const field = text === "changepercent" ? "changepct" : text;
  if ((QUOTE_FIELDS as readonly string[]).includes(field)) return field as QuoteField;
  throw badArgument(`field must be one of ${QUOTE_FIELDS.join(", ")} (got ${describe(value)})`);
}

/** The quote's time as an Excel date-time on the exchange's clock. */
function quoteTime(quote: Quote): number {
  const ms = Date.parse(quote.time);
  if (!Number.isFinite(ms)) throw notAvailable(`The quote has no valid time (${quote.time})`);
  return excelDateTimeIn(ms, quote.timezone);
}

function quoteValue(quote: Quote, field: QuoteField, symbol: string): number | string {
  const value = field === "time" ? quoteTime(quote) : field === "changepct" ? quote.changePct : quote[field];
  if (value === null || value === undefined || value === "") throw notAvailable(`No ${field} in the quote for ${symbol}`);
  return value;
}

/**
 * Latest quote, updating every few seconds while the cell exists.
 * @customfunction PRICE
 * @param symbol Ticker or company name, e.g. "NVDA" or "0700.HK".
 * @param [field] "price" (default), "change", "changepct" (fraction), "currency", "time" (Excel date-time on the exchange's clock) or "name".
 * @param invocation Streaming invocation supplied by Excel.
 * @streaming
 */
export function price(symbol: string, field: string | undefined, invocation: CustomFunctions.StreamingInvocation<any>): void {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  invocation.onCanceled = () => {
    stopped = true;
    clearTimeout(timer);
  };
  let ticker: string;
  let wanted: QuoteField;
  try {
    ticker = resolveSymbol(symbol);
    wanted = quoteField(field);
  } catch (err) {
    // A malformed argument will not get better by asking again.
    invocation.setResult(cellError(err));
    return;
  }
  const poll = async () => {
    try {
      const quote = await getMarketClient().quote(ticker);
      if (!stopped) invocation.setResult(quoteValue(quote, wanted, ticker));
    } catch (err) {
      if (!stopped) invocation.setResult(cellError(err));
    }
    // The next ask is scheduled after this one ends, so a slow service never piles up requests.
    if (!stopped) timer = setTimeout(poll, marketSettings.pricePollMs);
  };
  void poll();
}

/**
 * Daily, weekly or monthly price history laid out like STOCKHISTORY, plus Adj Close (6) and Dividend (7).
 * @customfunction HISTORY
 * @param symbol Ticker or company name, e.g. "SOXX".
 * @param start First date: rows start at the first trading day on or after it.
 * @param [end] Last date (default: today).
 * @param [interval] 0 daily (default), 1 weekly, 2 monthly.
 * @param [headers] 0 no header, 1 header row (default), 2 symbol and header rows.
 * @param [currency] Convert each day's prices and dividends into this currency at that day's rate, e.g. "USD" (volume and dates stay). A number here is taken as the first property, as in STOCKHISTORY.
 * @param [properties] Columns in order: 0 Date, 1 Close, 2 Open, 3 High, 4 Low, 5 Volume, 6 Adj Close, 7 Dividend (default 0, 1).
 * @returns A table with one row per period; dates are Excel serial numbers.
 */
export function history(
  symbol: string,
  start: any,
  end?: any,
  interval?: number,
  headers?: number,
  currency?: any,
  properties?: number[],
): Promise<any[][]> {
  return marketCall(async () => {
    const ticker = resolveSymbol(symbol);
    const from = dateArgument(start, "start");
    const until = optionalDate(end, "end");
    if (until !== undefined && until < from) throw badArgument(`The end date ${until} is before the start date ${from}`);
    const intervalCode = wholeNumber(interval, "interval", 0, 0, 2) as 0 | 1 | 2;
    const headerCode = wholeNumber(headers, "headers", 1, 0, 2) as 0 | 1 | 2;
    // Formulas written for STOCKHISTORY put the first property where the currency now is.
    const shifted = typeof currency === "number";
    const target = shifted ? undefined : currencyArgument(currency);
    const columns = propertyList(shifted ? [currency, properties] : properties);
    const client = getMarketClient();
    // Weeks and months in the symbol's own currency come aggregated from the service; a
    // conversion needs each day's rate, so it starts from daily bars.
    // A range with no trading day in it takes the daily path, whose messages say why.
    const periods =
      intervalCode > 0 && target === undefined
        ? await client.periods(ticker, from, until, intervalCode === 1 ? "1wk" : "1mo").catch((err: unknown) => {
            if (err instanceof MarketDataError && err.code === "no_data") return undefined;
            throw err;
          })
        : undefined;
    const aggregated = periods !== undefined;
    const { bars, dividends } =
      periods ??
      (await client
        .history(ticker, from, until)
        .then((data) => (target === undefined ? data : historyIn(data, from, until, target, client)))
        .catch(async (err: unknown) => {
          throw await explainOutsideData(err, ticker, from);
        }));
    const table = historyTable(bars, dividends, {
      start: from,
      end: until ?? client.today(),
      interval: intervalCode,
      headers: headerCode,
      properties: columns,
      label: ticker,
      aggregated,
    });
    return table.map((row) => row.map((cell) => (cell === null ? "" : cell)));
  });
}

/** The repeating properties argument: Excel passes the repeats as one array; empty repeats are skipped. */
function propertyList(value: unknown): number[] {
  return cellsOf(value).map((p) => {
    if (typeof p !== "number" || !Number.isInteger(p) || p < 0 || p > 7) {
      throw badArgument(
        `properties must be numbers 0 Date, 1 Close, 2 Open, 3 High, 4 Low, 5 Volume, 6 Adj Close or 7 Dividend (got ${describe(p)})`,
      );
    }
    return p;
  });
}

async function fundOf(etf: unknown): Promise<{ ticker: string; fund: FundResponse }> {
  const ticker = resolveSymbol(etf, "etf");
  return { ticker, fund: await getMarketClient().fund(ticker) };
}

/**
 * A fund's disclosed holdings, largest first: Symbol, Name, Weight (fraction of net assets).
 * @customfunction HOLDINGS
 * @param etf Fund ticker, e.g. "SOXX", "BOTZ" or "CHAT".
 * @param [top] Only the largest N holdings (default: all disclosed).
 * @returns A header row and one row per holding.
 */
export function holdings(etf: string, top?: number): Promise<any[][]> {
  return marketCall(async () => {
    const limit = wholeNumber(top, "top", Infinity, 1, Infinity);
    const { ticker, fund } = await fundOf(etf);
    if (!fund.holdings || fund.holdings.length === 0) throw notAvailable(`No holdings are disclosed for ${ticker}`);
    const sorted = [...fund.holdings].sort((a, b) => b.weight - a.weight).slice(0, limit);
    return [["Symbol", "Name", "Weight"], ...sorted.map((h) => [h.symbol, h.name, h.weight])];
  });
}

const FUND_FIELDS: Record<string, { label: string; read: (f: FundResponse) => string | number | null }> = {
  name: { label: "name", read: (f) => f.name },
  expenseratio: { label: "expense ratio", read: (f) => f.expenseRatio },
  netassets: { label: "net assets", read: (f) => f.netAssets },
  category: { label: "category", read: (f) => f.category },
  family: { label: "fund family", read: (f) => f.family },
  currency: { label: "currency", read: (f) => f.currency },
  yield: { label: "yield", read: (f) => f.yield },
};

/**
 * One fact about a fund.
 * @customfunction ETFINFO
 * @param etf Fund ticker, e.g. "SOXX".
 * @param field "name", "expenseratio" (fraction), "netassets", "category", "family", "currency" or "yield" (fraction).
 * @returns The value of that field.
 */
export function etfInfo(etf: string, field: string): Promise<string | number> {
  return marketCall(async () => {
    const key =
      typeof field === "string"
        ? field
            .trim()
            .toLowerCase()
            .replace(/[\s_-]/g, "")
        : "";
    const spec = FUND_FIELDS[key];
    if (!spec) throw badArgument(`field must be one of ${Object.keys(FUND_FIELDS).join(", ")} (got ${describe(field)})`);
    const { ticker, fund } = await fundOf(etf);
    const value = spec.read(fund);
    if (value === null || value === undefined || value === "")
      throw notAvailable(`The fund data has no ${spec.label} for ${ticker}`);
    return value;
  });
}

/**
 * Share of a fund's disclosed holdings in each layer of the AI value chain (knowledge base first, otherwise inferred from the industry).
 * @customfunction EXPOSURE
 * @param etf Fund ticker, e.g. "SOXX".
 * @param [layer] A layer by name, short name or number 1-4, or "Unclassified" / "Not disclosed". Omit it to list every layer.
 * @returns The weight for that layer, or a Layer, Weight table with Unclassified and Not disclosed rows.
 */
export function exposure(etf: string, layer?: any): Promise<any[][]> {
  return marketCall(async () => {
    const wanted = isOmitted(layer) ? undefined : layerChoice(layer);
    const { ticker, fund } = await fundOf(etf);
    if (!fund.holdings || fund.holdings.length === 0) throw notAvailable(`No holdings are disclosed for ${ticker}`);
    const breakdown = fundExposure(fund);
    if (wanted === undefined) return exposureTable(breakdown);
    if (wanted === "unclassified") return [[breakdown.unclassified]];
    if (wanted === "notdisclosed") return [[breakdown.notDisclosed]];
    return [[layerWeight(breakdown, wanted)]];
  });
}

function layerChoice(value: unknown) {
  if (typeof value === "string") {
    const text = value.trim().toLowerCase().replace(/\s+/g, "");
    if (text === "unclassified") return "unclassified" as const;
    if (text === "notdisclosed") return "notdisclosed" as const;
  }
  const layer = typeof value === "string" || typeof value === "number" ? findLayer(value) : undefined;
  if (!layer) {
    throw badArgument(
      `layer must be a value-chain layer (name, short name or 1-4), "Unclassified" or "Not disclosed" (got ${describe(value)})`,
    );
  }
  return layer;
}

/** The statistics COMPARE lays out, in column order. */
const COMPARE_COLUMNS: ReadonlyArray<[string, WindowStat]> = [
  ["Return", periodReturn],
  ["CAGR", cagr],
  ["Volatility", volatility],
  ["Max drawdown", maxDrawdown],
];

/**
 * Return, CAGR, volatility and maximum drawdown side by side, one row per symbol. A problem with one symbol or statistic shows in that cell only.
 * @customfunction COMPARE
 * @param symbols A range (or array) of tickers or company names, e.g. A2:A6 or {"SOXX","SMH","BOTZ"}.
 * @param start Start date: a date cell or "YYYY-MM-DD".
 * @param [end] End date (default: the latest close).
 * @param [type] "total" (default) or "price".
 * @param [currency] Convert each day's prices into this currency at that day's rate first, e.g. "USD".
 * @returns A header row, then Symbol, Return, CAGR, Volatility, Max drawdown per symbol.
 */
export function compare(symbols: any[][], start: any, end?: any, type?: string, currency?: string): Promise<any[][]> {
  return marketCall(async () => {
    const names = cellsOf(symbols);
    if (names.length === 0) throw badArgument("symbols must name at least one ticker or company");
    const range = dateRange(start, end);
    const kind = returnKind(type);
    const target = currencyArgument(currency);
    const client = getMarketClient();
    const rows = await Promise.all(
      names.map(async (name): Promise<any[]> => {
        let ticker: string;
        let data: SymbolHistory;
        try {
          ticker = resolveSymbol(name);
          const symbol = ticker;
          data = await client.history(symbol, range.start, range.end).catch(async (err: unknown) => {
            throw await explainOutsideData(err, symbol, range.start);
          });
          if (target !== undefined) data = { ...data, bars: await barsIn(data, range.start, range.end, target, client) };
        } catch (err) {
          const error = cellError(err);
          return [typeof name === "string" ? name.trim() : String(name), ...COMPARE_COLUMNS.map(() => error)];
        }
        return [
          ticker,
          ...COMPARE_COLUMNS.map(([, stat]) => {
            try {
              return stat(data.bars, range.start, range.end, kind, ticker).value;
            } catch (err) {
              return cellError(err);
            }
          }),
        ];
      }),
    );
    return [["Symbol", ...COMPARE_COLUMNS.map(([label]) => label)], ...rows];
  });
}
