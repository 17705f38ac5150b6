/**
 * What Excel hands a custom function, as the argument readers see it: an omitted argument is null
 * (or undefined, or blank text), a range is a 2-D array, anything else one cell's value. Every
 * reader decides "left out?" and words "what was given" here, so all functions say it alike.
 */
import { quoteInput } from "../api/validation";

/** True when an optional argument was left out (or its cell is empty). */
export function isOmitted(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === "string" && value.trim() === "");
}

/** The non-empty cells of a range (or a single value), in reading order. */
export function cellsOf(value: unknown): unknown[] {
  const flat: unknown[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (!isOmitted(v)) flat.push(v);
  };
  walk(value);
  return flat;
}

/** A value as a message names it: typed text quoted and cut short, a range by its size. */
export function describe(value: unknown): string {
  if (value === null || value === undefined) return "nothing";
  if (typeof value === "string") return quoteInput(value);
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (typeof value === "number") return String(value);
  if (Array.isArray(value)) return `a range of ${cellsOf(value).length} cells`;
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}
