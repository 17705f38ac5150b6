/**
 * The columnar history format: the row answer turned into one array per field asked for, with
 * dates as day numbers. A 30-year daily series of closes and adjusted closes is about a third of
 * the row format's bytes before compression, and the add-in parses it into typed arrays without
 * building an object per bar.
 */
import type {
  ColumnarHistoryResponse,
  ColumnarSeriesPayload,
  HistoryField,
  HistoryResponse,
  HistoryRow,
  SeriesPayload,
} from "../api/contract";
import { isoToDayNumber } from "../market/isoDate";

/** Position of each field in a HistoryRow. */
const ROW_INDEX: Record<HistoryField, number> = { open: 1, high: 2, low: 3, close: 4, adjclose: 5, volume: 6 };

export function columnarSeries(payload: SeriesPayload, fields: readonly HistoryField[]): ColumnarSeriesPayload {
  const rows: HistoryRow[] = payload.rows;
  const days = new Array<number>(rows.length);
  for (let i = 0; i < rows.length; i++) days[i] = isoToDayNumber(rows[i][0]);
  const columns: ColumnarSeriesPayload["columns"] = {};
  for (const field of fields) {
    const at = ROW_INDEX[field];
    const column = new Array<number | null>(rows.length);
    for (let i = 0; i < rows.length; i++) column[i] = rows[i][at] as number | null;
    columns[field] = column;
  }
  return {
    currency: payload.currency,
    timezone: payload.timezone,
    days,
    columns,
    dividends: payload.dividends,
    splits: payload.splits,
    source: payload.source,
    asOf: payload.asOf,
    stale: payload.stale,
    ...(payload.basis !== undefined ? { basis: payload.basis } : {}),
  };
}

export function columnarHistory(response: HistoryResponse, fields: readonly HistoryField[]): ColumnarHistoryResponse {
  const series: ColumnarHistoryResponse["series"] = {};
  for (const [symbol, payload] of Object.entries(response.series)) series[symbol] = columnarSeries(payload, fields);
  return { format: "columns", fields: [...fields], series, errors: response.errors };
}
