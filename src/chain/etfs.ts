import { ARTICLE_AS_OF } from "./sources";
import type { EtfFact } from "./types";

// The article's "from 2023" periods start with 2023 and its "in 2025" figures run to its writing.
const FROM_2023 = "2023-01-01";
const START_2025 = "2025-01-01";

/** The four funds the article recommends, with what it says about each. */
export const ETFS: EtfFact[] = [
  {
    symbol: "SOXX",
    name: "iShares Semiconductor ETF",
    issuer: "iShares",
    tracks: "Semiconductor stocks",
    theme: "Bottom-Fishing AI Hardware",
    inceptionYear: 2001,
    topHoldings: ["Broadcom", "NVIDIA", "Qualcomm", "AMD", "Texas Instruments"],
    otherHoldings: [],
    returns: [
      {
        period: "From 2023 to the end of February 2025",
        start: FROM_2023,
        end: ARTICLE_AS_OF,
        value: 0.7,
        basis: "fund",
        source: "tradingkey",
      },
      {
        period: "2025 (to the end of February)",
        start: START_2025,
        end: ARTICLE_AS_OF,
        value: -0.08,
        basis: "fund",
        source: "tradingkey",
      },
    ],
    sectorWeights: [],
    facts: [
      {
        text: "The launch of DeepSeek has put pressure on SOXX, but the prospects of its constituent companies remain healthy.",
        source: "tradingkey",
      },
      {
        text: "NVIDIA's fiscal 2025 revenue rose 114% YoY and profit 145% YoY; its gross margin is expected to exceed 70% in Q1 of fiscal 2026.",
        source: "tradingkey",
      },
      {
        text: "Qualcomm's CEO said DeepSeek is beneficial to Qualcomm because its chips can run the model efficiently locally instead of in the cloud.",
        source: "qualcomm",
      },
    ],
    source: "tradingkey",
    chartSource: "tradingview",
  },
  {
    symbol: "QQQ",
    name: "Invesco QQQ Trust",
    issuer: "Invesco",
    tracks: "NASDAQ 100 Index",
    theme: "Bullish on the Technology Industry",
    topHoldings: ["Apple", "NVIDIA", "Microsoft", "Amazon", "Broadcom"],
    otherHoldings: ["Tesla", "AMD", "Intel", "Marvell", "Costco"],
    returns: [
      {
        period: "From 2023 to the end of February 2025",
        start: FROM_2023,
        end: ARTICLE_AS_OF,
        value: 0.85,
        basis: "fund",
        source: "tradingkey",
      },
      {
        period: "2025 (to the end of February)",
        start: START_2025,
        end: ARTICLE_AS_OF,
        value: -0.03,
        basis: "fund",
        source: "tradingkey",
      },
    ],
    sectorWeights: [],
    facts: [
      {
        text: "Its holdings include AI software and hardware companies and also cover the consumer and healthcare sectors.",
        source: "tradingkey",
      },
      {
        text: "If DeepSeek drives AI adopters to a more sustainable spending model, some QQQ companies will benefit: chip-market diversification boosts AMD and Intel, and the diversified Broadcom and Marvell are less vulnerable to AI-headline pullbacks.",
        source: "fitch",
      },
    ],
    source: "tradingkey",
    chartSource: "tradingview",
  },
  {
    symbol: "RSP",
    name: "Invesco S&P 500 Equal Weight ETF",
    issuer: "Invesco",
    tracks: "S&P 500 Index, equally weighted (about 0.2% per constituent)",
    theme: "Diversified Investment",
    topHoldings: [],
    otherHoldings: [],
    returns: [
      {
        period: "From 2023 to the end of February 2025",
        start: FROM_2023,
        end: ARTICLE_AS_OF,
        value: 0.29,
        basis: "fund",
        source: "tradingkey",
      },
      {
        period: "2025 (to the end of February)",
        start: START_2025,
        end: ARTICLE_AS_OF,
        value: 0.01,
        basis: "fund",
        source: "tradingkey",
      },
    ],
    sectorWeights: [
      { sector: "Industrials", articleWording: "industry", weight: 0.1545 },
      { sector: "Financials", articleWording: "finance", weight: 0.1494 },
      { sector: "Information Technology", articleWording: "information technology", weight: 0.1372 },
      { sector: "Health Care", articleWording: "healthcare", weight: 0.1263 },
      { sector: "Consumer Discretionary", articleWording: "non-essential consumer goods", weight: 0.0983 },
    ],
    facts: [
      {
        text: "Holds the same weight (about 0.2%) in each of the 500 S&P 500 constituents rather than weighting by market capitalization.",
        source: "tradingkey",
      },
      {
        text: "It can diversify risks, offer opportunities in small and medium-sized stocks and has a rebalancing effect.",
        source: "tradingkey",
      },
      {
        text: "When the tech giants lead the market, the equal-weight ETF may lag behind market-cap-weighted ETFs.",
        source: "tradingkey",
      },
    ],
    source: "tradingkey",
    chartSource: "tradingview",
  },
  {
    symbol: "3033.HK",
    name: "CSOP Hang Seng Tech Index ETF",
    issuer: "CSOP Asset Management",
    tracks: "Hang Seng Tech Index (30 top technology innovation companies listed in Hong Kong)",
    theme: "Revaluation of Chinese Tech Stocks",
    topHoldings: [],
    otherHoldings: ["Xiaomi", "JD.com", "Alibaba", "Tencent", "SMIC", "Meituan", "Li Auto", "XPeng"],
    returns: [
      { period: "2021", start: "2021-01-01", end: "2021-12-31", value: -0.3325, basis: "fund", source: "tradingkey" },
      { period: "2022", start: "2022-01-01", end: "2022-12-31", value: -0.2742, basis: "fund", source: "tradingkey" },
      { period: "2023", start: "2023-01-01", end: "2023-12-31", value: -0.0921, basis: "fund", source: "tradingkey" },
      // The article attributes the next two figures to "the index".
      { period: "2024", start: "2024-01-01", end: "2024-12-31", value: 0.1864, basis: "index", source: "tradingkey" },
      {
        period: "From the beginning of 2025 to the end of February",
        start: START_2025,
        end: ARTICLE_AS_OF,
        value: 0.23,
        qualifier: "more than",
        basis: "index",
        source: "tradingkey",
      },
    ],
    sectorWeights: [],
    facts: [
      { text: "The world's first ETF to track the Hang Seng Tech Index, and the largest.", source: "tradingkey" },
      {
        text: "The 2024 rise followed China's large-scale stimulus policies; the early-2025 rise was driven by the DeepSeek model.",
        source: "tradingkey",
      },
    ],
    source: "tradingkey",
    chartSource: "tradingview",
  },
];

/** The fund with this symbol (or full name), case-insensitive. */
export function findEtf(symbol: string): EtfFact | undefined {
  if (typeof symbol !== "string") return undefined;
  const text = symbol.trim().toUpperCase();
  return ETFS.find((e) => e.symbol === text || e.name.toUpperCase() === text);
}
