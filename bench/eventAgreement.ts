/**
 * Real-data agreement check for the event study, BETA and CORREL (not part of `npm test`).
 *
 * Serves the daily files of the reference data folder through the real data service (CSV
 * provider) and the add-in's client, runs market-model event studies of listed chain companies
 * around the DeepSeek shock (2025-01-27) and a second event against QQQ, SOXX and SPY for several
 * windows, both through src/market on the served bars and through the EVENTSTUDY and CAR custom
 * functions as Excel calls them, plus BETA and CORREL for several periods and intervals, and
 * compares everything with bench/independent_event_calc.py, a separate standard-library Python
 * implementation of the same definitions reading the files itself. Prints the largest absolute
 * difference (target: 1e-9) and the worked example of docs/functions.md.
 *
 * Run: npm run bench -- event-agreement   (data folder from MARKET_DATA_DIR; skipped without one)
 */

import { existsSync } from "fs";
import { join } from "path";
import "../test/setupCustomFunctions"; // the CustomFunctions global Excel would provide
import { beta, correlation } from "../src/functions/coMovementFunctions";
import { cumulativeAbnormalReturn, eventStudyTable } from "../src/functions/eventFunctions";
import { eventStudy, eventStudyDates, type DailyBar } from "../src/market";
import { AgreementTally, formatDiff, independentReference, servedFolder } from "./agreement";
import { MARKET_DATA_HINT, marketDataDir } from "./marketDataDir";

const TOLERANCE = 1e-9;
const COMPANIES = [
  "NVDA",
  "AMD",
  "AVGO",
  "INTC",
  "MRVL",
  "QCOM",
  "TXN",
  "MSFT",
  "GOOGL",
  "AMZN",
  "META",
  "AAPL",
  "DELL",
  "HPE",
  "IBM",
  "TEM",
  "HIMS",
  "APP",
  "MS",
  "TSLA",
  "BABA",
  "BIDU",
];
const BENCHMARKS = ["QQQ", "SOXX", "SPY"];
const EVENTS = ["2025-01-27", "2024-08-05"];
const WINDOWS: Array<[number, number]> = [
  [-1, 1],
  [0, 0],
  [0, 5],
  [0, 20],
];
const ESTIMATIONS: Array<[number, number]> = [
  [250, 10],
  [120, 5],
];
const PAIRS: Array<[string, string, string, string | null, 0 | 1 | 2]> = [
  ["NVDA", "QQQ", "2024-01-01", "2024-12-31", 0],
  ["NVDA", "SOXX", "2024-01-01", null, 0],
  ["AMD", "QQQ", "2024-03-01", "2025-03-31", 1],
  ["META", "SPY", "2023-12-15", null, 2],
  ["MSFT", "GOOGL", "2024-06-01", "2025-01-31", 0],
  ["AVGO", "NVDA", "2024-07-06", "2024-12-24", 1], // a weekend start; AVGO split 10:1 on 2024-07-15
];

interface Study {
  symbol: string;
  benchmark: string;
  event: string;
  ws: number;
  we: number;
  est: number;
  gap: number;
}
interface PyStudy {
  error?: string;
  alpha?: number;
  beta?: number;
  sd?: number;
  ar0?: number;
  car?: number;
  t?: number;
  raw?: number;
  bench?: number;
  n?: number;
  day0?: string;
}

const dataDir = marketDataDir();

