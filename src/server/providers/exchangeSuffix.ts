/**
 * What a Yahoo symbol's exchange suffix says about currency and time zone, for sources (CSV
 * files) that do not say it themselves. No suffix means a US listing.
 */
const SUFFIXES: Record<string, { currency: string; timezone: string }> = {
  HK: { currency: "HKD", timezone: "Asia/Hong_Kong" },
  SS: { currency: "CNY", timezone: "Asia/Shanghai" },
  SZ: { currency: "CNY", timezone: "Asia/Shanghai" },
  T: { currency: "JPY", timezone: "Asia/Tokyo" },
  L: { currency: "GBp", timezone: "Europe/London" },
  DE: { currency: "EUR", timezone: "Europe/Berlin" },
  PA: { currency: "EUR", timezone: "Europe/Paris" },
  AS: { currency: "EUR", timezone: "Europe/Amsterdam" },
  TW: { currency: "TWD", timezone: "Asia/Taipei" },
  KS: { currency: "KRW", timezone: "Asia/Seoul" },
  TO: { currency: "CAD", timezone: "America/Toronto" },
};
const US = { currency: "USD", timezone: "America/New_York" };

export function exchangeOf(symbol: string): { currency: string; timezone: string } {
  const dot = symbol.lastIndexOf(".");
  if (dot <= 0) return US;
  return SUFFIXES[symbol.slice(dot + 1).toUpperCase()] ?? US;
}
