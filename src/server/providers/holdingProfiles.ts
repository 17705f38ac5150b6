/**
 * Industry and sector for a fund's holdings. Yahoo's topHoldings lists only symbol, name and
 * weight; the value-chain exposure of a holding the knowledge base does not know can then only
 * be inferred from its industry, which each company's assetProfile carries. Best effort: a
 * holding whose profile cannot be had keeps no industry rather than failing the fund.
 */
import type { FundHolding } from "../../api/contract";

export interface HoldingProfile {
  industry?: string;
  sector?: string;
}

/** Reads industry and sector out of a quoteSummary answer with the assetProfile module. */
export function profileFromSummary(summary: unknown): HoldingProfile {
  const profile = (summary as { assetProfile?: Record<string, unknown> } | null)?.assetProfile;
  if (!profile || typeof profile !== "object") return {};
  const text = (v: unknown) => (typeof v === "string" && v.trim() !== "" ? v.trim() : undefined);
  const result: HoldingProfile = {};
  const industry = text(profile.industry) ?? text(profile.industryDisp);
  const sector = text(profile.sector) ?? text(profile.sectorDisp);
  if (industry) result.industry = industry;
  if (sector) result.sector = sector;
  return result;
}

/** The holdings with industry and sector added where `lookUp` finds them; never throws. */
export async function withProfiles(
  holdings: FundHolding[],
  lookUp: (symbol: string) => Promise<HoldingProfile>,
): Promise<FundHolding[]> {
  return Promise.all(
    holdings.map(async (holding) => {
      if (!holding.symbol) return holding;
      const profile = await lookUp(holding.symbol).catch((): HoldingProfile => ({}));
      return { ...holding, ...profile };
    }),
  );
}
