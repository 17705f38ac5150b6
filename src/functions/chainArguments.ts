/**
 * Reading the arguments of the value-chain functions. Excel hands over whatever the cell holds
 * (text, number, boolean, null for an omitted argument, or a 2-D array for a range), so each reader
 * checks the shape and turns a malformed value into #VALUE! with a message that names the argument.
 */
import { findLayer, findSegment, SEGMENTS, type CostBound, type Layer, type Segment } from "../chain";
import { badArgument } from "./excelErrors";
import { describe, isOmitted } from "./cellValues";

/** A 1x1 range counts as its single value; a larger range is not a single argument. */
function single(value: unknown, name: string): unknown {
  if (Array.isArray(value)) {
    const rows = value as unknown[];
    const cells = rows.flatMap((row) => (Array.isArray(row) ? row : [row]));
    if (cells.length === 1) return cells[0];
    throw badArgument(`${name} must be a single cell, not a range of ${cells.length} cells`);
  }
  return value;
}

/** Required text such as a company name or symbol; trimmed. */
export function requiredText(value: unknown, name: string, what: string): string {
  const v = single(value, name);
  if (isOmitted(v)) throw badArgument(`${name} is empty; give ${what}`);
  if (typeof v !== "string") throw badArgument(`${name} must be text (${what}), not ${describe(v)}`);
  return v.trim();
}

/** TRUE/FALSE, also 1/0 and the words "true"/"false"; omitted means the default. */
export function optionalBoolean(value: unknown, name: string, fallback: boolean): boolean {
  const v = single(value, name);
  if (isOmitted(v)) return fallback;
  if (typeof v === "boolean") return v;
  if (v === 1 || v === 0) return v === 1;
  if (typeof v === "string") {
    const word = v.trim().toLowerCase();
    if (word === "true" || word === "1") return true;
    if (word === "false" || word === "0") return false;
  }
  throw badArgument(`${name} must be TRUE or FALSE, not ${describe(v)}`);
}

/** A layer by number 1-4, name or short name; omitted means every layer. */
export function optionalLayer(value: unknown): Layer | undefined {
  const v = single(value, "layer");
  if (isOmitted(v)) return undefined;
  const layer = typeof v === "number" || typeof v === "string" ? findLayer(v) : undefined;
  if (!layer) throw badArgument("layer must be 1-4 or a layer name");
  return layer;
}

/** A segment by name; omitted means every segment. */
export function optionalSegment(value: unknown): Segment | undefined {
  const v = single(value, "segment");
  if (isOmitted(v)) return undefined;
  const segment = typeof v === "string" ? findSegment(v) : undefined;
  if (!segment) {
    throw badArgument(`segment must be one of: ${SEGMENTS.map((s) => s.name).join(", ")}`);
  }
  return segment;
}

/** "low", "high" or "mid" (the default). */
export function optionalBound(value: unknown): CostBound {
  const v = single(value, "bound");
  if (isOmitted(v)) return "mid";
  const word = typeof v === "string" ? v.trim().toLowerCase() : "";
  if (word === "low" || word === "high" || word === "mid") return word;
  throw badArgument(`bound must be "low", "high" or "mid", not ${describe(v)}`);
}

/** Text or a number (a layer may be given as 1-4). */
export function requiredTextOrNumber(value: unknown, name: string, what: string): string | number {
  const v = single(value, name);
  if (typeof v === "number" && Number.isFinite(v)) return v;
  return requiredText(v, name, what);
}
