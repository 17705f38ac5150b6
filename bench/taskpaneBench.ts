/**
 * Task-pane insert and refresh benchmark: an ETF comparison of 4 funds over 2 years of daily data,
 * written into the recording fake workbook and then refreshed in place (a day later), and the
 * DeepSeek shock sheet for every listed chain company. Prints the time to compute, plan, insert
 * and refresh, the number of context.sync() calls of each and the cells written. Synthetic prices, and also real daily files when
 * MARKET_DATA_DIR (or the first argument) names a folder holding SOXX, QQQ, RSP and HSTECH.
 *
 *   npx tsx bench/taskpaneBench.ts
 */
import * as fs from "fs";
import * as path from "path";
import type { DailyBar } from "../src/market/types";
import { ComparisonClient, GROWTH_CELL_BUDGET, growthCells, loadComparisonData } from "../src/taskpane/data/comparisonData";
import { insertEtfComparisonSheet, refreshEtfComparisonSheet } from "../src/taskpane/sheets/etfComparisonSheet";
import { ComparisonParams } from "../src/taskpane/sheets/comparisonTypes";
import { FakeContext, parseRect } from "../test/taskpane/fakeExcel";
import { chainEntries } from "../src/chain";
import { DEFAULT_SHOCK_PARAMS, ShockClient, ShockParams, loadShockData } from "../src/taskpane/data/deepSeekShockData";
import { deepSeekShockPlan } from "../src/taskpane/sheets/deepSeekShockPlan";
import { insertDeepSeekShockSheet, refreshDeepSeekShockSheet } from "../src/taskpane/sheets/deepSeekShockSheet";
import { MARKET_DATA_HINT, marketDataDir } from "./marketDataDir";
import { weekdays } from "../test/weekdays";

const REAL_DATA = marketDataDir();
const START = "2023-01-01";
const END = "2024-12-31";

/** A deterministic random walk (no Math.random, so every run measures the same data). */
function syntheticBars(seed: number, from = "2022-12-15", to = END): DailyBar[] {
  let x = seed;
  let price = 100;
  return weekdays(from, to).map((date) => {
    x = (x * 1103515245 + 12345) % 2147483648;
    price *= 1 + (x / 2147483648 - 0.5) * 0.04;
    return { date, open: price, high: price, low: price, close: price, adjclose: price, volume: 1000 };
  });
}

function csvBars(file: string): DailyBar[] {
  const lines = fs.readFileSync(file, "utf8").trim().split(/\r?\n/).slice(1);
  return lines
    .map((line) => line.split(","))
    .filter((c) => c[4] && c[4] !== "null")
    .map((c) => ({
      date: c[0],
      open: +c[1],
      high: +c[2],
      low: +c[3],
      close: +c[4],
      adjclose: +(c[5] || c[4]),
      volume: c[6] ? +c[6] : null,
    }));
}

type Dataset = { label: string; series: Record<string, { bars: DailyBar[]; currency: string }> };

function datasets(): Dataset[] {
  const synthetic: Dataset = {
    label: "synthetic daily prices",
    series: Object.fromEntries(
      ["SOXX", "QQQ", "RSP", "3033.HK"].map((s, i) => [
        s,
        { bars: syntheticBars(i + 7), currency: s.endsWith(".HK") ? "HKD" : "USD" },
      ]),
    ),
  };
  const real = realDataset();
  if (!real) console.log(`(synthetic prices only: ${MARKET_DATA_HINT} and HSTECH.csv to add real ones)`);
  return real ? [synthetic, real] : [synthetic];
}

function realDataset(): Dataset | null {
  if (!REAL_DATA) return null;
  const real = ["SOXX", "QQQ", "RSP", "HSTECH"].map((s) => path.join(REAL_DATA, `${s}.csv`));
  if (real.every((f) => fs.existsSync(f))) {
    return {
      label: `real daily prices from ${REAL_DATA} (HSTECH index standing in for 3033.HK)`,
      series: {
        SOXX: { bars: csvBars(real[0]), currency: "USD" },
        QQQ: { bars: csvBars(real[1]), currency: "USD" },
        RSP: { bars: csvBars(real[2]), currency: "USD" },
        "3033.HK": { bars: csvBars(real[3]), currency: "HKD" },
      },
    };
  }
  return null;
}

