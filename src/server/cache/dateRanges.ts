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