async function main(): Promise<void> {
  if (!dataDir) {
    console.log(`event agreement: skipped (${MARKET_DATA_HINT})`);
    return;
  }
  const companies = COMPANIES.filter((s) => existsSync(join(dataDir, `${s}.csv`)));
  const studies: Study[] = [];
  for (const event of EVENTS)
    for (const benchmark of BENCHMARKS)
      for (const [ws, we] of WINDOWS)
        for (const [est, gap] of ESTIMATIONS)
          for (const symbol of companies) studies.push({ symbol, benchmark, event, ws, we, est, gap });
  const pairs = PAIRS.map(([a, b, start, end, interval]) => ({ a, b, start, end, interval }));
  const reference = independentReference<{ studies: PyStudy[]; pairs: { beta?: number; correl?: number; error?: string }[] }>(
    "independent_event_calc.py",
    { dataDir, studies, pairs },
  );
  const service = await servedFolder(dataDir);
  const client = service.client;

  const tally = new AgreementTally([
    "alpha",
    "beta",
    "residual sd",
    "AR(0)",
    "CAR",
    "t",
    "raw return",
    "benchmark return",
    "estimation days",
    "BETA",
    "CORREL",
  ]);

  // 1. src/market on the bars the client was served (the same dates the functions read)
  let answered = 0;
  let refused = 0;
  const served = new Map<string, DailyBar[]>();
  const barsOf = async (symbol: string) => {
    if (!served.has(symbol)) served.set(symbol, (await client.history(symbol, "2022-12-01")).bars);
    return served.get(symbol)!;
  };
  for (let i = 0; i < studies.length; i++) {
    const s = studies[i];
    const ref = reference.studies[i];
    const where = `${s.symbol}/${s.benchmark} ${s.event} (${s.ws},${s.we}) est ${s.est} gap ${s.gap}`;
    const w = { eventDate: s.event, windowStart: s.ws, windowEnd: s.we, estimationDays: s.est, gap: s.gap };
    const dates = eventStudyDates(w);
    const inRange = (bars: DailyBar[]) => bars.filter((b) => b.date <= dates.end);
    let ours;
    try {
      ours = eventStudy(inRange(await barsOf(s.symbol)), inRange(await barsOf(s.benchmark)), w, s.symbol, s.benchmark);
    } catch (err) {
      if (!ref.error) tally.problem(`${where}: ours failed (${(err as Error).message}), reference answered`);
      refused++;
      continue;
    }
    if (ref.error) {
      tally.problem(`${where}: ours answered, reference: ${ref.error}`);
      continue;
    }
    if (ours.day0 !== ref.day0) tally.problem(`${where}: day 0 ${ours.day0} vs ${ref.day0}`);
    if (ours.estimationDays !== ref.n) tally.problem(`${where}: ${ours.estimationDays} estimation days vs ${ref.n}`);
    tally.note("alpha", ours.alpha, ref.alpha, where);
    tally.note("beta", ours.beta, ref.beta, where);
    tally.note("residual sd", ours.residualSd, ref.sd, where);
    tally.note("AR(0)", ours.ar0, ref.ar0, where);
    tally.note("CAR", ours.car, ref.car, where);
    tally.note("t", ours.t, ref.t, where);
    tally.note("raw return", ours.rawReturn, ref.raw, where);
    tally.note("benchmark return", ours.benchmarkReturn, ref.bench, where);
    answered++;
  }

  // 2. the custom functions as Excel calls them: one EVENTSTUDY per event x benchmark x window x estimation, CAR per cell
  let functionCells = 0;
  const requestsBefore = client.requestCount();
  const groups = new Map<string, number[]>();
  studies.forEach((s, i) => {
    const key = `${s.event}|${s.benchmark}|${s.ws}|${s.we}|${s.est}|${s.gap}`;
    groups.set(key, [...(groups.get(key) ?? []), i]);
  });
  for (const indexes of groups.values()) {
    const s = studies[indexes[0]];
    const table = await eventStudyTable([indexes.map((i) => studies[i].symbol)], s.event, s.benchmark, s.ws, s.we, s.est, s.gap);
    indexes.forEach((i, row) => {
      const ref = reference.studies[i];
      const cells = table[row + 1];
      const where = `EVENTSTUDY ${studies[i].symbol}/${s.benchmark} ${s.event} (${s.ws},${s.we}) est ${s.est}`;
      if (cells[0] !== studies[i].symbol) tally.problem(`${where}: row labelled ${cells[0]}`);
      if (ref.error) {
        if (!(cells[8] instanceof CustomFunctions.Error))
          tally.problem(`${where}: answered ${cells[8]}, reference: ${ref.error}`);
        return;
      }
      [
        ["alpha", 4, ref.alpha],
        ["beta", 5, ref.beta],
        ["residual sd", 6, ref.sd],
        ["AR(0)", 7, ref.ar0],
        ["CAR", 8, ref.car],
        ["t", 9, ref.t],
        ["raw return", 10, ref.raw],
        ["benchmark return", 11, ref.bench],
        ["estimation days", 12, ref.n],
      ].forEach(([what, col, value]) => tally.note(what as string, cells[col as number], value as number, where));
      functionCells += 11;
    });
  }
  for (let i = 0; i < studies.length; i += 7) {
    const s = studies[i];
    const ref = reference.studies[i];
    try {
      tally.note(
        "CAR",
        await cumulativeAbnormalReturn(s.symbol, s.event, s.benchmark, s.ws, s.we, s.est, s.gap),
        ref.car,
        `CAR() ${s.symbol}`,
      );
    } catch (err) {
      if (!ref.error) tally.problem(`CAR() ${s.symbol} ${s.event}: ${(err as Error).message}`);
    }
    functionCells++;
  }

  // 3. BETA and CORREL
  for (let i = 0; i < PAIRS.length; i++) {
    const [a, b, start, end, interval] = PAIRS[i];
    const ref = reference.pairs[i];
    const where = `${a}/${b} ${start}..${end ?? "latest"} interval ${interval}`;
    tally.note("BETA", await beta(a, b, start, end, interval), ref.beta, `BETA ${where}`);
    const matrix = await correlation([[a, b]], start, end, interval);
    tally.note("CORREL", matrix[1][2], ref.correl, `CORREL ${where}`);
    tally.note("CORREL", matrix[2][1], ref.correl, `CORREL ${where}`);
    functionCells += 3;
  }

  console.log("event agreement: EVENTSTUDY / CAR / BETA / CORREL vs bench/independent_event_calc.py (Python, standard library)");
  console.log(`  data: ${dataDir}`);
  console.log(
    `  ${studies.length} studies (${companies.length} companies x ${BENCHMARKS.join("/")} x events ${EVENTS.join(", ")} x windows ${WINDOWS.map(([a, b]) => `(${a},${b})`).join(" ")} x estimation ${ESTIMATIONS.map(([e, g]) => `${e}/gap ${g}`).join(", ")})`,
  );
  console.log(`  ${answered} answered, ${refused} refused by both (too few estimation days, e.g. TEM listed 2024-06-14)`);
  console.log(
    `  ${functionCells} custom-function cells; ${client.requestCount() - requestsBefore} HTTP request(s) for them after the first pass`,
  );
  for (const [what, d] of tally.measures()) console.log(`  max |diff| ${what.padEnd(17)} ${formatDiff(d)}`);

  const example = await eventStudyTable([["NVDA", "AMD", "AVGO", "MSFT", "GOOGL", "META"]], "2025-01-27");
  console.log('\n  worked example: =AICHAIN.EVENTSTUDY({"NVDA","AMD","AVGO","MSFT","GOOGL","META"},"2025-01-27")');
  const show = (v: unknown, col: number) =>
    typeof v === "number"
      ? [4, 6].includes(col)
        ? v.toFixed(5)
        : col === 5 || col === 9
          ? v.toFixed(2)
          : col === 12
            ? String(v)
            : `${(v * 100).toFixed(2)}%`
      : v instanceof CustomFunctions.Error
        ? `${v.code} ${v.message}`
        : String(v);
  for (const row of example)
    console.log(`  | ${row.map((v, col) => (example.indexOf(row) === 0 ? String(v) : show(v, col))).join(" | ")} |`);

  tally.report(TOLERANCE);
  await service.close();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
