/**
 * MAXDRAWDOWN of many windows of one bars array in logarithmic time after one pass. (Volatility
 * has no such index: prefix sums of returns differ from the two-pass definition in the last digit,
 * and every caller must show the same number as a VOLATILITY cell; see risk.ts.)
 *
 * Max drawdown: a segment tree of (maximum, minimum, worst drawdown) per block. Two adjacent
 * blocks A then B combine exactly: worst = min(worst A, worst B, min B / max A - 1), because a
 * value in B is measured against the larger of A's peak and B's own running peak, and division
 * by the larger peak gives the smaller (more negative) number. Every candidate is the same
 * floating expression the direct scan evaluates, so the result is identical, not merely close.
 *
 * The tree is memoised per bars array (WeakMap), built on first use, rebuilt if the array changed
 * (another length or other first or last bar), so callers need no handle of their own.
 */
import type { DailyBar, ReturnKind, WindowResult } from "./types";
import { maxDrawdownOfValues } from "./valueStats";
import { assertReturnKind, barValue, windowOf, windowValues } from "./window";

interface Built {
  length: number;
  first: DailyBar | undefined;
  last: DailyBar | undefined;
}

interface DrawdownTree extends Built {
  size: number;
  max: Float64Array;
  min: Float64Array;
  worst: Float64Array;
  bad: Int32Array;
}

interface Memo {
  trees: Partial<Record<ReturnKind, DrawdownTree>>;
  /** Trees asked for once already ("tree:total", ...): the second ask builds them. */
  asked: Set<string>;
}

const memo = new WeakMap<readonly DailyBar[], Memo>();

function memoOf(bars: readonly DailyBar[]): Memo {
  let entry = memo.get(bars);
  if (!entry) {
    entry = { trees: {}, asked: new Set() };
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
