/**
 * One pass over a price file's bytes, straight into typed columns: no text of the whole file, no
 * split into lines, no string per cell. A plain decimal is read as its bytes are scanned for the
 * comma that ends it; dates by arithmetic on their digits; only odd cells (quotes, blanks around
 * the value, exponents, "null", more than 15 digits) take a slower path over their own text,
 * which follows Number() and the rules csvFile.ts describes for Yahoo's download layout. A file
 * can be read for its closes only (dates, Close and Adj Close), which skips the other numbers of
 * every line. Errors are the same whichever path a cell takes, and name the file and line.
 */
import { Buffer } from "node:buffer";
import * as calendar from "../../calendar/isoDate";
import { CsvFormatError, headerColumns } from "./csvFile";
import { type PriceColumns, type PriceFields, columnsOf } from "./csvColumns";

const SPACE = 32;
const TAB = 9;
const QUOTE = 34;
const LF = 10;
const CR = 13;
const ZERO = 48;
const DASH = 45;
const DOT = 46;
const COMMA = 44;

/** Cells the file may write for "no value", lower-cased. */
const MISSING = new Set(["", "null", "nan", "n/a", "-"]);

/** Bound once: calls through a module's exports pay for a property look-up on every line. */
const { civilToDayNumber, daysInMonth } = calendar;

/** Exact powers of ten: 10^k is a double exactly up to k = 22. */
const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);
/** Digits whose integer is exact as a double (below 2^53). */
const EXACT_DIGITS = 15;

/**
 * Slots of the fields a row may need, in the order errors are reported: date, then close and
 * adjusted close (always read), then the rest (read for "all").
 */
const SLOTS = ["date", "close", "adjclose", "open", "high", "low", "volume"] as const;
const CLOSES_SLOTS = 3;

const isBlank = (c: number) => c === SPACE || c === TAB;

/** A comma or a line end: bytes below the digits, point and minus, so one comparison rules most out. */
const isCellEnd = (c: number) => c === COMMA || c === LF || c === CR;

/** Where the line from `pos` ends: at \n, \r or the end of the bytes. */
function lineEnd(bytes: Uint8Array, pos: number): number {
  const length = bytes.length;
  let end = pos;
  for (;;) {
    while (end < length && bytes[end] > CR) end++;
    if (end >= length) return end;
    const c = bytes[end];
    if (c === LF || c === CR) return end;
    end++;
  }
}

/** Where the cell from `pos` ends: at a comma, a line end or the end of the bytes. */
function cellEnd(bytes: Uint8Array, pos: number): number {
  const length = bytes.length;
  let end = pos;
  for (;;) {
    while (end < length && bytes[end] > COMMA) end++;
    if (end >= length || isCellEnd(bytes[end])) return end;
    end++;
  }
}

/** Where the next line starts after a line ending at `end` (\r\n is one line end). */
function nextLine(bytes: Uint8Array, end: number): number {
  return end < bytes.length && bytes[end] === CR && bytes[end + 1] === LF ? end + 2 : end + 1;
}

function isBlankRun(bytes: Uint8Array, s: number, e: number): boolean {
  for (let i = s; i < e; i++) if (!isBlank(bytes[i])) return false;
  return true;
}

/**
 * A plain decimal (optional minus, digits, optional point and digits) of at most 15 digits, as
 * Number() reads it; NaN for anything else. The digits make an exact integer and 10^k is exact,
 * so the one division rounds correctly: the same double Number() gives.
 */
function plainDecimal(b: Uint8Array, s: number, e: number): number {
  let i = s;
  const negative = b[i] === DASH;
  if (negative) i++;
  let mantissa = 0;
  let digits = 0;
  let fraction = -1;
  for (; i < e; i++) {
    const d = b[i] - ZERO;
    if (d >= 0 && d <= 9) {
      mantissa = mantissa * 10 + d;
      digits++;
    } else if (b[i] === DOT && fraction < 0) {
      fraction = digits;
    } else {
      return Number.NaN;
    }
  }
  if (digits === 0 || digits > EXACT_DIGITS) return Number.NaN;
  const value = fraction < 0 ? mantissa : mantissa / POW10[digits - fraction];
  return negative ? -value : value;
}

/**
 * Growable typed columns for the rows read so far (values: close, adjclose, then the rest). One
 * set is kept between files (a parse runs start to end without yielding), so reading a file
 * allocates only its final columns.
 */
