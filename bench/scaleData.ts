/**
 * Synthetic market data for the scale bench: S symbols × Y years of weekday bars on seeded
 * random walks, written as SYMBOL.csv files in Yahoo's layout, and kept in memory as the numbers
 * the files hold (four decimals, read back with Number) so the bench can check every cell
 * against its own scan, independently of the service's parser and the add-in's arithmetic.
 */
import fs from "node:fs";
import path from "node:path";
import { seededRandom as seeded } from "../test/seededRandom";
import { weekdays } from "../test/weekdays";

export interface SyntheticSeries {
  symbol: string;
  dates: string[];
  close: Float64Array;
  adjclose: Float64Array;
}

export function symbolName(i: number): string {
  return `SYN${String(i).padStart(4, "0")}`;
}

/** Writes `count` files into `dir` and returns what they hold. */
export function writeSyntheticFolder(dir: string, count: number, years: number, lastDate = "2025-12-31"): SyntheticSeries[] {
  const firstYear = Number(lastDate.slice(0, 4)) - years + 1;
  const dates = weekdays(`${firstYear}-01-01`, lastDate);
  const series: SyntheticSeries[] = [];
  for (let s = 0; s < count; s++) {
    const symbol = symbolName(s);
    const next = seeded(1000 + s);
    const close = new Float64Array(dates.length);
    const adjclose = new Float64Array(dates.length);
    const lines = ["Date,Open,High,Low,Close,Adj Close,Volume"];
    let price = 20 + next() * 200;
    // Adjusted close trails the close by accumulated dividends: a factor creeping up to 1.
    for (let i = 0; i < dates.length; i++) {
      price *= 1 + (next() - 0.5) * 0.04 + 0.0002;
      const c = Number(price.toFixed(4));
      const a = Number((c * (0.6 + (0.4 * i) / dates.length)).toFixed(4));
      close[i] = c;
      adjclose[i] = a;
      lines.push(
        `${dates[i]},${c.toFixed(4)},${(c * 1.01).toFixed(4)},${(c * 0.99).toFixed(4)},${c.toFixed(4)},${a.toFixed(4)},${Math.floor(next() * 1e6)}`,
      );
    }
    fs.writeFileSync(path.join(dir, `${symbol}.csv`), `${lines.join("\n")}\n`);
    series.push({ symbol, dates, close, adjclose });
  }
  return series;
}

export type CellFunction = "ETFRETURN" | "RETURN" | "CAGR" | "VOLATILITY" | "MAXDRAWDOWN";

export interface Cell {
  fn: CellFunction;
  symbol: string;
  start: string;
  /** Undefined: up to the latest close. */
  end?: string;
  type: "total" | "price";
}

/** A sheet's worth of cells: returns, CAGR, volatility and drawdown over windows anywhere in the 30 years. */
export function makeCells(count: number, series: SyntheticSeries[], seed = 7): Cell[] {
  const next = seeded(seed);
  const fns: CellFunction[] = ["ETFRETURN", "RETURN", "ETFRETURN", "CAGR", "VOLATILITY", "MAXDRAWDOWN"];
  const cells: Cell[] = [];
  for (let i = 0; i < count; i++) {
    const s = series[i % series.length];
    const n = s.dates.length;
    const fn = fns[Math.floor(next() * fns.length)];
    // Windows long enough for every function's rule (CAGR needs a year: 300 weekdays is more).
    const from = Math.floor(next() * (n - 320)) + 1;
    const latest = next() < 0.5;
    const to = latest ? n - 1 : from + 300 + Math.floor(next() * (n - 1 - from - 300));
    cells.push({
      fn,
      symbol: s.symbol,
      start: s.dates[from],
      end: latest ? undefined : s.dates[to],
      type: next() < 0.8 ? "total" : "price",
    });
  }
  return cells;
}

/** The value a cell must show, by a plain scan of the numbers the files hold. */
export function expectedValue(cell: Cell, s: SyntheticSeries): number {
  const values = cell.type === "price" ? s.close : s.adjclose;
  let base = -1;
  let last = -1;
  for (let i = 0; i < s.dates.length; i++) {
    if (s.dates[i] <= cell.start) base = i;
    if (cell.end === undefined || s.dates[i] <= cell.end) last = i;
  }
  const growth = values[last] / values[base];
  switch (cell.fn) {
    case "ETFRETURN":
    case "RETURN":
      return growth - 1;
    case "CAGR": {
      const days = (Date.parse(s.dates[last]) - Date.parse(s.dates[base])) / 86_400_000;
      return Math.pow(growth, 365.25 / days) - 1;
    }
    case "VOLATILITY": {
      const r: number[] = [];
      for (let i = base + 1; i <= last; i++) r.push(values[i] / values[i - 1] - 1);
      const mean = r.reduce((a, b) => a + b, 0) / r.length;
      const ss = r.reduce((a, b) => a + (b - mean) * (b - mean), 0);
      return Math.sqrt(ss / (r.length - 1)) * Math.sqrt(252);
    }
    case "MAXDRAWDOWN": {
      let peak = -Infinity;
      let worst = 0;
      for (let i = base; i <= last; i++) {
        peak = Math.max(peak, values[i]);
        worst = Math.min(worst, values[i] / peak - 1);
      }
      return worst;
    }
  }
}
