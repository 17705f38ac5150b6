import type { Source, SourceId } from "./types";

/** The article every fact comes from, and the sources it quotes. */
export const ARTICLE_TITLE = "Deepseek Overview: The AI Industry Value Chain & Best ETFs to Watch";

/** The article's figures describe markets as of its writing: the end of February 2025. */
export const ARTICLE_AS_OF = "2025-02-28";

export const SOURCES: Source[] = [
  { id: "tradingkey", name: "TradingKey", kind: "article", title: ARTICLE_TITLE },
  {
    id: "iot-analytics",
    name: "IOT Analytics",
    kind: "research firm",
    title: "Winners and Losers in the DeepSeek Model's Industry Chain",
    citedIn: "tradingkey",
  },
  {
    id: "chatbot-arena",
    name: "Chatbot Arena",
    kind: "model leaderboard",
    title: "AI Large Model Evaluation Ranking List",
    citedIn: "tradingkey",
  },
  { id: "bank-of-america", name: "Bank of America", kind: "bank", citedIn: "tradingkey" },
  { id: "morgan-stanley", name: "Morgan Stanley", kind: "bank", citedIn: "tradingkey" },
  { id: "fitch", name: "Fitch", kind: "rating agency", citedIn: "tradingkey" },
  { id: "goldman-sachs", name: "Goldman Sachs", kind: "bank", citedIn: "tradingkey" },
  { id: "deutsche-bank", name: "Deutsche Bank", kind: "bank", citedIn: "tradingkey" },
  { id: "nvidia", name: "NVIDIA CEO Jensen Huang", kind: "company statement", citedIn: "tradingkey" },
  { id: "qualcomm", name: "Qualcomm's CEO", kind: "company statement", citedIn: "tradingkey" },
  { id: "tradingview", name: "TradingView", kind: "price charts", citedIn: "tradingkey" },
];

/** The source with this id (every SourceId has one). */
export function sourceOf(id: SourceId): Source {
  const found = SOURCES.find((s) => s.id === id);
  if (!found) throw new Error(`unknown source ${id}`);
  return found;
}

/** How to cite a source in one line: "IOT Analytics, cited in TradingKey, "Deepseek Overview..."". */
export function citation(id: SourceId): string {
  const source = sourceOf(id);
  const own = source.title ? `${source.name}, "${source.title}"` : source.name;
  if (!source.citedIn) return own;
  const article = sourceOf(source.citedIn);
  return `${own}, cited in ${article.name}, "${article.title}"`;
}