class Rows {
  count = 0;
  days = new Int32Array(0);
  readonly values: Float64Array[] = Array.from({ length: SLOTS.length - 1 }, () => new Float64Array(0));

  /** Empty, with room for `capacity` rows of `width` values. */
  reset(capacity: number, width: number): this {
    this.count = 0;
    if (this.days.length < capacity) {
      this.days = new Int32Array(capacity);
      for (let k = 0; k < this.values.length; k++) this.values[k] = new Float64Array(0);
    }
    for (let k = 0; k < width; k++)
      if (this.values[k].length < this.days.length) this.values[k] = new Float64Array(this.days.length);
    return this;
  }

  grow(width: number): void {
    const capacity = this.days.length * 2 + 16;
    const days = new Int32Array(capacity);
    days.set(this.days);
    this.days = days;
    for (let k = 0; k < width; k++) {
      const column = new Float64Array(capacity);
      column.set(this.values[k]);
      this.values[k] = column;
    }
  }

  /** Lets go of columns grown for an unusually long file. */
  trim(): void {
    if (this.days.length > KEPT_ROWS) {
      this.days = new Int32Array(0);
      for (let k = 0; k < this.values.length; k++) this.values[k] = new Float64Array(0);
    }
  }
}

/** Rows whose scratch columns are kept between files (about 60 years of daily lines, 3 MB). */
const KEPT_ROWS = 60_000;
const scratch = new Rows();

