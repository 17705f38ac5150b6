import type { Fact } from "./types";

export interface MarketEvent {
  date?: string;
  /** Company name as in COMPANIES. */
  company: string;
  symbol: string;
  move: string;
  /** The move as a fraction when the article quantifies it; a floor when `qualifier` is set. */
  change?: number;
  qualifier?: "more than";
  fact: Fact;
}

/** Share-price moves the article reports around DeepSeek's release. */
export const MARKET_EVENTS: MarketEvent[] = [
  {
    date: "2025-01-27",
    company: "NVIDIA",
    symbol: "NVDA",
    move: "fell 17% in a day",
    change: -0.17,
    fact: {
      text: "NVIDIA's stock price plummeted by 17% on January 27, the largest market value evaporation in the history of US stocks.",
      source: "tradingkey",
    },
  },
  {
    company: "Alibaba",
    symbol: "9988.HK",
    move: "continued to rise",
    fact: { text: "Alibaba continued to rise after the DeepSeek shock.", source: "tradingkey" },
  },
  {
    company: "Apple",
    symbol: "AAPL",
    move: "continued to rise",
    fact: { text: "Apple continued to rise after the DeepSeek shock.", source: "tradingkey" },
  },
  {
    company: "Hims & Hers",
    symbol: "HIMS",
    move: "doubled within half a month",
    change: 1,
    fact: { text: "AI healthcare: Hims & Hers Health (HIMS.US) doubled within half a month.", source: "tradingkey" },
  },
  {
    company: "Applovin",
    symbol: "APP",
    move: "rose more than 30% in a few days",
    change: 0.3,
    qualifier: "more than",
    fact: { text: "AI advertising: Applovin (APP.US) rose by more than 30% in a few days.", source: "tradingkey" },
  },
  {
    company: "Microsoft",
    symbol: "MSFT",
    move: "sharp decline",
    fact: {
      text: "The sharp decline in the stock prices of giants like Microsoft reflected doubts about the rationality of huge capital expenditures.",
      source: "tradingkey",
    },
  },
];

/** The two approaches to scarce computing power, with the article's representatives. */
export const COMPUTE_APPROACHES = [
  {
    approach: "Expanding capacity",
    means: "Expanding the scale of data centers and increasing the supply of computing power such as chips",
    representatives: ["OpenAI", "Alphabet", "Microsoft"],
  },
  {
    approach: "Improving efficiency",
    means:
      "Optimizing the computing power ecosystem and industrial clustering; algorithmic innovations such as knowledge distillation and efficient architectures; optimizing data governance",
    representatives: ["DeepSeek"],
  },
];

/** The article's two capital-market themes and where it points investors. */
export const MARKET_THEMES: Fact[] = [
  {
    text: "Sino-US technological strength: China's AI strength has been recognized and major banks are optimistic about the revaluation of Chinese assets; watch ETFs related to the Hang Seng Technology Index.",
    source: "tradingkey",
  },
  {
    text: "Hardware-software collaboration: the sharp fall in computing costs shifts AI competition from training to inference; besides chips, servers and data centers, watch ETFs related to application terminals.",
    source: "tradingkey",
  },
  {
    text: "Less computing power being needed reads as a negative for the basic computing power segment, while the democratization of AI is a positive for consumer applications.",
    source: "tradingkey",
  },
  {
    text: "Industry consensus: the application and platform layers will benefit from model competition and lower computing power costs.",
    source: "tradingkey",
  },
];

/** Views the article quotes from banks and industry leaders. */
export const ANALYST_VIEWS: Fact[] = [
  {
    text: "China's DeepSeek model and the US 'Stargate' will jointly drive a new upsurge in demand for the global AI chip industry chain: DeepSeek raises demand for AI technology in China, Stargate stimulates demand for AI hardware such as high-performance computing.",
    source: "morgan-stanley",
  },
  {
    text: "DeepSeek has ignited the enthusiasm of the global tech industry, and this inference model will be able to consume more computing power in the future.",
    source: "nvidia",
  },
  {
    text: "Cloud computing companies will still significantly increase capital expenditures in 2025, reflecting strong AI demand and the limits of existing capacity; hyperscalers' capex is expected to rise 34% to $257 billion.",
    source: "bank-of-america",
  },
  {
    text: "If DeepSeek drives AI adopters to a more sustainable spending model, chip-market diversification boosts AMD and Intel, and the diversified Broadcom and Marvell are less vulnerable to AI-headline pullbacks.",
    source: "fitch",
  },
  { text: "DeepSeek has inspired investors to accelerate their purchases of Chinese stocks.", source: "goldman-sachs" },
  {
    text: "2025 will be a crucial year for the global investment community to re-understand China's international competitiveness.",
    source: "deutsche-bank",
  },
];
