/**
 * A stand-in for the `/api/v1` data service, behaving like it for the client: it answers
 * history, closes, stats, quote and fund requests from small hand-made data, returns only the rows inside the
 * requested dates, reports unknown symbols per symbol, and records every request so tests can
 * count them. Modes make it slow, hang, fail or refuse.
 */
import type { ClosesResponse, FundResponse, HistoryResponse, HistoryRow, Quote, QuoteResponse } from "../../src/api/contract";
import { aggregateRows } from "../../src/server/aggregateBars";
import { columnarHistory } from "../../src/server/columnarHistory";
import { columnsOfHistory } from "../../src/server/columnarAnswer";
import { statsAnswer } from "../../src/server/statsAnswer";
import { closePairsAnswer } from "../../src/server/closesAnswer";
import { utcMsToIsoDate } from "../../src/calendar/isoDate";
import {
  addDays,
  parseCloseDates,
  parseClosePairs,
  parseHistoryFields,
  parseHistoryFormat,
  parseInterval,
  parseIsoDate,
  parseStatItems,
  parseSymbolList,
  validateRange,
} from "../../src/api/validation";
import type { FetchLike, ResponseLike } from "../../src/client";

export interface FakeSeries {
  rows: HistoryRow[];
  dividends?: [string, number][];
  currency?: string;
  /** The corporate-action basis the service reports for it. */
  basis?: string;
}

export interface RecordedRequest {
  endpoint: string;
  params: Record<string, string>;
  symbols: string[];
}

export interface FakeServiceOptions {
  series?: Record<string, FakeSeries>;
  quotes?: Record<string, Quote>;
  funds?: Record<string, FundResponse>;
  /** Milliseconds before each answer. */
  delayMs?: number;
}

export class FakeMarketService {
  readonly requests: RecordedRequest[] = [];
  series: Record<string, FakeSeries>;
  quotes: Record<string, Quote>;
  funds: Record<string, FundResponse>;
  delayMs: number;
  /** "hang": never answers (but honours abort); "down": network error; a number: that HTTP status. */
  failure: "hang" | "hang-ignoring-abort" | "down" | number | undefined;
  failureBody: unknown = undefined;
  /** Answers one request at a time (each taking `delayMs`), as a busy service with one worker does. */
  serial = false;
  private line: Promise<void> = Promise.resolve();
  /** False: an older service that does not know the stats route (404, as the service answers an unknown route). */
  statsRoute = true;
  /** False: an older service whose closes route takes only symbols+dates (400 for items). */
  closePairs = true;
  /** The service's clock (its "today" for the stats route); tests set it to the client's. */
  now: () => number = Date.now;
  /** A stricter service: refuses (400) any history or quote request for which this gives a reason. */
  refuseWhen: ((symbols: string[]) => string | undefined) | undefined;

  constructor(options: FakeServiceOptions = {}) {
    this.series = options.series ?? {};
    this.quotes = options.quotes ?? {};
    this.funds = options.funds ?? {};
    this.delayMs = options.delayMs ?? 0;
  }

  /** The requests to one endpoint. */
  requestsTo(endpoint: string): RecordedRequest[] {
    return this.requests.filter((r) => r.endpoint === endpoint);
  }

