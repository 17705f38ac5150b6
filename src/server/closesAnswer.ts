/**
 * The closes route: for each symbol and date, the last close on or before the date, read from
 * the same daily history the history route serves (so the two can never disagree). Only the
 * span the dates need is read: from a couple of weeks before the earliest date (the close on or
 * before it) to the latest date. A date with no close in that look-back (data starts later, or a
 * long halt) makes a second read from the earliest date the service knows, which settles whether
 * an earlier close exists and, when none does, where the series starts.
 *
 * Pairs (`items=SYMBOL:DATE,...`) are answered symbol by symbol with the same reading, each symbol
 * over the span its own dates need, so scattered needs do not make every symbol read every span.
 */
import {
  BASE_CLOSE_LOOKBACK_DAYS,
  CLOSES_LIMITS,
  LIMITS,
  type ApiError,
  type CloseAt,
  type ClosePair,
  type ClosePairsResponse,
  type ClosesResponse,
  type Interval,
} from "../api/contract";
import { addDays } from "../api/validation";
import { dayNumberToIso, isoToDayNumber } from "../market/isoDate";
import { lastPositionOnOrBefore } from "../market/priceColumns";
import type { ColumnsResponse, SeriesColumns } from "./columnarAnswer";

/** The fields a close is read from; a CSV folder reads only these columns of its files. */
export const CLOSE_FIELDS = ["close", "adjclose"] as const;
export type CloseField = (typeof CLOSE_FIELDS)[number];

/**
 * Daily closes and adjusted closes as columns (MarketService.historyColumns with CLOSE_FIELDS):
 * the closes are read by binary search, no row is built.
 */
export type HistoryReader = (
  symbols: string[],
  start: string,
  end: string,
  interval: Interval,
) => Promise<ColumnsResponse<CloseField>>;

function closeAt(series: SeriesColumns<CloseField>, date: string): CloseAt | null {
  const { days, values } = series;
  const index =
    date === CLOSES_LIMITS.latest ? days.length - 1 : lastPositionOnOrBefore(days, isoToDayNumber(date), 0, days.length - 1);
  if (index < 0) return null;
  return [dayNumberToIso(days[index]), values.close[index], values.adjclose[index]];
}

/**
 * Answers `dates` (validated dates or "latest") for `symbols`. `latestEnd` is the end used for
 * "latest" and the default end of the read (tomorrow in UTC, as for history without an end).
 */
export async function closesAnswer(
  read: HistoryReader,
  symbols: string[],
  dates: string[],
  latestEnd: string,
): Promise<ClosesResponse> {
  const concrete = dates.filter((d) => d !== CLOSES_LIMITS.latest).sort();
  const wantsLatest = concrete.length < dates.length;
  const end = wantsLatest || concrete.length === 0 ? latestEnd : concrete[concrete.length - 1];
  const earliest = concrete.length > 0 ? concrete[0] : end;
  const lookbackStart = addDays(earliest, -BASE_CLOSE_LOOKBACK_DAYS);
  const start = lookbackStart < LIMITS.minDate ? LIMITS.minDate : lookbackStart;

  const response: ClosesResponse = { dates, series: {}, errors: {} };
  const first = await read(symbols, start, end, "1d");
  const again: string[] = [];
  for (const symbol of symbols) {
    const payload = first.series[symbol];
    if (!payload) {
      // No rows at all in the span: earlier data may still answer the earliest dates.
      if (start > LIMITS.minDate && first.errors[symbol]?.code === "no_data") again.push(symbol);
      else response.errors[symbol] = first.errors[symbol] ?? missing(symbol);
      continue;
    }
    const closes = dates.map((d) => closeAt(payload, d));
    if (closes.some((c) => c === null) && start > LIMITS.minDate) {
      again.push(symbol);
      continue;
    }
    response.series[symbol] = entry(payload, closes);
  }
  if (again.length > 0) {
    const full = await read(again, LIMITS.minDate, end, "1d");
    for (const symbol of again) {
      const payload = full.series[symbol];
      if (!payload) {
        response.errors[symbol] = full.errors[symbol] ?? missing(symbol);
        continue;
      }
      response.series[symbol] = entry(
        payload,
        dates.map((d) => closeAt(payload, d)),
      );
    }
  }
  return response;
}

function entry(payload: SeriesColumns<CloseField>, closes: (CloseAt | null)[]) {
  const answer: ClosesResponse["series"][string] = {
    currency: payload.currency,
    timezone: payload.timezone,
    closes,
    source: payload.source,
    asOf: payload.asOf,
    stale: payload.stale,
  };
  if (closes.some((c) => c === null) && payload.days.length > 0) answer.firstDate = dayNumberToIso(payload.days[0]);
  return answer;
}

function missing(symbol: string): ApiError {
  return { code: "upstream_error", message: `No answer for ${symbol}` };
}

/**
 * Answers (symbol, date) pairs in their order: each symbol's distinct dates are answered as the
 * symbols+dates form answers them (closesAnswer over that symbol alone), the symbols side by side.
 */
export async function closePairsAnswer(read: HistoryReader, pairs: ClosePair[], latestEnd: string): Promise<ClosePairsResponse> {
  const datesOf = new Map<string, string[]>();
  for (const { symbol, date } of pairs) {
    const dates = datesOf.get(symbol);
    if (!dates) datesOf.set(symbol, [date]);
    else if (!dates.includes(date)) dates.push(date);
  }
  const answers = await Promise.all(
    [...datesOf].map(async ([symbol, dates]) => ({
      symbol,
      dates,
      answer: await closesAnswer(read, [symbol], dates, latestEnd),
    })),
  );
  const response: ClosePairsResponse = { closes: [], series: {}, errors: {} };
  const closeOf = new Map<string, CloseAt | null>();
  for (const { symbol, dates, answer } of answers) {
    const series = answer.series[symbol];
    if (!series) {
      response.errors[symbol] = answer.errors[symbol] ?? missing(symbol);
      continue;
    }
    const { closes, ...info } = series;
    response.series[symbol] = info;
    dates.forEach((date, i) => closeOf.set(`${symbol}|${date}`, closes[i]));
  }
  response.closes = pairs.map(({ symbol, date }) => closeOf.get(`${symbol}|${date}`) ?? null);
  return response;
}
