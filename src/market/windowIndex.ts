/**
 * Window statistics in constant or logarithmic time after one pass over a series, for sheets
 * that ask VOLATILITY and MAXDRAWDOWN of the same symbol over thousands of windows.
 *
 * Volatility: prefix sums of daily returns and of their squares, each kept as a pair of doubles
 * (sum and its rounding error, Neumaier's compensated summation), so the sums over any window are
 * as accurate as summing that window alone. Variance = (S2 - S1²/n) / (n - 1). When the mean is
 * large against the spread, that difference cancels digits; then, and only then, the window is
 * scanned directly, so the answer always agrees with the two-pass definition to 1e-12.
 *
 * Max drawdown: a segment tree of (maximum, minimum, worst drawdown) per block. Two adjacent
 * blocks A then B combine exactly: worst = min(worst A, worst B, min B / max A - 1), because a
 * value in B is measured against the larger of A's peak and B's own running peak, and division
 * by the larger peak gives the smaller (more negative) number. Every candidate is the same
 * floating expression the direct scan evaluates, so the result is identical, not merely close.
 *
 * Both are memoised per bars array (WeakMap), built on first use, rebuilt if the array changed
 * (another length or other first or last bar), so callers need no handle of their own.
 */
import type { DailyBar, ReturnKind, WindowResult } from "./types";
import { TRADING_DAYS_PER_YEAR, maxDrawdownOfValues, volatilityOfValues } from "./valueStats";
import { assertReturnKind, barValue, windowOf, windowValues } from "./window";

/** Windows shorter than 1/4 of their series use the prefix sums; longer ones are scanned. */
const INDEXED_WINDOW_SHARE = 4;
/** Past this ratio of mean square to variance, the prefix-sum variance may lose digits. */
const CANCELLATION_LIMIT = 64;

interface Built {
  length: number;
  first: DailyBar | undefined;
  last: DailyBar | undefined;
}

interface ReturnSums extends Built {
  /** Prefix sums up to return i (return i is values[i] / values[i-1] - 1; index 0 is 0). */
  s1: Float64Array;
  c1: Float64Array;
  s2: Float64Array;
  c2: Float64Array;
  /** Prefix count of values that are not positive finite numbers (their windows are scanned). */
  bad: Int32Array;
}

interface DrawdownTree extends Built {
  size: number;
  max: Float64Array;
  min: Float64Array;
  worst: Float64Array;
  bad: Int32Array;
}

interface Memo {
  sums: Partial<Record<ReturnKind, ReturnSums>>;
  trees: Partial<Record<ReturnKind, DrawdownTree>>;
  /** Structures asked for once already ("sums:total", ...): the second ask builds them. */
  asked: Set<string>;
}

const memo = new WeakMap<readonly DailyBar[], Memo>();

function memoOf(bars: readonly DailyBar[]): Memo {
  let entry = memo.get(bars);
  if (!entry) {
    entry = { sums: {}, trees: {}, asked: new Set() };
    memo.set(bars, entry);
  }
  return entry;
}

/**
 * True the second time a drawdown tree is wanted for a series; the first window is scanned. A
 * caller that hands each call its own copy of the bars would otherwise pay for a tree on every
 * call and never reuse it. (The tree's answer is identical to the scan's, so which path a call
 * takes cannot change its result.)
 */
function worthBuilding(entry: Memo, what: string): boolean {
  if (entry.asked.has(what)) return true;
  entry.asked.add(what);
  return false;
}

/** Still describes `bars`: same length and the same first and last bar objects. */
function current(built: Built | undefined, bars: readonly DailyBar[]): boolean {
  return !!built && built.length === bars.length && built.first === bars[0] && built.last === bars[bars.length - 1];
}

const usable = (v: number) => typeof v === "number" && Number.isFinite(v) && v > 0;

function badCounts(bars: readonly DailyBar[], kind: ReturnKind): Int32Array {
  const bad = new Int32Array(bars.length + 1);
  for (let i = 0; i < bars.length; i++) bad[i + 1] = bad[i] + (usable(barValue(bars[i], kind)) ? 0 : 1);
  return bad;
}

function buildSums(bars: readonly DailyBar[], kind: ReturnKind): ReturnSums {
  const n = bars.length;
  const s1 = new Float64Array(n);
  const c1 = new Float64Array(n);
  const s2 = new Float64Array(n);
  const c2 = new Float64Array(n);
  let sum1 = 0;
  let comp1 = 0;
  let sum2 = 0;
  let comp2 = 0;
  for (let i = 1; i < n; i++) {
    const a = barValue(bars[i - 1], kind);
    const b = barValue(bars[i], kind);
    // A return next to an unusable value is never read (such windows are scanned), but it must not poison the sums.
    const r = usable(a) && usable(b) ? b / a - 1 : 0;
    let t = sum1 + r;
    comp1 += Math.abs(sum1) >= Math.abs(r) ? sum1 - t + r : r - t + sum1;
    sum1 = t;
    const q = r * r;
    t = sum2 + q;
    comp2 += Math.abs(sum2) >= Math.abs(q) ? sum2 - t + q : q - t + sum2;
    sum2 = t;
    s1[i] = sum1;
    c1[i] = comp1;
    s2[i] = sum2;
    c2[i] = comp2;
  }
  return { length: n, first: bars[0], last: bars[n - 1], s1, c1, s2, c2, bad: badCounts(bars, kind) };
}

function sumsFor(bars: readonly DailyBar[], kind: ReturnKind): ReturnSums {
  const entry = memoOf(bars);
  const sums = entry.sums[kind];
  if (sums && current(sums, bars)) return sums;
  return (entry.sums[kind] = buildSums(bars, kind));
}

