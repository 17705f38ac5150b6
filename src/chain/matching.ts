/**
 * How typed text is compared with names: case, spacing, punctuation, "&" versus "and" and trailing
 * corporate suffixes do not matter ("Hims & Hers" = "hims and hers", "NVIDIA Corp" = "Nvidia").
 */

const CORPORATE_SUFFIXES = new Set([
  "inc",
  "incorporated",
  "corp",
  "corporation",
  "co",
  "company",
  "ltd",
  "limited",
  "plc",
  "llc",
  "group",
  "holding",
  "holdings",
  "sa",
  "ag",
  "se",
  "nv",
]);

/** The comparison key of a name: lower-case letters and digits only, without corporate suffixes. */
export function nameKey(text: string): string {
  const words = text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/&/g, " and ")
    // Apostrophes join rather than split ("Macy's" -> "macys").
    .replace(/['’]/g, "")
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
  if (words[0] === "the" && words.length > 1) words.shift();
  // Keep at least one word so a name made only of a suffix ("Group") still has a key.
  while (words.length > 1 && CORPORATE_SUFFIXES.has(words[words.length - 1])) words.pop();
  return words.join("");
}

/** A Yahoo symbol as compared: trimmed and upper-case. */
export function symbolKey(text: string): string {
  return text.trim().toUpperCase();
}

/** Builds a key -> item index, refusing two items that would answer to the same key. */
export function buildIndex<T>(items: T[], keysOf: (item: T) => string[], label: (item: T) => string): Map<string, T> {
  const index = new Map<string, T>();
  for (const item of items) {
    for (const key of keysOf(item)) {
      if (key === "") continue;
      const existing = index.get(key);
      if (existing !== undefined && existing !== item) {
        throw new Error(`"${key}" would match both ${label(existing)} and ${label(item)}`);
      }
      index.set(key, item);
    }
  }
  return index;
}
