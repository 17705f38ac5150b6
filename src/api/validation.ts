/**
 * Input checks for the data-service contract, shared by the service and the add-in so both
 * reject the same things with the same messages. Pure: no Node, no Office, no clock.
 */
import { ISO_DATE_PATTERN, addDays, daysBetween, isoDateToUtcMs, maxDate, minDate } from "../calendar/isoDate";
import {
  ApiError,
  BASE_CLOSE_LOOKBACK_DAYS,
  CLOSES_LIMITS,
  HISTORY_FIELDS,
  HISTORY_FORMATS,
  HistoryField,
  HistoryFormat,
  INTERVALS,
  Interval,
  LIMITS,
  STAT_TYPES,
  STATS_LIMITS,
  WINDOW_STATISTICS,
  type ClosePair,
  type StatItem,
  type StatType,
  type WindowStatistic,
} from "./contract";

// The service and the add-in have long taken these from here; the arithmetic itself is the calendar's.
export { addDays, daysBetween, isoDateToUtcMs, utcMsToIsoDate } from "../calendar/isoDate";

export type Checked<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** Yahoo's symbol spelling: letters, digits and . - = ^ (indices start with ^, futures end =F). */
export const SYMBOL_PATTERN = /^[A-Z0-9^][A-Z0-9.\-=^]{0,19}$/;

function bad(message: string): { ok: false; error: ApiError } {
  return { ok: false, error: { code: "bad_request", message } };
}

/** How much of a typed value a message repeats: enough to recognise it, never a whole paste. */
export const ECHO_LIMIT = 40;

/** A user-supplied value cut to ECHO_LIMIT characters for a message. */
export function clipInput(value: string): string {
  return value.length > ECHO_LIMIT ? `${value.slice(0, ECHO_LIMIT - 1)}…` : value;
}

/** Quotes a user-supplied value for an error message without letting it run on. */
export function quoteInput(value: string): string {
  return JSON.stringify(clipInput(value));
}

const show = quoteInput;

/** One symbol, trimmed and upper-cased. */
export function parseSymbol(input: unknown): Checked<string> {
  if (typeof input !== "string") return bad("A symbol must be text");
  const symbol = input.trim().toUpperCase();
  if (symbol === "") return bad("A symbol is required");
  if (symbol.length > LIMITS.maxSymbolLength) {
    return bad(`Symbol ${show(symbol)} is longer than ${LIMITS.maxSymbolLength} characters`);
  }
  if (!SYMBOL_PATTERN.test(symbol)) {
    return bad(`Symbol ${show(symbol)} is not a valid symbol (letters, digits and . - = ^ only)`);
  }
  return { ok: true, value: symbol };
}

/** A comma-separated list ("SOXX,qqq, RSP"): each checked, duplicates dropped, order kept. */
export function parseSymbolList(input: unknown): Checked<string[]> {
  if (typeof input !== "string") return bad("symbols must be a comma-separated list");
  const parts = input.split(",").map((part) => part.trim());
  if (parts.length === 1 && parts[0] === "") return bad("At least one symbol is required");
  const seen = new Set<string>();
  for (const part of parts) {
    if (part === "") return bad("The symbol list has an empty entry");
    const checked = parseSymbol(part);
    if (!checked.ok) return checked;
    seen.add(checked.value);
    if (seen.size > LIMITS.maxSymbolsPerRequest) {
      return bad(`At most ${LIMITS.maxSymbolsPerRequest} symbols per request`);
    }
  }
  return { ok: true, value: [...seen] };
}

/** A strict `YYYY-MM-DD` that names a real calendar day no earlier than LIMITS.minDate. */
export function parseIsoDate(input: unknown, name = "date"): Checked<string> {
  if (typeof input !== "string") return bad(`${name} must be a date as YYYY-MM-DD`);
  if (!ISO_DATE_PATTERN.test(input)) return bad(`${name} ${show(input)} is not a date as YYYY-MM-DD`);
  if (Number.isNaN(isoDateToUtcMs(input))) return bad(`${name} ${input} is not a real calendar date`);
  if (input < LIMITS.minDate) return bad(`${name} ${input} is before ${LIMITS.minDate}, the earliest date with data`);
  return { ok: true, value: input };
}

