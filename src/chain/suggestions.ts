/**
 * "Did you mean ...?" for text that names no symbol or company the add-in knows: the closest
 * symbol, company name, alias or fund among those in the knowledge base, when one is close enough
 * to be a likely slip of the keyboard (a letter missing, doubled, swapped or mistyped).
 */
import { COMPANIES } from "./companies";
import { ETFS } from "./etfs";
import { nameKey, symbolKey } from "./matching";

interface Candidate {
  /** What is compared with the typed text. */
  key: string;
  /** What the suggestion shows. */
  shown: string;
}

const SYMBOL_CANDIDATES: Candidate[] = [
  ...ETFS.map((e) => ({ key: symbolKey(e.symbol), shown: e.symbol })),
  ...COMPANIES.flatMap((c) => c.listings.map((s) => ({ key: symbolKey(s), shown: s }))),
];

const NAME_CANDIDATES: Candidate[] = [
  ...ETFS.map((e) => ({ key: nameKey(e.name), shown: e.symbol })),
  ...COMPANIES.flatMap((c) => [c.name, ...c.aliases].map((n) => ({ key: nameKey(n), shown: c.name }))),
];

/** The known symbol or name closest to `text`, when it is within a typo or two; undefined otherwise. */
export function suggestKnown(text: string): string | undefined {
  if (typeof text !== "string") return undefined;
  const asSymbol = symbolKey(text);
  const asName = nameKey(text);
  if (asSymbol === "" && asName === "") return undefined;
  let best: { shown: string; distance: number } | undefined;
  // Short symbols sit close to many others, so they get less room than names.
  const consider = (candidates: Candidate[], typed: string, allowed: number) => {
    if (typed === "") return;
    for (const candidate of candidates) {
      if (candidate.key === typed) continue;
      if (Math.abs(candidate.key.length - typed.length) > allowed) continue;
      const distance = editDistance(typed, candidate.key);
      if (distance <= allowed && (!best || distance < best.distance)) best = { shown: candidate.shown, distance };
    }
  };
  consider(SYMBOL_CANDIDATES, asSymbol, asSymbol.length <= 5 ? 1 : 2);
  consider(NAME_CANDIDATES, asName, asName.length <= 4 ? 1 : asName.length <= 8 ? 2 : 3);
  return best?.shown;
}

/** Edits (insert, delete, replace, swap of neighbours) that turn `a` into `b`. */
function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) =>
    Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** "; did you mean SOXX?" or nothing. */
export function didYouMean(text: string): string {
  const suggestion = suggestKnown(text);
  return suggestion ? `; did you mean ${suggestion}?` : "";
}
