/**
 * Real-data agreement check for src/market (not part of `npm test`).
 *
 * Serves SOXX, QQQ and RSP daily files (Yahoo download layout) from the reference data folder
 * through the real data service (CSV provider) and the add-in's client, computes return, CAGR,
 * volatility and max drawdown for several windows, both kinds, twice (src/market directly on the
 * served bars, and the RETURN/CAGR/VOLATILITY/MAXDRAWDOWN custom functions as Excel calls them),
 * plus the weekly and monthly HISTORY tables and Excel serials, and compares everything with
 * bench/independent_calc.py, a separate standard-library Python implementation of the same
 * definitions reading the files itself. Prints the largest absolute differences (target: 1e-9).
 *
 * Run: npx tsx bench/marketAgreement.ts [dataDir]   (or MARKET_DATA_DIR; skipped without one)
 */

import { existsSync, readFileSync } from "fs";
import { join } from "path";
import "../test/setupCustomFunctions"; // the CustomFunctions global Excel would provide
import type { MarketClient } from "../src/client";
import { annualVolatility, compoundGrowth, symbolReturn, worstDrawdown } from "../src/functions/marketFunctions";
import { AgreementTally, formatDiff, independentReference, servedFolder } from "./agreement";
import { MARKET_DATA_HINT, marketDataDir } from "./marketDataDir";
import type { DailyBar } from "../src/market";
import { cagr, historyTable, maxDrawdown, periodReturn, seriesStats, toExcelSerial, volatility } from "../src/market";

const TOLERANCE = 1e-9;
const SYMBOLS = ["SOXX", "QQQ", "RSP"];
const WINDOWS: Array<[string, string | null]> = [
  ["2022-12-01", null],
  ["2022-12-30", "2025-02-28"],
  ["2023-01-01", "2023-12-31"],
  ["2023-12-29", "2024-12-31"],
  ["2024-01-01", "2024-12-31"],
  ["2024-03-01", "2024-03-31"], // SOXX 3:1 split on 2024-03-07
  ["2023-06-17", "2024-06-16"], // weekend on both ends, 365 calendar days apart
  ["2024-07-04", "2024-09-02"], // US holidays on both ends
  ["2025-01-01", null],
  ["2025-03-28", "2025-03-31"], // two returns only
];

const dataDir = marketDataDir();

/** The symbol's whole history as the add-in sees it: the CSV provider, the service, the client. */
async function servedBars(client: MarketClient, symbol: string): Promise<DailyBar[]> {
  const history = await client.history(symbol, "1990-01-01");
  return history.bars;
}

/** A custom function's answer, or its error text, so it can be compared with the reference. */
async function cell(call: Promise<number>): Promise<number | string> {
  try {
    return await call;
  } catch (err) {
    return `error: ${(err as Error).message}`;
  }
}

function readDividends(file: string, symbol: string): [string, number][] {
  if (!existsSync(file)) return [];
  const [, ...lines] = readFileSync(file, "utf8").trim().split(/\r?\n/);
  return lines
    .map((l) => l.split(","))
    .filter((f) => f[0] === symbol && f[2] !== "")
    .map((f) => [f[1], Number(f[2])] as [string, number]);
}

interface PyWindow {
  start: string;
  end: string | null;
  kind: "total" | "price";
  error?: string;
  baseDate?: string;
  endDate?: string;
  return?: number;
  cagr?: number | null;
  volatility?: number | null;
  maxDrawdown?: number;
}
interface PySymbol {
  windows: PyWindow[];
  weekly: (number | null)[][];
  monthly: (number | null)[][];
  serials: number[];
  first: string;
  last: string;
}