function buildTree(bars: readonly DailyBar[], kind: ReturnKind): DrawdownTree {
  const n = bars.length;
  let size = 1;
  while (size < n) size <<= 1;
  const max = new Float64Array(2 * size).fill(-Infinity);
  const min = new Float64Array(2 * size).fill(Infinity);
  const worst = new Float64Array(2 * size);
  for (let i = 0; i < n; i++) {
    const v = barValue(bars[i], kind);
    max[size + i] = v;
    min[size + i] = v;
  }
  for (let node = size - 1; node >= 1; node--) {
    const l = 2 * node;
    const r = l + 1;
    max[node] = max[l] >= max[r] ? max[l] : max[r];
    min[node] = min[l] <= min[r] ? min[l] : min[r];
    worst[node] = combineWorst(worst[l], worst[r], min[r], max[l]);
  }
  return { length: n, first: bars[0], last: bars[n - 1], size, max, min, worst, bad: badCounts(bars, kind) };
}

/** Worst drawdown of block A followed by block B. */
function combineWorst(worstA: number, worstB: number, minB: number, maxA: number): number {
  let w = worstA < worstB ? worstA : worstB;
  // An empty block (padding) has max -Infinity or min Infinity and adds no candidate.
  if (maxA !== -Infinity && minB !== Infinity) {
    const cross = minB / maxA - 1;
    if (cross < w) w = cross;
  }
  return w;
}

function treeFor(bars: readonly DailyBar[], kind: ReturnKind): DrawdownTree | undefined {
  const entry = memoOf(bars);
  const tree = entry.trees[kind];
  if (tree && current(tree, bars)) return tree;
  if (!worthBuilding(entry, `tree:${kind}`)) return undefined;
  return (entry.trees[kind] = buildTree(bars, kind));
}

/** Worst drawdown over values [from, to] inclusive, combining O(log n) blocks left to right. */
function treeQuery(tree: DrawdownTree, from: number, to: number): number {
  // Left part accumulates blocks in order; right part collects blocks from the right end, then
  // the two are joined.
  let lMax = -Infinity;
  let lMin = Infinity;
  let lWorst = 0;
  let rMax = -Infinity;
  let rMin = Infinity;
  let rWorst = 0;
  let lo = from + tree.size;
  let hi = to + tree.size + 1;
  while (lo < hi) {
    if (lo & 1) {
      lWorst = combineWorst(lWorst, tree.worst[lo], tree.min[lo], lMax);
      lMax = lMax >= tree.max[lo] ? lMax : tree.max[lo];
      lMin = lMin <= tree.min[lo] ? lMin : tree.min[lo];
      lo++;
    }
    if (hi & 1) {
      hi--;
      rWorst = combineWorst(tree.worst[hi], rWorst, rMin, tree.max[hi]);
      rMax = tree.max[hi] >= rMax ? tree.max[hi] : rMax;
      rMin = tree.min[hi] <= rMin ? tree.min[hi] : rMin;
    }
    lo >>= 1;
    hi >>= 1;
  }
  return combineWorst(lWorst, rWorst, rMin, lMax);
}

function windowFor(
  bars: readonly DailyBar[],
  start: string,
  end: string | undefined,
  kind: ReturnKind,
  label: string | undefined,
) {
  assertReturnKind(kind);
  return windowOf(bars, start, end, label);
}

/** VOLATILITY by the definition (see risk.ts), in O(1) per window after one pass per series. */
export function windowVolatility(
  bars: readonly DailyBar[],
  start: string,
  end?: string,
  kind: ReturnKind = "total",
  label?: string,
): WindowResult {
  const win = windowFor(bars, start, end, kind, label);
  const result = (value: number) => ({ value, baseDate: win.baseDate, endDate: win.endDate });
  const n = win.endIndex - win.baseIndex;
  // A window covering much of the series is scanned: indexing would cost more than it saves. The
  // choice depends only on the series and the window, never on earlier calls, so the same window
  // of the same series always gives the same last digit.
  const sums = n * INDEXED_WINDOW_SHARE >= bars.length ? undefined : sumsFor(bars, kind);
  if (!sums || sums.bad[win.endIndex + 1] - sums.bad[win.baseIndex] > 0 || n < 2) {
    // The direct path words the error (an unusable value, too few returns).
    return result(volatilityOfValues(windowValues(bars, win, kind, label)));
  }
  const b = win.baseIndex;
  const e = win.endIndex;
  const total1 = sums.s1[e] - sums.s1[b] + (sums.c1[e] - sums.c1[b]);
  const total2 = sums.s2[e] - sums.s2[b] + (sums.c2[e] - sums.c2[b]);
  const numerator = total2 - (total1 * total1) / n;
  if (!(numerator > 0) || total2 > CANCELLATION_LIMIT * numerator) {
    return result(volatilityOfValues(windowValues(bars, win, kind, label)));
  }
  return result(Math.sqrt(numerator / (n - 1)) * Math.sqrt(TRADING_DAYS_PER_YEAR));
}

/** MAXDRAWDOWN by the definition, in O(log n) per window after one pass per series. */
export function windowMaxDrawdown(
  bars: readonly DailyBar[],
  start: string,
  end?: string,
  kind: ReturnKind = "total",
  label?: string,
): WindowResult {
  const win = windowFor(bars, start, end, kind, label);
  const tree = treeFor(bars, kind);
  const value =
    !tree || tree.bad[win.endIndex + 1] - tree.bad[win.baseIndex] > 0
      ? maxDrawdownOfValues(windowValues(bars, win, kind, label))
      : treeQuery(tree, win.baseIndex, win.endIndex);
  return { value, baseDate: win.baseDate, endDate: win.endDate };
}
