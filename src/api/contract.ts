/**
 * The data-service contract (`/api/v1`), shared by the server and the add-in.
 * Pure types and constants: no Node, no Office, no network.
 */

export const API_PREFIX = "/api/v1";

/** Bar intervals the service understands (Yahoo's spelling). */
export type Interval = "1d" | "1wk" | "1mo";
export const INTERVALS: readonly Interval[] = ["1d", "1wk", "1mo"];

/** Where a series came from. */
export type DataSource = "yahoo" | "csv" | "cache";

/**
 * One bar: [date, open, high, low, close, adjclose, volume].
 * `date` is the exchange's own trading date, `YYYY-MM-DD`. Open/high/low/volume may be null
 * when the provider does not have them (an index has no volume; some CSV files have no Adj Close,
 * in which case adjclose equals close).
 */
export type HistoryRow = [
  date: string,
  open: number | null,
  high: number | null,
  low: number | null,
  close: number,
  adjclose: number,
  volume: number | null,
];

/** [date, cash amount per share]. */
export type DividendEvent = [date: string, amount: number];
/** [date, ratio]: 3 for a 3-for-1 split, 0.5 for a 1-for-2 reverse split. */
export type SplitEvent = [date: string, ratio: number];

export interface SeriesPayload {
  currency: string;
  /** IANA zone of the exchange, e.g. "America/New_York". */
  timezone: string;
  rows: HistoryRow[];
  dividends: DividendEvent[];
  splits: SplitEvent[];
  source: DataSource;
  /** ISO 8601 instant the data was obtained from its source. */
  asOf: string;
  /** True when upstream failed and this is the last good copy. */
  stale: boolean;
  /**
   * Which corporate actions the prices are adjusted for: the date of the latest split or dividend
   * on or after the range's start ("" when none). A later basis means a newly known action, so
   * copies on an earlier basis must not be mixed with this one.
   */
  basis?: string;
}

/** Why one symbol (or a whole request) could not be answered. */
export type ErrorCode =
  | "bad_request" // malformed input: the caller's fault
  | "unknown_symbol" // the provider does not know the symbol
  | "no_data" // known symbol, nothing in the requested dates
  | "upstream_unavailable" // provider unreachable or failing, nothing cached
  | "timeout" // provider or service did not answer in time
  | "upstream_error" // provider answered something unusable
  | "cache_error" // the service's own cache failed (disk, database)
  | "not_found" // no such route or file (whole requests only)
  | "forbidden"; // the request's origin or host is not this service's own (whole requests only)

export interface ApiError {
  code: ErrorCode;
  message: string;
}

export interface HistoryResponse {
  series: Record<string, SeriesPayload>;
  errors: Record<string, ApiError>;
}

export interface Quote {
  price: number;
  change: number | null;
  /** Fraction: 0.0123 is +1.23 %. */
  changePct: number | null;
  currency: string;
  /** ISO 8601 instant of the last trade. */
  time: string;
  /** IANA zone of the exchange, when the source knows it, so the time can be shown as the exchange's clock. */
  timezone?: string;
  name: string;
  source: DataSource;
  asOf: string;
  stale?: boolean;
}

export interface QuoteResponse {
  quotes: Record<string, Quote>;
  errors: Record<string, ApiError>;
}

export interface FundHolding {
  symbol: string;
  name: string;
  /** Fraction of net assets: 0.083 is 8.3 %. */
  weight: number;
  /** The holding's industry as the provider classifies it ("Semiconductors"), when known. */
  industry?: string;
  /** The holding's sector ("Technology"), when known. */
  sector?: string;
}

export interface FundResponse {
  symbol: string;
  name: string;
  holdings: FundHolding[];
  /** Sector name -> fraction of net assets, as the provider reports them. */
  sectorWeights: Record<string, number>;
  /** Fraction: 0.002 is 0.20 %. */
  expenseRatio: number | null;
  netAssets: number | null;
  category: string | null;
  family: string | null;
  currency: string | null;
  /** Fraction (trailing yield), when known. */
  yield: number | null;
  source: DataSource;
  asOf: string;
  stale?: boolean;
}

