/**
 * The one error type the client throws. It carries the data service's error code so the custom
 * functions can choose the Excel error (#VALUE! for a malformed request, #N/A for everything
 * else) while the message, written for the analyst, says what went wrong.
 */
import type { ApiError, ErrorCode } from "../api/contract";
import { didYouMean } from "../chain";

export class MarketDataError extends Error {
  constructor(
    public readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "MarketDataError";
  }
}

/** The analyst-facing message for a service error about one symbol. */
export function symbolError(symbol: string, error: ApiError, dates?: { start: string; end: string }): MarketDataError {
  const detail = error.message ? ` (${error.message})` : "";
  switch (error.code) {
    case "unknown_symbol":
      return new MarketDataError(
        "unknown_symbol",
        `Unknown symbol ${symbol}: the market data source does not know it${didYouMean(symbol)}`,
      );
    case "no_data":
      return new MarketDataError(
        "no_data",
        dates
          ? `No data for ${symbol} between ${dates.start} and ${dates.end}`
          : `No data for ${symbol}${error.message ? `: ${error.message}` : ""}`,
      );
    case "timeout":
      return new MarketDataError("timeout", `Market data timed out for ${symbol}`);
    case "bad_request":
      return new MarketDataError("bad_request", `Bad request for ${symbol}: ${error.message}`);
    case "upstream_unavailable":
      return new MarketDataError("upstream_unavailable", `Market data unavailable for ${symbol}${detail}`);
    default:
      return new MarketDataError(
        "upstream_error",
        `Market data unavailable for ${symbol}: the source answered something unusable${detail}`,
      );
  }
}

/** Any thrown value as a MarketDataError (unknown failures read as "market data unavailable"). */
export function asMarketDataError(err: unknown): MarketDataError {
  if (err instanceof MarketDataError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new MarketDataError("upstream_unavailable", `Market data unavailable: ${message}`);
}

/** The service does not know the route (an older service): 404 with not_found, or a bare 404. */
export function isUnknownRoute(err: MarketDataError): boolean {
  return err.code === "not_found" || err.message.includes("HTTP 404");
}
