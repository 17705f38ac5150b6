/**
 * The Yahoo Finance provider, through yahoo-finance2. Each provider has
 * its own client and cookie jar, and its own fetch (injectable, so tests replay hand-made
 * Yahoo answers without a network).
 */
import type { Interval } from "../../api/contract";
import { addDays } from "../../api/validation";
import { profileFromSummary, withProfiles } from "./holdingProfiles";
import { FetchLike, guardYahooFetch } from "./yahooFetchGuard";
import { fundFromSummary, quoteFromYahoo, seriesFromChart } from "./yahooShapes";
import {
  CallOptions,
  MarketProvider,
  ProviderError,
  ProviderActions,
  ProviderFund,
  ProviderQuotes,
  ProviderSeries,
  asProviderError,
  badUpstreamData,
  noData,
  unknownSymbol,
} from "./provider";
import YahooFinance from "yahoo-finance2";
import { ExtendedCookieJar } from "yahoo-finance2/lib/cookieJar";

type YahooClient = InstanceType<typeof YahooFinance>;
type ModuleOptions = Parameters<YahooClient["chart"]>[2];

export interface YahooProviderOptions {
  /** Defaults to the global fetch. */
  fetch?: FetchLike;
  /** Where the library's warnings go (the default drops them). */
  warn?: (message: string) => void;
}

const FUND_MODULES = ["topHoldings", "fundProfile", "price", "summaryDetail"] as const;
/** Always quoted, so asking for it shows whether Yahoo (and its cookie handshake) answers. */
const PROBE_SYMBOL = "SPY";

export class YahooProvider implements MarketProvider {
  readonly name = "yahoo" as const;
  readonly remote = true;
  private readonly client: YahooClient;

  constructor(options: YahooProviderOptions = {}) {
    const base: FetchLike = options.fetch ?? ((input, init) => fetch(input, init));
    const warn = options.warn ?? (() => undefined);
    const quiet = () => undefined;
    this.client = new YahooFinance({
      fetch: guardYahooFetch(base),
      versionCheck: false,
      suppressNotices: ["yahooSurvey", "ripHistorical"],
      cookieJar: new ExtendedCookieJar(),
      // Our own queue limits concurrency; the library's must not add a second bottleneck.
      queue: { concurrency: 8 },
      validation: { logErrors: false, logOptionsErrors: false },
      logger: {
        info: quiet,
        debug: quiet,
        dir: quiet,
        // The library asks for Node 22 but works on 20; that notice is noise here.
        warn: (...args: unknown[]) => {
          const text = args.map(String).join(" ");
          if (!/Unsupported environment/.test(text)) warn(text);
        },
        error: (...args: unknown[]) => warn(args.map(String).join(" ")),
      },
    });
  }

  async history(
    symbol: string,
    start: string,
    end: string,
    interval: Interval,
    options: CallOptions = {},
  ): Promise<ProviderSeries> {
    // A day's margin each side: a session opening before UTC midnight (Asia-Pacific) carries
    // the previous UTC date; the exact filter happens on the exchange's own dates.
    const query = {
      period1: `${addDays(start, -1)}T00:00:00Z`,
      period2: `${addDays(end, 2)}T00:00:00Z`,
      interval,
      events: "div|split",
      includePrePost: false,
      return: "object" as const,
    };
    const chart = await this.call(() => this.client.chart(symbol, query, this.moduleOptions(options)), symbol);
    return seriesFromChart(chart, symbol, start, end);
  }

  /** A chart at a three-month interval: a handful of bars, with every dividend and split of the span. */
  async actions(symbol: string, start: string, end: string, options: CallOptions = {}): Promise<ProviderActions> {
    const query = {
      period1: `${addDays(start, -1)}T00:00:00Z`,
      period2: `${addDays(end, 2)}T00:00:00Z`,
      interval: "3mo" as const,
      events: "div|split",
      includePrePost: false,
      return: "object" as const,
    };
    const chart = await this.call(() => this.client.chart(symbol, query, this.moduleOptions(options)), symbol);
    const { currency, timezone, dividends, splits } = seriesFromChart(chart, symbol, start, end);
    return { currency, timezone, dividends, splits };
  }

  async quote(symbols: string[], options: CallOptions = {}): Promise<ProviderQuotes> {
    const raw = await this.call(
      () => this.client.quote(symbols, { return: "array" }, this.moduleOptions(options)),
      symbols.join(","),
    );
    if (!Array.isArray(raw)) throw badUpstreamData("Yahoo sent a quote answer that is not a list");
    const bySymbol = new Map<string, unknown>();
    for (const entry of raw) {
      const s = (entry as { symbol?: unknown })?.symbol;
      if (typeof s === "string") bySymbol.set(s.toUpperCase(), entry);
    }
    const result: ProviderQuotes = { quotes: {}, errors: {} };
    for (const symbol of symbols) {
      const entry = bySymbol.get(symbol);
      const quote = entry === undefined ? null : quoteFromYahoo(entry, symbol);
      if (quote) result.quotes[symbol] = quote;
      else if (entry === undefined) result.errors[symbol] = unknownSymbol(symbol, "Yahoo Finance has no quote for it");
      else result.errors[symbol] = noData(`Yahoo Finance has no current price for ${symbol}`);
    }
    return result;
  }

  async fund(symbol: string, options: CallOptions = {}): Promise<ProviderFund> {
    const summary = await this.call(
      () => this.client.quoteSummary(symbol, { modules: [...FUND_MODULES] }, this.moduleOptions(options)),
      symbol,
    );
    const fund = fundFromSummary(summary, symbol);
    if (!fund) throw noData(`${symbol} has no fund data on Yahoo Finance (holdings or fund profile); is it a fund?`);
    // Only the top holdings are listed (about ten), so one profile look-up each is affordable,
    // and the whole answer is cached for a day.
    const holdings = await withProfiles(fund.holdings, async (holding) =>
      profileFromSummary(await this.client.quoteSummary(holding, { modules: ["assetProfile"] }, this.moduleOptions(options))),
    );
    return { ...fund, holdings };
  }

  /** One quote: the cheapest call that exercises the same handshake the data calls need. */
  async probe(options: CallOptions = {}): Promise<void> {
    await this.quote([PROBE_SYMBOL], options);
  }

  private moduleOptions(options: CallOptions): ModuleOptions {
    // Results are checked field by field in yahooShapes; the library's schema check would
    // reject a whole answer for one drifted field.
    return { fetchOptions: options.signal ? { signal: options.signal } : {}, validateResult: false };
  }

  /** Library errors that are not already typed: Yahoo's own error objects and unparsable JSON. */
  private async call<T>(run: () => Promise<T>, what: string): Promise<T> {
    try {
      return await run();
    } catch (err) {
      if (err instanceof ProviderError) throw err;
      const message = err instanceof Error ? err.message : String(err);
      if (/not found|no data found|delisted/i.test(message)) throw unknownSymbol(what, message);
      if (/not parsable|Unexpected token|JSON/i.test(message)) {
        throw badUpstreamData(`Yahoo Finance sent a malformed answer for ${what}`);
      }
      throw asProviderError(err);
    }
  }
}
