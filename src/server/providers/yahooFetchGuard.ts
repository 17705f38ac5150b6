/**
 * Wraps the fetch handed to yahoo-finance2 so that HTTP trouble becomes a typed ProviderError
 * before the library sees it: 429 and 5xx are retryable outages, 404 means Yahoo does not know
 * the symbol, an aborted request is a time-out, a network failure means Yahoo is unreachable.
 */
import { ProviderError, timedOut, unavailable, unknownSymbol } from "./provider";

export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/** The symbol in a chart or quoteSummary URL path, for error messages. */
function symbolInUrl(url: string): string {
  try {
    const path = new URL(url).pathname.split("/").filter(Boolean);
    return decodeURIComponent(path[path.length - 1] ?? "");
  } catch {
    return "";
  }
}

async function describe(response: Response): Promise<string> {
  try {
    const body = JSON.parse(await response.text()) as Record<string, { error?: { description?: string } }>;
    const first = Object.values(body)[0];
    return first?.error?.description ?? "";
  } catch {
    return "";
  }
}

export function guardYahooFetch(base: FetchLike): FetchLike {
  return async (input, init) => {
    const url = String(input instanceof Request ? input.url : input);
    let response: Response;
    try {
      response = await base(input, init);
    } catch (err) {
      if (err instanceof ProviderError) throw err;
      if (init?.signal?.aborted || (err instanceof Error && err.name === "AbortError")) {
        throw timedOut("Yahoo Finance did not answer in time");
      }
      const reason = err instanceof Error ? err.message : String(err);
      throw unavailable(`Cannot reach Yahoo Finance (${reason})`);
    }
    const status = response.status;
    if (status === 429) throw unavailable("Yahoo Finance is limiting requests (HTTP 429)", true, 429);
    if (status >= 500) throw unavailable(`Yahoo Finance is failing (HTTP ${status})`, true, status);
    if (status === 404) {
      const detail = await describe(response);
      throw unknownSymbol(symbolInUrl(url) || "requested", detail || "Yahoo Finance has no such symbol");
    }
    if (status === 401 || status === 403) {
      throw unavailable(`Yahoo Finance refused the request (HTTP ${status})`, false, status);
    }
    return response;
  };
}
