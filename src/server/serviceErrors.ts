/** Mapping provider failures to the contract's ApiError and, for single-answer routes, HTTP statuses. */
import type { ApiError, ErrorCode } from "../api/contract";
import { StoreError } from "./cache/marketStore";
import { ProviderError, asProviderError } from "./providers/provider";

export function toApiError(err: unknown): ApiError {
  if (err instanceof StoreError) return { code: err.code, message: err.message };
  const failure: ProviderError = asProviderError(err);
  return { code: failure.code, message: failure.message };
}

const STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  unknown_symbol: 404,
  no_data: 404,
  upstream_unavailable: 503,
  timeout: 504,
  upstream_error: 502,
  cache_error: 500,
  not_found: 404,
  forbidden: 403,
};

export function httpStatusFor(code: ErrorCode): number {
  return STATUS[code];
}

/** A whole request that cannot be answered (fund look-ups have one symbol, so no partial answer). */
export class ServiceError extends Error {
  constructor(readonly error: ApiError) {
    super(error.message);
    this.name = "ServiceError";
  }
  get status(): number {
    return httpStatusFor(this.error.code);
  }
}
