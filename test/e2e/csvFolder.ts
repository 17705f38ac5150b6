/**
 * The browser tests' price data: a CSV folder in Yahoo's download layout, written from closes
 * given by trading date (null = no trading that day), so each test states only its prices.
 */
import fs from "node:fs";
import path from "node:path";

export const E2E_DATES = [
  "2022-12-30",
  "2023-01-03",
  "2023-01-04",
  "2023-01-05",
  "2023-01-06",
  "2023-01-09",
  "2023-01-10",
  "2023-01-11",
];

function csvFor(closes: (number | null)[], dates: readonly string[]): string {
  const lines = ["Date,Open,High,Low,Close,Adj Close,Volume"];
  dates.forEach((date, i) => {
    const c = closes[i];
    if (c !== null && c !== undefined) lines.push(`${date},${c},${c},${c},${c},${c},1000`);
  });
  return lines.join("\n") + "\n";
}

/** Writes SYMBOL.csv into `dir` for each symbol's closes on `dates` (default E2E_DATES). */
export function writeCsvFolder(
  dir: string,
  closes: Record<string, (number | null)[]>,
  dates: readonly string[] = E2E_DATES,
): void {
  for (const [symbol, values] of Object.entries(closes)) fs.writeFileSync(path.join(dir, `${symbol}.csv`), csvFor(values, dates));
}
