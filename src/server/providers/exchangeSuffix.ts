/**
 * Currency and time zone of a Yahoo symbol from its exchange suffix, for sources (CSV files) that
 * do not say it themselves. The table is shared with the task pane (src/api/listing.ts).
 */
import { listingOf } from "../../api/listing";

export function exchangeOf(symbol: string): { currency: string; timezone: string } {
  const { currency, timezone } = listingOf(symbol);
  return { currency, timezone };
}
