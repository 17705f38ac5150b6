/** Inclusive ranges of ISO dates: which parts of a request the cache already covers. */
import { addDays } from "../../api/validation";

export interface DateRange {
  start: string;
  end: string;
}

/** Sorted, with overlapping or touching ranges joined. */
export function mergeRanges(ranges: DateRange[]): DateRange[] {
  const sorted = ranges.filter((r) => r.start <= r.end).sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  const out: DateRange[] = [];
  for (const range of sorted) {
    const last = out[out.length - 1];
    if (last && range.start <= addDays(last.end, 1)) {
      if (range.end > last.end) last.end = range.end;
    } else {
      out.push({ ...range });
    }
  }
  return out;
}

/** The parts of start..end that `covered` (merged) does not include. */
export function missingRanges(covered: DateRange[], start: string, end: string): DateRange[] {
  const gaps: DateRange[] = [];
  let cursor = start;
  for (const range of covered) {
    if (range.end < cursor) continue;
    if (range.start > end) break;
    if (range.start > cursor) gaps.push({ start: cursor, end: addDays(range.start, -1) });
    cursor = addDays(range.end, 1);
    if (cursor > end) return gaps;
  }
  if (cursor <= end) gaps.push({ start: cursor, end });
  return gaps;
}

/** Coverage as the store keeps it; see CoverageInterval in marketStore.ts. */
export interface TimedRange extends DateRange {
  fetchedAt: number;
  provisional: boolean;
}

const overlaps = (a: DateRange, b: DateRange) => a.start <= b.end && b.start <= a.end;

/**
 * The coverage after `added` is recorded: closed intervals are joined (overlapping or touching
 * ones become one, keeping the latest fetch time); a provisional interval replaces the
 * provisional ones it overlaps; a closed interval removes the provisional ones it overlaps, since
 * those days are final now. Every store applies coverage through this one rule.
 */
export function applyCoverage(existing: readonly TimedRange[], added: readonly TimedRange[]): TimedRange[] {
  const newClosed = added.filter((r) => !r.provisional && r.start <= r.end);
  const newProvisional = added.filter((r) => r.provisional && r.start <= r.end);
  const provisional = existing
    .filter((r) => r.provisional && !newClosed.some((c) => overlaps(c, r)) && !newProvisional.some((p) => overlaps(p, r)))
    .concat(newProvisional.map((r) => ({ ...r })));
  const closed = [...existing.filter((r) => !r.provisional), ...newClosed]
    .filter((r) => r.start <= r.end)
    .sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  const joined: TimedRange[] = [];
  for (const range of closed) {
    const last = joined[joined.length - 1];
    if (last && range.start <= addDays(last.end, 1)) {
      if (range.end > last.end) last.end = range.end;
      last.fetchedAt = Math.max(last.fetchedAt, range.fetchedAt);
    } else {
      joined.push({ start: range.start, end: range.end, fetchedAt: range.fetchedAt, provisional: false });
    }
  }
  return [...joined, ...provisional].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.provisional ? 1 : -1));
}
