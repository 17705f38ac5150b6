/**
 * The shapes of the AI value-chain knowledge base. Every fact carries the id of the source that
 * states it, so an analyst can always tell where a figure came from.
 */

/** Ids of the sources in sources.ts. */
export type SourceId =
  | "tradingkey"
  | "iot-analytics"
  | "chatbot-arena"
  | "bank-of-america"
  | "morgan-stanley"
  | "fitch"
  | "goldman-sachs"
  | "deutsche-bank"
  | "nvidia"
  | "qualcomm"
  | "tradingview";

export interface Source {
  id: SourceId;
  /** The name an analyst would cite. */
  name: string;
  /** What kind of source it is ("article", "research firm", "bank", ...). */
  kind: string;
  /** Title of the work, when there is one. */
  title?: string;
  /** The source that reports this one's view (for sources quoted by the article). */
  citedIn?: SourceId;
}

/** One statement from a source, kept in the source's own terms. */
export interface Fact {
  text: string;
  source: SourceId;
}

export type LayerId = 1 | 2 | 3 | 4;

export type LayerName = "Basic Layer" | "Technical Layer" | "Application Layer" | "Ecological Cooperation and Commercialization";

export type LayerShortName = "Basic" | "Technical" | "Application" | "Ecosystem";

export interface Layer {
  id: LayerId;
  name: LayerName;
  shortName: LayerShortName;
  /** The article's parenthetical for the layer, e.g. "Computing Power and Data". */
  theme: string;
  source: SourceId;
}

/** A company as the article lists it inside a segment, with the article's note such as "GPU". */
export interface SegmentEntry {
  company: string;
  note?: string;
}

export interface Segment {
  name: string;
  layer: LayerId;
  /** Other spellings an analyst may type ("Chips" for Chip Manufacturers). */
  aliases: string[];
  /** The article's remark on the segment as a whole, if any. */
  remark?: string;
  /** The companies the article lists here, in its order. */
  entries: SegmentEntry[];
  source: SourceId;
}

export type CompanyStatus = "listed" | "private" | "subsidiary" | "non-profit";

export interface Placement {
  layer: LayerId;
  segment: string;
  /** The article's parenthetical, e.g. "GPU", "Ascend", "PAI". */
  note?: string;
  /**
   * Set when a listed group sits here through a subsidiary the article names (Microsoft through
   * GitHub). Such places answer LAYER/SEGMENT for the group but are not extra rows of the chain.
   */
  via?: string;
}

/** A company record as written in companies.ts; placements are derived from the segments. */
export interface CompanyRecord {
  name: string;
  aliases: string[];
  /** Primary Yahoo symbol; null when the company has no listing of its own. */
  ticker: string | null;
  /** Every Yahoo symbol, primary first. */
  listings: string[];
  region: string;
  status: CompanyStatus;
  /** For a subsidiary or non-profit project: who it belongs to. */
  parent?: string;
  /** The parent's primary Yahoo symbol, when the parent is listed. */
  parentTicker?: string | null;
  /** What the article says about the company outside the chain list. */
  facts: Fact[];
}

export interface Company extends CompanyRecord {
  /** Every place in the chain, in the article's order; empty when named but not placed. */
  placements: Placement[];
}

export type ImpactVerdict = "Winner" | "Loser";

export interface ImpactCategory {
  id: string;
  /** The category as IOT Analytics names it, e.g. "AI chip manufacturers". */
  label: string;
  verdict: ImpactVerdict;
  source: SourceId;
}

/** How one segment (or one company's place in a segment) maps onto an impact category. */
export interface ImpactMapping {
  segment: string;
  /** When set, the mapping is for this company's place only (it overrides the segment's). */
  company?: string;
  category: string;
  reasoning: string;
}

export interface ImpactReading {
  /** What was assessed, as resolved ("NVIDIA", "Chip Manufacturers", "Basic Layer"). */
  subject: string;
  verdict: ImpactVerdict | "Mixed" | "Not assessed";
  categories: ImpactCategory[];
  reasoning: string[];
  /** The text a cell shows, e.g. "Loser (AI chip manufacturers)". */
  label: string;
}

export interface ModelCost {
  model: string;
  developer: string;
  aliases: string[];
  /** Single training run cost in USD. */
  low: number;
  high: number;
  source: SourceId;
}

export interface CapexFigure {
  /** Who spends: the article's group of companies or "hyperscale data center operators". */
  spender: string;
  /** Companies in the group, when the source names them. */
  companies: string[];
  year: number;
  /** USD. */
  amount: number;
  kind: "actual" | "expected";
  /** Year-on-year growth as a fraction, when stated. */
  growth?: number;
  source: SourceId;
}

export interface EtfReturn {
  /** The article's wording of the period. */
  period: string;
  /** ISO dates bounding the period as the article states it. */
  start: string;
  end: string;
  /** Fraction: 0.7 for "rose by 70%". */
  value: number;
  /** "more than" when the article gives a floor ("rose by more than 23%"). */
  qualifier?: "more than";
  /** Whether the article attributes the figure to the fund or to its index. */
  basis: "fund" | "index";
  source: SourceId;
}

export interface SectorWeight {
  /** GICS sector name. */
  sector: string;
  /** The article's wording, e.g. "non-essential consumer goods". */
  articleWording: string;
  /** Fraction of the fund. */
  weight: number;
}

export interface EtfFact {
  symbol: string;
  name: string;
  issuer: string;
  /** The index or strategy it follows. */
  tracks: string;
  /** The article's heading for the fund, e.g. "Bottom-Fishing AI Hardware". */
  theme: string;
  /** Year of inception when the article gives it. */
  inceptionYear?: number;
  /** Top holdings the article names, largest first, in its spelling. */
  topHoldings: string[];
  /** Other holdings the article names. */
  otherHoldings: string[];
  returns: EtfReturn[];
  sectorWeights: SectorWeight[];
  facts: Fact[];
  source: SourceId;
  /** Where the article's price-trend chart of the fund comes from. */
  chartSource: SourceId;
}
