/**
 * Turns what the client and the price arithmetic throw into the error an Excel cell shows:
 * a malformed argument is #VALUE!, everything else (unknown symbol, no data, service down,
 * timed out, too short for a CAGR) is #N/A, always with the reason as the message.
 */
import { MarketDataError } from "../client";
import { MarketError, isArgumentError } from "../market";
import { FunctionError, badArgument, excelCallAsync, notAvailable, toExcelError } from "./excelErrors";

export function asFunctionError(err: unknown): FunctionError {
  if (err instanceof FunctionError) return err;
  if (err instanceof MarketError) return isArgumentError(err) ? badArgument(err.message) : notAvailable(err.message);
  if (err instanceof MarketDataError) return err.code === "bad_request" ? badArgument(err.message) : notAvailable(err.message);
  if (err instanceof CustomFunctions.Error) {
    const message = err.message ?? "";
    return err.code === CustomFunctions.ErrorCode.invalidValue ? badArgument(message) : notAvailable(message);
  }
  return notAvailable(err instanceof Error ? err.message : String(err));
}

/** The CustomFunctions.Error for one cell of a spilled result. */
export function cellError(err: unknown): CustomFunctions.Error {
  return toExcelError(asFunctionError(err));
}

/** Runs an async function body; any failure becomes the cell's Excel error. */
export function marketCall<T>(body: () => Promise<T>): Promise<T> {
  return excelCallAsync(async () => {
    try {
      return await body();
    } catch (err) {
      throw asFunctionError(err);
    }
  });
}