  readonly fetch: FetchLike = async (url, init) => {
    const parsed = new URL(url);
    const endpoint = parsed.pathname.replace(/^.*\/api\/v1\//, "");
    const params = Object.fromEntries(parsed.searchParams.entries());
    const symbols =
      params.items !== undefined
        ? [...new Set(params.items.split(",").map((item) => item.split(":")[0].trim().toUpperCase()))]
        : (params.symbols ?? params.symbol ?? "").split(",").filter(Boolean);
    this.requests.push({ endpoint, params, symbols });

    if (this.failure === "hang" || this.failure === "hang-ignoring-abort") {
      return new Promise<ResponseLike>((_, reject) => {
        if (this.failure === "hang") init.signal.addEventListener("abort", () => reject(new Error("aborted")));
      });
    }
    // Answered as the data stood when the request arrived, however long the reply takes.
    const historyAnswer = endpoint === "history" ? this.history(symbols, params.start, params.end, params.interval) : undefined;
    if (this.serial) {
      const turn = this.line.then(() => new Promise<void>((r) => setTimeout(r, this.delayMs)));
      this.line = turn;
      await turn;
    } else if (this.delayMs > 0) await new Promise((r) => setTimeout(r, this.delayMs));
    if (this.failure === "down") throw new TypeError("fetch failed: connection refused");
    if (typeof this.failure === "number") return reply(this.failure, this.failureBody);

    const stricter = endpoint !== "fund" ? this.refuseWhen?.(symbols) : undefined;
    if (stricter) return reply(400, { error: { code: "bad_request", message: stricter } });
    if (endpoint === "history") {
      const refusal = refuseHistory(params);
      if (refusal) return reply(400, { error: { code: "bad_request", message: refusal } });
      const answer = historyAnswer ?? this.history(symbols, params.start, params.end, params.interval);
      const fields = parseHistoryFields(params.fields, "columns");
      if (params.format === "columns" && fields.ok) return reply(200, columnarHistory(answer, fields.value));
      return reply(200, answer);
    }
    if (endpoint === "closes" && params.items !== undefined) {
      // An older service refuses the parameter as the service's query schema does.
      if (!this.closePairs)
        return reply(400, { error: { code: "bad_request", message: "querystring must NOT have additional properties" } });
      const pairs = parseClosePairs(params.items);
      if (!pairs.ok) return reply(400, { error: pairs.error });
      // The service's own answer, over columns made from this stand-in's rows as the service makes them.
      const read = async (symbols: string[], start: string, end: string) => columnsOfHistory(this.history(symbols, start, end));
      return reply(200, await closePairsAnswer(read, pairs.value, addDays(utcMsToIsoDate(this.now()), 1)));
    }
    if (endpoint === "closes") {
      const checkedSymbols = parseSymbolList(params.symbols);
      if (!checkedSymbols.ok) return reply(400, { error: checkedSymbols.error });
      const dates = parseCloseDates(params.dates);
      if (!dates.ok) return reply(400, { error: dates.error });
      return reply(200, this.closes(checkedSymbols.value, dates.value));
    }
    if (endpoint === "stats" && this.statsRoute) {
      const items = parseStatItems(params.items);
      if (!items.ok) return reply(400, { error: items.error });
      // The service's own computation, over columns made from this stand-in's rows as the service makes them.
      const read = async (symbols: string[], start: string, end: string) => columnsOfHistory(this.history(symbols, start, end));
      return reply(200, await statsAnswer(read, items.value, utcMsToIsoDate(this.now())));
    }
    if (endpoint === "quote") {
      const checked = parseSymbolList(params.symbols);
      if (!checked.ok) return reply(400, { error: checked.error });
      return reply(200, this.quote(symbols));
    }
    if (endpoint === "fund") {
      const fund = this.funds[params.symbol];
      if (fund) return reply(200, fund);
      return reply(404, { error: { code: "unknown_symbol", message: `No fund data for ${params.symbol}` } });
    }
    return reply(404, { error: { code: "not_found", message: `No such API route: /api/v1/${endpoint}` } });
  };

  /** As the service: weekly and monthly rows aggregated from the daily ones by the service's rule. */
  private history(symbols: string[], start: string, end: string, interval = "1d"): HistoryResponse {
    const body: HistoryResponse = { series: {}, errors: {} };
    for (const symbol of symbols) {
      const data = this.series[symbol];
      if (!data) {
        body.errors[symbol] = { code: "unknown_symbol", message: `Unknown symbol ${symbol}` };
        continue;
      }
      const rows = data.rows.filter(([date]) => date >= start && date <= end);
      if (rows.length === 0) {
        body.errors[symbol] = { code: "no_data", message: `No rows between ${start} and ${end}` };
        continue;
      }
      body.series[symbol] = {
        currency: data.currency ?? "USD",
        timezone: "America/New_York",
        rows: interval === "1wk" || interval === "1mo" ? aggregateRows(rows, interval) : rows,
        dividends: (data.dividends ?? []).filter(([date]) => date >= start && date <= end),
        splits: [],
        source: "csv",
        asOf: "2025-06-30T21:00:00Z",
        stale: false,
        ...(data.basis !== undefined ? { basis: data.basis } : {}),
      };
    }
    return body;
  }

  /** As the service's closes route: the last close on or before each date ("latest": the last one). */
  private closes(symbols: string[], dates: string[]): ClosesResponse {
    const body: ClosesResponse = { dates, series: {}, errors: {} };
    for (const symbol of symbols) {
      const data = this.series[symbol];
      if (!data) {
        body.errors[symbol] = { code: "unknown_symbol", message: `Unknown symbol ${symbol}` };
        continue;
      }
      if (data.rows.length === 0) {
        body.errors[symbol] = { code: "no_data", message: `No ${symbol} prices` };
        continue;
      }
      const closes = dates.map((date) => {
        const row = date === "latest" ? data.rows[data.rows.length - 1] : [...data.rows].reverse().find(([d]) => d <= date);
        return row ? ([row[0], row[4], row[5]] as [string, number, number]) : null;
      });
      body.series[symbol] = {
        currency: data.currency ?? "USD",
        timezone: "America/New_York",
        closes,
        ...(closes.includes(null) ? { firstDate: data.rows[0][0] } : {}),
        source: "csv",
        asOf: "2025-06-30T21:00:00Z",
        stale: false,
      };
    }
    return body;
  }

  private quote(symbols: string[]): QuoteResponse {
    const body: QuoteResponse = { quotes: {}, errors: {} };
    for (const symbol of symbols) {
      const quote = this.quotes[symbol];
      if (quote) body.quotes[symbol] = quote;
      else body.errors[symbol] = { code: "unknown_symbol", message: `Unknown symbol ${symbol}` };
    }
    return body;
  }
}

/** Why the real service would refuse a history request (the same checks, in the same order), if it would. */
function refuseHistory(params: Record<string, string>): string | undefined {
  const symbols = parseSymbolList(params.symbols);
  if (!symbols.ok) return symbols.error.message;
  const start = parseIsoDate(params.start, "start");
  if (!start.ok) return start.error.message;
  const end = parseIsoDate(params.end, "end");
  if (!end.ok) return end.error.message;
  const range = validateRange(start.value, end.value);
  if (!range.ok) return range.error.message;
  const interval = parseInterval(params.interval);
  if (!interval.ok) return interval.error.message;
  const format = parseHistoryFormat(params.format);
  if (!format.ok) return format.error.message;
  const fields = parseHistoryFields(params.fields, format.value);
  return fields.ok ? undefined : fields.error.message;
}

function reply(status: number, body: unknown): ResponseLike {
  return {
    ok: status >= 200 && status < 300,
    status,
    json: async () => {
      if (body === undefined) throw new SyntaxError("Unexpected end of JSON input");
      return JSON.parse(JSON.stringify(body));
    },
  };
}

/**
 * A weekday series from `from` to `to` (holidays skipped) whose closes follow a fixed, uneven
 * pattern derived from `seed`, so every symbol differs. Adjusted closes sit below closes before
 * `dividendDate` (a dividend of `dividend` per share), as a provider's adjusted series does.
 */
export function makeSeries(
  seed: number,
  from: string,
  to: string,
  options: { holidays?: string[]; dividendDate?: string; dividend?: number } = {},
): FakeSeries {
  const rows: HistoryRow[] = [];
  const holidays = new Set(options.holidays ?? []);
  let close = 50 + seed * 7;
  let step = 0;
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) {
    const date = new Date(t).toISOString().slice(0, 10);
    const weekday = new Date(t).getUTCDay();
    if (weekday === 0 || weekday === 6 || holidays.has(date)) continue;
    step += 1;
    const move = (((step * (seed + 3) * 37) % 41) - 19.5) / 1000;
    close = Math.round(close * (1 + move) * 100) / 100;
    rows.push([date, close - 0.5, close + 1, close - 1, close, close, 1000 + step]);
  }
  const dividends: [string, number][] = [];
  if (options.dividendDate && options.dividend) {
    const divDate = options.dividendDate;
    const divIndex = rows.findIndex(([date]) => date >= divDate);
    if (divIndex > 0) {
      const previousClose = rows[divIndex - 1][4];
      const factor = 1 - options.dividend / previousClose;
      for (let i = 0; i < divIndex; i++) rows[i][5] = rows[i][4] * factor;
      dividends.push([rows[divIndex][0], options.dividend]);
    }
  }
  return { rows, dividends };
}

