/**
 * The columnar history format from a row answer (for callers that hold rows, such as test
 * stand-ins of the service). The service itself writes the format from typed columns; both go
 * through columnarAnswer.ts, so they cannot differ.
 */
import type { ColumnarHistoryResponse, HistoryField, HistoryResponse } from "../api/contract";
import { columnarResponse, columnsOfHistory } from "./columnarAnswer";

export function columnarHistory(response: HistoryResponse, fields: readonly HistoryField[]): ColumnarHistoryResponse {
  return columnarResponse(columnsOfHistory(response), fields);
}
