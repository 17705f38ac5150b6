/**
 * Inclusive ranges of days (day numbers since 1970-01-01), the unit the history store reasons in
 * when it works out which part of a window it already has, which part is on its way and which part
 * it still has to ask for.
 */

export interface DayRange {
  start: number;
  end: number;
}

/** The parts of `need` that none of `have` covers, oldest first. */
export function subtractRanges(need: DayRange, have: readonly DayRange[]): DayRange[] {
  let rest: DayRange[] = need.start <= need.end ? [need] : [];
  for (const cut of have) {
    const next: DayRange[] = [];
    for (const part of rest) {
      if (cut.end < part.start || cut.start > part.end) {
        next.push(part);
        continue;
      }
      if (cut.start > part.start) next.push({ start: part.start, end: cut.start - 1 });
      if (cut.end < part.end) next.push({ start: cut.end + 1, end: part.end });
    }
    rest = next;
    if (rest.length === 0) break;
  }
  return rest.sort((a, b) => a.start - b.start);
}

/** True when the two ranges share at least one day. */
export function overlaps(a: DayRange, b: DayRange): boolean {
  return a.start <= b.end && b.start <= a.end;
}

/** Cuts a range into consecutive pieces of at most `maxDays` days. */
export function splitRange(range: DayRange, maxDays: number): DayRange[] {
  const pieces: DayRange[] = [];
  for (let start = range.start; start <= range.end; start += maxDays) {
    pieces.push({ start, end: Math.min(range.end, start + maxDays - 1) });
  }
  return pieces;
}

/**
 * Joins ranges (of one symbol) into fewer, wider ones: two ranges are joined when the days between
 * them number at most `gapDays` and the joined range stays within `maxDays`. Asking for a short gap
 * costs less than a second request.
 */
export function joinRanges(ranges: readonly DayRange[], gapDays: number, maxDays: number): DayRange[] {
  const sorted = [...ranges].sort((a, b) => a.start - b.start);
  const joined: DayRange[] = [];
  for (const range of sorted) {
    const last = joined[joined.length - 1];
    if (last && range.start - last.end - 1 <= gapDays && Math.max(last.end, range.end) - last.start + 1 <= maxDays) {
      last.end = Math.max(last.end, range.end);
    } else {
      joined.push({ ...range });
    }
  }
  return joined;
}
