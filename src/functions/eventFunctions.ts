/**
 * Event-study custom functions: did the market move a company more than its usual relation to the
 * market explains? EVENTSTUDY spills the market model per symbol beside IOT Analytics' verdict;
 * CAR gives the one number. All histories go through the shared, batched market client.
 */
import { getMarketClient, type MarketClient } from "../client";
import {
  EVENT_DEFAULTS,
  eventStudy,
  eventStudyDates,
  eventStudyColumns,
  type DailyBar,
  type EventStudyResult,
  type EventWindow,
} from "../market";
import { barsIn } from "./currencyArgument";
import { badArgument, notAvailable } from "./excelErrors";
import { dateArgument, isOmitted, resolveSymbol, wholeNumber } from "./marketArguments";
import { cellError, marketCall } from "./marketFailure";
import { studySubjects, type StudySubject } from "./studySubjects";

const DEFAULT_BENCHMARK = "QQQ";

/** The event window and estimation parameters from the optional arguments. */
function eventWindow(
  eventDate: unknown,
  windowStart: unknown,
  windowEnd: unknown,
  estimationDays: unknown,
  gap: unknown,
): EventWindow {
  const w: EventWindow = {
    eventDate: dateArgument(eventDate, "eventDate"),
    windowStart: wholeNumber(windowStart, "windowStart", EVENT_DEFAULTS.windowStart, -250, 250),
    windowEnd: wholeNumber(windowEnd, "windowEnd", EVENT_DEFAULTS.windowEnd, -250, 250),
    estimationDays: wholeNumber(estimationDays, "estimationDays", EVENT_DEFAULTS.estimationDays, 60, 2000),
    gap: wholeNumber(gap, "gap", EVENT_DEFAULTS.gap, 1, 500),
  };
  if (w.windowEnd < w.windowStart) {
    throw badArgument(`windowEnd (${w.windowEnd}) is before windowStart (${w.windowStart})`);
  }
  return w;
}

async function studyBars(client: MarketClient, ticker: string, dates: { start: string; end: string }): Promise<DailyBar[]> {
  const history = await client.history(ticker, dates.start, dates.end);
  return barsIn(history, dates.start, dates.end, undefined, client);
}

function benchmarkOf(value: unknown): string {
  return isOmitted(value) ? DEFAULT_BENCHMARK : resolveSymbol(value, "benchmark");
}

/** TRUE when the move went the way IOT Analytics said; blank when it made no call. */
function agrees(subject: StudySubject, car: number): boolean | "" {
  if (subject.verdict === "Winner") return car > 0;
  if (subject.verdict === "Loser") return car < 0;
  return "";
}

function studyRow(subject: StudySubject, result: EventStudyResult | undefined, err: unknown): any[] {
  const head = [subject.label, subject.company, subject.layer, subject.segment];
  if (!result) {
    const error = cellError(err);
    return [...head, ...Array.from({ length: 9 }, () => error), subject.verdictLabel, ""];
  }
  return [
    ...head,
    result.alpha,
    result.beta,
    result.residualSd,
    result.ar0 ?? "",
    result.car,
    Number.isFinite(result.t)
      ? result.t
      : cellError(
          notAvailable(
            `No t for ${subject.label}: its returns are an exact line of the benchmark's (no residual spread), so CAR has no standard error`,
          ),
        ),
    result.rawReturn,
    result.benchmarkReturn,
    result.estimationDays,
    subject.verdictLabel,
    agrees(subject, result.car),
  ];
}

/**
 * Market-model event study: for each symbol, alpha and beta against the benchmark over an estimation window, then abnormal returns around the event, beside IOT Analytics' winner/loser verdict.
 * @customfunction EVENTSTUDY
 * @param symbols Tickers or company names (a range or array), or a segment or layer name for every listed company in it, e.g. "Chip Manufacturers".
 * @param eventDate The event: a date cell or "YYYY-MM-DD". Day 0 is the symbol's first trading day on or after it.
 * @param [benchmark] The market the model measures against (default "QQQ").
 * @param [windowStart] First day of the event window, in trading days from day 0 (default -1).
 * @param [windowEnd] Last day of the event window (default 1).
 * @param [estimationDays] Trading days the model is fitted on (default 250, at least 60).
 * @param [gap] The estimation window ends this many trading days before windowStart (default 10).
 * @returns A header row, then Symbol, Company, Layer, Segment, Alpha, Beta, Residual sd, AR(0), CAR, t, Raw return, Benchmark return, Estimation days, IOT Analytics verdict, Agrees per symbol.
 */
export function eventStudyTable(
  symbols: any[][],
  eventDate: any,
  benchmark?: string,
  windowStart?: number,
  windowEnd?: number,
  estimationDays?: number,
  gap?: number,
): Promise<any[][]> {
  return marketCall(async () => {
    const w = eventWindow(eventDate, windowStart, windowEnd, estimationDays, gap);
    const bench = benchmarkOf(benchmark);
    const subjects = studySubjects(symbols);
    const dates = eventStudyDates(w);
    const client = getMarketClient();
    const benchBars = studyBars(client, bench, dates);
    // The benchmark's failure is each row's failure, not an unhandled rejection.
    benchBars.catch(() => undefined);
    const rows = await Promise.all(
      subjects.map(async (subject) => {
        if (!subject.ticker) return studyRow(subject, undefined, subject.error);
        try {
          const [bars, benchmarkBars] = await Promise.all([studyBars(client, subject.ticker, dates), benchBars]);
          return studyRow(subject, eventStudy(bars, benchmarkBars, w, subject.ticker, bench), undefined);
        } catch (err) {
          return studyRow(subject, undefined, err);
        }
      }),
    );
    const header = eventStudyColumns(w.windowStart, w.windowEnd, bench);
    return [header, ...rows];
  });
}

/**
 * Cumulative abnormal return of one symbol around an event (market model against a benchmark), as a fraction.
 * @customfunction CAR
 * @param symbol Ticker or company name, e.g. "NVDA".
 * @param eventDate The event: a date cell or "YYYY-MM-DD". Day 0 is the first trading day on or after it.
 * @param [benchmark] The market the model measures against (default "QQQ").
 * @param [windowStart] First day of the event window, in trading days from day 0 (default -1).
 * @param [windowEnd] Last day of the event window (default 1).
 * @param [estimationDays] Trading days the model is fitted on (default 250, at least 60).
 * @param [gap] The estimation window ends this many trading days before windowStart (default 10).
 * @returns The sum of abnormal returns over the window (-0.12 = 12 % worse than the model expected).
 */
export function cumulativeAbnormalReturn(
  symbol: string,
  eventDate: any,
  benchmark?: string,
  windowStart?: number,
  windowEnd?: number,
  estimationDays?: number,
  gap?: number,
): Promise<number> {
  return marketCall(async () => {
    const ticker = resolveSymbol(symbol);
    const w = eventWindow(eventDate, windowStart, windowEnd, estimationDays, gap);
    const bench = benchmarkOf(benchmark);
    const dates = eventStudyDates(w);
    const client = getMarketClient();
    const [bars, benchBars] = await Promise.all([studyBars(client, ticker, dates), studyBars(client, bench, dates)]);
    return eventStudy(bars, benchBars, w, ticker, bench).car;
  });
}