/** The reading of one file: its bytes, where it is, and the state of the line being read. */
class Reader {
  /** Bounds of the cells that took the slow path (trimmed, without surrounding quotes). */
  private readonly starts = new Int32Array(SLOTS.length);
  private readonly ends = new Int32Array(SLOTS.length);
  /** Values of the cells read on the fast path. */
  private readonly fast = new Float64Array(SLOTS.length);
  /** Bit per slot: the line has the cell; the cell took the slow path. */
  private seen = 0;
  private slow = 0;
  private lineNo = 0;
  /** The month of the last date read, and its first day's number: most lines share it. */
  private monthKey = -1;
  private monthBase = 0;
  private monthDays = 0;
  private readonly text: Buffer;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly label: string,
  ) {
    this.text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  /** The columns, given the slot of each column of the file (-1: not read) and how many slots. */
  read(pos: number, slotOfColumn: Int8Array, width: number, rows: Rows): void {
    const bytes = this.bytes;
    const length = bytes.length;
    const columns = slotOfColumn.length;
    const fast = this.fast;
    while (pos < length) {
      const lineStart = pos;
      this.lineNo++;
      // Bit per slot: the line has the cell; the cell took the slow path.
      let seen = 0;
      let slow = 0;
      let column = 0;
      let cs = pos;
      let ce = pos;
      for (;;) {
        const slot = slotOfColumn[column];
        ce = cs;
        if (slot > 0) {
          // A number: digits, at most one point, an optional minus first, read while scanning.
          const negative = bytes[ce] === DASH;
          if (negative) ce++;
          let mantissa = 0;
          let digits = 0;
          let fraction = -1;
          while (ce < length) {
            const c = bytes[ce];
            const d = c - ZERO;
            if (d >>> 0 <= 9) {
              mantissa = mantissa * 10 + d;
              digits++;
            } else if (c === DOT && fraction < 0) {
              fraction = digits;
            } else break;
            ce++;
          }
          if (digits > 0 && digits <= EXACT_DIGITS && (ce === length || isCellEnd(bytes[ce]))) {
            const value = fraction < 0 ? mantissa : mantissa / POW10[digits - fraction];
            fast[slot] = negative ? -value : value;
          } else {
            ce = cellEnd(bytes, ce);
            this.slowCell(slot, cs, ce);
            slow |= 1 << slot;
          }
          seen |= 1 << slot;
        } else if (slot === 0) {
          // A date is read where it stands when a line end or comma follows its ten bytes (a
          // real date has neither inside); otherwise its cell is found as any other.
          const day = cs + 10 === length || (cs + 10 < length && isCellEnd(bytes[cs + 10])) ? this.dayAt(cs) : Number.NaN;
          if (day === day) {
            ce = cs + 10;
            fast[0] = day;
          } else {
            ce = cellEnd(bytes, ce);
            this.slowCell(0, cs, ce);
            slow |= 1;
          }
          seen |= 1;
        } else {
          ce = cellEnd(bytes, ce);
        }
        if (ce >= length || bytes[ce] !== COMMA) break;
        cs = ce + 1;
        if (++column === columns) {
          // The rest of the line holds nothing this reading needs.
          ce = lineEnd(bytes, cs);
          break;
        }
      }
      pos = nextLine(bytes, ce);
      // A line without a comma may be blank (skipped); any other line is a row.
      if (column === 0 && isBlankRun(bytes, lineStart, ce)) continue;

      this.seen = seen;
      this.slow = slow;
      const day = seen & 1 && !(slow & 1) ? fast[0] : this.value(0);
      if (day !== day) throw this.dateError();
      const close = seen & 2 && !(slow & 2) ? fast[1] : this.value(1);
      if (close !== close) continue; // Yahoo writes "null" for days without a trade
      const adj = seen & 4 && !(slow & 4) ? fast[2] : this.value(2);
      if (rows.count === rows.days.length) rows.grow(width - 1);
      const i = rows.count++;
      rows.days[i] = day;
      const v = rows.values;
      v[0][i] = close;
      v[1][i] = adj === adj ? adj : close;
      for (let slot = 3; slot < width; slot++) v[slot - 1][i] = this.value(slot);
    }
  }

  /** Notes the trimmed, unquoted bounds of a cell the fast path could not read. */
  private slowCell(slot: number, cs: number, ce: number): void {
    const bytes = this.bytes;
    let s = cs;
    let e = ce;
    while (s < e && isBlank(bytes[s])) s++;
    while (e > s && isBlank(bytes[e - 1])) e--;
    if (e - s >= 2 && bytes[s] === QUOTE && bytes[e - 1] === QUOTE) {
      s++;
      e--;
      while (s < e && isBlank(bytes[s])) s++;
      while (e > s && isBlank(bytes[e - 1])) e--;
    }
    this.starts[slot] = s;
    this.ends[slot] = e;
  }

  /**
   * The line's value in `slot`: the day number for slot 0, else the number; NaN for a missing
   * cell or one the file marks as "no value" (a date that is no date is NaN too).
   */
  private value(slot: number): number {
    const bit = 1 << slot;
    if ((this.seen & bit) === 0) return Number.NaN;
    if ((this.slow & bit) === 0) return this.fast[slot];
    const s = this.starts[slot];
    const e = this.ends[slot];
    if (slot === 0) return e - s === 10 ? this.dayAt(s) : Number.NaN;
    const plain = plainDecimal(this.bytes, s, e);
    if (plain === plain) return plain;
    const cell = this.text.toString("utf8", s, e);
    if (MISSING.has(cell.toLowerCase())) return Number.NaN;
    const n = Number(cell);
    if (!Number.isFinite(n)) throw new CsvFormatError(this.label, `line ${this.lineNo}: "${cell.slice(0, 20)}" is not a number`);
    return n;
  }

  /** Day number of a strict YYYY-MM-DD in the ten bytes from `s`, or NaN. */
  private dayAt(s: number): number {
    const b = this.bytes;
    if (b[s + 4] !== DASH || b[s + 7] !== DASH) return Number.NaN;
    const y0 = b[s] - ZERO;
    const y1 = b[s + 1] - ZERO;
    const y2 = b[s + 2] - ZERO;
    const y3 = b[s + 3] - ZERO;
    const m0 = b[s + 5] - ZERO;
    const m1 = b[s + 6] - ZERO;
    const d0 = b[s + 8] - ZERO;
    const d1 = b[s + 9] - ZERO;
    // A digit less ZERO is 0..9; anything else is negative or above 9 (large once unsigned).
    if (y0 >>> 0 > 9 || y1 >>> 0 > 9 || y2 >>> 0 > 9 || y3 >>> 0 > 9) return Number.NaN;
    if (m0 >>> 0 > 9 || m1 >>> 0 > 9 || d0 >>> 0 > 9 || d1 >>> 0 > 9) return Number.NaN;
    const year = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
    const month = m0 * 10 + m1;
    const day = d0 * 10 + d1;
    const key = year * 16 + month;
    if (key !== this.monthKey) {
      if (month < 1 || month > 12) return Number.NaN;
      this.monthKey = key;
      this.monthBase = civilToDayNumber(year, month, 1);
      this.monthDays = daysInMonth(year, month);
    }
    if (day < 1 || day > this.monthDays) return Number.NaN;
    return this.monthBase + day - 1;
  }

  private dateError(): CsvFormatError {
    let shown = "";
    if ((this.seen & 1) !== 0) {
      const s = this.starts[0];
      shown = this.text.toString("utf8", s, this.ends[0]).slice(0, 20);
    }
    return new CsvFormatError(this.label, `line ${this.lineNo}: "${shown}" is not a date as YYYY-MM-DD`);
  }

  /** The first line that is not blank, from `pos`, and where the next line starts ("" if none). */
  header(pos: number): { names: string; next: number } {
    const length = this.bytes.length;
    while (pos < length) {
      const lineStart = pos;
      const end = lineEnd(this.bytes, pos);
      pos = nextLine(this.bytes, end);
      this.lineNo++;
      if (!isBlankRun(this.bytes, lineStart, end)) return { names: this.text.toString("utf8", lineStart, end), next: pos };
    }
    return { names: "", next: pos };
  }
}