async function bench({ label, series }: Dataset) {
  const client: ComparisonClient = {
    async history(symbol, _start, end) {
      const s = series[symbol];
      return {
        bars: s.bars.filter((b) => !end || b.date <= end),
        currency: s.currency,
        source: "csv",
        asOf: "2025-01-01T00:00:00Z",
        stale: false,
      };
    },
  };
  const params: ComparisonParams = { symbols: Object.keys(series), start: START, end: END, kind: "total", interval: "daily" };
  console.log(`ETF comparison insert: 4 funds, ${START} to ${END}, ${label}`);

  const runs = 20;
  let computeMs = 0;
  let insertMs = 0;
  let refreshMs = 0;
  let last: { syncs: number; refreshSyncs: number; cells: number; dates: number; sheet: string } | null = null;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const data = await loadComparisonData(params, client);
    const t1 = performance.now();
    const fake = new FakeContext(["Sheet1"]);
    const result = await insertEtfComparisonSheet(fake as unknown as Excel.RequestContext, data);
    const t2 = performance.now();
    computeMs += t1 - t0;
    insertMs += t2 - t1;
    const cells = fake.writes
      .filter((w) => w.kind === "values")
      .reduce((n, w) => n + parseRect(w.address).rows * parseRect(w.address).cols, 0);
    const insertSyncs = fake.syncCount;
    // Refresh in place: reads the block, snapshots what it will overwrite, writes in one batch.
    const t3 = performance.now();
    const refreshed = await refreshEtfComparisonSheet(fake as unknown as Excel.RequestContext, () => Promise.resolve(data), {
      canResize: true,
    });
    refreshMs += performance.now() - t3;
    last = { syncs: insertSyncs, refreshSyncs: refreshed.syncs, cells, dates: data.growth.dates.length, sheet: result.sheetName };
  }
  console.log(`  common dates:            ${last!.dates}`);
  console.log(`  cells written (values):  ${last!.cells}`);
  console.log(`  context.sync() calls:    ${last!.syncs} to insert, ${last!.refreshSyncs} to refresh in place`);
  console.log(`  fetch+compute (mean):    ${(computeMs / runs).toFixed(2)} ms`);
  console.log(`  plan+insert (mean):      ${(insertMs / runs).toFixed(2)} ms   (fake Excel, ${runs} runs)`);
  console.log(`  refresh in place (mean): ${(refreshMs / runs).toFixed(2)} ms   (checks, snapshot, resize, rewrite)`);
}

/**
 * The write-size budget: 20 funds over 25 years of daily closes would write a growth table past
 * GROWTH_CELL_BUDGET, so the comparison picks a coarser interval and says so.
 */
async function largeComparison() {
  const symbols = Array.from({ length: 20 }, (_, i) => `F${i + 1}`);
  const series = Object.fromEntries(symbols.map((s, i) => [s, syntheticBars(i + 3, "1999-12-15")]));
  const client: ComparisonClient = {
    async history(symbol, _start, end) {
      return {
        bars: series[symbol].filter((b) => !end || b.date <= end),
        currency: "USD",
        source: "csv",
        asOf: "2025-01-01T00:00:00Z",
        stale: false,
      };
    },
  };
  const params: ComparisonParams = { symbols, start: "2000-01-01", end: END, kind: "total", interval: "daily" };
  const data = await loadComparisonData(params, client);
  const fake = new FakeContext(["Sheet1"]);
  const t0 = performance.now();
  await insertEtfComparisonSheet(fake as unknown as Excel.RequestContext, data, { canResize: true });
  const ms = performance.now() - t0;
  const values = fake.writes
    .filter((w) => w.kind === "values")
    .reduce((n, w) => n + parseRect(w.address).rows * parseRect(w.address).cols, 0);
  console.log(
    `ETF comparison, 20 funds daily from 2000-01-01 to ${END} (budget ${GROWTH_CELL_BUDGET.toLocaleString("en-US")} growth cells)`,
  );
  console.log(`  growth table:            ${data.growthInterval}, ${growthCells(data.growth).toLocaleString("en-US")} cells`);
  console.log(`  said on the sheet:       ${data.growthNote ?? "(nothing: within budget)"}`);
  console.log(`  cells written (values):  ${values.toLocaleString("en-US")}`);
  console.log(`  context.sync() calls:    ${fake.syncCount}`);
  console.log(`  plan+insert:             ${ms.toFixed(1)} ms (fake Excel)`);
}

/** Every listed company of the value chain, each once (a company placed twice is one study). */
function listedTickers(): string[] {
  return [...new Set(chainEntries().flatMap((e) => (e.company.ticker ? [e.company.ticker] : [])))];
}

/**
 * The DeepSeek shock sheet for every listed chain company (all four layers) against QQQ: the
 * study computed, the sheet planned, inserted, refreshed on its own sheet and refreshed from
 * another sheet, with the syncs of each. Synthetic prices for every ticker, and real ones from
 * MARKET_DATA_DIR where a file exists (companies without one keep their row with the reason).
 */
