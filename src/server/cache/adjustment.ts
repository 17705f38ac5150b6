/**
 * Moving prices between bases. Upstream prices arrive adjusted for every split known at the
 * moment of the fetch (and dividends split-adjusted likewise); the store keeps them as traded;
 * answers are adjusted again on read with the full action list known now. Every adjusted figure
 * is built by one sequence of multiplications (actions taken newest first), so two reads with
 * the same action list give the same floating-point numbers whatever range they cover.
 */
import type { DividendEvent, HistoryRow, SplitEvent } from "../../api/contract";
import { CorporateAction, RawBar, compareActions } from "./marketStore";

/** Days before an ex-date searched for the close the dividend is measured against. */
export const DIVIDEND_LOOKBACK_DAYS = 14;

/** Product of the ratios of the splits dated after `date` (the factor between that day's shares and today's). */
function splitsAfter(splits: readonly SplitEvent[], date: string): number {
  let factor = 1;
  for (let i = splits.length - 1; i >= 0 && splits[i][0] > date; i--) factor *= splits[i][1];
  return factor;
}

/** Upstream's split-adjusted bars back to prices as traded, with `splits` (sorted) the splits known when they were fetched. */
export function unadjustBars(rows: readonly HistoryRow[], splits: readonly SplitEvent[]): RawBar[] {
  return rows.map((r) => {
    const f = splitsAfter(splits, r[0]);
    const price = (v: number | null) => (v === null ? null : v * f);
    return [r[0], price(r[1]), price(r[2]), price(r[3]), r[4] * f, r[6] === null ? null : r[6] / f];
  });
}

/** Upstream's split-adjusted dividends as paid per share on their ex-date. */
export function dividendsAsPaid(dividends: readonly DividendEvent[], splits: readonly SplitEvent[]): CorporateAction[] {
  return dividends.map(([date, amount]) => ({ date, kind: "dividend", value: amount * splitsAfter(splits, date) }));
}

export function splitList(actions: readonly CorporateAction[]): SplitEvent[] {
  return actions
    .filter((a) => a.kind === "split")
    .map((a) => [a.date, a.value] as SplitEvent)
    .sort((a, b) => (a[0] < b[0] ? -1 : 1));
}

/**
 * How much a dividend lowers the price: 1 - amount / the close before the ex-date, both in the
 * shares of the ex-date (the usual way an adjusted close is built). Without that close (a
 * listing within the look-back), or with a nonsensical result, the dividend adjusts nothing.
 */
function dividendFactor(dividend: CorporateAction, before: RawBar | undefined, splits: readonly SplitEvent[]): number {
  if (!before) return 1;
  let between = 1;
  for (const [date, ratio] of splits) if (date > before[0] && date <= dividend.date) between *= ratio;
  const factor = 1 - dividend.value / (before[4] / between);
  return Number.isFinite(factor) && factor > 0 ? factor : 1;
}

export interface AdjustedSeries {
  rows: HistoryRow[];
  dividends: DividendEvent[];
  splits: SplitEvent[];
  /** Which action list the prices are on: the date of the latest action on or after the range's start, "" when none. */
  basis: string;
}

/**
 * The contract's rows (Close split-adjusted, Adj Close split- and dividend-adjusted) for raw bars
 * `start..end`, with `actions` the full list known now and `before` the bar before each
 * dividend's ex-date (see DIVIDEND_LOOKBACK_DAYS). Actions must be complete from that look-back
 * before `start` to today; earlier ones change nothing in the range and are not listed, so the
 * answer depends only on what a fetch from `start` would see.
 */
export function adjustOnRead(
  raw: readonly RawBar[],
  actions: readonly CorporateAction[],
  before: ReadonlyMap<string, RawBar>,
  start: string,
  end: string,
): AdjustedSeries {
  const relevant = actions.filter((a) => a.date >= start).sort(compareActions);
  const splits = splitList(relevant);
  // The close before an ex-date may lie before `start`: a split between them counts too.
  const allSplits = splitList(actions);
  // Newest first: the order in which every row's factors are multiplied.
  const newestFirst = relevant
    .map((a) => ({ action: a, factor: a.kind === "split" ? a.value : dividendFactor(a, before.get(a.date), allSplits) }))
    .reverse();
  const rows: HistoryRow[] = new Array<HistoryRow>(raw.length);
  let next = 0;
  let splitFactor = 1;
  let dividendFactorProduct = 1;
  for (let i = raw.length - 1; i >= 0; i--) {
    const bar = raw[i];
    while (next < newestFirst.length && newestFirst[next].action.date > bar[0]) {
      const { action, factor } = newestFirst[next++];
      if (action.kind === "split") splitFactor *= factor;
      else dividendFactorProduct *= factor;
    }
    const price = (v: number | null) => (v === null ? null : v / splitFactor);
    const close = bar[4] / splitFactor;
    rows[i] = [
      bar[0],
      price(bar[1]),
      price(bar[2]),
      price(bar[3]),
      close,
      close * dividendFactorProduct,
      bar[5] === null ? null : bar[5] * splitFactor,
    ];
  }
  const inRange = relevant.filter((a) => a.date >= start && a.date <= end);
  return {
    rows,
    dividends: inRange
      .filter((a) => a.kind === "dividend")
      .map((a) => [a.date, a.value / splitsAfter(splits, a.date)] as DividendEvent),
    splits: inRange.filter((a) => a.kind === "split").map((a) => [a.date, a.value] as SplitEvent),
    basis: relevant.length ? relevant[relevant.length - 1].date : "",
  };
}
