/**
 * The CSV provider: a folder of SYMBOL.csv files in Yahoo's download layout, plus an optional
 * events.csv (Symbol,Date,Dividend,Split). For teams whose data comes from elsewhere or who
 * work offline. The folder is listed once and re-listed when it changes (CsvFolderIndex); each
 * file is parsed in one pass into columns (priceParser.ts), on worker threads for large files
 * (csvParsePool.ts), and kept in a memory budget counted in bytes, least recently used first
 * out, so a folder of thousands of files neither slows every request nor grows the process
 * without bound. A file is re-read when it changes. Requests that need closes only (the closes
 * route, columnar closes, quotes) read a file's dates and two close columns; the other fields are
 * read when a request needs them.
 */
import fsCallbacks, { type Stats, promises as fs } from "node:fs";
import path from "node:path";
import type { HistoryField, Interval } from "../../api/contract";
import { aggregateRows } from "../aggregateBars";
import { setVersion } from "../answerVersion";
import { ByteLru } from "../byteLru";
import { dayNumberToIso } from "../../market/isoDate";
import { PriceColumns, PriceFields, columnsBytes, covers, fieldsBetween, fieldsToRead, rowsBetween } from "./csvColumns";
import { CsvEvents, CsvFormatError, parseEventsCsv } from "./csvFile";
import { CsvFolderIndex } from "./csvFolderIndex";
import { CsvParsePool, CsvParsePoolOptions } from "./csvParsePool";
import { exchangeOf } from "./exchangeSuffix";
import type { PriceFileRead } from "./priceFileRead";
import {
  MarketProvider,
  ProviderError,
  ProviderColumns,
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

export interface CsvProviderOptions {
  /** Memory for parsed files, in bytes (default 256 MB: about 650 files of 30 daily years). */
  maxBytes?: number;
  /** The parse workers: how many, from what size of file (csvParsePool.ts). */
  parse?: CsvParsePoolOptions;
}

export const DEFAULT_CSV_CACHE_BYTES = 256 * 1024 * 1024;
const EVENTS_FILE = "events.csv";

export class CsvProvider implements MarketProvider {
  readonly name = "csv" as const;
  readonly remote = false;
  readonly index: CsvFolderIndex;
  private readonly files: ByteLru<string, Parsed<PriceColumns>>;
  /** Parses in progress by stamp and fields read, so a burst of requests for one file parses it once. */
  private readonly parsing = new Map<string, Promise<Parsed<PriceColumns>>>();
  /** Looks at files under way, by path. */
  private readonly statting = new Map<string, Promise<Stats>>();
  readonly pool: CsvParsePool;
  private events: Parsed<CsvEvents> | null = null;
  /** Files parsed so far (for tests and the bench). */
  parses = 0;

  constructor(
    readonly dir: string,
    options: CsvProviderOptions = {},
  ) {
    this.index = new CsvFolderIndex(dir);
    this.files = new ByteLru(options.maxBytes ?? DEFAULT_CSV_CACHE_BYTES);
    this.pool = new CsvParsePool(options.parse);
  }

  /** Ends the parse workers; files are read on the calling thread afterwards. */
  close(): Promise<void> {
    return this.pool.close();
  }

  /** Bytes held by parsed files now. */
  get cachedBytes(): number {
    return this.files.bytes;
  }

  /** Throws a ProviderError when the folder itself cannot be read. */
  async listSymbols(): Promise<string[]> {
    const names = await this.index.all();
    return names
      .filter((name) => /\.csv$/i.test(name) && name.toLowerCase() !== EVENTS_FILE)
      .map((name) => name.slice(0, -4).toUpperCase())
      .sort();
  }

  async history(symbol: string, start: string, end: string, interval: Interval): Promise<ProviderSeries> {
    const file = await this.parsedFile(symbol, "all");
    const rows = rowsBetween(file.value, start, end);
    const { dividends, splits, stamp } = await this.eventsBetween(symbol, start, end);
    // Same file and events file as before, same range: the same series, so answers made from it can be reused.
    return setVersion(
      { ...exchangeOf(symbol), rows: aggregateRows(rows, interval), dividends, splits, asOf: file.modifiedAt },
      `csv:${symbol}|${file.stamp}|${stamp}|${start}|${end}|${interval}`,
    );
  }

  async columns<F extends HistoryField>(
    symbol: string,
    start: string,
    end: string,
    fields: readonly F[],
  ): Promise<ProviderColumns<F>> {
    const file = await this.parsedFile(symbol, fieldsToRead(fields));
    const { days, values } = fieldsBetween(file.value, start, end, fields);
    const { dividends, splits, stamp } = await this.eventsBetween(symbol, start, end);
    return setVersion(
      { ...exchangeOf(symbol), days, values, dividends, splits, asOf: file.modifiedAt },
      `csv:${symbol}|${file.stamp}|${stamp}|${start}|${end}|columns`,
    );
  }

  /** The symbol's dividends and splits dated start..end, and the events file's stamp. */
  private async eventsBetween(symbol: string, start: string, end: string) {
    const { value: events, stamp } = await this.loadEvents();
    const inRange = (list: [string, number][] | undefined) => (list ?? []).filter(([d]) => d >= start && d <= end);
    return { dividends: inRange(events.dividends.get(symbol)), splits: inRange(events.splits.get(symbol)), stamp };
  }

  /** The last row is the quote; its change is against the row before. */
  async quote(symbols: string[]): Promise<ProviderQuotes> {
    const result: ProviderQuotes = { quotes: {}, errors: {} };
    for (const symbol of symbols) {
      try {
        const file = await this.parsedFile(symbol, "closes");
        const { days, close } = file.value;
        const count = days.length;
        if (count === 0) throw noData(`${this.fileLabel(symbol)} has no prices`);
        const price = close[count - 1];
        const previous = count > 1 ? close[count - 2] : undefined;
        const change = previous !== undefined ? price - previous : null;
        result.quotes[symbol] = {
          price,
          change,
          changePct: previous !== undefined && change !== null ? change / previous : null,
          currency: exchangeOf(symbol).currency,
          // A daily file knows the date of the last close, not its time; midnight UTC of that date.
          time: `${dayNumberToIso(days[count - 1])}T00:00:00.000Z`,
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

  /** The file for a symbol, matched case-insensitively (soxx.csv serves SOXX). */
  private async fileFor(symbol: string): Promise<string> {
    const wanted = `${symbol}.csv`.toLowerCase();
    if (wanted === EVENTS_FILE) throw unknownSymbol(symbol, `${EVENTS_FILE} holds dividends and splits, not prices`);
    const match = await this.index.find(wanted);
    if (!match) throw unknownSymbol(symbol, `no ${symbol}.csv in the CSV folder`);
    return path.join(this.dir, match);
  }

  /**
   * A file's size and time. Requests arriving while a look at the same file is under way share it
   * (a recalculation asks for each symbol in many requests at once).
   */
  private statFile(file: string): Promise<Stats> {
    let looking = this.statting.get(file);
    if (!looking) {
      looking = new Promise<Stats>((resolve, reject) =>
        fsCallbacks.stat(file, (err, stat) => (err ? reject(err) : resolve(stat))),
      );
      this.statting.set(file, looking);
      const forget = () => this.statting.delete(file);
      looking.then(forget, forget);
    }
    return looking;
  }

  /** The file's size and time, re-listing the folder once if it has gone (renamed or removed). */
  private async statOf(symbol: string): Promise<{ file: string; stat: Stats }> {
    let file = await this.fileFor(symbol);
    try {
      return { file, stat: await this.statFile(file) };
    } catch {
      await this.index.gone();
      file = await this.fileFor(symbol);
      try {
        return { file, stat: await this.statFile(file) };
      } catch (err) {
        throw unavailable(`Cannot read ${path.basename(file)}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`, false);
      }
    }
  }

  /** The symbol's file as columns holding at least `fields`, parsed now unless held or in progress. */
  private async parsedFile(symbol: string, fields: PriceFields): Promise<Parsed<PriceColumns>> {
    const { file, stat } = await this.statOf(symbol);
    const stamp = `${file}:${stat.mtimeMs}:${stat.size}`;
    const cached = this.files.get(symbol);
    if (cached && cached.stamp === stamp && covers(cached.value.fields, fields)) return cached;
    const running = this.parsing.get(`${stamp}|all`) ?? this.parsing.get(`${stamp}|${fields}`);
    if (running) return running;
    const key = `${stamp}|${fields}`;
    const parse = this.parse(symbol, file, fields, stat).finally(() => this.parsing.delete(key));
    this.parsing.set(key, parse);
    return parse;
  }

  private async parse(symbol: string, file: string, fields: PriceFields, stat: Stats): Promise<Parsed<PriceColumns>> {
    this.parses++;
    let read: PriceFileRead;
    try {
      read = await this.pool.parse(file, fields, stat.size);
    } catch (err) {
      if (err instanceof CsvFormatError) throw err.notPrices ? noData(err.message) : badUpstreamData(err.message);
      throw unavailable(`Cannot read ${path.basename(file)}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`, false);
    }
    // The stamp of the bytes parsed (the file may have changed since it was looked at).
    const same = read.mtimeMs === stat.mtimeMs && read.size === stat.size;
    const parsed: Parsed<PriceColumns> = {
      stamp: `${file}:${read.mtimeMs}:${read.size}`,
      value: read.columns,
      modifiedAt: same ? stat.mtime.toISOString() : new Date(read.mtimeMs).toISOString(),
    };
    // A file held in full is not replaced by a closes-only reading of the same bytes.
    const held = this.files.get(symbol);
    if (!(held && held.stamp === parsed.stamp && !covers(parsed.value.fields, held.value.fields)))
      this.files.set(symbol, parsed, columnsBytes(parsed.value));
    return parsed;
  }

  /** The events file's contents and a stamp that changes when the file does. */
  private async loadEvents(): Promise<{ value: CsvEvents; stamp: string }> {
    const empty: CsvEvents = { dividends: new Map(), splits: new Map() };
    const match = await this.index.find(EVENTS_FILE);
    if (!match) return { value: empty, stamp: "none" };
    const file = path.join(this.dir, match);
    try {
      const stat = await fs.stat(file);
      const stamp = `${match}:${stat.mtimeMs}:${stat.size}`;
      if (this.events && this.events.stamp === stamp) return this.events;
      const value = parseEventsCsv(await fs.readFile(file, "utf8"), match);
      this.events = { stamp, value, modifiedAt: stat.mtime.toISOString() };
      return this.events;
    } catch (err) {
      if (err instanceof CsvFormatError) throw badUpstreamData(err.message);
      throw unavailable(`Cannot read ${match}: ${String(err)}`, false);
    }
  }
}