/**
 * Columns of a price file, oldest first, one row per date (a later line wins a repeated date).
 * `fields` "closes" reads dates, closes and adjusted closes only: a malformed cell in another
 * column is then not seen (the reading that needs that column reports it).
 */
export function parsePriceBytes(data: Uint8Array, label: string, fields: PriceFields = "all"): PriceColumns {
  // Indexed as a plain Uint8Array: a Buffer's elements are slower to reach.
  const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  const reader = new Reader(bytes, label);
  const width = fields === "all" ? SLOTS.length : CLOSES_SLOTS;
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;

  const { names, next } = reader.header(bom ? 3 : 0);
  if (names === "") throw new CsvFormatError(label, "it is empty", true);
  const at = headerColumns(names);
  if (at.date < 0 || at.close < 0) {
    throw new CsvFormatError(
      label,
      `it has no Date and Close columns, so it is not a price file (header: ${names.slice(0, 80)})`,
      true,
    );
  }
  // Slot of each column of the file (-1: not read), up to the last column a row needs.
  const wanted = SLOTS.slice(0, width);
  const slotOfColumn = new Int8Array(Math.max(...wanted.map((f) => at[f])) + 1).fill(-1);
  wanted.forEach((f, slot) => {
    if (at[f] >= 0) slotOfColumn[at[f]] = slot;
  });
  // Lines are about as long as the first data line; the columns grow if the guess is short.
  const firstLine = Math.max(16, lineEnd(bytes, next) - next + 1);
  const rows = scratch.reset(Math.ceil((bytes.length - next) / firstLine) + 16, width - 1);
  try {
    reader.read(next, slotOfColumn, width, rows);
    return inDateOrder(rows, fields);
  } finally {
    rows.trim();
  }
}

/** Columns in date order in one buffer; a repeated date keeps the later line, as a re-export would. */
function inDateOrder(rows: Rows, fields: PriceFields): PriceColumns {
  const days = rows.days;
  const values = rows.values.slice(0, fields === "all" ? SLOTS.length - 1 : CLOSES_SLOTS - 1);
  let order: number[] | null = null;
  for (let i = 1; i < rows.count; i++) {
    if (!(days[i - 1] < days[i])) {
      const sorted = Array.from({ length: rows.count }, (_, j) => j).sort((a, b) => days[a] - days[b] || a - b);
      // Of each run of equal dates keep the last line.
      order = sorted.filter((j, k) => k + 1 === sorted.length || days[sorted[k + 1]] !== days[j]);
      break;
    }
  }
  const count = order ? order.length : rows.count;
  const columns = columnsOf(new ArrayBuffer(count * (4 + 8 * values.length)), count, fields);
  const targets = [columns.close, columns.adjclose, columns.open, columns.high, columns.low, columns.volume];
  if (order) {
    for (let k = 0; k < count; k++) columns.days[k] = days[order[k]];
    values.forEach((column, c) => {
      const target = targets[c];
      for (let k = 0; k < count; k++) target[k] = column[order![k]];
    });
  } else {
    columns.days.set(days.subarray(0, count));
    values.forEach((column, c) => targets[c].set(column.subarray(0, count)));
  }
  return columns;
}

/** A file's text read as its UTF-8 bytes would be (tests and callers that hold text). */
export function parsePriceColumns(text: string, label: string, fields: PriceFields = "all"): PriceColumns {
  return parsePriceBytes(Buffer.from(text, "utf8"), label, fields);
}