/** start <= end and the span within LIMITS.maxRangeDays. Both must already be valid dates. */
export function validateRange(start: string, end: string): Checked<{ start: string; end: string }> {
  if (start > end) return bad(`start ${start} is after end ${end}`);
  const span = daysBetween(start, end);
  if (span > LIMITS.maxRangeDays) {
    return bad(`The range ${start} to ${end} spans ${span} days; at most ${LIMITS.maxRangeDays} are allowed`);
  }
  return { ok: true, value: { start, end } };
}

/** "1d" | "1wk" | "1mo"; absent means daily. */
export function parseInterval(input: unknown): Checked<Interval> {
  if (input === undefined) return { ok: true, value: "1d" };
  if (typeof input === "string" && (INTERVALS as readonly string[]).includes(input)) {
    return { ok: true, value: input as Interval };
  }
  return bad(`interval must be one of ${INTERVALS.join(", ")}`);
}

/** "rows" | "columns"; absent means rows (the original format). */
export function parseHistoryFormat(input: unknown): Checked<HistoryFormat> {
  if (input === undefined) return { ok: true, value: "rows" };
  if (typeof input === "string" && (HISTORY_FORMATS as readonly string[]).includes(input)) {
    return { ok: true, value: input as HistoryFormat };
  }
  return bad(`format must be one of ${HISTORY_FORMATS.join(", ")}`);
}

/**
 * The columns a columnar answer carries ("close,adjclose"), in the canonical order, duplicates
 * dropped; absent means all of them. Only meaningful with format=columns: rows always carry
 * every field, so a field list there would be silently ignored, which is refused instead.
 */
export function parseHistoryFields(input: unknown, format: HistoryFormat): Checked<HistoryField[]> {
  if (input === undefined) return { ok: true, value: [...HISTORY_FIELDS] };
  if (format !== "columns") return bad("fields can only be chosen with format=columns");
  if (typeof input !== "string") return bad("fields must be a comma-separated list");
  const wanted = new Set<string>();
  for (const part of input.split(",").map((p) => p.trim().toLowerCase())) {
    if (part === "") return bad("The field list has an empty entry");
    if (!(HISTORY_FIELDS as readonly string[]).includes(part)) {
      return bad(`Unknown field ${show(part)}; fields are ${HISTORY_FIELDS.join(", ")}`);
    }
    wanted.add(part);
  }
  return { ok: true, value: HISTORY_FIELDS.filter((field) => wanted.has(field)) };
}

/**
 * The dates of a closes request ("2024-12-31,2025-06-30,latest"): each a valid date or the word
 * latest, duplicates kept (the answer is aligned with what was asked), at most
 * CLOSES_LIMITS.maxDatesPerRequest.
 */
export function parseCloseDates(input: unknown): Checked<string[]> {
  if (typeof input !== "string") return bad("dates must be a comma-separated list of YYYY-MM-DD dates or latest");
  const parts = input.split(",").map((p) => p.trim());
  if (parts.length === 1 && parts[0] === "") return bad("At least one date is required");
  if (parts.length > CLOSES_LIMITS.maxDatesPerRequest)
    return bad(`At most ${CLOSES_LIMITS.maxDatesPerRequest} dates per request`);
  const dates: string[] = [];
  for (const part of parts) {
    if (part === "") return bad("The date list has an empty entry");
    if (part.toLowerCase() === CLOSES_LIMITS.latest) {
      dates.push(CLOSES_LIMITS.latest);
      continue;
    }
    const date = parseIsoDate(part, "date");
    if (!date.ok) return date;
    dates.push(date.value);
  }
  return { ok: true, value: dates };
}

