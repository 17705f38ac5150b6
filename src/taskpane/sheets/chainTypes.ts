/**
 * The parts of the value-chain knowledge base the sheet plans read. Structural, so the plans can
 * be exercised with small hand-made chains as well as the product's own.
 */
import { ARTICLE_TITLE, sourceOf } from "../../chain";

export interface ChainLayerInfo {
  id: number;
  name: string;
  shortName: string;
}

/** One row of the value chain: a company in one segment of one layer. */
export interface ChainEntryInfo {
  company: { name: string; ticker: string | null; region: string; status: string };
  /** `note`: the article's parenthetical for the place ("AWS", "Ascend"). */
  placement: { layer: number; segment: string; note?: string };
}

/** Where every value-chain fact comes from (the knowledge base's own source); named on every sheet that shows them. */
export const ARTICLE_SOURCE = `Source: ${ARTICLE_TITLE}, ${sourceOf("tradingkey").name}`;
