/**
 * Fetches everything an ETF comparison needs through the market client (one history and one fund
 * look-up per symbol, reported as each finishes) and computes the summary and growth of 100 with
 * the product's market arithmetic.
 */
import { SYMBOL_PATTERN, parseIsoDate } from "../../api/validation";
import { cagr, growthOf100, maxDrawdown, periodReturn, volatility } from "../../market";
import type { DailyBar } from "../../market/types";
import { ComparisonData, ComparisonParams, SummaryRow } from "../sheets/comparisonTypes";
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

export interface ComparisonClient {
  history(symbol: string, start: string, end?: string): Promise<HistoryLike>;
  fund?(symbol: string): Promise<FundLike>;
}

export interface LoadProgress {
  symbol: string;
  /** How many symbols have finished (successfully or not). */
  done: number;
  total: number;
}

/** Days fetched before the start so the base close (last close on or before the start) is present. */
const LOOKBACK_DAYS = 14;

export function todayIso(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

export function shiftIsoDate(iso: string, days: number): string {
  const t = Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)));
  return new Date(t + days * 86_400_000).toISOString().slice(0, 10);
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
  const fetchStart = shiftIsoDate(params.start, -LOOKBACK_DAYS);
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

  const failures = fetched.filter((f) => f.error !== null || !f.history || f.history.bars.length === 0);
  if (failures.length > 0) {
    throw new Error(
      failures.map((f) => `${f.symbol}: ${f.error ?? "no prices in the chosen period"}`).join("; "),
    );
  }

  const reference = fetched[0].history!.currency || "USD";
  const series: Record<string, DailyBar[]> = {};
  const rows: SummaryRow[] = fetched.map(({ symbol, history, fund }) => {
    const bars = history!.bars;
    series[symbol] = bars;
    const notes: string[] = [];
    // A fund younger than the window starts at its first close; the note says so.
    let start = params.start;
    if (bars[0].date > start) {
      start = bars[0].date;
      notes.push(`data from ${start}`);
    }
    const ret = periodReturn(bars, start, end, params.kind);
    const currency = history!.currency || "USD";
    if (currency !== reference) notes.unshift(`${currency} — not converted`);
    return {
      symbol,
      name: fund?.name || opts.nameFor?.(symbol) || symbol,
      currency,
      firstDate: ret.baseDate,
      lastDate: ret.endDate,
      return: ret.value,
      cagr: optional(() => cagr(bars, start, end, params.kind)),
      volatility: optional(() => volatility(bars, start, end, params.kind)),
      maxDrawdown: maxDrawdown(bars, start, end, params.kind).value,
      expenseRatio: fund?.expenseRatio ?? null,
      note: notes.join("; "),
    };
  });

  // Based like the returns (last shared close on or before the start), or a younger fund's first day.
  const growth = resampleGrowth(growthOf100(series, params.start, end, params.kind), params.interval);
  const histories = fetched.map((f) => f.history!);
  return {
    params,
    rows,
    growth,
    asOf: histories.map((h) => h.asOf).sort().at(-1) ?? "",
    sources: [...new Set(histories.map((h) => h.source))],
    stale: histories.some((h) => h.stale),
  };
}
