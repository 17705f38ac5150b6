/**
 * How much of a fund sits in each layer of the AI value chain. Each disclosed holding counts once:
 * in the layer of its first place in the knowledge base when the company is there; otherwise in a
 * layer inferred from its industry (or, failing that, its name), reported separately as
 * "(inferred)"; otherwise as Unclassified. The part of the fund no holding list discloses is
 * reported as "Not disclosed" rather than spread over the layers.
 */
import type { FundHolding, FundResponse } from "../api/contract";
import { LAYERS, companyBySymbol } from "../chain";
import type { Layer, LayerId } from "../chain/types";

export interface Exposure {
  /** Weight whose layer comes from the knowledge base. */
  known: Record<LayerId, number>;
  /** Weight whose layer is inferred from an industry or name. */
  inferred: Record<LayerId, number>;
  unclassified: number;
  /** 1 - the sum of the disclosed weights (never negative). */
  notDisclosed: number;
}

/** Industry words that place a company in a layer; checked in order, first match wins. */
const INDUSTRY_HINTS: ReadonlyArray<{ layer: LayerId; pattern: RegExp }> = [
  {
    layer: 1,
    pattern:
      /semiconductor|\bsemi\b|\bchips?\b|microchip|micro devices|micron\b|silicon|foundry|memory|data ?cent(er|re)|\bservers?\b|\bcloud\b|technology hardware|computer hardware|communications equipment|networking/i,
  },
  { layer: 2, pattern: /artificial intelligence|machine learning|\balgorithm|large language model/i },
  { layer: 3, pattern: /software|internet|interactive media|it services/i },
];

/** The knowledge-base layer of a holding, if the company is placed in the chain. */
export function knownLayer(symbol: string): LayerId | undefined {
  const company = symbol ? companyBySymbol(symbol) : undefined;
  if (!company || company.placements.length === 0) return undefined;
  // A place held only through a subsidiary does not describe the listed group's own business.
  const own = company.placements.find((p) => !p.via) ?? company.placements[0];
  return own.layer;
}

/** A layer inferred from a holding's industry, sector or name. */
export function inferredLayer(holding: FundHolding): LayerId | undefined {
  const hints = [holding.industry, holding.sector, holding.name].filter((h): h is string => typeof h === "string");
  for (const hint of hints) {
    const match = INDUSTRY_HINTS.find((h) => h.pattern.test(hint));
    if (match) return match.layer;
  }
  return undefined;
}

export function fundExposure(fund: FundResponse): Exposure {
  const known = zeroByLayer();
  const inferred = zeroByLayer();
  let unclassified = 0;
  let disclosed = 0;
  for (const holding of fund.holdings) {
    const weight = typeof holding.weight === "number" && Number.isFinite(holding.weight) ? holding.weight : 0;
    disclosed += weight;
    const kb = knownLayer(holding.symbol);
    if (kb) {
      known[kb] += weight;
      continue;
    }
    const guess = inferredLayer(holding);
    if (guess) inferred[guess] += weight;
    else unclassified += weight;
  }
  return { known, inferred, unclassified, notDisclosed: Math.max(0, 1 - disclosed) };
}

/** The spilled table: header, the four layers, any inferred rows, Unclassified, Not disclosed. */
export function exposureTable(exposure: Exposure): (string | number)[][] {
  const rows: (string | number)[][] = [["Layer", "Weight"]];
  for (const layer of LAYERS) rows.push([layer.name, exposure.known[layer.id]]);
  for (const layer of LAYERS) {
    if (exposure.inferred[layer.id] > 0) rows.push([`${layer.name} (inferred)`, exposure.inferred[layer.id]]);
  }
  rows.push(["Unclassified", exposure.unclassified]);
  rows.push(["Not disclosed", exposure.notDisclosed]);
  return rows;
}

/** The weight for one layer: known and inferred together. */
export function layerWeight(exposure: Exposure, layer: Layer): number {
  return exposure.known[layer.id] + exposure.inferred[layer.id];
}

function zeroByLayer(): Record<LayerId, number> {
  return { 1: 0, 2: 0, 3: 0, 4: 0 };
}
