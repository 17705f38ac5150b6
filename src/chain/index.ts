/**
 * The AI value-chain knowledge base: the article's layers, segments, companies, funds and figures,
 * and the look-ups the add-in answers from. Pure data and functions; no Office, no network.
 */
export type {
  CapexFigure,
  Company,
  CompanyRecord,
  CompanyStatus,
  EtfFact,
  EtfReturn,
  Fact,
  ImpactCategory,
  ImpactMapping,
  ImpactReading,
  ImpactVerdict,
  Layer,
  LayerId,
  LayerName,
  LayerShortName,
  ModelCost,
  Placement,
  SectorWeight,
  Segment,
  SegmentEntry,
  Source,
  SourceId,
} from "./types";
export { LAYERS, SEGMENTS } from "./layers";
export { findLayer, findSegment, layerById, segmentsOf } from "./layerLookup";
export { COMPANIES, companyBySymbol, findCompany, isInChain } from "./companies";
export { CHAIN_HEADER, chainEntries, chainRow, chainTable, companiesIn } from "./chainTable";
export type { ChainEntry } from "./chainTable";
export { ETFS, findEtf } from "./etfs";
export { MODEL_COSTS, costAt, modelCost } from "./modelCosts";
export type { CostBound } from "./modelCosts";
export { CAPEX } from "./capex";
export { IMPACTS, IMPACT_CATEGORIES, impactOf } from "./impacts";
export { ARENA_LEADERS, ARENA_LEADERS_AS_OF, DEEPSEEK_R1, WELL_KNOWN_MODELS } from "./models";
export type { LargeModel } from "./models";
export { ANALYST_VIEWS, COMPUTE_APPROACHES, MARKET_EVENTS, MARKET_THEMES } from "./insights";
export type { MarketEvent } from "./insights";
export { ARTICLE_AS_OF, ARTICLE_TITLE, SOURCES, citation, sourceOf } from "./sources";
export { nameKey } from "./matching";
export { didYouMean, suggestKnown } from "./suggestions";
