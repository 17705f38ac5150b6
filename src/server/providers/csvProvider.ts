/**
 * The CSV provider: a folder of SYMBOL.csv files in Yahoo's download layout, plus an optional
 * events.csv (Symbol,Date,Dividend,Split). For teams whose data comes from elsewhere or who
 * work offline. Files are re-read only when they change.
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import type { HistoryRow, Interval } from "../../api/contract";
import { aggregateRows } from "../aggregateBars";
import { CsvEvents, CsvFormatError, parseEventsCsv, parsePriceCsv } from "./csvFile";
import { exchangeOf } from "./exchangeSuffix";
import {
  MarketProvider,
  ProviderError,
  ProviderFund,
  ProviderQuotes,
  ProviderSeries,
  badUpstreamData,
  noData,
  unavailable,
  unknownSymbol,
} from "./provider";

interface Parsed<T> {
  stamp: string;
  value: T;
  /** The file's modification time: how old its data is, which the task pane shows. */
  modifiedAt: string;
}

const EVENTS_FILE = "events.csv";

export class CsvProvider implements MarketProvider {
  readonly name = "csv" as const;
  readonly remote = false;
  private readonly files = new Map<string, Parsed<HistoryRow[]>>();
  private events: Parsed<CsvEvents> | null = null;

  constructor(readonly dir: string) {}

  /** Throws a ProviderError when the folder itself cannot be read. */
  async listSymbols(): Promise<string[]> {
    const names = await this.readDir();
    return names
      .filter((name) => /\.csv$/i.test(name) && name.toLowerCase() !== EVENTS_FILE)
      .map((name) => name.slice(0, -4).toUpperCase())
      .sort();
  }

  async history(symbol: string, start: string, end: string, interval: Interval): Promise<ProviderSeries> {
    const file = await this.rows(symbol);
    const rows = file.value.filter((row) => row[0] >= start && row[0] <= end);
    const events = await this.loadEvents();
    const inRange = (list: [string, number][] | undefined) => (list ?? []).filter(([d]) => d >= start && d <= end);
    return {
      ...exchangeOf(symbol),
      rows: aggregateRows(rows, interval),
      dividends: inRange(events.dividends.get(symbol)),
      splits: inRange(events.splits.get(symbol)),
      asOf: file.modifiedAt,
    };
  }

  /** The last row is the quote; its change is against the row before. */
  async quote(symbols: string[]): Promise<ProviderQuotes> {
    const result: ProviderQuotes = { quotes: {}, errors: {} };
    for (const symbol of symbols) {
      try {
        const file = await this.rows(symbol);
        const rows = file.value;
        const last = rows[rows.length - 1];
        if (!last) throw noData(`${this.fileLabel(symbol)} has no prices`);
        const previous = rows[rows.length - 2];
        const change = previous ? last[4] - previous[4] : null;
        result.quotes[symbol] = {
          price: last[4],
          change,
          changePct: previous && change !== null ? change / previous[4] : null,
          currency: exchangeOf(symbol).currency,
          // A daily file knows the date of the last close, not its time; midnight UTC of that date.
          time: `${last[0]}T00:00:00.000Z`,
          name: symbol,
          asOf: file.modifiedAt,
        };
      } catch (err) {
        result.errors[symbol] = err instanceof ProviderError ? err : badUpstreamData(String(err));
      }
    }
    return result;
  }

  async fund(symbol: string): Promise<ProviderFund> {
    await this.fileFor(symbol); // a symbol with no file is unknown, not merely without fund data
    throw noData(`the CSV data source has prices only; holdings and fund facts need the yahoo provider`);
  }

  private fileLabel(symbol: string): string {
    return `${symbol}.csv`;
  }

  private async readDir(): Promise<string[]> {
    try {
      return await fs.readdir(this.dir);
    } catch (err) {
      throw unavailable(`Cannot read the CSV folder ${this.dir}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`, false);
    }
  }

  /** The file for a symbol, matched case-insensitively (soxx.csv serves SOXX). */
  private async fileFor(symbol: string): Promise<string> {
    const wanted = `${symbol}.csv`.toLowerCase();
    if (wanted === EVENTS_FILE) throw unknownSymbol(symbol, `${EVENTS_FILE} holds dividends and splits, not prices`);
    const match = (await this.readDir()).find((name) => name.toLowerCase() === wanted);
    if (!match) throw unknownSymbol(symbol, `no ${symbol}.csv in the CSV folder`);
    return path.join(this.dir, match);
  }

  private async rows(symbol: string): Promise<Parsed<HistoryRow[]>> {
    const file = await this.fileFor(symbol);
    let stamp: string;
    let modifiedAt: string;
    try {
      const stat = await fs.stat(file);
      stamp = `${stat.mtimeMs}:${stat.size}`;
      modifiedAt = stat.mtime.toISOString();
    } catch (err) {
      throw unavailable(`Cannot read ${path.basename(file)}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`, false);
    }
    const cached = this.files.get(symbol);
    if (cached && cached.stamp === stamp) return cached;
    let text: string;
    try {
      text = await fs.readFile(file, "utf8");
    } catch (err) {
      throw unavailable(`Cannot read ${path.basename(file)}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`, false);
    }
    try {
      const parsed = { stamp, value: parsePriceCsv(text, path.basename(file)), modifiedAt };
      this.files.set(symbol, parsed);
      return parsed;
    } catch (err) {
      if (err instanceof CsvFormatError) throw err.notPrices ? noData(err.message) : badUpstreamData(err.message);
      throw err;
    }
  }

  private async loadEvents(): Promise<CsvEvents> {
    const empty: CsvEvents = { dividends: new Map(), splits: new Map() };
    const match = (await this.readDir()).find((name) => name.toLowerCase() === EVENTS_FILE);
    if (!match) return empty;
    const file = path.join(this.dir, match);
    try {
      const stat = await fs.stat(file);
      const stamp = `${stat.mtimeMs}:${stat.size}`;
      if (this.events && this.events.stamp === stamp) return this.events.value;
      const value = parseEventsCsv(await fs.readFile(file, "utf8"), match);
      this.events = { stamp, value, modifiedAt: stat.mtime.toISOString() };
      return value;
    } catch (err) {
      if (err instanceof CsvFormatError) throw badUpstreamData(err.message);
      throw unavailable(`Cannot read ${match}: ${String(err)}`, false);
    }
  }
}
