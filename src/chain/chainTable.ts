import { COMPANIES } from "./companies";
import { layerById } from "./layerLookup";
import { SEGMENTS } from "./layers";
import type { Company, LayerId, Placement } from "./types";

export const CHAIN_HEADER = ["Company", "Ticker", "Region", "Layer", "Segment"];

/** One entry of the article's chain list: a company in a segment. */
export interface ChainEntry {
  company: Company;
  placement: Placement;
}

/**
 * The article's chain list in its order, one entry per company per segment. Places a group holds
 * only through a subsidiary (Microsoft via GitHub) are left out: the subsidiary's own entry is the row.
 */
export function chainEntries(): ChainEntry[] {
  const entries: ChainEntry[] = [];
  for (const segment of SEGMENTS) {
    for (const listed of segment.entries) {
      const company = COMPANIES.find((c) => c.name === listed.company)!;
      const placement = company.placements.find((p) => p.segment === segment.name && p.via === undefined)!;
      entries.push({ company, placement });
    }
  }
  return entries;
}

/** The chain entries in a layer and/or segment (both optional), in the article's order. */
export function companiesIn(filter: { layer?: LayerId; segment?: string } = {}): ChainEntry[] {
  return chainEntries().filter(
    (e) =>
      (filter.layer === undefined || e.placement.layer === filter.layer) &&
      (filter.segment === undefined || e.placement.segment === filter.segment),
  );
}

/** A table row for an entry: Company, Ticker (blank without a listing), Region, Layer, Segment. */
export function chainRow(entry: ChainEntry): string[] {
  const { company, placement } = entry;
  return [company.name, company.ticker ?? "", company.region, layerById(placement.layer).name, placement.segment];
}

/**
 * The whole value chain as a table with a header row. With `notes`, a sixth column carries the
 * article's parenthetical for the place ("GPU", "Ascend").
 */
export function chainTable(options: { notes?: boolean } = {}): string[][] {
  const header = options.notes ? [...CHAIN_HEADER, "Note"] : [...CHAIN_HEADER];
  const rows = chainEntries().map((e) => (options.notes ? [...chainRow(e), e.placement.note ?? ""] : chainRow(e)));
  return [header, ...rows];
}
