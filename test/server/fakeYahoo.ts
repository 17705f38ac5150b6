/**
 * A stand-in for Yahoo Finance behind an injected fetch: serves the hand-made fixtures in
 * test/fixtures/yahoo, sliced to the requested period like Yahoo does, with the cookie/crumb
 * handshake quote and quoteSummary need, a log of calls, and switchable failures.
 */
import fs from "node:fs";
import path from "node:path";

const FIXTURES = path.join(__dirname, "..", "fixtures", "yahoo");

export type Failure = "429" | "500" | "network" | "malformed" | "hang";

export interface FakeCall {
  kind: "chart" | "quote" | "quoteSummary" | "cookie" | "crumb" | "other";
  url: string;
  symbol?: string;
  period1?: number;
  period2?: number;
}

type Json = Record<string, any>;

export function loadFixture(name: string): Json {
  return JSON.parse(fs.readFileSync(path.join(FIXTURES, name), "utf8")) as Json;
}

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json;charset=utf-8" } });
}

/** A chart body with only the bars and events in [period1, period2), as Yahoo answers. */
function sliceChart(body: Json, period1: number, period2: number): Json {
  const result = structuredClone(body.chart.result[0]) as Json;
  const keep = (result.timestamp as number[]).map((t) => t >= period1 && t < period2);
  result.timestamp = (result.timestamp as number[]).filter((_, i) => keep[i]);
  const quote = result.indicators.quote[0];
  for (const key of Object.keys(quote)) quote[key] = (quote[key] as unknown[]).filter((_, i) => keep[i]);
  for (const block of result.indicators.adjclose ?? []) block.adjclose = (block.adjclose as unknown[]).filter((_, i) => keep[i]);
  for (const kind of ["dividends", "splits"]) {
    const events = result.events?.[kind] as Json | undefined;
    if (!events) continue;
    for (const key of Object.keys(events)) if (Number(key) < period1 || Number(key) >= period2) delete events[key];
  }
  if (result.timestamp.length === 0) {
    delete result.timestamp;
    result.indicators = { quote: [{}], adjclose: [{}] };
  }
  return { chart: { result: [result], error: null } };
}

export class FakeYahoo {
  readonly calls: FakeCall[] = [];
  charts: Record<string, Json> = {
    SOXX: loadFixture("chart-SOXX.json"),
    "3033.HK": loadFixture("chart-3033.HK.json"),
    "AIR.NZ": loadFixture("chart-AIR.NZ.json"),
  };
  quotes: Json = loadFixture("quote.json");
  summaries: Record<string, Json> = { SOXX: loadFixture("quoteSummary-SOXX.json") };
  /** Failures served (in order) to the next data calls, before answering normally. */
  failures: Failure[] = [];
  /** Every data call fails this way while set. */
  down: Failure | null = null;
  /** Added to every data call, to let requests pile up. */
  delayMs = 0;

  /** Chart calls for daily prices (not the events-only ones at a long interval). */
  priceCalls(): FakeCall[] {
    return this.dataCalls("chart").filter((c) => new URL(c.url).searchParams.get("interval") === "1d");
  }

  /** Events-only chart calls (long interval), as made to confirm corporate actions. */
  actionCalls(): FakeCall[] {
    return this.dataCalls("chart").filter((c) => new URL(c.url).searchParams.get("interval") !== "1d");
  }

  dataCalls(kind?: FakeCall["kind"]): FakeCall[] {
    return this.calls.filter((c) =>
      kind ? c.kind === kind : c.kind === "chart" || c.kind === "quote" || c.kind === "quoteSummary",
    );
  }

  readonly fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = new URL(String(input instanceof Request ? input.url : input));
    if (url.hostname === "finance.yahoo.com") {
      this.calls.push({ kind: "cookie", url: url.href });
      const response = new Response("", {
        status: 200,
        headers: { "set-cookie": "A3=fake-cookie; Max-Age=31557600; Domain=.yahoo.com; Path=/; Secure" },
      });
      // Jest runs tests in their own realm: Node's getSetCookie() array fails the library's
      // `instanceof Array` check there, so hand it an array of this realm (real Node has one realm).
      const native = response.headers.getSetCookie.bind(response.headers);
      Object.defineProperty(response.headers, "getSetCookie", { value: () => Array.from(native()) });
      return response;
    }
    if (url.pathname === "/v1/test/getcrumb") {
      this.calls.push({ kind: "crumb", url: url.href });
      return new Response("fakeCrumb", { status: 200, headers: { "content-type": "text/plain" } });
    }
    const call = this.classify(url);
    this.calls.push(call);
    if (this.delayMs) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    const failure = this.down ?? this.failures.shift();
    if (failure) return this.fail(failure, init);
    return this.answer(call, url);
  };

  private classify(url: URL): FakeCall {
    const parts = url.pathname.split("/");
    const symbol = decodeURIComponent(parts[parts.length - 1]);
    if (url.pathname.startsWith("/v8/finance/chart/")) {
      return {
        kind: "chart",
        url: url.href,
        symbol,
        period1: Number(url.searchParams.get("period1")),
        period2: Number(url.searchParams.get("period2")),
      };
    }
    if (url.pathname.startsWith("/v7/finance/quote"))
      return { kind: "quote", url: url.href, symbol: url.searchParams.get("symbols") ?? "" };
    if (url.pathname.startsWith("/v10/finance/quoteSummary/")) return { kind: "quoteSummary", url: url.href, symbol };
    return { kind: "other", url: url.href };
  }

  private fail(failure: Failure, init?: RequestInit): Promise<Response> {
    switch (failure) {
      case "429":
        return Promise.resolve(new Response("Too Many Requests", { status: 429 }));
      case "500":
        return Promise.resolve(new Response("Internal Server Error", { status: 500 }));
      case "malformed":
        return Promise.resolve(
          new Response('{"chart": {"result": [ {"meta": ', { status: 200, headers: { "content-type": "application/json" } }),
        );
      case "network":
        return Promise.reject(new TypeError("fetch failed"));
      case "hang":
        return new Promise((_resolve, reject) => {
          init?.signal?.addEventListener("abort", () => reject(Object.assign(new Error("aborted"), { name: "AbortError" })));
        });
    }
  }

  private answer(call: FakeCall, url: URL): Response {
    const notFound = (key: string, description: string) =>
      json({ [key]: { result: null, error: { code: "Not Found", description } } }, 404);
    if (call.kind === "chart") {
      const body = this.charts[call.symbol ?? ""];
      if (!body) return notFound("chart", "No data found, symbol may be delisted");
      return json(sliceChart(body, call.period1 ?? 0, call.period2 ?? Number.MAX_SAFE_INTEGER));
    }
    if (call.kind === "quote") {
      const wanted = (url.searchParams.get("symbols") ?? "").split(",");
      const result = (this.quotes.quoteResponse.result as Json[]).filter((q) => wanted.includes(q.symbol));
      return json({ quoteResponse: { result, error: null } });
    }
    if (call.kind === "quoteSummary") {
      const body = this.summaries[call.symbol ?? ""];
      return body ? json(body) : notFound("quoteSummary", `Quote not found for symbol: ${call.symbol}`);
    }
    return json({ error: "unexpected" }, 400);
  }
}
