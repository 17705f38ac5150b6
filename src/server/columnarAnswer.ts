/**
 * A series held as typed columns on the service side: day numbers and one Float64Array per field
 * (NaN where there is no value). The CSV provider hands out views of the columns it keeps, so a
 * columnar or closes answer over 30 years costs no object per bar; other sources' rows are turned
 * into columns once. The columnar format's JSON is written straight from the arrays.
 */
import type {
  ColumnarHistoryResponse,
  ColumnarSeriesPayload,
  HistoryField,
  HistoryResponse,
  SeriesPayload,
} from "../api/contract";
import { isoToDayNumber } from "../market/isoDate";
import { deriveVersion } from "./answerVersion";
import { doublesJson } from "./jsonNumbers";

export type FieldColumns = Record<HistoryField, Float64Array>;

/** A series as columns of the fields `F` (read for those; a source may hand out more). */
export interface SeriesColumns<F extends HistoryField = HistoryField> extends Omit<SeriesPayload, "rows"> {
  /** Days since 1970-01-01, strictly increasing. */
  days: Int32Array;
  values: Record<F, Float64Array>;
}

export interface ColumnsResponse<F extends HistoryField = HistoryField> {
  series: Record<string, SeriesColumns<F>>;
  errors: HistoryResponse["errors"];
}

/** Position of each field in a HistoryRow. */
const ROW_INDEX: Record<HistoryField, number> = { open: 1, high: 2, low: 3, close: 4, adjclose: 5, volume: 6 };
const FIELDS = Object.keys(ROW_INDEX) as HistoryField[];

export function columnsFromPayload(payload: SeriesPayload): SeriesColumns {
  const { rows, ...meta } = payload;
  const days = new Int32Array(rows.length);
  for (let i = 0; i < rows.length; i++) days[i] = isoToDayNumber(rows[i][0]);
  const values = {} as FieldColumns;
  for (const field of FIELDS) {
    const at = ROW_INDEX[field];
    const column = new Float64Array(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const v = rows[i][at] as number | null;
      column[i] = v === null ? Number.NaN : v;
    }
    values[field] = column;
  }
  return { ...meta, days, values };
}

/** Every series of a row answer as columns, each versioned from its payload. */
export function columnsOfHistory(response: HistoryResponse): ColumnsResponse {
  const series: ColumnsResponse["series"] = {};
  for (const [symbol, payload] of Object.entries(response.series))
    series[symbol] = deriveVersion(columnsFromPayload(payload), payload, "columns");
  return { series, errors: response.errors };
}

const orNull = (v: number) => (Number.isFinite(v) ? v : null);

/** The columnar format's series as an object (what the JSON below spells out). */
export function columnarPayload<F extends HistoryField>(series: SeriesColumns<F>, fields: readonly F[]): ColumnarSeriesPayload {
  const columns: ColumnarSeriesPayload["columns"] = {};
  for (const field of fields) columns[field] = Array.from(series.values[field], orNull);
  return {
    currency: series.currency,
    timezone: series.timezone,
    days: Array.from(series.days),
    columns,
    dividends: series.dividends,
    splits: series.splits,
    source: series.source,
    asOf: series.asOf,
    stale: series.stale,
    ...(series.basis !== undefined ? { basis: series.basis } : {}),
  };
}

export function columnarResponse<F extends HistoryField>(
  response: ColumnsResponse<F>,
  fields: readonly F[],
): ColumnarHistoryResponse {
  const series: ColumnarHistoryResponse["series"] = {};
  for (const [symbol, s] of Object.entries(response.series)) series[symbol] = columnarPayload(s, fields);
  return { format: "columns", fields: [...fields], series, errors: response.errors };
}

/** A JSON array of numbers; NaN and infinities (no value) are null, as JSON.stringify writes them. */
function numberArray(values: Float64Array | Int32Array): string {
  if (values instanceof Float64Array) return doublesJson(values);
  const text = values.join(",");
  // Finite numbers print the same in join and in JSON; only NaN and infinities contain these letters.
  if (!/[NI]/.test(text)) return `[${text}]`;
  return `[${Array.from(values, (v) => (Number.isFinite(v) ? String(v) : "null")).join(",")}]`;
}

function seriesJson<F extends HistoryField>(s: SeriesColumns<F>, fields: readonly F[]): string {
  const columns = fields.map((f) => `${JSON.stringify(f)}:${numberArray(s.values[f])}`).join(",");
  return (
    `{"currency":${JSON.stringify(s.currency)},"timezone":${JSON.stringify(s.timezone)},` +
    `"days":${numberArray(s.days)},"columns":{${columns}},` +
    `"dividends":${JSON.stringify(s.dividends)},"splits":${JSON.stringify(s.splits)},` +
    `"source":${JSON.stringify(s.source)},"asOf":${JSON.stringify(s.asOf)},"stale":${s.stale}` +
    `${s.basis !== undefined ? `,"basis":${JSON.stringify(s.basis)}` : ""}}`
  );
}

/**
 * JSON.stringify(columnarResponse(response, fields)), written from the typed arrays without an
 * array of numbers per field in between.
 */
export function columnarJson<F extends HistoryField>(response: ColumnsResponse<F>, fields: readonly F[]): string {
  const series = Object.entries(response.series)
    .map(([symbol, s]) => `${JSON.stringify(symbol)}:${seriesJson(s, fields)}`)
    .join(",");
  return `{"format":"columns","fields":${JSON.stringify(fields)},"series":{${series}},"errors":${JSON.stringify(response.errors)}}`;
}