/**
 * The pairs of a closes request ("SOXX:2024-12-31,QQQ:latest"): each SYMBOL:DATE, DATE a date or
 * the word latest; duplicates kept (the answer is aligned with what was asked). At most
 * CLOSES_LIMITS.maxItemsPerRequest pairs over at most LIMITS.maxSymbolsPerRequest symbols.
 */
export function parseClosePairs(input: unknown): Checked<ClosePair[]> {
  if (typeof input !== "string") return bad("items must be a comma-separated list of SYMBOL:DATE (DATE YYYY-MM-DD or latest)");
  const parts = input.split(",").map((p) => p.trim());
  if (parts.length === 1 && parts[0] === "") return bad("At least one item is required");
  if (parts.length > CLOSES_LIMITS.maxItemsPerRequest)
    return bad(`At most ${CLOSES_LIMITS.maxItemsPerRequest} items per request`);
  const pairs: ClosePair[] = [];
  const symbols = new Set<string>();
  for (const [i, part] of parts.entries()) {
    const pair = parseClosePair(part);
    if (!pair.ok) return bad(`Item ${i + 1} (${show(part)}): ${pair.error.message}`);
    symbols.add(pair.value.symbol);
    if (symbols.size > LIMITS.maxSymbolsPerRequest) return bad(`At most ${LIMITS.maxSymbolsPerRequest} symbols per request`);
    pairs.push(pair.value);
  }
  return { ok: true, value: pairs };
}

function parseClosePair(text: string): Checked<ClosePair> {
  if (text === "") return bad("the item is empty");
  const fields = text.split(":");
  if (fields.length !== 2) return bad("an item is SYMBOL:DATE");
  const symbol = parseSymbol(fields[0]);
  if (!symbol.ok) return symbol;
  const date = parseCloseDates(fields[1]);
  if (!date.ok) return date;
  return { ok: true, value: { symbol: symbol.value, date: date.value[0] } };
}

/** A checked `/history` request. */
export interface HistoryQuery {
  symbols: string[];
  start: string;
  end: string;
  interval: Interval;
  format: HistoryFormat;
  fields: HistoryField[];
}

/**
 * Every parameter of a `/history` request, checked in the order a caller reads them; the first
 * problem is the answer. `latest` is what a missing end means (the service passes tomorrow in UTC,
 * which is already today everywhere east of it), so this stays free of any clock.
 */
export function parseHistoryQuery(query: Record<string, unknown>, latest: string): Checked<HistoryQuery> {
  const symbols = parseSymbolList(query.symbols);
  if (!symbols.ok) return symbols;
  const start = parseIsoDate(query.start, "start");
  if (!start.ok) return start;
  // Without an end, "after end" would name a date the caller never sent.
  if (query.end === undefined && start.value > latest) return bad(`start ${start.value} is in the future`);
  const end = parseIsoDate(query.end ?? latest, "end");
  if (!end.ok) return end;
  const range = validateRange(start.value, end.value);
  if (!range.ok) return range;
  const interval = parseInterval(query.interval);
  if (!interval.ok) return interval;
  const format = parseHistoryFormat(query.format);
  if (!format.ok) return format;
  const fields = parseHistoryFields(query.fields, format.value);
  if (!fields.ok) return fields;
  return {
    ok: true,
    value: {
      symbols: symbols.value,
      start: start.value,
      end: end.value,
      interval: interval.value,
      format: format.value,
      fields: fields.value,
    },
  };
}

/**
 * The days a window of daily history needs, as the add-in's stores and the stats route both
 * take them: an end after today (or none) means today; a start after today, or an end before the
 * earliest date with data, has no data (code no_data, with the message the cell shows).
 */
