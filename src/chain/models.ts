import type { SourceId } from "./types";

export interface LargeModel {
  model: string;
  /** Company name as in COMPANIES. */
  developer: string;
  source: SourceId;
}

/** The best-known large AI models the article lists, in its order. */
export const WELL_KNOWN_MODELS: LargeModel[] = [
  { model: "ChatGPT", developer: "OpenAI", source: "tradingkey" },
  { model: "Gemini", developer: "Alphabet", source: "tradingkey" },
  { model: "Copilot", developer: "Microsoft", source: "tradingkey" },
  { model: "Phi", developer: "Microsoft", source: "tradingkey" },
  { model: "Llama", developer: "Meta", source: "tradingkey" },
  { model: "Grok", developer: "xAI", source: "tradingkey" },
  { model: "Nova", developer: "Amazon", source: "tradingkey" },
  { model: "Claude", developer: "Anthropic", source: "tradingkey" },
  { model: "Mistral Large", developer: "Mistral", source: "tradingkey" },
  { model: "DeepSeek", developer: "DeepSeek", source: "tradingkey" },
  { model: "Qwen", developer: "Alibaba", source: "tradingkey" },
];

/** Leading comprehensive models on Chatbot Arena at the end of February 2025, in the article's order. */
export const ARENA_LEADERS_AS_OF = "2025-02-28";
export const ARENA_LEADERS: LargeModel[] = [
  { model: "Grok 3", developer: "xAI", source: "chatbot-arena" },
  { model: "Gemini 2.0", developer: "Alphabet", source: "chatbot-arena" },
  { model: "ChatGPT-4o", developer: "OpenAI", source: "chatbot-arena" },
  { model: "DeepSeek R1", developer: "DeepSeek", source: "chatbot-arena" },
  { model: "Qwen 2.5", developer: "Alibaba", source: "chatbot-arena" },
  { model: "Hunyuan Turbo S", developer: "Tencent", source: "chatbot-arena" },
];

/** What the article says about DeepSeek R1 itself. */
export const DEEPSEEK_R1 = {
  model: "DeepSeek R1",
  developer: "DeepSeek",
  released: "2025-01-20",
  kind: "open-source inference large model",
  comparableTo: "ChatGPT in mathematics, reasoning and programming task tests",
  /** API call cost cut by more than this fraction. */
  apiCostReductionAtLeast: 0.9,
  coreTechnologies: [
    {
      name: "Transformer architecture",
      role: "processes each element of the input sequence in parallel (self-attention), improving computational efficiency",
    },
    {
      name: "Mixture of Experts (MoE)",
      role: "splits the model into expert sub-models responsible for different tasks, enhancing generalization",
    },
  ],
  traits: ["extremely low cost", "low chip consumption", "high performance", "innovative algorithmic structure", "open source"],
  source: "tradingkey" as SourceId,
};
