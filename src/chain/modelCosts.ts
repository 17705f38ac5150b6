import { nameKey } from "./matching";
import type { ModelCost } from "./types";

const MILLION = 1_000_000;

/** Single training-run cost of four large models, as the article gives them. */
export const MODEL_COSTS: ModelCost[] = [
  {
    model: "GPT-4",
    developer: "OpenAI",
    aliases: ["GPT4", "OpenAI GPT-4"],
    low: 100 * MILLION,
    high: 200 * MILLION,
    source: "tradingkey",
  },
  {
    model: "Gemini",
    developer: "Google",
    aliases: ["Google Gemini"],
    low: 200 * MILLION,
    high: 200 * MILLION,
    source: "tradingkey",
  },
  {
    model: "Llama-3",
    developer: "Meta",
    aliases: ["Llama 3", "Meta Llama-3", "Meta Llama 3"],
    low: 30 * MILLION,
    high: 50 * MILLION,
    source: "tradingkey",
  },
  {
    model: "DeepSeek V3",
    developer: "DeepSeek",
    aliases: ["DeepSeek-V3", "V3"],
    low: 10 * MILLION,
    high: 50 * MILLION,
    source: "tradingkey",
  },
];

/** The cost entry for a model name ("gpt-4", "Llama 3", "DeepSeek-V3"), ignoring case and punctuation. */
export function modelCost(model: string): ModelCost | undefined {
  if (typeof model !== "string") return undefined;
  const key = nameKey(model);
  if (key === "") return undefined;
  return MODEL_COSTS.find((m) => [m.model, ...m.aliases].some((name) => nameKey(name) === key));
}

export type CostBound = "low" | "high" | "mid";

/** The figure for a bound; "mid" is halfway between the article's low and high figures. */
export function costAt(cost: ModelCost, bound: CostBound): number {
  if (bound === "low") return cost.low;
  if (bound === "high") return cost.high;
  return (cost.low + cost.high) / 2;
}
