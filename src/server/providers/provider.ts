/**
 * What a market-data source must offer the service, and how it says why it could not.
 */
import type {
  DividendEvent,
  ErrorCode,
  FundResponse,
  HistoryField,
  HistoryRow,
  Interval,
  Quote,
  SplitEvent,
} from "../../api/contract";

export type ProviderName = "yahoo" | "csv";

/** A series as the provider has it: rows oldest first, dates on the exchange's calendar. */
export interface ProviderSeries {
  currency: string;
  timezone: string;
  rows: HistoryRow[];
  dividends: DividendEvent[];
  splits: SplitEvent[];
  /** ISO instant the data itself dates from, when the provider knows it (a file's modification time). */
  asOf?: string;
}

/**
 * A daily series as typed columns (a source that keeps them so): day numbers since 1970 and one
 * array per field, NaN where there is no value. The arrays may be views of what the source
 * keeps: callers must not write to them.
 */
export interface ProviderColumns<F extends HistoryField = HistoryField> extends Omit<ProviderSeries, "rows"> {
  days: Int32Array;
  /** The fields asked for (a source may hand out more). */
  values: Record<F, Float64Array>;
}

/** A symbol's corporate actions over a span, without its prices. */
export type ProviderActions = Omit<ProviderSeries, "rows" | "asOf">;

/** A quote as the provider has it; the service adds where from (and, failing that, when). */
export type ProviderQuote = Omit<Quote, "source" | "asOf" | "stale"> & {
  /** As ProviderSeries.asOf. */
  asOf?: string;
};

export interface ProviderQuotes {
  quotes: Record<string, ProviderQuote>;
  errors: Record<string, ProviderError>;
}

/** A fund as the provider has it; the service adds which symbol, where from and when. */
export type ProviderFund = Omit<FundResponse, "symbol" | "source" | "asOf" | "stale">;

/** Options a call may receive; `signal` aborts a call the queue has given up on. */
export interface CallOptions {
  signal?: AbortSignal;
}

export interface MarketProvider {
  readonly name: ProviderName;
  /** True when calls are remote and slow enough to be worth caching and queueing. */
  readonly remote: boolean;
  /** Rows from start to end inclusive (exchange dates). An empty `rows` means none in range. */
  history(symbol: string, start: string, end: string, interval: Interval, options?: CallOptions): Promise<ProviderSeries>;
  /**
   * Dividends and splits dated start..end, as cheaply as the source allows (no daily prices).
   * Dividends are on the same split basis as the prices `history` returns now.
   */
  actions?(symbol: string, start: string, end: string, options?: CallOptions): Promise<ProviderActions>;
  /**
   * Daily rows from start to end as columns of `fields`, without an object per bar (local sources
   * that keep columns); a source may read less of its files when fewer fields are asked for.
   */
  columns?<F extends HistoryField>(symbol: string, start: string, end: string, fields: readonly F[]): Promise<ProviderColumns<F>>;
  /** Ends what the source runs in the background (parse workers); it answers on afterwards. */
  close?(): Promise<void>;
  /** Several symbols in one call; a symbol it does not know goes into `errors`. */
  quote(symbols: string[], options?: CallOptions): Promise<ProviderQuotes>;
  fund(symbol: string, options?: CallOptions): Promise<ProviderFund>;
  /** A cheap call that shows whether the source answers at all (for /health). */
  probe?(options?: CallOptions): Promise<void>;
}

export type ProviderErrorCode = Exclude<ErrorCode, "bad_request" | "not_found" | "forbidden" | "cache_error">;

/**
 * A typed failure. `retryable` marks transient ones (429, 5xx, time-outs, network) that the
 * upstream queue may try again; the others are answers, not accidents.
 */
export class ProviderError extends Error {
  constructor(
    public readonly code: ProviderErrorCode,
    message: string,
    public readonly retryable = false,
    public readonly status?: number,
  ) {
    super(message);
    this.name = "ProviderError";
  }
}

export const unknownSymbol = (symbol: string, detail?: string): ProviderError =>
  new ProviderError("unknown_symbol", `Unknown symbol ${symbol}${detail ? `: ${detail}` : ""}`);
export const noData = (message: string): ProviderError => new ProviderError("no_data", message);
export const unavailable = (message: string, retryable = true, status?: number): ProviderError =>
  new ProviderError("upstream_unavailable", message, retryable, status);
export const timedOut = (message: string): ProviderError => new ProviderError("timeout", message, true);
export const badUpstreamData = (message: string): ProviderError => new ProviderError("upstream_error", message);

/** Any thrown value as a ProviderError (unknown failures count as unusable answers). */
export function asProviderError(err: unknown): ProviderError {
  if (err instanceof ProviderError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return badUpstreamData(`Market data source failed: ${message.slice(0, 300)}`);
}

/** Failures after which the last good cached copy should be served instead. */
export function isOutage(err: ProviderError): boolean {
  return err.code === "upstream_unavailable" || err.code === "timeout" || err.code === "upstream_error";
}
