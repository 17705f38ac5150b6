/**
 * HTTP to the data service (`/api/v1`), with a time limit on every request and every failure
 * turned into a MarketDataError whose message an analyst can act on. `fetch` is injected so the
 * same code runs in the add-in's browser runtime, in Node (bench) and against fakes (tests).
 */
import type { ApiError, ErrorCode } from "../api/contract";
import { CancelledRequestError } from "./cancellation";
import { MarketDataError, symbolError } from "./marketDataError";

/** The part of a fetch Response the client reads. */
export interface ResponseLike {
  ok: boolean;
  status: number;
  json(): Promise<unknown>;
}

/** The part of `fetch` the client uses. */
export type FetchLike = (url: string, init: { signal: AbortSignal; headers: Record<string, string> }) => Promise<ResponseLike>;

export interface ServiceClientOptions {
  /** e.g. "https://localhost:3000/api/v1" (no trailing slash needed). */
  baseUrl: string;
  fetch: FetchLike;
  /** Longest wait for one small request, in milliseconds (a larger one gets more, see `getJson`). */
  timeoutMs: number;
  /**
   * Requests sent at the same time (default 3); the rest wait their turn. A request's time limit
   * starts when it is sent, so a recalculation that needs many requests keeps its cells #BUSY!
   * while the earlier ones are answered instead of timing out in the queue.
   */
  maxConcurrent?: number;
}

/** Per-request options: what the request carries, so its time limit can fit it, and who still wants it. */
export interface RequestSize {
  /** Extra milliseconds this request may take beyond `timeoutMs` (for example per thousand bars it carries). */
  extraMs?: number;
  /**
   * Aborts the request (waiting for its turn or sent) when nobody wants its answer any more; the
   * call then rejects with CancelledRequestError.
   */
  signal?: AbortSignal;
}

const ERROR_CODES: readonly ErrorCode[] = [
  "bad_request",
  "unknown_symbol",
  "no_data",
  "upstream_unavailable",
  "timeout",
  "upstream_error",
];

