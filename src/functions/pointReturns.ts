/**
 * RETURN, ETFRETURN and CAGR from two closes instead of a whole series: the client asks the
 * service for the last close on or before the start and on or before the end ("latest" when the
 * end is left out or not yet reached). The answer follows the same window rule as the series
 * functions: the base close must lie within the 14-day look-back before the start, otherwise the
 * start is outside the symbol's data and the message says where its data runs.
 */
import { BASE_CLOSE_LOOKBACK_DAYS, CLOSES_LIMITS } from "../api/contract";
import { getMarketClient, MarketDataError, type CloseAnswer } from "../client";
import { addDays, annualise, daysBetween, MarketError, type ReturnKind } from "../market";
import { explainOutsideData } from "./outsideData";

export type PointStat = "return" | "cagr";

export async function pointStatistic(
  stat: PointStat,
  ticker: string,
  start: string,
  end: string | undefined,
  kind: ReturnKind,
): Promise<number> {
  const client = getMarketClient();
  const today = client.today();
  try {
    if (start > today)
      throw new MarketDataError("no_data", `No data for ${ticker}: the start date ${start} is after today (${today})`);
    const endDate = end === undefined || end >= today ? CLOSES_LIMITS.latest : end;
    const [base, last] = await Promise.all([client.close(ticker, start), client.close(ticker, endDate)]);
    const baseClose = inWindow(base, addDays(start, -BASE_CLOSE_LOOKBACK_DAYS), ticker, start, end ?? today);
    const endClose = inWindow(last, addDays(start, -BASE_CLOSE_LOOKBACK_DAYS), ticker, start, end ?? today);
    const ratio = value(endClose, kind, ticker) / value(baseClose, kind, ticker);
    return stat === "return" ? ratio - 1 : annualise(ratio, daysBetween(baseClose[0], endClose[0]));
  } catch (err) {
    throw await explainOutsideData(err, ticker, start);
  }
}

function inWindow(answer: CloseAnswer, from: string, ticker: string, start: string, end: string) {
  if (!answer.close || answer.close[0] < from) {
    throw new MarketError("no_data", `No data for ${ticker} between ${start} and ${end}`);
  }
  return answer.close;
}

function value(close: NonNullable<CloseAnswer["close"]>, kind: ReturnKind, ticker: string): number {
  const v = kind === "price" ? close[1] : close[2];
  if (!Number.isFinite(v) || v <= 0) {
    throw new MarketError("no_data", `${ticker} has no valid ${kind === "price" ? "close" : "adjusted close"} on ${close[0]}`);
  }
  return v;
}
