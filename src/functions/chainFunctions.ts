/**
 * The value-chain functions: answers from the article's knowledge base, no network needed.
 * Each function only reads its arguments, asks src/chain and shapes the value for the cell.
 */
import {
  CHAIN_HEADER,
  chainRow,
  chainTable,
  companiesIn,
  costAt,
  didYouMean,
  findCompany,
  findEtf,
  impactOf,
  layerById,
  modelCost,
  MODEL_COSTS,
  type Company,
} from "../chain";
import {
  optionalBoolean,
  optionalBound,
  optionalLayer,
  optionalSegment,
  requiredText,
  requiredTextOrNumber,
} from "./chainArguments";
import { clipInput } from "../api/validation";
import { excelCall, notAvailable } from "./excelErrors";

const COMPANY_HINT = 'a company name or symbol, e.g. "NVDA" or "Alibaba"';

/** The company the text means, or #N/A that says why there is none. */
function knownCompany(text: string): Company {
  const company = findCompany(text);
  if (company) return company;
  const etf = findEtf(text);
  if (etf) throw notAvailable(`${etf.symbol} is an ETF (${etf.name}), not a company in the AI value chain`);
  throw notAvailable(`${clipInput(text)} is not in the AI value chain${didYouMean(text)}`);
}

/** A company that has at least one place in the chain. */
function placedCompany(value: unknown): Company {
  const company = knownCompany(requiredText(value, "company", COMPANY_HINT));
  if (company.placements.length === 0) {
    throw notAvailable(`${company.name} is named in the article but not placed in the AI value chain`);
  }
  return company;
}

/** The first value, or every distinct value in order, as a one-column spill. */
function oneOrAll(values: string[], all: boolean): string[][] {
  const distinct = [...new Set(values)];
  return (all ? distinct : distinct.slice(0, 1)).map((v) => [v]);
}

/**
 * The value-chain layer a company sits in, e.g. "Basic Layer".
 * @customfunction LAYER LAYER
 * @param company Company name or Yahoo symbol, e.g. "NVDA", "Alibaba", "9988.HK".
 * @param [all] TRUE to spill every layer the company appears in (in the article's order); FALSE or omitted for the first.
 * @returns The layer name; with all=TRUE, a column of layer names.
 */
export function layer(company: string, all?: boolean): string[][] {
  return excelCall(() => {
    const found = placedCompany(company);
    const spillAll = optionalBoolean(all, "all", false);
    return oneOrAll(
      found.placements.map((p) => layerById(p.layer).name),
      spillAll,
    );
  });
}

/** A place's segment; a place held through a subsidiary names it: "Finance (via Ping An Technology)". */
function segmentLabel(placement: Company["placements"][number]): string {
  return placement.via ? `${placement.segment} (via ${placement.via})` : placement.segment;
}

/**
 * The value-chain segment a company sits in, e.g. "Chip Manufacturers".
 * @customfunction SEGMENT SEGMENT
 * @param company Company name or Yahoo symbol, e.g. "NVDA", "Huawei", "0700.HK".
 * @param [all] TRUE to spill every segment the company appears in (in the article's order); FALSE or omitted for the first.
 * @returns The segment name; with all=TRUE, a column of segment names.
 */
export function segment(company: string, all?: boolean): string[][] {
  return excelCall(() => {
    const found = placedCompany(company);
    const spillAll = optionalBoolean(all, "all", false);
    return oneOrAll(found.placements.map(segmentLabel), spillAll);
  });
}

/**
 * A company's primary Yahoo symbol, e.g. "9988.HK" for Alibaba.
 * @customfunction TICKER TICKER
 * @param company Company name or alias, e.g. "Google", "Tencent", "Hims & Hers".
 * @returns The primary listed symbol; #N/A for private companies, subsidiaries and non-profits.
 */
export function ticker(company: string): string {
  return excelCall(() => {
    const found = knownCompany(requiredText(company, "company", COMPANY_HINT));
    if (found.ticker) return found.ticker;
    switch (found.status) {
      case "subsidiary":
        throw notAvailable(
          found.parentTicker
            ? `${found.name} is part of ${found.parent} (${found.parentTicker}) and has no listing of its own`
            : `${found.name} is part of ${found.parent}, which is not listed`,
        );
      case "non-profit":
        throw notAvailable(`${found.name} is a non-profit (${found.parent}) and has no ticker`);
      default:
        throw notAvailable(`${found.name} is private`);
    }
  });
}

/**
 * Spills the companies of the value chain with a header row: Company, Ticker, Region, Layer, Segment.
 * @customfunction COMPANIES COMPANIES
 * @param [layer] Layer number 1-4, name ("Basic Layer") or short name ("Basic"); omitted for every layer.
 * @param [segment] Segment name, e.g. "Cloud Services" or "Chip Manufacturers"; omitted for every segment.
 * @returns A table with a header row and one row per company and segment.
 */
export function companies(layer?: string | number, segment?: string): string[][] {
  return excelCall(() => {
    const wantedLayer = optionalLayer(layer);
    const wantedSegment = optionalSegment(segment);
    if (wantedLayer && wantedSegment && wantedSegment.layer !== wantedLayer.id) {
      throw notAvailable(`${wantedSegment.name} is in the ${layerById(wantedSegment.layer).name}, not the ${wantedLayer.name}`);
    }
    const rows = companiesIn({ layer: wantedLayer?.id, segment: wantedSegment?.name }).map(chainRow);
    return [[...CHAIN_HEADER], ...rows];
  });
}

/**
 * Spills the whole AI value chain with a header row: Company, Ticker, Region, Layer, Segment.
 * @customfunction CHAIN CHAIN
 * @returns The value-chain table in the article's order.
 */
export function chain(): string[][] {
  return excelCall(() => chainTable());
}

/**
 * IOT Analytics' winner/loser reading of the DeepSeek shock for a company, segment or layer.
 * @customfunction IMPACT IMPACT
 * @param companyOrSegment Company name or symbol ("NVDA"), segment ("Terminal Devices") or layer ("Basic").
 * @returns "Winner (...)", "Loser (...)", "Mixed (...)" or "Not assessed".
 */
export function impact(companyOrSegment: string): string {
  return excelCall(() => {
    const subject = requiredTextOrNumber(companyOrSegment, "companyOrSegment", "a company, segment or layer");
    const found = impactOf(subject);
    if (!found) {
      const etf = typeof subject === "string" ? findEtf(subject) : undefined;
      if (etf) throw notAvailable(`${etf.symbol} is an ETF (${etf.name}), not a company in the AI value chain`);
      throw notAvailable(`${subject} is not in the AI value chain`);
    }
    return found.label;
  });
}

/**
 * The single training cost of a large model in USD, as the article gives it.
 * @customfunction MODELCOST MODELCOST
 * @param model Model name: "GPT-4", "Gemini", "Llama-3" or "DeepSeek V3".
 * @param [bound] "low", "high" or "mid" (the default, halfway between low and high).
 * @returns Training cost in US dollars.
 */
export function modelcost(model: string, bound?: string): number {
  return excelCall(() => {
    const name = requiredText(model, "model", 'a model name such as "GPT-4"');
    const which = optionalBound(bound);
    const cost = modelCost(name);
    if (!cost) {
      const known = MODEL_COSTS.map((m) => m.model).join(", ");
      throw notAvailable(`no training cost for ${name}; the article gives ${known}`);
    }
    return costAt(cost, which);
  });
}
