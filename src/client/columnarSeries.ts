/**
 * Decoding the service's columnar history (`format=columns`) into typed arrays: one Int32Array
 * of day numbers and one Float64Array per field, NaN where the provider has no value. A 30-year
 * daily series is then a few contiguous buffers instead of 7,500 objects, and a search by date
 * is a binary search over integers. Every array is checked, because a malformed answer must
 * become an error the analyst can read, not a wrong number.
 */
import type {
  ApiError,
  ColumnarHistoryResponse,
  ColumnarSeriesPayload,
  DividendEvent,
  HistoryField,
  SplitEvent,
} from "../api/contract";
import { HISTORY_FIELDS } from "../api/contract";
import { MarketDataError } from "./marketDataError";

export interface ColumnarSeries {
  /** Trading dates as days since 1970-01-01, strictly increasing. */
  days: Int32Array;
  /** The fields that were asked for, aligned with `days`; NaN where there is no value. */
  columns: Partial<Record<HistoryField, Float64Array>>;
  dividends: DividendEvent[];
  splits: SplitEvent[];
  currency: string;
  timezone: string;
  source: ColumnarSeriesPayload["source"];
  asOf: string;
  stale: boolean;
  /** The corporate-action basis the service reported, when it did. */
  basis?: string;
}

export interface DecodedColumnarHistory {
  fields: HistoryField[];
  series: Record<string, ColumnarSeries>;
  errors: Record<string, ApiError>;
}

function malformed(detail: string): MarketDataError {
  return new MarketDataError(
    "upstream_error",
    `Market data unavailable: the data service's columnar answer is malformed (${detail})`,
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === "object" && !Array.isArray(value);
}

function decodeDays(value: unknown, symbol: string): Int32Array {
  if (!Array.isArray(value)) throw malformed(`${symbol} has no days`);
  const days = new Int32Array(value.length);
  for (let i = 0; i < value.length; i++) {
    const day = value[i] as unknown;
    // (day | 0) === day: a whole number in the Int32 range, checked without a global per element.
    if (typeof day !== "number" || (day | 0) !== day) throw malformed(`${symbol} day ${i} is not a whole number`);
    if (i > 0 && day <= days[i - 1]) throw malformed(`${symbol} days are not in increasing order at ${i}`);
    days[i] = day;
  }
  return days;
}

const NaN_VALUE = Number.NaN;

function decodeColumn(value: unknown, length: number, symbol: string, field: string): Float64Array {
  if (!Array.isArray(value) || value.length !== length) throw malformed(`${symbol} ${field} does not match its days`);
  const column = new Float64Array(length);
  for (let i = 0; i < length; i++) {
    const cell = value[i] as unknown;
    if (cell === null) column[i] = NaN_VALUE;
    // cell - cell === 0 holds for finite numbers only, without a global lookup per element.
    else if (typeof cell === "number" && cell - cell === 0) column[i] = cell;
    else throw malformed(`${symbol} ${field} ${i} is not a number`);
  }
  return column;
}

function decodeEvents(value: unknown): [string, number][] {
  if (!Array.isArray(value)) return [];
  return value.filter((e): e is [string, number] => Array.isArray(e) && typeof e[0] === "string" && typeof e[1] === "number");
}

function decodeSeries(symbol: string, raw: unknown, fields: readonly HistoryField[]): ColumnarSeries {
  if (!isRecord(raw)) throw malformed(`${symbol} is not an object`);
  const days = decodeDays(raw.days, symbol);
  const rawColumns = isRecord(raw.columns) ? raw.columns : {};
  const columns: ColumnarSeries["columns"] = {};
  for (const field of fields) columns[field] = decodeColumn(rawColumns[field], days.length, symbol, field);
  return {
    days,
    columns,
    dividends: decodeEvents(raw.dividends),
    splits: decodeEvents(raw.splits),
    currency: typeof raw.currency === "string" ? raw.currency : "USD",
    timezone: typeof raw.timezone === "string" ? raw.timezone : "UTC",
    source: raw.source === "yahoo" || raw.source === "csv" || raw.source === "cache" ? raw.source : "cache",
    asOf: typeof raw.asOf === "string" ? raw.asOf : "",
    stale: raw.stale === true,
    ...(typeof raw.basis === "string" ? { basis: raw.basis } : {}),
  };
}

/** The body of a `format=columns` history answer, checked and turned into typed arrays. */
export function decodeColumnarHistory(body: unknown): DecodedColumnarHistory {
  if (!isRecord(body) || body.format !== "columns") throw malformed("not a columnar answer");
  const response = body as unknown as ColumnarHistoryResponse;
  if (!Array.isArray(response.fields) || response.fields.some((f) => !HISTORY_FIELDS.includes(f)))
    throw malformed("unknown fields");
  const fields = [...response.fields];
  const series: Record<string, ColumnarSeries> = {};
  for (const [symbol, raw] of Object.entries(isRecord(response.series) ? response.series : {}))
    series[symbol] = decodeSeries(symbol, raw, fields);
  const errors: Record<string, ApiError> = {};
  for (const [symbol, raw] of Object.entries(isRecord(response.errors) ? response.errors : {})) {
    if (isRecord(raw) && typeof raw.code === "string")
      errors[symbol] = { code: raw.code as ApiError["code"], message: typeof raw.message === "string" ? raw.message : "" };
  }
  return { fields, series, errors };
}
