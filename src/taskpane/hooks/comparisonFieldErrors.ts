/**
 * Which field of the comparison form is at fault, with the comparison's own words. The rules live
 * in checkComparisonParams; each field is checked on its own (with the other fields set to values
 * that pass) so the message lands beside the field it is about.
 */
import { parseIsoDate } from "../../api/validation";
import { checkComparisonParams } from "../data/comparisonData";
import type { ComparisonParams } from "../sheets/comparisonTypes";

export type ComparisonField = "funds" | "symbol" | "start" | "end";
export type FieldErrors = Partial<Record<ComparisonField, string>>;

/** The fields in the order they appear, so focus goes to the first one at fault. */
export const FIELD_ORDER: readonly ComparisonField[] = ["funds", "symbol", "start", "end"];

const A_SYMBOL = ["SPY"];

function problem(check: () => unknown): string | undefined {
  try {
    check();
    return undefined;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

/** An end on or after today means "the latest data" (null), as the sheet records it. */
export function endParam(end: string, today: string): string | null {
  const trimmed = end.trim();
  if (trimmed === "") return null;
  // Only a real date compares with today; anything else goes on to be refused as "not a date".
  return parseIsoDate(trimmed).ok && trimmed >= today ? null : trimmed;
}

export function periodErrors(start: string, end: string, today: string): FieldErrors {
  const base: ComparisonParams = { symbols: A_SYMBOL, start, end: null, kind: "total", interval: "daily" };
  const startError = problem(() => checkComparisonParams(base, today));
  if (startError) return { start: startError };
  const endError = problem(() => checkComparisonParams({ ...base, end: endParam(end, today) }, today));
  return endError ? { end: endError } : {};
}

export function fundsError(symbols: string[], today: string): string | undefined {
  return problem(() => checkComparisonParams({ symbols, start: today, end: null, kind: "total", interval: "daily" }, today));
}

export function firstInvalid(errors: FieldErrors): ComparisonField | undefined {
  return FIELD_ORDER.find((field) => errors[field] !== undefined);
}
