/**
 * One place that turns a failure into the error Excel shows in the cell.
 * Functions throw (or return) these so the message appears in the cell's error tooltip.
 */

/** The Excel error kinds this add-in uses. */
export type ExcelErrorKind = "value" | "notAvailable";

/** A failure that knows which Excel error it should become. */
export class FunctionError extends Error {
  constructor(
    public readonly kind: ExcelErrorKind,
    message: string,
  ) {
    super(message);
    this.name = "FunctionError";
  }
}

/** `#VALUE!`: the caller gave a malformed argument. */
export function badArgument(message: string): FunctionError {
  return new FunctionError("value", message);
}

/** `#N/A`: the argument is well formed but there is no answer for it. */
export function notAvailable(message: string): FunctionError {
  return new FunctionError("notAvailable", message);
}

/**
 * The CustomFunctions.Error for a failure. Unknown failures become `#N/A` with their message,
 * never an unhandled exception (Excel would show a bare #VALUE! with no reason).
 */
export function toExcelError(err: unknown): CustomFunctions.Error {
  if (err instanceof FunctionError) {
    const code = err.kind === "value" ? CustomFunctions.ErrorCode.invalidValue : CustomFunctions.ErrorCode.notAvailable;
    return new CustomFunctions.Error(code, err.message);
  }
  const message = err instanceof Error ? err.message : String(err);
  return new CustomFunctions.Error(CustomFunctions.ErrorCode.notAvailable, message);
}

/**
 * Runs a function body and converts any failure into the cell's error.
 * Excel shows a thrown CustomFunctions.Error with its message, so we throw it.
 */
export function excelCall<T>(body: () => T): T {
  try {
    return body();
  } catch (err) {
    throw toExcelError(err);
  }
}

/** The async twin of excelCall. */
export async function excelCallAsync<T>(body: () => Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (err) {
    throw toExcelError(err);
  }
}