export interface HealthResponse {
  provider: "yahoo" | "csv";
  upstream: "ok" | "unreachable";
  /** entries is null when the cache cannot be read at the moment (its database is down). */
  cache: { entries: number | null; path: string };
  /** Present when the cache is a shared PostgreSQL database (several replicas). */
  database?: DatabaseHealth;
  /** The circuit breaker in front of the upstream, when calls go through one. */
  breaker?: BreakerHealth;
  /** The upstream rate limit (a token bucket), when calls are limited. */
  rateLimit?: RateLimitHealth;
}

export interface BreakerHealth {
  /** "unknown" when its shared row cannot be read (the database is down; see `error`). */
  state: "closed" | "open" | "half-open" | "unknown";
  /** Failed calls in a row. */
  failures: number | null;
  /** While open or half-open: when the next probe may go (ISO time). */
  openUntil: string | null;
  /** Failures in a row that open it, and how long it stays open. */
  threshold: number;
  cooldownSeconds: number;
  /** True when all replicas on the database share it; false for this process alone. */
  shared: boolean;
  error?: string;
}

export interface RateLimitHealth {
  /** Calls per second the bucket refills, and the most it holds (the largest burst). */
  perSecond: number;
  burst: number;
  /** True when all replicas on the database draw from one bucket; false for this process alone. */
  shared: boolean;
}

export interface DatabaseHealth {
  kind: "postgres";
  /** Without the password. */
  url: string;
  /** The replica that answered (--instance-name). */
  instance?: string;
  reachable: boolean;
  schemaVersion?: number;
  /** Why it is not reachable. */
  error?: string;
  /** This replica's connection pool: its bound, connections open, in use, and callers waiting. */
  pool: { max: number; total: number; idle: number; inUse: number; waiting: number };
}

/** Body of every 4xx answer. */
export interface BadRequestBody {
  error: ApiError;
}

/** Limits the service enforces (and the client respects before asking). */
/**
 * Calendar days read before a start date so that the close on or before it is included, over any
 * run of weekends and holidays (the longest exchange closures are about ten days). Client, service
 * and task pane all look back this far.
 */
export const BASE_CLOSE_LOOKBACK_DAYS = 14;

export const LIMITS = {
  maxSymbolsPerRequest: 50,
  maxSymbolLength: 20,
  /** Earliest date the service will look up. */
  minDate: "1970-01-01",
  /** Longest range one history request may span, in calendar days (about 60 years). */
  maxRangeDays: 366 * 60,
} as const;

/**
 * Columnar history (`/history?...&format=columns&fields=close,adjclose`): one array per field,
 * only the fields asked for, dates as whole days since 1970-01-01 (UTC calendar arithmetic on
 * the exchange's own dates). Far smaller and cheaper to parse than rows; the row format stays
 * the default.
 */
export type HistoryField = "open" | "high" | "low" | "close" | "adjclose" | "volume";
export const HISTORY_FIELDS: readonly HistoryField[] = ["open", "high", "low", "close", "adjclose", "volume"];
export type HistoryFormat = "rows" | "columns";
export const HISTORY_FORMATS: readonly HistoryFormat[] = ["rows", "columns"];

export interface ColumnarSeriesPayload {
  currency: string;
  timezone: string;
  /** Trading dates as days since 1970-01-01, oldest first. */
  days: number[];
  /** One array per field asked for, aligned with `days`; null where the provider has no value. */
  columns: Partial<Record<HistoryField, (number | null)[]>>;
  dividends: DividendEvent[];
  splits: SplitEvent[];
  source: DataSource;
  asOf: string;
  stale: boolean;
  /** As SeriesPayload's basis: the corporate-action state the adjusted values are on. */
  basis?: string;
}

export interface ColumnarHistoryResponse {
  format: "columns";
  fields: HistoryField[];
  series: Record<string, ColumnarSeriesPayload>;
  errors: Record<string, ApiError>;
}

/**
 * Point closes (`GET /api/v1/closes?symbols=SOXX,QQQ&dates=2025-01-02,latest`): for each symbol
 * and each date asked for, the last close on or before it with that close's own date, so a
 * return needs two numbers on the wire instead of a whole series. The word `latest` stands for
 * the most recent close (a return with no end date).
 */
