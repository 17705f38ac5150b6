/** Counts in words: "1 fund", "3 funds", "1 company", "12 companies". */
export function countOf(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}
