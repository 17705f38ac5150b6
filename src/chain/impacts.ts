import { findCompany } from "./companies";
import { findLayer, findSegment, segmentsOf } from "./layerLookup";
import { nameKey } from "./matching";
import type { Company, ImpactCategory, ImpactMapping, ImpactReading, Placement } from "./types";

/**
 * IOT Analytics' reading of DeepSeek's short- and potential long-term impact on the AI value chain:
 * who may win and who may lose.
 */
export const IMPACT_CATEGORIES: ImpactCategory[] = [
  { id: "end-users", label: "End-users", verdict: "Winner", source: "iot-analytics" },
  { id: "genai-apps", label: "GenAI apps", verdict: "Winner", source: "iot-analytics" },
  { id: "edge-computing", label: "Edge computing providers", verdict: "Winner", source: "iot-analytics" },
  { id: "data-providers", label: "Data providers", verdict: "Winner", source: "iot-analytics" },
  { id: "ai-chips", label: "AI chip manufacturers", verdict: "Loser", source: "iot-analytics" },
  { id: "large-models", label: "Large model manufacturers", verdict: "Loser", source: "iot-analytics" },
];

/**
 * Where those categories fall in the article's chain. Segments not listed here are not assessed
 * (cloud, servers, algorithm tooling, model-training platforms, hardware partners). A company entry
 * overrides its segment for that one place: a model maker inside a tooling segment.
 */
export const IMPACTS: ImpactMapping[] = [
  {
    segment: "Chip Manufacturers",
    category: "ai-chips",
    reasoning: "Cheaper training and inference mean fewer chips per unit of AI; NVIDIA fell 17% on January 27, 2025.",
  },
  {
    segment: "Data Resources",
    category: "data-providers",
    reasoning: "IOT Analytics counts data providers among the winners; this segment supplies the data models are trained on.",
  },
  {
    segment: "Finance",
    category: "genai-apps",
    reasoning: "Industry solutions built on models gain from model competition and lower computing costs.",
  },
  {
    segment: "Healthcare",
    category: "genai-apps",
    reasoning: "AI healthcare became a popular theme after DeepSeek's release (Hims & Hers doubled in half a month).",
  },
  {
    segment: "Education",
    category: "genai-apps",
    reasoning: "Industry solutions built on models gain from model competition and lower computing costs.",
  },
  {
    segment: "General Entertainment",
    category: "genai-apps",
    reasoning: "Consumer applications gain from the democratization of AI.",
  },
  {
    segment: "Terminal Devices",
    category: "edge-computing",
    reasoning:
      "Efficient models run locally on devices instead of in the cloud (Qualcomm's CEO); Apple and Xiaomi make such terminals.",
  },
  {
    segment: "Developer Ecosystem",
    category: "large-models",
    reasoning: "These companies sell model APIs; DeepSeek R1 cut API call costs by more than 90%.",
  },
  {
    segment: "Algorithm Development",
    company: "OpenAI",
    category: "large-models",
    reasoning: "OpenAI makes ChatGPT/GPT-4, whose $100-200 million training cost DeepSeek V3 undercut.",
  },
  {
    segment: "Algorithm Development",
    company: "Meta",
    category: "large-models",
    reasoning: "Meta makes the Llama models (Llama-3: $30-50 million training cost).",
  },
  {
    segment: "Model Training",
    company: "DeepMind",
    category: "large-models",
    reasoning: "DeepMind builds Google's Gemini models ($200 million training cost).",
  },
];

const NOT_ASSESSED = "Not assessed";

function categoryById(id: string): ImpactCategory {
  const found = IMPACT_CATEGORIES.find((c) => c.id === id);
  if (!found) throw new Error(`unknown impact category ${id}`);
  return found;
}

/** Combines the mappings that apply into one reading. */
function reading(subject: string, mappings: ImpactMapping[], fallback: string): ImpactReading {
  const categories: ImpactCategory[] = [];
  for (const m of mappings) {
    const category = categoryById(m.category);
    if (!categories.includes(category)) categories.push(category);
  }
  const reasoning = mappings.length > 0 ? [...new Set(mappings.map((m) => m.reasoning))] : [fallback];
  if (categories.length === 0) return { subject, verdict: NOT_ASSESSED, categories, reasoning, label: NOT_ASSESSED };
  const winners = categories.filter((c) => c.verdict === "Winner").map((c) => c.label);
  const losers = categories.filter((c) => c.verdict === "Loser").map((c) => c.label);
  if (losers.length === 0) return { subject, verdict: "Winner", categories, reasoning, label: `Winner (${winners.join(", ")})` };
  if (winners.length === 0) return { subject, verdict: "Loser", categories, reasoning, label: `Loser (${losers.join(", ")})` };
  const label = `Mixed (winners: ${winners.join(", ")}; losers: ${losers.join(", ")})`;
  return { subject, verdict: "Mixed", categories, reasoning, label };
}

function segmentMapping(segment: string): ImpactMapping | undefined {
  return IMPACTS.find((m) => m.segment === segment && m.company === undefined);
}

/** The mapping for one place of a company: its own override, else its segment's. */
function placementMapping(company: Company, p: Placement): ImpactMapping | undefined {
  const who = p.via ?? company.name;
  return IMPACTS.find((m) => m.segment === p.segment && m.company === who) ?? segmentMapping(p.segment);
}

function companyReading(company: Company): ImpactReading {
  const mappings = company.placements.map((p) => placementMapping(company, p)).filter((m): m is ImpactMapping => m !== undefined);
  const fallback =
    company.placements.length === 0
      ? `${company.name} is named in the article but not placed in the value chain.`
      : `IOT Analytics does not assess ${company.name}'s part of the chain.`;
  return reading(company.name, mappings, fallback);
}

/**
 * The winner/loser reading for a segment, layer, IOT Analytics category or company (by name or
 * symbol); undefined when the text names none of these.
 */
export function impactOf(text: string | number): ImpactReading | undefined {
  const asText = typeof text === "number" ? String(text) : text;
  if (typeof asText !== "string" || asText.trim() === "") return undefined;

  const segment = findSegment(asText);
  if (segment) {
    const m = segmentMapping(segment.name);
    return reading(segment.name, m ? [m] : [], `IOT Analytics does not assess ${segment.name}.`);
  }
  const layer = findLayer(asText);
  if (layer) {
    const mappings = segmentsOf(layer.id)
      .map((s) => segmentMapping(s.name))
      .filter((m): m is ImpactMapping => m !== undefined);
    return reading(layer.name, mappings, `IOT Analytics assesses no segment of the ${layer.name} as a whole.`);
  }
  const key = nameKey(asText);
  const category = IMPACT_CATEGORIES.find((c) => nameKey(c.label) === key || nameKey(c.id) === key);
  if (category) {
    const mappings = IMPACTS.filter((m) => m.category === category.id);
    const r = reading(category.label, mappings, "");
    // End-users have no segment of their own; the category still has IOT Analytics' verdict.
    if (mappings.length === 0) {
      return {
        subject: category.label,
        verdict: category.verdict,
        categories: [category],
        reasoning: ["IOT Analytics names end-users among the winners; no segment of the chain is made of them."],
        label: `${category.verdict} (${category.label})`,
      };
    }
    return r;
  }
  const company = findCompany(asText);
  return company ? companyReading(company) : undefined;
}
