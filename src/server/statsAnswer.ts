/**
 * The stats route: each window's VOLATILITY or MAXDRAWDOWN computed here from the daily closes
 * the history route serves, by the same code the add-in runs on a series it holds
 * (src/market/windowStatistic.ts), on the columns it would hold (the wire's rule for missing
 * values), over the days it would read (the window's start less the look-back, to its end or
 * today). So a cell gets the same bits, and a window without an answer the same words, as if the
 * add-in had downloaded the series; what travels is one number per window.
 *
 * Every symbol's closes are read once per request, over the union of its windows. A window that
 * misses the data (before it starts, or after today) is told where the data lies, as the add-in
 * says it, from a second read of that symbol's whole history.
 */
import { LIMITS, type ApiError, type StatItem, type StatOutcome, type StatsResponse } from "../api/contract";
import { emptyWindowError, windowEnd, windowStart } from "../api/validation";
import { dayNumberToIso, isoToDayNumber } from "../market/isoDate";
import { closeColumns, windowOfDays, type PriceColumns } from "../market/priceColumns";
import { MarketError, isArgumentError } from "../market/types";
import { WINDOW_STATISTIC, missedTheData, outsideDataMessage } from "../market/windowStatistic";
import type { HistoryReader } from "./closesAnswer";

const EMPTY: PriceColumns = { days: new Int32Array(0), close: new Float64Array(0), adjclose: new Float64Array(0) };

/** A window's outcome before the message of a window that missed the data is completed. */
interface Pending {
  outcome: StatOutcome;
  /** The window missed the data: its message gets the symbol's data span. */
  missed: boolean;
}

/** The days one item reads, or why it reads none. */
type ItemDays = { ok: true; start: string; end: string } | { ok: false; error: ApiError };

/** Answers `items` (validated) with closes read through `read`; `today` is the UTC date now. */
export async function statsAnswer(read: HistoryReader, items: StatItem[], today: string): Promise<StatsResponse> {
  const days: ItemDays[] = items.map((item) => {
    const end = windowEnd(item.symbol, item.start, item.end, today);
    return end.ok ? { ok: true, start: windowStart(item.start, end.value), end: end.value } : end;
  });

  // One read per symbol over the union of its windows; symbols with the same union share it.
  const spans = new Map<string, { start: string; end: string }>();
  days.forEach((d, i) => {
    if (!d.ok) return;
    const symbol = items[i].symbol;
    const span = spans.get(symbol);
    if (!span) spans.set(symbol, { start: d.start, end: d.end });
    else {
      if (d.start < span.start) span.start = d.start;
      if (d.end > span.end) span.end = d.end;
    }
  });
  const bySpan = new Map<string, string[]>();
  for (const [symbol, span] of spans) {
    const key = `${span.start}|${span.end}`;
    const list = bySpan.get(key);
    if (list) list.push(symbol);
    else bySpan.set(key, [symbol]);
  }
  const columns = new Map<string, PriceColumns>();
  const errors: Record<string, ApiError> = {};
  await Promise.all(
    [...bySpan].map(async ([key, symbols]) => {
      const [start, end] = key.split("|");
      const answer = await read(symbols, start, end, "1d");
      for (const symbol of symbols) {
        const series = answer.series[symbol];
        if (series) columns.set(symbol, closeColumns(series.days, series.values.close, series.values.adjclose));
        // "No data" in the span is an answer: the windows in it are empty.
        else if (answer.errors[symbol]?.code === "no_data") columns.set(symbol, EMPTY);
        else errors[symbol] = answer.errors[symbol] ?? { code: "upstream_error", message: `No answer for ${symbol}` };
      }
    }),
  );

  const pending: (Pending | null)[] = items.map((item, i) => {
    const d = days[i];
    if (!d.ok) return { outcome: { error: d.error }, missed: true };
    const held = columns.get(item.symbol);
    if (!held) return null;
    const window = windowOfDays(held, isoToDayNumber(d.start), isoToDayNumber(d.end));
    if (window.to < window.from) return { outcome: { error: emptyWindowError(item.symbol, item.start, d.end) }, missed: true };
    return statisticOf(item, window);
  });

  await explainMissed(read, items, pending, today);
  return { results: pending.map((p) => (p ? p.outcome : null)), errors };
}

function statisticOf(item: StatItem, window: ReturnType<typeof windowOfDays>): Pending {
  try {
    const { value } = WINDOW_STATISTIC[item.statistic](window, item.start, item.end, item.type, item.symbol);
    return { outcome: { value: wireNumber(value) }, missed: false };
  } catch (err) {
    if (!(err instanceof MarketError)) throw err;
    return {
      outcome: { error: { code: isArgumentError(err) ? "bad_request" : "no_data", message: err.message } },
      missed: missedTheData(err),
    };
  }
}

/** Completes the message of every window that missed its symbol's data with where that data lies. */
async function explainMissed(read: HistoryReader, items: StatItem[], pending: (Pending | null)[], today: string): Promise<void> {
  const symbols = [...new Set(items.filter((_, i) => pending[i]?.missed).map((item) => item.symbol))];
  if (symbols.length === 0) return;
  let whole: Awaited<ReturnType<HistoryReader>>;
  try {
    whole = await read(symbols, LIMITS.minDate, today, "1d");
  } catch {
    // As in the add-in: without the span, the first message stands.
    return;
  }
  items.forEach((item, i) => {
    const p = pending[i];
    if (!p?.missed || !("error" in p.outcome)) return;
    const series = whole.series[item.symbol];
    if (!series || series.days.length === 0) return;
    const span = { first: dayNumberToIso(series.days[0]), last: dayNumberToIso(series.days[series.days.length - 1]) };
    p.outcome = {
      error: { code: "no_data", message: outsideDataMessage(p.outcome.error.message, item.symbol, item.start, span) },
    };
  });
}

function wireNumber(value: number): number | "NaN" | "Infinity" | "-Infinity" {
  if (value - value === 0) return value;
  return value !== value ? "NaN" : value > 0 ? "Infinity" : "-Infinity";
}