export class ServiceClient {
  private readonly baseUrl: string;
  /** HTTP requests sent so far (for diagnostics and the bench). */
  requestCount = 0;
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly options: ServiceClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, "");
  }

  /** The URL for an endpoint and its query parameters (values are URL-encoded, commas kept readable). */
  url(endpoint: string, params: Record<string, string>): string {
    const query = Object.entries(params)
      .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v).replace(/%2C/g, ",")}`)
      .join("&");
    return `${this.baseUrl}/${endpoint}${query ? `?${query}` : ""}`;
  }

  /**
   * GETs JSON. `symbol` names the one symbol a request is about (fund data), so a refusal for it
   * reads "Unknown symbol XYZ" rather than a generic refusal.
   */
  async getJson<T>(endpoint: string, params: Record<string, string>, symbol?: string, size: RequestSize = {}): Promise<T> {
    if (size.signal?.aborted) throw new CancelledRequestError();
    await this.turn(size.signal);
    try {
      const timeoutMs = this.options.timeoutMs + Math.max(0, size.extraMs ?? 0);
      return await this.send<T>(endpoint, params, symbol, timeoutMs, size.signal);
    } finally {
      this.active -= 1;
      this.waiting.shift()?.();
    }
  }

  /**
   * Resolves when this request may be sent (at most `maxConcurrent` at a time); a request given
   * up while it waits leaves the queue without taking a turn.
   */
  private turn(signal?: AbortSignal): Promise<void> {
    if (this.active < (this.options.maxConcurrent ?? 3)) {
      this.active += 1;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const go = () => {
        signal?.removeEventListener("abort", leave);
        this.active += 1;
        resolve();
      };
      const leave = () => {
        const at = this.waiting.indexOf(go);
        if (at >= 0) this.waiting.splice(at, 1);
        reject(new CancelledRequestError());
      };
      this.waiting.push(go);
      signal?.addEventListener("abort", leave, { once: true });
    });
  }

  private async send<T>(
    endpoint: string,
    params: Record<string, string>,
    symbol: string | undefined,
    timeoutMs: number,
    wanted: AbortSignal | undefined,
  ): Promise<T> {
    const url = this.url(endpoint, params);
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let giveUp: (() => void) | undefined;
    // The race guards against a fetch that ignores the abort signal: the caller is released on time
    // (or at once when nobody wants the answer) either way. The rejection comes before the abort,
    // so the fetch's own failure after the abort is never what the caller sees.
    const stop = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        reject(this.timeoutError(timeoutMs));
        controller.abort();
      }, timeoutMs);
      giveUp = () => {
        reject(new CancelledRequestError());
        controller.abort();
      };
      wanted?.addEventListener("abort", giveUp, { once: true });
    });
    this.requestCount += 1;
    try {
      return await Promise.race([this.exchange<T>(url, controller.signal, timeoutMs, symbol), stop]);
    } finally {
      clearTimeout(timer);
      if (giveUp) wanted?.removeEventListener("abort", giveUp);
    }
  }

  private async exchange<T>(url: string, signal: AbortSignal, timeoutMs: number, symbol?: string): Promise<T> {
    let response: ResponseLike;
    try {
      response = await this.options.fetch(url, { signal, headers: { Accept: "application/json" } });
    } catch {
      if (signal.aborted) throw this.timeoutError(timeoutMs);
      // The runtime's own words ("TypeError: fetch failed") tell an analyst nothing they can act on.
      throw new MarketDataError("upstream_unavailable", unreachableMessage(this.baseUrl));
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      if (signal.aborted) throw this.timeoutError(timeoutMs);
      body = undefined;
    }
    if (response.ok) {
      if (body === undefined || body === null || typeof body !== "object") {
        throw new MarketDataError(
          "upstream_error",
          "Market data unavailable: the data service answered something that is not JSON",
        );
      }
      return body as T;
    }
    throw this.httpError(response.status, body, symbol);
  }

  private timeoutError(timeoutMs: number): MarketDataError {
    const seconds = Math.round(timeoutMs / 100) / 10;
    return new MarketDataError("timeout", `Market data timed out (no answer within ${seconds} s)`);
  }

  private httpError(status: number, body: unknown, symbol?: string): MarketDataError {
    const apiError = readApiError(body);
    if (apiError) {
      if (symbol) return symbolError(symbol, apiError);
      if (apiError.code === "bad_request") {
        return new MarketDataError("bad_request", `The data service refused the request: ${apiError.message}`);
      }
      if (apiError.code === "timeout") return new MarketDataError("timeout", `Market data timed out (${apiError.message})`);
      return new MarketDataError(apiError.code, `Market data unavailable: ${apiError.message}`);
    }
    if (status === 504) return new MarketDataError("timeout", "Market data timed out (the data service gave up waiting)");
    if (status >= 400 && status < 500) {
      return new MarketDataError("bad_request", `The data service refused the request (HTTP ${status})`);
    }
    return new MarketDataError("upstream_unavailable", `Market data unavailable: the data service answered HTTP ${status}`);
  }
}

/** What an analyst reads when the add-in cannot reach its data service at all. */
export function unreachableMessage(baseUrl: string): string {
  const root = baseUrl.replace(/\/api\/v1\/?$/, "");
  return `The AICHAIN data service is not reachable at ${root}: start it with npm start, or ask whoever runs it`;
}

/** The `{ error: { code, message } }` body of a refusal, when that is what came back. */
function readApiError(body: unknown): ApiError | undefined {
  if (!body || typeof body !== "object") return undefined;
  const error = (body as { error?: unknown }).error;
  if (!error || typeof error !== "object") return undefined;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code !== "string" || !ERROR_CODES.includes(code as ErrorCode)) return undefined;
  return { code: code as ErrorCode, message: typeof message === "string" ? message : "" };
}
