/**
 * Reading one price file in Yahoo's download layout (Date,Open,High,Low,Close,Adj Close,Volume).
 * Real files arrive with a byte-order mark, Windows line ends, newest-first order, a missing
 * Adj Close or Volume column, or "null" rows where the market was shut; all of that is accepted.
 * Anything else that does not parse is reported with the file and line, never guessed at.
 */
import type { HistoryRow } from "../../api/contract";
import { isoDateToUtcMs } from "../../api/validation";

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

const MISSING = new Set(["", "null", "nan", "n/a", "-"]);

function cells(line: string): string[] {
  return line.split(",").map((cell) => cell.trim().replace(/^"(.*)"$/, "$1").trim());
}

function columnIndex(header: string[], ...names: string[]): number {
  const normalised = header.map((h) => h.toLowerCase().replace(/[\s_*]+/g, ""));
  for (const name of names) {
    const index = normalised.indexOf(name);
    if (index >= 0) return index;
  }
  return -1;
}

/** Rows oldest first, one per date. `label` names the file in error messages. */
export function parsePriceCsv(text: string, label: string): HistoryRow[] {
  const lines = text.replace(/^\uFEFF/, "").split(/\r\n|\n|\r/);
  const headerLine = lines.findIndex((line) => line.trim() !== "");
  if (headerLine < 0) throw new CsvFormatError(label, "it is empty", true);
  const header = cells(lines[headerLine]);
  const at = {
    date: columnIndex(header, "date"),
    open: columnIndex(header, "open"),
    high: columnIndex(header, "high"),
    low: columnIndex(header, "low"),
    close: columnIndex(header, "close", "price"),
    adjclose: columnIndex(header, "adjclose"),
    volume: columnIndex(header, "volume", "vol."),
  };
  if (at.date < 0 || at.close < 0) {
    throw new CsvFormatError(label, `it has no Date and Close columns, so it is not a price file (header: ${lines[headerLine].slice(0, 80)})`, true);
  }

  const byDate = new Map<string, HistoryRow>();
  for (let i = headerLine + 1; i < lines.length; i++) {
    const line = lines[i];
    if (line.trim() === "") continue;
    const row = cells(line);
    const where = `line ${i + 1}`;
    const date = row[at.date] ?? "";
    if (Number.isNaN(isoDateToUtcMs(date))) throw new CsvFormatError(label, `${where}: "${date.slice(0, 20)}" is not a date as YYYY-MM-DD`);
    const value = (index: number): number | null => {
      if (index < 0) return null;
      const cell = row[index] ?? "";
      if (MISSING.has(cell.toLowerCase())) return null;
      const n = Number(cell);
      if (!Number.isFinite(n)) throw new CsvFormatError(label, `${where}: "${cell.slice(0, 20)}" is not a number`);
      return n;
    };
    const close = value(at.close);
    if (close === null) continue; // Yahoo writes "null" for days without a trade
    const adjclose = value(at.adjclose) ?? close;
    byDate.set(date, [date, value(at.open), value(at.high), value(at.low), close, adjclose, value(at.volume)]);
  }
  return [...byDate.values()].sort((a, b) => (a[0] < b[0] ? -1 : 1));
}

export interface CsvEvents {
  dividends: Map<string, [string, number][]>;
  splits: Map<string, [string, number][]>;
}

/** Optional `events.csv` beside the price files: Symbol,Date,Dividend,Split. */
export function parseEventsCsv(text: string, label: string): CsvEvents {
  const events: CsvEvents = { dividends: new Map(), splits: new Map() };
  const lines = text.replace(/^\uFEFF/, "").split(/\r\n|\n|\r/).filter((line) => line.trim() !== "");
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
    if (!symbol || Number.isNaN(isoDateToUtcMs(date))) throw new CsvFormatError(label, `line ${i + 1} is not a symbol and a date`);
    const dividend = at.dividend >= 0 ? Number(row[at.dividend] || Number.NaN) : Number.NaN;
    const split = at.split >= 0 ? Number(row[at.split] || Number.NaN) : Number.NaN;
    if (Number.isFinite(dividend) && dividend > 0) add(events.dividends, symbol, date, dividend);
    if (Number.isFinite(split) && split > 0) add(events.splits, symbol, date, split);
  }
  for (const map of [events.dividends, events.splits]) for (const list of map.values()) list.sort((a, b) => (a[0] < b[0] ? -1 : 1));
  return events;
}
