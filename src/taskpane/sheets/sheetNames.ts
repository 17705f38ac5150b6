/**
 * Names for new sheets and tables that never collide with the user's own.
 * Excel compares sheet and table names case-insensitively, so the checks do too.
 */

/** Excel's limit on a worksheet name's length. */
export const MAX_SHEET_NAME_LENGTH = 31;

/**
 * The first of `base`, `base (2)`, `base (3)`, ... that no existing sheet uses.
 * The base is shortened when a suffix would push the name past 31 characters.
 */
export function nextFreeSheetName(base: string, existing: readonly string[]): string {
  const taken = new Set(existing.map((name) => name.toLowerCase()));
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? "" : ` (${n})`;
    const candidate = base.slice(0, MAX_SHEET_NAME_LENGTH - suffix.length) + suffix;
    if (!taken.has(candidate.toLowerCase())) return candidate;
  }
}

/**
 * The first of `base`, `base2`, `base3`, ... that no table in the workbook uses
 * (table names are workbook-wide and may hold no spaces).
 */
export function nextFreeTableName(base: string, existing: readonly string[]): string {
  const taken = new Set(existing.map((name) => name.toLowerCase()));
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? base : `${base}${n}`;
    if (!taken.has(candidate.toLowerCase())) return candidate;
  }
}