async function shockSheet() {
  const tickers = listedTickers();
  const params: ShockParams = { ...DEFAULT_SHOCK_PARAMS, layers: [1, 2, 3, 4] };
  const synthetic = Object.fromEntries(["QQQ", ...tickers].map((s, i) => [s, syntheticBars(i + 11, "2023-06-01", "2025-03-31")]));
  const sets: { label: string; bars: (symbol: string) => DailyBar[] | undefined }[] = [
    { label: "synthetic daily prices for every ticker", bars: (s) => synthetic[s] },
  ];
  if (REAL_DATA) {
    const dir = REAL_DATA;
    sets.push({
      label: `real daily prices from ${dir} where a file exists`,
      bars: (s) => (fs.existsSync(path.join(dir, `${s}.csv`)) ? csvBars(path.join(dir, `${s}.csv`)) : undefined),
    });
  }
  for (const set of sets) {
    const cache = new Map<string, DailyBar[] | undefined>();
    const client: ShockClient = {
      async history(symbol) {
        if (!cache.has(symbol)) cache.set(symbol, set.bars(symbol));
        const bars = cache.get(symbol);
        if (!bars) throw new Error(`No prices for ${symbol}`);
        return { bars };
      },
    };
    const runs = 10;
    const ms = { compute: 0, plan: 0, insert: 0, refresh: 0, elsewhere: 0 };
    let last = { studied: 0, rows: 0, cells: 0, insert: 0, refresh: 0, elsewhere: 0, progress: 0 };
    for (let i = 0; i < runs; i++) {
      let progress = 0;
      const t0 = performance.now();
      const data = await loadShockData(client, params, (done) => (progress = done));
      const t1 = performance.now();
      deepSeekShockPlan(data);
      const t2 = performance.now();
      const fake = new FakeContext(["Sheet1"]);
      const ctx = fake as unknown as Excel.RequestContext;
      await insertDeepSeekShockSheet(ctx, data, { canResize: true });
      const t3 = performance.now();
      const insertSyncs = fake.syncCount;
      const cells = fake.writes
        .filter((w) => w.kind === "values" || w.kind === "formulas")
        .reduce((n, w) => n + parseRect(w.address).rows * parseRect(w.address).cols, 0);
      fake.syncCount = 0;
      const refreshed = await refreshDeepSeekShockSheet(ctx, () => Promise.resolve(data), { canResize: true });
      const t4 = performance.now();
      fake.workbook.activeSheet = fake.workbook.sheet("Sheet1")!;
      const elsewhere = await refreshDeepSeekShockSheet(ctx, () => Promise.resolve(data), { canResize: true });
      const t5 = performance.now();
      ms.compute += t1 - t0;
      ms.plan += t2 - t1;
      ms.insert += t3 - t2;
      ms.refresh += t4 - t3;
      ms.elsewhere += t5 - t4;
      last = {
        studied: data.rows.filter((r) => r.study).length,
        rows: data.rows.length,
        cells,
        insert: insertSyncs,
        refresh: refreshed.syncs,
        elsewhere: elsewhere.foundElsewhere ? elsewhere.syncs : -1,
        progress,
      };
    }
    const mean = (x: number) => `${(x / runs).toFixed(2)} ms`;
    console.log(`DeepSeek shock sheet: ${tickers.length} listed chain companies, all 4 layers, against QQQ, ${set.label}`);
    console.log(
      `  rows (places) / studied: ${last.rows} / ${last.studied}; progress reached ${last.progress} of ${tickers.length}`,
    );
    console.log(`  cells written on insert: ${last.cells}`);
    console.log(
      `  context.sync() calls:    ${last.insert} to insert, ${last.refresh} to refresh in place, ${last.elsewhere} to refresh from another sheet`,
    );
    console.log(`  fetch+compute (mean):    ${mean(ms.compute)}   (${runs} runs; prices cached after the first)`);
    console.log(`  plan (mean):             ${mean(ms.plan)}`);
    console.log(`  insert (mean):           ${mean(ms.insert)}   (plan included, fake Excel)`);
    console.log(`  refresh in place (mean): ${mean(ms.refresh)}   (checks, snapshot, resize, rewrite; data reused)`);
    console.log(`  refresh from elsewhere:  ${mean(ms.elsewhere)}`);
  }
}

async function main() {
  for (const d of datasets()) await bench(d);
  await largeComparison();
  await shockSheet();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
