/**
 * What the add-in holds of one symbol's daily history: pieces (segments) of the calendar it has
 * fetched, each with its bars (typed columns, see src/market/priceColumns.ts) and corporate
 * actions and the instant it was fetched. Segments never
 * overlap; a newer fetch replaces the days it covers. Days from the fetch date on were still
 * moving when fetched, so they count as known only for a while (`latestTtlMs`).
 */
import type { DividendEvent, SeriesPayload, SplitEvent } from "../api/contract";
import { dayNumberToIso, isoOfDay, isoToDayNumber, windowOfDays, type PriceColumns, type SeriesWindow } from "../market";
import type { DayRange } from "./dayRanges";
import { columnBytes, cutColumns, joinColumns } from "./seriesColumns";

/** What one answer says about a series besides its rows. */
export type SeriesMeta = Pick<SeriesPayload, "currency" | "timezone" | "source" | "asOf" | "stale">;

export interface SeriesSegment extends DayRange {
  columns: PriceColumns;
  dividends: DividendEvent[];
  splits: SplitEvent[];
  /** Undefined for a fetched range in which the symbol had no bars. */
  meta: SeriesMeta | undefined;
  fetchedAt: number;
  /** Day number of the UTC date the segment was fetched on. */
  fetchDay: number;
}

/**
 * The bars and actions of one window. The bars are positions of the held columns themselves
 * when one segment covers the window (the usual case), so calls share one series and whatever
 * is memoised per column; a window across segments gets columns joined for it.
 */
export interface SeriesView {
  window: SeriesWindow;
  dividends: DividendEvent[];
  splits: SplitEvent[];
  meta: SeriesMeta | undefined;
}

export class SymbolSeries {
  private segments: SeriesSegment[] = [];
  /** The latest corporate-action basis an answer reported (the service's `basis`; ISO dates sort in time order). */
  private basis = "";

  /** The day ranges whose bars are known and still current at `now`. */
  knownRanges(now: number, latestTtlMs: number): DayRange[] {
    return this.segments.map((s) => {
      const moving = s.end >= s.fetchDay && now - s.fetchedAt > latestTtlMs;
      return { start: s.start, end: moving ? s.fetchDay - 1 : s.end };
    });
  }

  /**
   * Stores what a fetch of `range` returned (no bars: the symbol had none in it). An answer on a
   * newer basis (a split or dividend known since) drops everything held on the older one, so no
   * window ever mixes the two; an answer on an older basis than the one held came from before
   * that action was known and is not kept. An empty basis says no action touches the window.
   */
  add(
    range: DayRange,
    columns: PriceColumns,
    dividends: DividendEvent[],
    splits: SplitEvent[],
    meta: SeriesMeta | undefined,
    fetchedAt: number,
    fetchDay: number,
    basis = "",
  ): void {
    if (basis !== "" && basis < this.basis) return;
    if (basis > this.basis) {
      this.segments = [];
      this.basis = basis;
    }
    const inside = inRange(range);
    const fresh: SeriesSegment = {
      ...range,
      columns: cutColumns(columns, range),
      dividends: dividends.filter(([d]) => inside(d)),
      splits: splits.filter(([d]) => inside(d)),
      meta,
      fetchedAt,
      fetchDay,
    };
    const kept: SeriesSegment[] = [];
    for (const old of this.segments) {
      if (old.end < range.start || old.start > range.end) kept.push(old);
      else {
        if (old.start < range.start) kept.push(trim(old, { start: old.start, end: range.start - 1 }));
        if (old.end > range.end) kept.push(trim(old, { start: range.end + 1, end: old.end }));
      }
    }
    kept.push(fresh);
    this.segments = coalesce(kept.sort((a, b) => a.start - b.start));
  }

