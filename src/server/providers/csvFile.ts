/**
 * Reading one price file in Yahoo's download layout (Date,Open,High,Low,Close,Adj Close,Volume).
 * Real files arrive with a byte-order mark, Windows line ends, newest-first order, a missing
 * Adj Close or Volume column, or "null" rows where the market was shut; all of that is accepted.
 * Anything else that does not parse is reported with the file and line, never guessed at.
 */
import type { HistoryRow } from "../../api/contract";
import { isoDateToUtcMs } from "../../api/validation";
import { rowAt } from "./csvColumns";
import { parsePriceColumns } from "./priceParser";

/**
 * Why a file cannot be used. `notPrices` marks a file that is not a price file at all (no Date
 * and Close columns), which callers report as no data rather than as garbage in a price file.
 */
export class CsvFormatError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
    readonly notPrices = false,
  ) {
    super(`Cannot use ${file}: ${reason}`);
    this.name = "CsvFormatError";
  }
}

function cells(line: string): string[] {
  return line.split(",").map((cell) =>
    cell
      .trim()
      .replace(/^"(.*)"$/, "$1")
      .trim(),
  );
}

function columnIndex(header: string[], ...names: string[]): number {
  const normalised = header.map((h) => h.toLowerCase().replace(/[\s_*]+/g, ""));
  for (const name of names) {
    const index = normalised.indexOf(name);
    if (index >= 0) return index;
  }
  return -1;
}

/**
 * Where each field sits in a header line (-1: absent). Names are compared without case, spaces,
 * underscores or asterisks, so "Adj Close", "adj_close" and "Adj Close**" all match.
 */
export function headerColumns(line: string): {
  date: number;
  open: number;
  high: number;
  low: number;
  close: number;
  adjclose: number;
  volume: number;
} {
  const header = cells(line);
  return {
    date: columnIndex(header, "date"),
    open: columnIndex(header, "open"),
    high: columnIndex(header, "high"),
    low: columnIndex(header, "low"),
    close: columnIndex(header, "close", "price"),
    adjclose: columnIndex(header, "adjclose"),
    volume: columnIndex(header, "volume", "vol."),
  };
}

/** Rows oldest first, one per date. `label` names the file in error messages. */
export function parsePriceCsv(text: string, label: string): HistoryRow[] {
  const columns = parsePriceColumns(text, label);
  const rows: HistoryRow[] = new Array(columns.days.length);
  for (let i = 0; i < rows.length; i++) rows[i] = rowAt(columns, i);
  return rows;
}

export interface CsvEvents {
  dividends: Map<string, [string, number][]>;
  splits: Map<string, [string, number][]>;
}

/** Optional `events.csv` beside the price files: Symbol,Date,Dividend,Split. */
export function parseEventsCsv(text: string, label: string): CsvEvents {
  const events: CsvEvents = { dividends: new Map(), splits: new Map() };
  const lines = text
    .replace(/^\uFEFF/, "")
    .split(/\r\n|\n|\r/)
    .filter((line) => line.trim() !== "");
  if (lines.length === 0) return events;
  const header = cells(lines[0]);
  const at = {
    symbol: columnIndex(header, "symbol"),
    date: columnIndex(header, "date"),
    dividend: columnIndex(header, "dividend", "dividends"),
    split: columnIndex(header, "split", "splits", "stocksplits"),
  };
  if (at.symbol < 0 || at.date < 0) throw new CsvFormatError(label, "it has no Symbol and Date columns");
  const add = (map: Map<string, [string, number][]>, symbol: string, date: string, value: number) => {
    const list = map.get(symbol) ?? [];
    list.push([date, value]);
    map.set(symbol, list);
  };
  for (let i = 1; i < lines.length; i++) {
    const row = cells(lines[i]);
    const symbol = (row[at.symbol] ?? "").toUpperCase();
    const date = row[at.date] ?? "";
    if (!symbol || Number.isNaN(isoDateToUtcMs(date)))
      throw new CsvFormatError(label, `line ${i + 1} is not a symbol and a date`);
    const dividend = at.dividend >= 0 ? Number(row[at.dividend] || Number.NaN) : Number.NaN;
    const split = at.split >= 0 ? Number(row[at.split] || Number.NaN) : Number.NaN;
    if (Number.isFinite(dividend) && dividend > 0) add(events.dividends, symbol, date, dividend);
    if (Number.isFinite(split) && split > 0) add(events.splits, symbol, date, split);
  }
  for (const map of [events.dividends, events.splits])
    for (const list of map.values()) list.sort((a, b) => (a[0] < b[0] ? -1 : 1));
  return events;
}
