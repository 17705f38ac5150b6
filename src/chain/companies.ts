import { CHAIN_COMPANIES } from "./chainCompanies";
import { SEGMENTS } from "./layers";
import { buildIndex, nameKey, symbolKey } from "./matching";
import { NAMED_COMPANIES } from "./namedCompanies";
import type { Company, CompanyRecord, Placement } from "./types";

/**
 * Attaches to each company its places in the chain, walking the segments in the article's order.
 * A listed group also answers for the places of a subsidiary the article names (Microsoft for
 * GitHub), marked `via` so the chain table still shows the article's own entry only once.
 */
function withPlacements(records: CompanyRecord[]): Company[] {
  const companies: Company[] = records.map((r) => ({ ...r, placements: [] as Placement[] }));
  const byName = new Map(companies.map((c) => [c.name, c]));
  for (const segment of SEGMENTS) {
    for (const entry of segment.entries) {
      const company = byName.get(entry.company);
      if (!company) throw new Error(`segment ${segment.name} lists unknown company ${entry.company}`);
      const placement: Placement = { layer: segment.layer, segment: segment.name };
      if (entry.note) placement.note = entry.note;
      company.placements.push(placement);
      const parent = company.parent ? byName.get(company.parent) : undefined;
      if (parent && company.status === "subsidiary") {
        parent.placements.push({ layer: segment.layer, segment: segment.name, via: company.name });
      }
    }
  }
  return companies;
}

/** Every company the article names: first those in the chain, then those named elsewhere. */
export const COMPANIES: Company[] = withPlacements([...CHAIN_COMPANIES, ...NAMED_COMPANIES]);

const bySymbol = buildIndex(
  COMPANIES,
  (c) => c.listings.map(symbolKey),
  (c) => c.name,
);

const byName = buildIndex(
  COMPANIES,
  (c) => [c.name, ...c.aliases, ...c.listings].map(nameKey),
  (c) => c.name,
);

/** The company listed under this exact Yahoo symbol (any of its listings), case-insensitive. */
export function companyBySymbol(symbol: string): Company | undefined {
  if (typeof symbol !== "string") return undefined;
  return bySymbol.get(symbolKey(symbol));
}

/**
 * The company a piece of text means: a Yahoo symbol, the article's "TICKER.US" spelling, the name
 * or an alias. Case, spacing and punctuation do not matter.
 */
export function findCompany(text: string): Company | undefined {
  if (typeof text !== "string" || text.trim() === "") return undefined;
  const exact = companyBySymbol(text);
  if (exact) return exact;
  const us = /^(.+)\.US$/i.exec(text.trim());
  if (us) {
    const listed = companyBySymbol(us[1]);
    if (listed) return listed;
  }
  return byName.get(nameKey(text));
}

/**
 * True when the article places the company itself somewhere in the value chain (a listed parent
 * that answers only for its subsidiary's places, such as Ping An Insurance, is not counted).
 */
export function isInChain(company: Company): boolean {
  return company.placements.some((p) => p.via === undefined);
}