export type CloseAt = [date: string, close: number, adjclose: number];

export interface SymbolCloses {
  currency: string;
  timezone: string;
  /** Aligned with the request's dates; null when the series has no close on or before that date. */
  closes: (CloseAt | null)[];
  /** The series' first trading date; given whenever some date above is null (it falls before it). */
  firstDate?: string;
  source: DataSource;
  asOf: string;
  stale: boolean;
}

export interface ClosesResponse {
  /** The dates as asked for (validated), in the request's order. */
  dates: string[];
  series: Record<string, SymbolCloses>;
  errors: Record<string, ApiError>;
}

/**
 * Point closes as pairs (`GET /api/v1/closes?items=SOXX:2025-01-02,QQQ:latest`): the same closes
 * for scattered (symbol, date) needs, each pair answered on its own in the request's order, so
 * a request carries only what was asked instead of every symbol at every date.
 */
export interface ClosePair {
  symbol: string;
  /** A date or "latest". */
  date: string;
}

/** What a symbol's pairs share: as SymbolCloses without the closes. */
export type PairSymbolInfo = Omit<SymbolCloses, "closes">;

export interface ClosePairsResponse {
  /**
   * Aligned with the request's items: the last close on or before the pair's date, or null when
   * there is none (the symbol's `firstDate` says where its data starts) or its symbol is in `errors`.
   */
  closes: (CloseAt | null)[];
  series: Record<string, PairSymbolInfo>;
  /** Symbols whose closes could not be read at all, as the history route reports them. */
  errors: Record<string, ApiError>;
}

/** Limits of the closes route. */
export const CLOSES_LIMITS = {
  maxDatesPerRequest: 32,
  /**
   * Pairs per request (over at most LIMITS.maxSymbolsPerRequest symbols): 250 pairs of the longest
   * symbol stay near 9 KB of URL even with the separators percent-encoded, well under Node's 16 KB
   * header limit.
   */
  maxItemsPerRequest: 250,
  /** The word standing for "the most recent close". */
  latest: "latest",
} as const;

/**
 * Window statistics (`GET /api/v1/stats?items=SOXX:volatility:2020-01-01:latest:total,...`): the
 * number a VOLATILITY or MAXDRAWDOWN cell shows, computed by the service from the daily closes
 * the history route serves, with the same arithmetic and the same messages as the add-in's own
 * scan of a held series. Many windows of many symbols travel in one request; each window is
 * answered on its own, so one that has no answer never spoils its neighbours.
 */
export type WindowStatistic = "volatility" | "maxdrawdown";
export const WINDOW_STATISTICS: readonly WindowStatistic[] = ["volatility", "maxdrawdown"];
/** Which closes a statistic reads: adjusted ("total", with dividends) or plain ("price"). */
export type StatType = "total" | "price";
export const STAT_TYPES: readonly StatType[] = ["total", "price"];

/** One window asked for: `SYMBOL:STATISTIC:START[:END[:TYPE]]`, END `latest` (or left out) for the latest close. */
export interface StatItem {
  symbol: string;
  statistic: WindowStatistic;
  start: string;
  /** Undefined: up to the latest close. */
  end?: string;
  type: StatType;
}

/**
 * One window's outcome: its value (a number, or the text "NaN", "Infinity" or "-Infinity", which
 * JSON cannot carry as numbers), or why it has none, worded for the analyst. The error's code is
 * `bad_request` when the cell should show `#VALUE!`, anything else for `#N/A`.
 */
export type StatOutcome = { value: number | "NaN" | "Infinity" | "-Infinity" } | { error: ApiError };

export interface StatsResponse {
  /** Aligned with the request's items; null for an item whose symbol is in `errors`. */
  results: (StatOutcome | null)[];
  /** Symbols whose closes could not be read at all, as the history route reports them. */
  errors: Record<string, ApiError>;
}

/** Limits of the stats route. */
export const STATS_LIMITS = {
  /** Windows per request (at most LIMITS.maxSymbolsPerRequest different symbols among them). */
  maxItemsPerRequest: 200,
  /** The word standing for "up to the latest close". */
  latest: "latest",
} as const;
