/**
 * The parts of the value-chain knowledge base the sheet plans read. Structural, so the plans can
 * be exercised with small hand-made chains as well as the product's own.
 */
export interface ChainLayerInfo {
  id: number;
  name: string;
  shortName: string;
}

export interface ChainPlacementInfo {
  layer: number;
  segment: string;
  /** Set when a group sits here only through a subsidiary that has its own row (Microsoft via GitHub). */
  via?: string;
}

export interface ChainCompanyInfo {
  name: string;
  ticker: string | null;
  region: string;
  status: string;
  placements: readonly ChainPlacementInfo[];
}

/** Where every value-chain fact comes from; named on every sheet that shows them. */
export const ARTICLE_SOURCE =
  "Source: Deepseek Overview: The AI Industry Value Chain & Best ETFs to Watch, TradingKey";
