/**
 * Fetches everything an ETF comparison needs through the market client (one history and one fund
 * look-up per symbol, reported as each finishes) and computes the summary and growth of 100 with
 * the product's market arithmetic.
 */
import { BASE_CLOSE_LOOKBACK_DAYS } from "../../api/contract";
import { addDays, utcMsToIsoDate } from "../../calendar/isoDate";
import { SYMBOL_PATTERN, parseIsoDate } from "../../api/validation";
import { cagr, growthOf100, maxDrawdown, periodReturn, volatility } from "../../market";
import type { DailyBar } from "../../market/types";
import { ComparisonData, ComparisonInterval, ComparisonParams, LeftOutFund, SummaryRow } from "../sheets/comparisonTypes";
import { resampleGrowth } from "./resample";

/** What the comparison reads from a history answer. */
export interface HistoryLike {
  bars: DailyBar[];
  currency: string;
  source: string;
  asOf: string;
  stale: boolean;
}

export interface FundLike {
  name?: string | null;
  expenseRatio?: number | null;
}

/** The market client as the pane uses it; `signal` aborts the requests only that call waits for. */
export interface ComparisonClient {
  history(symbol: string, start: string, end?: string, signal?: AbortSignal): Promise<HistoryLike>;
  fund?(symbol: string, signal?: AbortSignal): Promise<FundLike>;
}

export interface LoadProgress {
  symbol: string;
  /** How many symbols have finished (successfully or not). */
  done: number;
  total: number;
}

export function todayIso(now: Date = new Date()): string {
  return utcMsToIsoDate(now.getTime());
}

/** More funds than this make an unreadable chart and a slow load; the pane refuses them. */
export const MAX_COMPARED_FUNDS = 20;

/**
 * Checks what the analyst asked for before anything is fetched, with messages that say what to
 * change, and tidies it: symbols upper-cased, each once, in the order given.
 */