export function windowEnd(symbol: string, start: string, end: string | undefined, today: string): Checked<string> {
  if (start > today)
    return {
      ok: false,
      error: { code: "no_data", message: `No data for ${symbol}: the start date ${start} is after today (${today})` },
    };
  const needEnd = minDate(end ?? today, today);
  if (needEnd < LIMITS.minDate) {
    return {
      ok: false,
      error: {
        code: "no_data",
        message: `No data for ${symbol} between ${start} and ${needEnd}: the earliest date with data is ${LIMITS.minDate}`,
      },
    };
  }
  return { ok: true, value: needEnd };
}

/** The first day a window of daily history reads: `lookbackDays` before its start (for the close on or before it). */
export function windowStart(start: string, needEnd: string, lookbackDays = BASE_CLOSE_LOOKBACK_DAYS): string {
  return minDate(maxDate(addDays(start, -lookbackDays), LIMITS.minDate), needEnd);
}

/** What a window of daily history with no trading day in it says. */
export function emptyWindowError(symbol: string, start: string, needEnd: string): ApiError {
  return { code: "no_data", message: `No data for ${symbol} between ${start} and ${needEnd}` };
}

/**
 * The windows of a stats request ("SOXX:volatility:2020-01-01:latest:total,QQQ:maxdrawdown:2024-01-02"):
 * each SYMBOL:STATISTIC:START[:END[:TYPE]], END `latest` or left out for the latest close, TYPE
 * total (the default) or price. At most STATS_LIMITS.maxItemsPerRequest windows over at most
 * LIMITS.maxSymbolsPerRequest symbols; duplicates kept (the answer is aligned with what was asked).
 */
export function parseStatItems(input: unknown): Checked<StatItem[]> {
  if (typeof input !== "string") return bad("items must be a comma-separated list of SYMBOL:STATISTIC:START[:END[:TYPE]]");
  const parts = input.split(",").map((p) => p.trim());
  if (parts.length === 1 && parts[0] === "") return bad("At least one item is required");
  if (parts.length > STATS_LIMITS.maxItemsPerRequest) return bad(`At most ${STATS_LIMITS.maxItemsPerRequest} items per request`);
  const items: StatItem[] = [];
  const symbols = new Set<string>();
  for (const [i, part] of parts.entries()) {
    const item = parseStatItem(part);
    if (!item.ok) return bad(`Item ${i + 1} (${show(part)}): ${item.error.message}`);
    symbols.add(item.value.symbol);
    if (symbols.size > LIMITS.maxSymbolsPerRequest) return bad(`At most ${LIMITS.maxSymbolsPerRequest} symbols per request`);
    items.push(item.value);
  }
  return { ok: true, value: items };
}

function parseStatItem(text: string): Checked<StatItem> {
  if (text === "") return bad("the item is empty");
  const fields = text.split(":");
  if (fields.length < 3 || fields.length > 5) return bad("an item is SYMBOL:STATISTIC:START[:END[:TYPE]]");
  const [symbolText, statisticText, startText, endText, typeText] = fields;
  const symbol = parseSymbol(symbolText);
  if (!symbol.ok) return symbol;
  const statistic = statisticText.trim().toLowerCase();
  if (!(WINDOW_STATISTICS as readonly string[]).includes(statistic))
    return bad(`Unknown statistic ${show(statisticText)}; statistics are ${WINDOW_STATISTICS.join(", ")}`);
  const start = parseIsoDate(startText, "start");
  if (!start.ok) return start;
  let end: string | undefined;
  if (endText !== undefined && endText !== "" && endText.toLowerCase() !== STATS_LIMITS.latest) {
    const checked = parseIsoDate(endText, "end");
    if (!checked.ok) return checked;
    if (checked.value < start.value) return bad(`The end date ${checked.value} is before the start date ${start.value}`);
    end = checked.value;
  }
  const type = typeText === undefined || typeText === "" ? "total" : typeText.trim().toLowerCase();
  if (!(STAT_TYPES as readonly string[]).includes(type)) return bad(`type must be one of ${STAT_TYPES.join(", ")}`);
  return {
    ok: true,
    value: { symbol: symbol.value, statistic: statistic as WindowStatistic, start: start.value, end, type: type as StatType },
  };
}
