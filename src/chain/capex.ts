import type { CapexFigure } from "./types";

const BILLION = 1_000_000_000;
const BIG_FOUR = ["Microsoft", "Alphabet", "Amazon", "Meta"];

/** Capital expenditure figures the article gives for AI infrastructure. */
export const CAPEX: CapexFigure[] = [
  {
    spender: "Microsoft, Google, Amazon and Meta",
    companies: BIG_FOUR,
    year: 2024,
    amount: 230 * BILLION,
    kind: "actual",
    source: "tradingkey",
  },
  {
    spender: "Microsoft, Google, Amazon and Meta",
    companies: BIG_FOUR,
    year: 2025,
    amount: 320 * BILLION,
    kind: "expected",
    growth: 0.4,
    source: "tradingkey",
  },
  {
    spender: "Hyperscale data center operators",
    companies: [],
    year: 2025,
    amount: 257 * BILLION,
    kind: "expected",
    growth: 0.34,
    source: "bank-of-america",
  },
];