export function checkComparisonParams(params: ComparisonParams, today: string): ComparisonParams {
  const symbols: string[] = [];
  for (const raw of params.symbols) {
    const symbol = raw.trim().toUpperCase();
    if (!SYMBOL_PATTERN.test(symbol)) {
      throw new Error(`"${raw}" is not a symbol (Yahoo spelling, e.g. SMH or 2800.HK).`);
    }
    if (!symbols.includes(symbol)) symbols.push(symbol);
  }
  if (symbols.length === 0) throw new Error("Choose at least one fund to compare.");
  if (symbols.length > MAX_COMPARED_FUNDS) {
    throw new Error(`Compare at most ${MAX_COMPARED_FUNDS} funds at a time (${symbols.length} chosen).`);
  }
  if (!parseIsoDate(params.start).ok) throw new Error(`Choose a start date (got "${params.start}").`);
  if (params.start > today) throw new Error(`The start date ${params.start} is in the future (today is ${today}).`);
  if (params.end !== null) {
    if (!parseIsoDate(params.end).ok) throw new Error(`The end date "${params.end}" is not a date.`);
    if (params.end < params.start) {
      throw new Error(`The end date ${params.end} is before the start date ${params.start}.`);
    }
  }
  return { ...params, symbols };
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function optional(compute: () => { value: number }): number | null {
  try {
    return compute().value;
  } catch {
    return null;
  }
}

/**
 * Cells the growth table may hold. Excel Online caps one request's payload (about 5 MB), and each
 * cell travels with its number format, and again in Refresh's snapshot: 60,000 cells keep a write
 * well under it. 20 funds over 10 years of daily closes would be about 53,000.
 */
export const GROWTH_CELL_BUDGET = 60_000;

const COARSER: Record<ComparisonInterval, ComparisonInterval | null> = { daily: "weekly", weekly: "monthly", monthly: null };

/** Cells a growth table of these dates and funds writes (with its header row and Date column). */
export function growthCells(growth: { dates: string[]; values: Record<string, number[]> }): number {
  return (growth.dates.length + 1) * (Object.keys(growth.values).length + 1);
}

/**
 * The growth table at the asked interval, or a coarser one when that would pass the budget
 * (monthly is never too large), with a sentence saying so.
 */
export function growthWithinBudget(
  daily: { dates: string[]; values: Record<string, number[]> },
  asked: ComparisonInterval,
  budget = GROWTH_CELL_BUDGET,
): { growth: { dates: string[]; values: Record<string, number[]> }; interval: ComparisonInterval; note: string | null } {
  let interval = asked;
  let growth = resampleGrowth(daily, interval);
  const askedCells = growthCells(growth);
  while (growthCells(growth) > budget && COARSER[interval]) {
    interval = COARSER[interval]!;
    growth = resampleGrowth(daily, interval);
  }
  const note =
    interval === asked
      ? null
      : `The growth table is ${interval}: ${asked} would write ${askedCells.toLocaleString("en-US")} cells, ` +
        `more than the ${budget.toLocaleString("en-US")} one write carries safely.`;
  return { growth, interval, note };
}

export async function loadComparisonData(
  params: ComparisonParams,
  client: ComparisonClient,
  opts: {
    onProgress?: (p: LoadProgress) => void;
    nameFor?: (symbol: string) => string | undefined;
    today?: string;
  } = {},
): Promise<ComparisonData> {
  const today = opts.today ?? todayIso();
  params = checkComparisonParams(params, today);
  const end = params.end ?? today;
  const fetchStart = addDays(params.start, -BASE_CLOSE_LOOKBACK_DAYS);
  let done = 0;

  const fetched = await Promise.all(
    params.symbols.map(async (symbol) => {
      try {
        const [history, fund] = await Promise.all([
          client.history(symbol, fetchStart, end),
          client.fund ? client.fund(symbol).catch(() => null) : Promise.resolve(null),
        ]);
        return { symbol, history, fund, error: null as string | null };
      } catch (err) {
        return { symbol, history: null, fund: null, error: message(err) };
      } finally {
        done++;
        opts.onProgress?.({ symbol, done, total: params.symbols.length });
      }
    }),
  );

  // A fund without prices in the window is left out (and said so); the rest are compared.
  const leftOut: LeftOutFund[] = [];
  const usable: { symbol: string; history: HistoryLike; fund: FundLike | null; first: string; last: string }[] = [];
  for (const f of fetched) {
    const inWindow = f.history ? f.history.bars.filter((b) => b.date <= end) : [];
    const before = inWindow.filter((b) => b.date <= params.start);
    const first = before.at(-1)?.date ?? inWindow[0]?.date;
    const last = inWindow.at(-1)?.date;
    if (f.error !== null || !f.history || first === undefined || last === undefined || last <= first || last < params.start) {
      leftOut.push({ symbol: f.symbol, reason: f.error ?? `no prices between ${params.start} and ${end}` });
    } else {
      usable.push({ symbol: f.symbol, history: f.history, fund: f.fund, first, last });
    }
  }
  if (usable.length === 0) {
    throw new Error(leftOut.map((f) => `${f.symbol}: ${f.reason}`).join("; "));
  }

  // The period every fund shares: from the latest first close to the earliest last close.
  const shared = {
    start: usable
      .map((u) => u.first)
      .sort()
      .at(-1)!,
    end: usable.map((u) => u.last).sort()[0],
  };
  if (shared.start >= shared.end) {
    const late = usable.find((u) => u.first === shared.start)!;
    const early = usable.find((u) => u.last === shared.end)!;
    throw new Error(
      `The funds share no period: ${early.symbol}'s data ends ${early.last}, before ${late.symbol}'s begins ${late.first}. ` +
        "Compare them separately.",
    );
  }
  const latest = usable
    .map((u) => u.last)
    .sort()
    .at(-1)!;
  const full = params.period === "full";
  const reference = usable[0].history.currency || "USD";
  const series: Record<string, DailyBar[]> = {};
  const rows: SummaryRow[] = usable.map(({ symbol, history, fund, first, last }) => {
    const bars = history.bars.filter((b) => b.date <= end);
    series[symbol] = bars;
    const notes: string[] = [];
    const currency = history.currency || "USD";
    if (currency !== reference) notes.push(`${currency} — not converted`);
    if (bars[0].date > params.start) notes.push(`data starts ${first}`);
    if (last < latest) notes.push(`data ends ${last}`);
    const from = full ? first : shared.start;
    const to = full ? last : shared.end;
    const ret = periodReturn(bars, from, to, params.kind);
    return {
      symbol,
      name: fund?.name || opts.nameFor?.(symbol) || symbol,
      currency,
      firstDate: first,
      lastDate: last,
      asOf: ret.endDate,
      return: ret.value,
      cagr: optional(() => cagr(bars, from, to, params.kind)),
      volatility: optional(() => volatility(bars, from, to, params.kind)),
      maxDrawdown: maxDrawdown(bars, from, to, params.kind).value,
      expenseRatio: fund?.expenseRatio ?? null,
      note: notes.join("; "),
    };
  });
  rows.sort((a, b) => b.return - a.return);

  // On the shared period whatever the mode: one table cannot mix periods.
  const {
    growth,
    interval: growthInterval,
    note: growthNote,
  } = growthWithinBudget(growthOf100(series, shared.start, shared.end, params.kind), params.interval);
  const histories = usable.map((u) => u.history);
  return {
    params,
    rows,
    period: shared,
    growth,
    growthInterval,
    growthNote,
    leftOut,
    pricesAsOf: rows
      .map((r) => r.asOf)
      .sort()
      .at(-1)!,
    asOf:
      histories
        .map((h) => h.asOf)
        .sort()
        .at(-1) ?? "",
    sources: [...new Set(histories.map((h) => h.source))],
    stale: histories.some((h) => h.stale),
  };
}
