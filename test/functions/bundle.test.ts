/**
 * The built functions.js, loaded the way Excel loads it (a plain script in a fresh runtime with
 * CustomFunctions and Office, no Node, no network), registers every function declared in
 * functions.json and answers correctly.
 */
import { COMPANIES, chainTable } from "../../src/chain";
import * as sourceFunctions from "../../src/functions/chainFunctions";
import { buildFunctionsBundle, FunctionsBuild } from "./buildFunctionsBundle";
import { ExcelFunctionError, LoadedBundle, callAsExcel, loadBundle } from "./excelRuntime";

interface FunctionMetadata {
  id: string;
  parameters: { name: string }[];
  options?: { stream?: boolean; cancelable?: boolean };
}

let build: FunctionsBuild;
let declared: FunctionMetadata[];
let bundle: LoadedBundle;

beforeAll(async () => {
  build = await buildFunctionsBundle();
  declared = JSON.parse(build.metadataText).functions;
  bundle = loadBundle(build.script);
}, 120000);

afterAll(() => build?.remove());

/** Calls a function of the loaded bundle with Excel's argument conventions. */
function call(id: string, ...args: unknown[]): Promise<unknown> {
  const meta = declared.find((f) => f.id === id);
  if (!meta) throw new Error(`${id} is not declared in functions.json`);
  return callAsExcel(bundle, id, meta.parameters.length, args);
}

/** The error's code and message, for comparing errors from different runtimes. */
function errorShape(value: unknown): { code: string; message: string } | undefined {
  if (value && typeof value === "object" && "code" in value && "message" in value) {
    return { code: String(value.code), message: String(value.message) };
  }
  return undefined;
}

/** What the TypeScript source answers for the same call (under the test's CustomFunctions stand-in). */
function sourceAnswer(fn: (...args: never[]) => unknown, args: unknown[], parameterCount: number): unknown {
  const padded = [...args, ...Array<null>(Math.max(0, parameterCount - args.length)).fill(null)];
  try {
    return (fn as (...a: unknown[]) => unknown)(...padded);
  } catch (err) {
    return errorShape(err) ?? err;
  }
}

function expectExcelError(value: unknown, code: string, message: RegExp): void {
  expect(value).toBeInstanceOf(ExcelFunctionError);
  const err = value as ExcelFunctionError;
  expect(err.code).toBe(code);
  expect(err.message).toMatch(message);
}

describe("registration", () => {
  test("the script runs without Node globals and associates every declared function exactly once", () => {
    expect(declared.length).toBeGreaterThan(0);
    const ids = declared.map((f) => f.id);
    expect([...bundle.associateCalls].sort()).toEqual([...ids].sort());
    for (const id of ids) expect(typeof bundle.functions.get(id)).toBe("function");
  });

  test("it does not touch the network while loading", () => {
    expect(bundle.fetchCalls).toEqual([]);
  });

  test("a second runtime loaded from the same file is independent (no shared state leaks)", () => {
    const other = loadBundle(build.script);
    expect(other.associateCalls.length).toBe(bundle.associateCalls.length);
    expect(other.functions.get("LAYER")).not.toBe(bundle.functions.get("LAYER"));
  });
});

describe("value-chain answers from the built bundle", () => {
  test('LAYER("NVDA") is Basic Layer; with all=TRUE it spills Basic and Technical Layer', async () => {
    expect(await call("LAYER", "NVDA")).toEqual([["Basic Layer"]]);
    expect(await call("LAYER", "nvda", true)).toEqual([["Basic Layer"], ["Technical Layer"]]);
  });

  test('SEGMENT("NVDA") is Chip Manufacturers', async () => {
    expect(await call("SEGMENT", "NVDA")).toEqual([["Chip Manufacturers"]]);
  });

  test("TICKER resolves names and aliases to the primary Yahoo symbol", async () => {
    expect(await call("TICKER", "Alibaba")).toBe("9988.HK");
    expect(await call("TICKER", "BABA")).toBe("9988.HK");
    expect(await call("TICKER", "nvidia")).toBe("NVDA");
  });

  test('TICKER("OpenAI") is #N/A saying the company is private', async () => {
    expectExcelError(await call("TICKER", "OpenAI"), "#N/A", /OpenAI.*private/i);
  });

  test("an unknown company is #N/A naming it; a bad layer is #VALUE!", async () => {
    expectExcelError(await call("LAYER", "Acme"), "#N/A", /Acme is not in the AI value chain/);
    expectExcelError(await call("COMPANIES", 7), "#VALUE!", /layer must be 1-4 or a layer name/);
  });

  test("CHAIN() spills the whole chain, header first, as a rectangle of text", async () => {
    const table = (await call("CHAIN")) as unknown[][];
    expect(table).toEqual(chainTable());
    expect(table[0]).toEqual(["Company", "Ticker", "Region", "Layer", "Segment"]);
    for (const row of table) {
      expect(row).toHaveLength(5);
      for (const cell of row) expect(typeof cell).toBe("string");
    }
  });

  test("for every company, by name and by every listing, the bundle answers as the source does", async () => {
    const cases: [keyof typeof sourceFunctions, string, unknown[]][] = [];
    for (const company of COMPANIES) {
      for (const text of [company.name, ...company.listings]) {
        cases.push(["layer", "LAYER", [text, true]], ["segment", "SEGMENT", [text, true]], ["ticker", "TICKER", [text]]);
      }
    }
    expect(cases.length).toBeGreaterThan(3 * 40);
    for (const [exported, id, args] of cases) {
      const meta = declared.find((f) => f.id === id) as FunctionMetadata;
      const expected = sourceAnswer(sourceFunctions[exported] as (...a: never[]) => unknown, args, meta.parameters.length);
      const actual = await call(id, ...args);
      expect({ id, args, answer: errorShape(actual) ?? actual }).toEqual({ id, args, answer: expected });
    }
  });
});

describe("market functions in a runtime without market data", () => {
  test("a return with no reachable data service ends in #N/A, not a hang or a crash", async () => {
    const answer = await call("RETURN", "SOXX", "2025-01-01");
    expectExcelError(
      answer,
      "#N/A",
      /The AICHAIN data service is not reachable at https:\/\/localhost:3000: start it with npm start, or ask whoever runs it/,
    );
    expect(bundle.fetchCalls.length).toBeGreaterThan(0);
    expect(bundle.fetchCalls[0]).toMatch(/^https:\/\/localhost:3000\/api\/v1\//);
  }, 60000);

  test("a malformed date is #VALUE! before any request is made", async () => {
    const before = bundle.fetchCalls.length;
    expectExcelError(await call("RETURN", "SOXX", "first of January"), "#VALUE!", /date/i);
    expect(bundle.fetchCalls.length).toBe(before);
  });
});
