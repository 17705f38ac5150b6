/**
 * The closes route: for each symbol and date, the last close on or before the date, read from
 * the same daily history the history route serves (so the two can never disagree). Only the
 * span the dates need is read: from a couple of weeks before the earliest date (the close on or
 * before it) to the latest date. A date with no close in that look-back (data starts later, or a
 * long halt) makes a second read from the earliest date the service knows, which settles whether
 * an earlier close exists and, when none does, where the series starts.
 */
import {
  BASE_CLOSE_LOOKBACK_DAYS,
  CLOSES_LIMITS,
  LIMITS,
  type ApiError,
  type CloseAt,
  type ClosesResponse,
  type HistoryResponse,
  type HistoryRow,
  type Interval,
  type SeriesPayload,
} from "../api/contract";
import { addDays } from "../api/validation";

export type HistoryReader = (symbols: string[], start: string, end: string, interval: Interval) => Promise<HistoryResponse>;

/** Index of the last row dated on or before `date`, or -1 (rows oldest first). */
function lastRowOnOrBefore(rows: readonly HistoryRow[], date: string): number {
  let lo = 0;
  let hi = rows.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (rows[mid][0] <= date) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}

function closeAt(rows: readonly HistoryRow[], date: string): CloseAt | null {
  const index = date === CLOSES_LIMITS.latest ? rows.length - 1 : lastRowOnOrBefore(rows, date);
  if (index < 0) return null;
  const row = rows[index];
  return [row[0], row[4], row[5]];
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
    const closes = dates.map((d) => closeAt(payload.rows, d));
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
        dates.map((d) => closeAt(payload.rows, d)),
      );
    }
  }
  return response;
}

function entry(payload: SeriesPayload, closes: (CloseAt | null)[]) {
  const answer: ClosesResponse["series"][string] = {
    currency: payload.currency,
    timezone: payload.timezone,
    closes,
    source: payload.source,
    asOf: payload.asOf,
    stale: payload.stale,
  };
  if (closes.some((c) => c === null) && payload.rows.length > 0) answer.firstDate = payload.rows[0][0];
  return answer;
}

function missing(symbol: string): ApiError {
  return { code: "upstream_error", message: `No answer for ${symbol}` };
}
