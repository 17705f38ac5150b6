/**
 * What a Yahoo symbol's exchange suffix says about where it trades: the market, its currency and
 * its time zone. For sources that do not say it themselves (CSV files) and for sheets that name
 * the market beside a price. No suffix means a US listing.
 */
export interface Listing {
  /** The market, as an analyst names it ("Hong Kong", "Shanghai", "US"). */
  exchange: string;
  currency: string;
  timezone: string;
}

const SUFFIXES: Record<string, Listing> = {
  HK: { exchange: "Hong Kong", currency: "HKD", timezone: "Asia/Hong_Kong" },
  SS: { exchange: "Shanghai", currency: "CNY", timezone: "Asia/Shanghai" },
  SZ: { exchange: "Shenzhen", currency: "CNY", timezone: "Asia/Shanghai" },
  T: { exchange: "Tokyo", currency: "JPY", timezone: "Asia/Tokyo" },
  L: { exchange: "London", currency: "GBp", timezone: "Europe/London" },
  DE: { exchange: "Xetra", currency: "EUR", timezone: "Europe/Berlin" },
  PA: { exchange: "Paris", currency: "EUR", timezone: "Europe/Paris" },
  AS: { exchange: "Amsterdam", currency: "EUR", timezone: "Europe/Amsterdam" },
  TW: { exchange: "Taiwan", currency: "TWD", timezone: "Asia/Taipei" },
  KS: { exchange: "Korea", currency: "KRW", timezone: "Asia/Seoul" },
  TO: { exchange: "Toronto", currency: "CAD", timezone: "America/Toronto" },
  AX: { exchange: "Australia", currency: "AUD", timezone: "Australia/Sydney" },
  NZ: { exchange: "New Zealand", currency: "NZD", timezone: "Pacific/Auckland" },
  F: { exchange: "Frankfurt", currency: "EUR", timezone: "Europe/Berlin" },
};
const US: Listing = { exchange: "US", currency: "USD", timezone: "America/New_York" };

export function listingOf(symbol: string): Listing {
  const dot = symbol.lastIndexOf(".");
  if (dot <= 0) return US;
  return SUFFIXES[symbol.slice(dot + 1).toUpperCase()] ?? US;
}