  /** The window's bars and actions, or undefined when some day of it is not held. */
  view(range: DayRange): SeriesView | undefined {
    const parts = this.segments.filter((s) => s.end >= range.start && s.start <= range.end);
    let next = range.start;
    for (const part of parts) {
      if (part.start > next) return undefined;
      next = part.end + 1;
    }
    if (next <= range.end) return undefined;
    const dividends: DividendEvent[] = [];
    const splits: SplitEvent[] = [];
    let latest: SeriesSegment | undefined;
    // Most series have no actions: the window's dates are written out only when some part has them.
    const { start, end } = parts.some((p) => p.dividends.length + p.splits.length > 0) ? isoRange(range) : { start: "", end: "" };
    for (const part of parts) {
      for (const d of part.dividends) if (d[0] >= start && d[0] <= end) dividends.push(d);
      for (const s of part.splits) if (s[0] >= start && s[0] <= end) splits.push(s);
      if (part.meta && (!latest || part.fetchedAt >= latest.fetchedAt)) latest = part;
    }
    const columns = parts.length === 1 ? parts[0].columns : joinColumns(parts.map((part) => cutColumns(part.columns, range)));
    return { window: windowOfDays(columns, range.start, range.end), dividends, splits, meta: latest?.meta };
  }

  /** Bytes of the held columns, over every segment (what the store's memory bound counts). */
  byteCount(): number {
    let bytes = 0;
    for (const segment of this.segments) bytes += columnBytes(segment.columns);
    return bytes;
  }

  /** First and last bar dates of everything held. */
  extent(): { first: string; last: string } | undefined {
    const withBars = this.segments.filter((s) => s.columns.days.length > 0);
    if (withBars.length === 0) return undefined;
    const lastDays = withBars[withBars.length - 1].columns.days;
    return { first: isoOfDay(withBars[0].columns.days[0]), last: isoOfDay(lastDays[lastDays.length - 1]) };
  }

  /** Forgets every segment (the history was re-based). */
  clear(): void {
    this.segments = [];
  }
}

export function rangeOf(start: string, end: string): DayRange {
  return { start: isoToDayNumber(start), end: isoToDayNumber(end) };
}

export function isoRange(range: DayRange): { start: string; end: string } {
  return { start: dayNumberToIso(range.start), end: dayNumberToIso(range.end) };
}

/** A test for dates inside a range, comparing text (YYYY-MM-DD sorts as dates do). */
function inRange(range: DayRange): (date: string) => boolean {
  const { start, end } = isoRange(range);
  return (date) => date >= start && date <= end;
}

function trim(segment: SeriesSegment, range: DayRange): SeriesSegment {
  const inside = inRange(range);
  return {
    ...segment,
    ...range,
    columns: cutColumns(segment.columns, range),
    dividends: segment.dividends.filter(([d]) => inside(d)),
    splits: segment.splits.filter(([d]) => inside(d)),
  };
}

/**
 * Joins neighbouring segments that are both settled (fetched after their last day), so a long
 * session does not leave a symbol in many small pieces; a segment with moving days stays apart
 * because it expires on its own clock.
 */
function coalesce(sorted: SeriesSegment[]): SeriesSegment[] {
  const out: SeriesSegment[] = [];
  for (const segment of sorted) {
    const last = out[out.length - 1];
    const settled = (s: SeriesSegment) => s.end < s.fetchDay;
    if (last && last.end + 1 === segment.start && settled(last) && settled(segment) && sameSeries(last, segment)) {
      out[out.length - 1] = {
        ...last,
        end: segment.end,
        columns: joinColumns([last.columns, segment.columns]),
        dividends: last.dividends.concat(segment.dividends),
        splits: last.splits.concat(segment.splits),
        meta: segment.fetchedAt >= last.fetchedAt ? (segment.meta ?? last.meta) : (last.meta ?? segment.meta),
        fetchedAt: Math.max(last.fetchedAt, segment.fetchedAt),
        fetchDay: Math.max(last.fetchDay, segment.fetchDay),
      };
    } else {
      out.push(segment);
    }
  }
  return out;
}

function sameSeries(a: SeriesSegment, b: SeriesSegment): boolean {
  return !a.meta || !b.meta || (a.meta.currency === b.meta.currency && a.meta.timezone === b.meta.timezone);
}
