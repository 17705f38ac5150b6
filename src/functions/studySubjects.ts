/**
 * Who an event study is about: each cell of the `symbols` argument is a ticker, a company name, or
 * a segment or layer of the value chain (then every listed company in it, in the article's order).
 * A cell that names nothing usable becomes a row carrying its error, so one bad cell does not
 * blank the others.
 */
import { companiesIn, findCompany, findLayer, findSegment, impactOf, layerById, type Company, type Placement } from "../chain";
import { badArgument } from "./excelErrors";
import { cellsOf, describe, resolveSymbol } from "./marketArguments";

export interface StudySubject {
  /** What the row is labelled with: the ticker, or the cell's text when it could not be resolved. */
  label: string;
  ticker?: string;
  error?: unknown;
  company: string;
  layer: string;
  segment: string;
  /** IOT Analytics' reading as IMPACT shows it, or "" when the symbol is not in the chain. */
  verdictLabel: string;
  verdict: "Winner" | "Loser" | "Mixed" | "Not assessed" | "";
}

function chainPart(
  company: Company | undefined,
  placement: Placement | undefined,
): Omit<StudySubject, "label" | "ticker" | "error"> {
  if (!company) return { company: "", layer: "", segment: "", verdictLabel: "", verdict: "" };
  const reading = impactOf(company.name);
  return {
    company: company.name,
    layer: placement ? layerById(placement.layer).name : "",
    segment: placement?.segment ?? "",
    verdictLabel: reading?.label ?? "",
    verdict: reading?.verdict ?? "",
  };
}

function single(value: unknown): StudySubject {
  const label = typeof value === "string" ? value.trim() : describe(value);
  try {
    const ticker = resolveSymbol(value);
    const company = findCompany(ticker) ?? (typeof value === "string" ? findCompany(value) : undefined);
    return { label: ticker, ticker, ...chainPart(company, company?.placements[0]) };
  } catch (err) {
    const company = typeof value === "string" ? findCompany(value) : undefined;
    return { label, error: err, ...chainPart(company, company?.placements[0]) };
  }
}

/** Every listed company of a segment or layer, once each. */
function expand(filter: { layer?: 1 | 2 | 3 | 4; segment?: string }): StudySubject[] {
  const seen = new Set<string>();
  const out: StudySubject[] = [];
  for (const { company, placement } of companiesIn(filter)) {
    if (!company.ticker || seen.has(company.ticker)) continue;
    seen.add(company.ticker);
    out.push({ label: company.ticker, ticker: company.ticker, ...chainPart(company, placement) });
  }
  return out;
}

export function studySubjects(value: unknown): StudySubject[] {
  const cells = cellsOf(value);
  if (cells.length === 0) throw badArgument("symbols must name at least one ticker, company, segment or layer");
  return cells.flatMap((cell) => {
    if (typeof cell === "string" && !findCompany(cell)) {
      const segment = findSegment(cell);
      if (segment) return expand({ segment: segment.name });
      const layer = findLayer(cell);
      if (layer) return expand({ layer: layer.id });
    }
    return [single(cell)];
  });
}
