/**
 * What every window of history asked of the client is checked for before anything is sent: a
 * valid symbol, a start not after today, and an end not before the earliest date with data. One
 * rule for the daily stores and the weekly/monthly one, so a cell says the same whatever it asks.
 */
import { parseSymbol, windowEnd } from "../api/validation";
import { MarketDataError } from "./marketDataError";

export interface CheckedWindow {
  /** The symbol as the service knows it. */
  key: string;
  /** The last day needed: the end asked, or today when none or a later one was asked. */
  end: string;
}

/** The window's symbol and end, or the error its cell shows. */
export function checkWindow(
  symbol: string,
  start: string,
  end: string | undefined,
  today: string,
): CheckedWindow | MarketDataError {
  const checked = parseSymbol(symbol);
  if (!checked.ok) return new MarketDataError("bad_request", checked.error.message);
  const key = checked.value;
  const needEnd = windowEnd(key, start, end, today);
  if (!needEnd.ok) return new MarketDataError(needEnd.error.code, needEnd.error.message);
  return { key, end: needEnd.value };
}
