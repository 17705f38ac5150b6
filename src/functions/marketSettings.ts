/** Tunables of the market functions, adjustable by tests and by pages that need other values. */
export interface MarketFunctionSettings {
  /** How often a PRICE cell asks for a fresh quote, in milliseconds. */
  pricePollMs: number;
}

export const marketSettings: MarketFunctionSettings = {
  pricePollMs: 12_000,
};

export function configureMarketFunctions(changes: Partial<MarketFunctionSettings>): void {
  Object.assign(marketSettings, changes);
}
