/**
 * Random price files for property tests of the CSV reading, and the reading rules written the
 * slow, obvious way to compare against (test/server/csvAtScale.test.ts, csvParsePool.test.ts).
 */
import fc from "fast-check";
import type { HistoryRow } from "../../src/api/contract";
import { CsvFormatError } from "../../src/server/providers/csvFile";

/** The reading rules written the slow, obvious way: split lines, split cells, look each one up. */
export function reference(text: string, label: string): HistoryRow[] {
  const lines = text.replace(/^\uFEFF/, "").split(/\r\n|\n|\r/);
  const clean = (c: string) =>
    c
      .trim()
      .replace(/^"(.*)"$/, "$1")
      .trim();
  const headerLine = lines.findIndex((l) => l.trim() !== "");
  if (headerLine < 0) throw new CsvFormatError(label, "it is empty", true);
  const names = lines[headerLine].split(",").map((c) =>
    clean(c)
      .toLowerCase()
      .replace(/[\s_*]+/g, ""),
  );
  const col = (...alts: string[]) => alts.map((a) => names.indexOf(a)).find((i) => i >= 0) ?? -1;
  const at = [col("date"), col("open"), col("high"), col("low"), col("close", "price"), col("adjclose"), col("volume", "vol.")];
  if (at[0] < 0 || at[4] < 0) throw new CsvFormatError(label, "not a price file", true);
  const byDate = new Map<string, HistoryRow>();
  lines.forEach((line, i) => {
    if (i <= headerLine || line.trim() === "") return;
    const cells = line.split(",").map(clean);
    const date = cells[at[0]] ?? "";
    if (
      !/^\d{4}-\d{2}-\d{2}$/.test(date) ||
      Number.isNaN(Date.parse(`${date}T00:00:00Z`)) ||
      new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) !== date
    ) {
      throw new CsvFormatError(label, `line ${i + 1}: bad date`);
    }
    const num = (k: number): number | null => {
      if (at[k] < 0) return null;
      const cell = cells[at[k]] ?? "";
      if (["", "null", "nan", "n/a", "-"].includes(cell.toLowerCase())) return null;
      const n = Number(cell);
      if (!Number.isFinite(n)) throw new CsvFormatError(label, `line ${i + 1}: "${cell}" is not a number`);
      return n;
    };
    const close = num(4);
    if (close === null) return;
    byDate.set(date, [date, num(1), num(2), num(3), close, num(5) ?? close, num(6)]);
  });
  return [...byDate.values()].sort((a, b) => (a[0] < b[0] ? -1 : 1));
}

const dateArb = fc
  .integer({ min: 0, max: 20_000 })
  .map((d) => new Date(Date.UTC(1990, 0, 1) + d * 86_400_000).toISOString().slice(0, 10));
const numberCell = fc.oneof(
  { weight: 8, arbitrary: fc.double({ min: 0.01, max: 1e6, noNaN: true }).map((n) => String(Math.round(n * 100) / 100)) },
  { weight: 1, arbitrary: fc.constantFrom("null", "NaN", "", "-", "n/a", " 12.5 ", '"42"', "1e3") },
  // Decimals of every length and shape (leading zeros, a point first or last, a sign, more
  // digits than a double holds), and doubles as JavaScript writes them (exponents included).
  {
    weight: 4,
    arbitrary: fc
      .tuple(
        fc.constantFrom("", "-"),
        fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 1, maxLength: 20 }),
        fc.integer({ min: -1, max: 20 }),
      )
      .map(([sign, digits, point]) => {
        const text = digits.join("");
        return point < 0 || point > text.length ? `${sign}${text}` : `${sign}${text.slice(0, point)}.${text.slice(point)}`;
      }),
  },
  { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }).map(String) },
);
const rowArb = fc.record({ date: dateArb, cells: fc.array(numberCell, { minLength: 6, maxLength: 6 }) });
export const fileArb = fc.record({
  rows: fc.array(rowArb, { maxLength: 60 }),
  bom: fc.boolean(),
  eol: fc.constantFrom("\n", "\r\n", "\r"),
  header: fc.constantFrom(
    ["Date", "Open", "High", "Low", "Close", "Adj Close", "Volume"],
    ["date", "open", "high", "low", "close", "adj_close", "volume"],
    ["Date", "Close", "Open", "High", "Low", "Volume", "Adj Close"],
    ["Date", "Open", "High", "Low", "Close"],
  ),
  blankLines: fc.boolean(),
});

export function render(file: {
  rows: { date: string; cells: string[] }[];
  bom: boolean;
  eol: string;
  header: readonly string[];
  blankLines: boolean;
}): string {
  const lines = [file.header.join(",")];
  for (const row of file.rows) {
    lines.push([row.date, ...row.cells.slice(0, file.header.length - 1)].join(","));
    if (file.blankLines) lines.push("  ");
  }
  return (file.bom ? "\uFEFF" : "") + lines.join(file.eol) + file.eol;
}

/**
 * Cells a file should not have but may: letters and digits outside ASCII, blanks Number() trims
 * but the reading does not, hexadecimal, signs, infinities, quoted or padded values; and dates that
 * are no dates or are written with padding or quotes.
 */
const oddCell = fc.constantFrom(
  "１２",
  "12\u00a0",
  "\u00a012.5",
  "ü",
  "€5",
  "0x10",
  "+7",
  "Infinity",
  "1e400",
  "  -  ",
  '"null"',
  "\t3\t",
);
const oddDate = fc.constantFrom(
  "2024-02-30",
  "2024-13-01",
  "24-01-01",
  "2024/01/02",
  "２０２４-01-01",
  " 2024-01-02 ",
  '"2024-01-03"',
  "",
);
const oddRowArb = fc.record({
  date: fc.oneof({ weight: 20, arbitrary: dateArb }, { weight: 1, arbitrary: oddDate }),
  cells: fc.array(fc.oneof({ weight: 30, arbitrary: numberCell }, { weight: 1, arbitrary: oddCell }), {
    minLength: 6,
    maxLength: 6,
  }),
});
/** Files as fileArb makes them, now and then with an odd cell or date (which may make them unreadable). */
export const oddFileArb = fileArb.chain((file) => fc.array(oddRowArb, { maxLength: 60 }).map((rows) => ({ ...file, rows })));

/** What a reading gives: its rows, or the line its error names. */
export function outcome(read: () => HistoryRow[]): { rows: HistoryRow[] } | { error: string } {
  try {
    return { rows: read() };
  } catch (err) {
    if (!(err instanceof CsvFormatError)) throw err;
    return { error: /line \d+/.exec(err.message)?.[0] ?? err.message };
  }
}
