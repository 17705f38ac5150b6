/**
 * A stand-in for the JavaScript runtime Excel gives functions.js: a fresh global with the
 * CustomFunctions and Office objects, browser timers and a fetch that always fails (no network),
 * and nothing from Node (no require, process or Buffer). The bundle runs in it as a plain script,
 * which is how Excel loads the file named in the manifest.
 */
import * as vm from "vm";

// The same error class and codes as the in-process stand-in, so both runtimes agree.
export { ErrorCode as ERROR_CODES, CustomFunctionsError as ExcelFunctionError } from "../setupCustomFunctions";
import { ErrorCode as ERROR_CODES, CustomFunctionsError as ExcelFunctionError } from "../setupCustomFunctions";

export type CustomFunction = (...args: unknown[]) => unknown;

export interface LoadedBundle {
  /** Each id passed to CustomFunctions.associate, in call order (duplicates kept). */
  associateCalls: string[];
  functions: Map<string, CustomFunction>;
  /** Every URL the bundle tried to fetch. */
  fetchCalls: string[];
  context: vm.Context;
}

export function loadBundle(script: string): LoadedBundle {
  const associateCalls: string[] = [];
  const functions = new Map<string, CustomFunction>();
  const fetchCalls: string[] = [];
  const associate = (id: string, fn: CustomFunction) => {
    associateCalls.push(id);
    functions.set(id.toUpperCase(), fn);
  };
  const officeInfo = { host: "Excel", platform: "PC" };
  const sandbox: Record<string, unknown> = {
    CustomFunctions: {
      Error: ExcelFunctionError,
      ErrorCode: ERROR_CODES,
      associate(idOrMap: string | Record<string, CustomFunction>, fn?: CustomFunction) {
        if (typeof idOrMap === "string") associate(idOrMap, fn as CustomFunction);
        else for (const [id, f] of Object.entries(idOrMap)) associate(id, f);
      },
    },
    Office: {
      HostType: { Excel: "Excel" },
      PlatformType: { PC: "PC", OfficeOnline: "OfficeOnline", Mac: "Mac" },
      onReady(callback?: (info: typeof officeInfo) => void) {
        callback?.(officeInfo);
        return Promise.resolve(officeInfo);
      },
    },
    location: {
      origin: "https://localhost:3000",
      href: "https://localhost:3000/taskpane.html",
      protocol: "https:",
      host: "localhost:3000",
      hostname: "localhost",
      port: "3000",
      pathname: "/taskpane.html",
    },
    navigator: { userAgent: "Mozilla/5.0 (Windows NT 10.0) Excel", language: "en-US", onLine: false },
    fetch: (input: unknown) => {
      fetchCalls.push(String(input));
      return Promise.reject(new TypeError("Failed to fetch"));
    },
    console,
    setTimeout,
    clearTimeout,
    setInterval,
    clearInterval,
    queueMicrotask,
    URL,
    URLSearchParams,
    AbortController,
    AbortSignal,
    TextEncoder,
    TextDecoder,
  };
  sandbox.window = sandbox;
  sandbox.self = sandbox;
  const context = vm.createContext(sandbox);
  new vm.Script(script, { filename: "functions.js" }).runInContext(context);
  return { associateCalls, functions, fetchCalls, context };
}

/**
 * Calls a function as Excel would: arguments left out are passed as null (Excel's value for an
 * omitted optional parameter), and the result is the value or the CustomFunctions.Error it ends in.
 */
export async function callAsExcel(bundle: LoadedBundle, id: string, parameterCount: number, args: unknown[]): Promise<unknown> {
  const fn = bundle.functions.get(id);
  if (!fn) throw new Error(`${id} was not associated`);
  const padded = [...args, ...Array<null>(Math.max(0, parameterCount - args.length)).fill(null)];
  try {
    return await fn(...padded);
  } catch (err) {
    if (err instanceof ExcelFunctionError) return err;
    throw new Error(`${id} threw something Excel cannot show: ${String(err)}`);
  }
}
