/**
 * Everything the "DeepSeek shock" sheet shows, computed before Excel is touched: a market-model
 * event study of every listed company of the chosen layers (through the shared market client),
 * equal-weighted layer averages, and one verdict line per IOT Analytics claim saying whether the
 * measured abnormal returns went the way the article said.
 */
import { IMPACTS, IMPACT_CATEGORIES, chainEntries, layerById, type LayerId } from "../../chain";
import {
  EVENT_DEFAULTS,
  crossSection,
  eventStudy,
  eventStudyDates,
  eventWindowLabel,
  lastIndexOnOrBefore,
  type CrossSection,
  type DailyBar,
  type EventStudyResult,
  type EventWindow,
} from "../../market";

export interface ShockParams {
  eventDate: string;
  benchmark: string;
  windowStart: number;
  windowEnd: number;
  /** Shared trading days the market model is fitted on. */
  estimationDays: number;
  /** Trading days between the estimation window's end and the event window's first day. */
  gap: number;
  layers: LayerId[];
}

export const DEFAULT_SHOCK_PARAMS: ShockParams = {
  eventDate: "2025-01-27",
  benchmark: "QQQ",
  windowStart: -1,
  windowEnd: 1,
  estimationDays: EVENT_DEFAULTS.estimationDays,
  gap: EVENT_DEFAULTS.gap,
  layers: [1, 2, 3, 4],
};
export const SHOCK_WINDOW_PRESETS: ReadonlyArray<[number, number]> = [
  [0, 0],
  [-1, 1],
  [0, 5],
  [0, 20],
];

export interface ShockRow {
  symbol: string;
  company: string;
  layerId: LayerId;
  layer: string;
  segment: string;
  study: EventStudyResult | null;
  /** Why there is no study (too young a listing, no data). */
  reason?: string;
  /** "Loser (AI chip manufacturers)" or "Not assessed", for this place in the chain. */
  verdictLabel: string;
  verdict: "Winner" | "Loser" | null;
  /** True when the CAR went the way the verdict says; null when there is no verdict or no study. */
  agrees: boolean | null;
}

export interface ShockLayer {
  layer: string;
  /** Over the layer's listed companies with a study, each counted once. */
  summary: CrossSection | null;
}

export interface ShockClaim {
  claim: string;
  verdict: "Winner" | "Loser";
  text: string;
  agrees: boolean | null;
}

export interface ShockData {
  params: ShockParams;
  rows: ShockRow[];
  layers: ShockLayer[];
  claims: ShockClaim[];
}

export interface ShockClient {
  history(symbol: string, start: string, end?: string): Promise<{ bars: DailyBar[] }>;
}

/** The IOT Analytics category for one company's place: its own override, else its segment's. */
function categoryOf(company: string, segment: string) {
  const mapping =
    IMPACTS.find((m) => m.segment === segment && m.company === company) ??
    IMPACTS.find((m) => m.segment === segment && m.company === undefined);
  return mapping ? IMPACT_CATEGORIES.find((c) => c.id === mapping.category) : undefined;
}

function percent(x: number): string {
  return `${(x * 100).toFixed(2)}%`;
}

function agreesWith(verdict: "Winner" | "Loser" | null, car: number | undefined): boolean | null {
  if (verdict === null || car === undefined) return null;
  return verdict === "Winner" ? car > 0 : car < 0;
}

/** The bars from `start` to `end`, whatever else the client holds. */
function between(bars: readonly DailyBar[], start: string, end: string): DailyBar[] {
  const from = Math.max(lastIndexOnOrBefore(bars, start), 0);
  return bars.slice(from, lastIndexOnOrBefore(bars, end) + 1);
}

/** Told how many of the study's companies have their prices in (done of total), as each arrives. */
export type ShockProgress = (done: number, total: number) => void;

export async function loadShockData(client: ShockClient, params: ShockParams, onProgress?: ShockProgress): Promise<ShockData> {
  const w: EventWindow = {
    eventDate: params.eventDate,
    windowStart: params.windowStart,
    windowEnd: params.windowEnd,
    estimationDays: params.estimationDays,
    gap: params.gap,
  };
  const dates = eventStudyDates(w);
  const fetchBars = (symbol: string) =>
    client.history(symbol, dates.start, dates.end).then((h) => between(h.bars, dates.start, dates.end));
  const entries = chainEntries().filter((e) => e.company.ticker && params.layers.includes(e.placement.layer));
  const total = new Set(entries.map((e) => e.company.ticker)).size;
  let done = 0;
  onProgress?.(0, total);
  const benchmark = fetchBars(params.benchmark);
  benchmark.catch(() => undefined); // reported through each row
  const studies = new Map<string, Promise<EventStudyResult>>();
  const studyOf = (symbol: string) => {
    if (!studies.has(symbol))
      studies.set(
        symbol,
        Promise.all([fetchBars(symbol).finally(() => onProgress?.(++done, total)), benchmark]).then(([bars, bench]) =>
          eventStudy(bars, bench, w, symbol, params.benchmark),
        ),
      );
    return studies.get(symbol)!;
  };
  const rows = await Promise.all(
    entries.map(async ({ company, placement }): Promise<ShockRow> => {
      const symbol = company.ticker!;
      const category = categoryOf(company.name, placement.segment);
      const verdict = category?.verdict ?? null;
      const base = {
        symbol,
        company: company.name,
        layerId: placement.layer,
        layer: layerById(placement.layer).name,
        segment: placement.segment,
        verdictLabel: category ? `${category.verdict} (${category.label})` : "Not assessed",
        verdict,
      };
      try {
        const study = await studyOf(symbol);
        return { ...base, study, agrees: agreesWith(verdict, study.car) };
      } catch (err) {
        return { ...base, study: null, reason: err instanceof Error ? err.message : String(err), agrees: null };
      }
    }),
  );
  const window = `CAR${eventWindowLabel(params.windowStart, params.windowEnd)}`;
  const layers = params.layers.map((id) => {
    const cars = new Map<string, number>();
    for (const r of rows) if (r.layerId === id && r.study) cars.set(r.symbol, r.study.car);
    return { layer: layerById(id).name, summary: crossSection([...cars.values()]) };
  });
  const claims = IMPACT_CATEGORIES.map((category): ShockClaim => {
    const measured = new Map<string, EventStudyResult>();
    for (const r of rows) if (r.study && categoryOf(r.company, r.segment)?.id === category.id) measured.set(r.symbol, r.study);
    const head = `${category.label}: ${category.verdict}`;
    if (measured.size === 0)
      return {
        claim: category.label,
        verdict: category.verdict,
        text: `${head}, no listed company of the chosen layers to measure`,
        agrees: null,
      };
    const parts = [...measured].map(
      ([symbol, s]) =>
        `${symbol} ${window} ${percent(s.car)}, ${Number.isFinite(s.t) ? `t = ${s.t.toFixed(2)}` : "no t (no residual spread)"}`,
    );
    const mean = crossSection([...measured.values()].map((s) => s.car))!.mean;
    const agrees = agreesWith(category.verdict, mean);
    const average = measured.size > 1 ? ` (mean ${percent(mean)})` : "";
    return {
      claim: category.label,
      verdict: category.verdict,
      text: `${head}: ${parts.join("; ")}${average}: ${agrees ? "agrees" : "disagrees"}`,
      agrees,
    };
  });
  return { params, rows, layers, claims };
}