/** An instant (epoch ms) at noon UTC on a date, for the client's `now`. */
export function noonUtc(date: string): number {
  return Date.parse(`${date}T12:00:00Z`);
}

/** Resolves once `condition` holds (checked every few milliseconds); fails after `timeoutMs`. */
export async function waitFor(condition: () => boolean, timeoutMs = 3_000): Promise<void> {
  const began = Date.now();
  while (!condition()) {
    if (Date.now() - began > timeoutMs) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 2));
  }
}

/**
 * The service's answers held until the test releases each request (or, once `passing` is set,
 * given at once); an aborted request is rejected as a browser's fetch rejects it. `sent` keeps
 * every request's URL and signal, so a test can see which requests were aborted.
 */
export function gatedFetch(service: FakeMarketService) {
  const sent: { url: string; signal: AbortSignal; release: () => void }[] = [];
  const gate = { passing: false };
  const fetch: FetchLike = (url, init) => {
    if (gate.passing) {
      sent.push({ url, signal: init.signal, release: () => undefined });
      return service.fetch(url, init);
    }
    return new Promise<ResponseLike>((resolve, reject) => {
      init.signal.addEventListener("abort", () => reject(new Error("The operation was aborted.")));
      sent.push({ url, signal: init.signal, release: () => void service.fetch(url, init).then(resolve, reject) });
    });
  };
  return { fetch, sent, gate };
}
