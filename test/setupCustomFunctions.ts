/**
 * A stand-in for the CustomFunctions global that Excel's runtime provides, so function files
 * can be unit-tested in Node. It mirrors the real Error class: code, message, and the ErrorCode
 * values Excel uses.
 */
export const ErrorCode = {
  invalidValue: "#VALUE!",
  notAvailable: "#N/A",
  divisionByZero: "#DIV/0!",
  invalidNumber: "#NUM!",
  nullReference: "#NULL!",
  invalidName: "#NAME?",
  invalidReference: "#REF!",
} as const;

export class CustomFunctionsError extends Error {
  constructor(
    public code: string,
    message?: string,
  ) {
    super(message);
    this.name = "CustomFunctions.Error";
  }
}

const associated = new Map<string, unknown>();

(globalThis as any).CustomFunctions = {
  Error: CustomFunctionsError,
  ErrorCode,
  associate(id: string | Record<string, unknown>, fn?: unknown) {
    if (typeof id === "string") associated.set(id, fn);
    else for (const [k, v] of Object.entries(id)) associated.set(k, v);
  },
  __associated: associated,
};
