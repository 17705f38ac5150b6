/**
 * The value-chain examples in docs/functions.md answer offline, so each row of that table is run
 * through the function it shows and its documented result compared with what the function gives:
 * a value, a spilled list, or an Excel error with its message.
 */
import * as chainFunctions from "../../src/functions/chainFunctions";
import { argumentsOf, read } from "./docText";

type Cell = string | number | boolean | undefined;
const FUNCTIONS = chainFunctions as unknown as Record<string, (...args: Cell[]) => unknown>;

/** An argument as Excel passes it: text, a number, a logical value, or nothing for an empty argument. */
function valueOf(argument: string): Cell {
  const text = argument.trim();
  if (text === "") return undefined;
  if (/^"[^"]*"$/.test(text)) return text.slice(1, -1);
  if (/^(TRUE|FALSE)$/.test(text)) return text === "TRUE";
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  throw new Error(`an argument the examples test does not read: ${text}`);
}

/** What a call gives: its value, or the Excel error it throws as [code, message]. */
function outcomeOf(call: () => unknown): unknown {
  try {
    return call();
  } catch (err) {
    const e = err as { code?: string; message: string };
    return e.code ? [e.code, e.message] : e;
  }
}

const spans = (text: string): string[] => [...text.matchAll(/`([^`]*)`/g)].map((m) => m[1]);
const flat = (value: unknown): unknown[] => (Array.isArray(value) ? value.flat(2) : [value]);

/** The documented result as something to compare with, or undefined when the row describes it in words only. */
function expectation(result: string): { kind: string; expected: unknown; actual: (value: unknown) => unknown } | undefined {
  const error = /^`(#[A-Z/!]+)` "(.*)"$/.exec(result);
  if (error) return { kind: "error", expected: [error[1], error[2]], actual: (v) => v };
  if (result.startsWith("spills `")) {
    const listed = spans(result.replace(/\s*\([^`]*\)$/, ""));
    return { kind: "spill", expected: listed, actual: flat };
  }
  const firstRow = /^first row after the header: (`.*)$/.exec(result);
  if (firstRow) return { kind: "row", expected: spans(firstRow[1]), actual: (v) => (v as unknown[][])[1] };
  const single = /^`([^`]+)`( \(.*\))?$/.exec(result);
  if (single) {
    const expected = /^-?\d+(\.\d+)?$/.test(single[1]) ? Number(single[1]) : single[1];
    return { kind: "value", expected, actual: (v) => (Array.isArray(v) ? (v.length === 1 ? flat(v)[0] : v) : v) };
  }
  return undefined;
}

const section = read("docs/functions.md").split("## Market-data functions")[0];
const rows = [...section.matchAll(/^\| `=AICHAIN\.([A-Z]+)\((.*)\)` \| (.+) \|$/gm)].map(([, name, args, result]) => ({
  name,
  args,
  result: result.trim(),
}));

describe("value-chain examples in docs/functions.md", () => {
  const checked = rows.filter((r) => expectation(r.result) !== undefined);

  test("most rows state a result that can be compared", () => {
    expect(rows.length).toBeGreaterThan(15);
    expect(checked.length).toBeGreaterThanOrEqual(rows.length - 3);
  });

  test.each(checked.map((r) => [`${r.name}(${r.args})`, r] as const))("%s gives what the guide says", (_label, row) => {
    const fn = FUNCTIONS[row.name.toLowerCase()];
    expect(typeof fn).toBe("function");
    const { expected, actual } = expectation(row.result)!;
    const outcome = outcomeOf(() => fn(...argumentsOf(row.args).map(valueOf)));
    expect(actual(outcome)).toEqual(expected);
  });
});