async function main(): Promise<void> {
  if (!dataDir) {
    console.log(`market agreement: skipped (${MARKET_DATA_HINT})`);
    return;
  }
  const reference = independentReference<Record<string, PySymbol>>("independent_calc.py", {
    dataDir,
    symbols: SYMBOLS,
    windows: WINDOWS,
    events: "events.csv",
  });
  const service = await servedFolder(dataDir);
  const client = service.client;
  const barsBySymbol: Record<string, DailyBar[]> = {};
  for (const symbol of SYMBOLS) barsBySymbol[symbol] = await servedBars(client, symbol);
  let functionCells = 0;

  const tally = new AgreementTally(["return", "cagr", "volatility", "maxDrawdown", "weekly", "monthly"]);
  let compared = 0;
  let tableRows = 0;
  let serialCount = 0;

  for (const symbol of SYMBOLS) {
    const bars = barsBySymbol[symbol];
    const dividends = readDividends(join(dataDir, "events.csv"), symbol);
    const ref = reference[symbol];

    for (const w of ref.windows) {
      const where = `${symbol} ${w.start}..${w.end ?? "latest"} ${w.kind}`;
      const end = w.end ?? undefined;
      const s = seriesStats(bars, w.start, end, w.kind, symbol);
      if (s.baseDate !== w.baseDate || s.endDate !== w.endDate) {
        tally.problem(`${where}: dates ${s.baseDate}..${s.endDate} vs ${w.baseDate}..${w.endDate}`);
      }
      tally.note("return", s.return, w.return, where);
      tally.note("cagr", s.cagr, w.cagr, where);
      tally.note("volatility", s.volatility, w.volatility, where);
      tally.note("maxDrawdown", s.maxDrawdown, w.maxDrawdown, where);
      // the single-measure functions must give the very same numbers as the one-pass summary
      if (periodReturn(bars, w.start, end, w.kind).value !== s.return) tally.problem(`${where}: periodReturn differs`);
      if (maxDrawdown(bars, w.start, end, w.kind).value !== s.maxDrawdown) tally.problem(`${where}: maxDrawdown differs`);
      if (s.cagr !== null && cagr(bars, w.start, end, w.kind).value !== s.cagr) tally.problem(`${where}: cagr differs`);
      if (s.volatility !== null && volatility(bars, w.start, end, w.kind).value !== s.volatility) {
        tally.problem(`${where}: volatility differs`);
      }
      // the custom functions, called as Excel calls them (omitted end is null), must agree too
      const args = [symbol, w.start, w.end ?? null, w.kind] as const;
      const fnReturn = await cell(symbolReturn(...args));
      const fnCagr = await cell(compoundGrowth(...args));
      const fnVol = await cell(annualVolatility(...args));
      const fnDd = await cell(worstDrawdown(...args));
      const asNumber = (v: number | string) => (typeof v === "number" ? v : null);
      if (typeof fnReturn !== "number") tally.problem(`${where}: RETURN gave ${fnReturn}`);
      tally.note("return", asNumber(fnReturn), w.return, `${where} RETURN()`);
      if ((w.cagr === null) !== (typeof fnCagr !== "number")) tally.problem(`${where}: CAGR gave ${fnCagr}, reference ${w.cagr}`);
      tally.note("cagr", asNumber(fnCagr), w.cagr ?? null, `${where} CAGR()`);
      tally.note("volatility", asNumber(fnVol), w.volatility, `${where} VOLATILITY()`);
      tally.note("maxDrawdown", asNumber(fnDd), w.maxDrawdown, `${where} MAXDRAWDOWN()`);
      functionCells += 4;
      compared++;
    }

    for (const [interval, name] of [
      [1, "weekly"],
      [2, "monthly"],
    ] as const) {
      const ours = historyTable(bars, dividends, {
        start: ref.first,
        end: ref.last,
        interval,
        headers: 0,
        properties: [0, 1, 2, 3, 4, 5, 6, 7],
      });
      const theirs = ref[name];
      if (ours.length !== theirs.length) tally.problem(`${symbol} ${name}: ${ours.length} rows vs ${theirs.length}`);
      ours.forEach((row, i) =>
        row.forEach((cell, j) => {
          const a = cell === "" ? null : (cell as number);
          const b = theirs[i]?.[j] ?? null;
          if (j === 0 && a !== b) tally.problem(`${symbol} ${name} row ${i}: date ${a} vs ${b}`);
          tally.note(name, a, b, `${symbol} ${name} row ${i} col ${j}`);
        }),
      );
      tableRows += ours.length;
    }

    bars.forEach((b, i) => {
      if (toExcelSerial(b.date) !== ref.serials[i]) tally.problem(`${symbol} ${b.date}: serial differs`);
      serialCount++;
    });
  }

  console.log(`market agreement: src/market vs bench/independent_calc.py (Python, standard library) on ${SYMBOLS.join(", ")}`);
  console.log(`  data: ${dataDir}`);
  console.log(
    `  bars served by the data service (CSV provider) to the add-in's client; ${client.requestCount()} HTTP request(s)`,
  );
  console.log(
    `  ${compared} symbol x window x kind combinations; base/end dates all compared; ${functionCells} custom-function cells`,
  );
  for (const m of ["return", "cagr", "volatility", "maxDrawdown"])
    console.log(`  max |diff| ${m.padEnd(11)} ${formatDiff(tally.largestOf(m))}`);
  console.log(
    `  HISTORY weekly+monthly: ${tableRows} rows x 8 columns, max |diff| ${formatDiff(Math.max(tally.largestOf("weekly"), tally.largestOf("monthly")))}`,
  );
  console.log(`  Excel serials: ${serialCount} dates compared`);

  const qqq = barsBySymbol.QQQ;
  const q = periodReturn(qqq, "2023-12-29", "2024-12-31", "price", "QQQ");
  console.log(
    `  known point: QQQ price return ${q.baseDate}..${q.endDate} = ${q.value.toFixed(12)} (511.23 / 409.52 - 1 = ${(511.23 / 409.52 - 1).toFixed(12)})`,
  );
  const soxx = barsBySymbol.SOXX;
  const sx = periodReturn(soxx, "2022-12-30", "2025-02-28", "price", "SOXX");
  console.log(
    `  known point: SOXX price return ${sx.baseDate}..${sx.endDate} = ${sx.value.toFixed(12)} (208.52 / 115.99 - 1 = ${(208.52 / 115.99 - 1).toFixed(12)})`,
  );
  const qc = cagr(qqq, "2023-01-01", "2025-03-31", "total", "QQQ");
  console.log(`  QQQ total CAGR ${qc.baseDate}..${qc.endDate} = ${qc.value.toFixed(6)}`);

  const calls = 10000;
  const t0 = process.hrtime.bigint();
  let sink = 0;
  for (let i = 0; i < calls; i++)
    sink += periodReturn(soxx, WINDOWS[i % WINDOWS.length][0], WINDOWS[i % WINDOWS.length][1] ?? undefined).value;
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  console.log(`  speed: ${calls} periodReturn calls on ${soxx.length} bars in ${ms.toFixed(1)} ms (checksum ${sink.toFixed(3)})`);

  tally.report(TOLERANCE);
  await service.close();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
