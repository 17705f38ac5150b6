/**
 * Reading the market functions' arguments. Excel hands over omitted optional arguments as null
 * (or undefined), date cells as serial numbers, and ranges as 2-D arrays; each reader accepts
 * exactly what an analyst may type and names the argument when it refuses something.
 */
import { SYMBOL_PATTERN, quoteInput } from "../api/validation";
import { companyBySymbol, didYouMean, findCompany } from "../chain";
import { parseDateArgument, type ReturnKind } from "../market";
import { asFunctionError } from "./marketFailure";
import { badArgument, notAvailable } from "./excelErrors";
import { cellsOf, describe, isOmitted } from "./cellValues";

// Argument readers elsewhere have long imported these from here.
export { cellsOf, describe, isOmitted };

/** Yahoo's symbol spelling, in any case as typed (the contract's pattern is for upper-cased symbols). */
const isSymbolSpelling = (text: string): boolean => SYMBOL_PATTERN.test(text.toUpperCase());

/**
 * The Yahoo symbol for a symbol or company name. A listed symbol the knowledge base knows is kept
 * as typed (9988.HK stays 9988.HK rather than becoming BABA); a company name becomes its primary
 * symbol; a company with no shares of its own is #N/A saying so.
 */
export function resolveSymbol(value: unknown, argName = "symbol"): string {
  if (typeof value !== "string" || value.trim() === "") {
    throw badArgument(`${argName} must be a ticker symbol or company name as text (got ${describe(value)})`);
  }
  const text = value.trim();
  if (isSymbolSpelling(text) && companyBySymbol(text)) return text.toUpperCase();
  const company = findCompany(text);
  if (company) {
    if (company.ticker) return company.ticker;
    throw notAvailable(unlistedMessage(company));
  }
  if (isSymbolSpelling(text)) return text.toUpperCase();
  throw badArgument(
    `${argName}: ${quoteInput(text)} is neither a ticker symbol nor a company in the value chain${didYouMean(text)}`,
  );
}

function unlistedMessage(company: { name: string; status: string; parent?: string; parentTicker?: string | null }): string {
  const parent = company.parent
    ? ` (it belongs to ${company.parent}${company.parentTicker ? `, ${company.parentTicker}` : ""})`
    : "";
  if (company.status === "private") return `${company.name} is private and has no market data${parent}`;
  if (company.status === "non-profit") return `${company.name} is a non-profit and has no market data${parent}`;
  return `${company.name} has no listed shares of its own${parent}`;
}

/** A required date argument as `YYYY-MM-DD`. */
export function dateArgument(value: unknown, argName: string): string {
  try {
    return parseDateArgument(value, argName);
  } catch (err) {
    throw asFunctionError(err);
  }
}

/** An optional date argument; undefined when left out. */
export function optionalDate(value: unknown, argName: string): string | undefined {
  return isOmitted(value) ? undefined : dateArgument(value, argName);
}

/** start and end, with end (when given) not before start. */
export function dateRange(startValue: unknown, endValue: unknown): { start: string; end?: string } {
  const start = dateArgument(startValue, "start");
  const end = optionalDate(endValue, "end");
  if (end !== undefined && end < start) throw badArgument(`The end date ${end} is before the start date ${start}`);
  return { start, end };
}

/** "total" (the default) or "price". */
export function returnKind(value: unknown): ReturnKind {
  if (isOmitted(value)) return "total";
  const text = typeof value === "string" ? value.trim().toLowerCase() : "";
  if (text === "total" || text === "price") return text;
  throw badArgument(`type must be "total" (with dividends, the default) or "price" (got ${describe(value)})`);
}

/** An optional whole number in [min, max] (max Infinity: no upper bound); `fallback` when left out. */
export function wholeNumber(value: unknown, argName: string, fallback: number, min: number, max: number): number {
  if (isOmitted(value)) return fallback;
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    const allowed = Number.isFinite(max) ? `from ${min} to ${max}` : `of at least ${min}`;
    throw badArgument(`${argName} must be a whole number ${allowed} (got ${describe(value)})`);
  }
  return value;
}
