import { CAPEX, MODEL_COSTS, costAt, modelCost } from "../../src/chain";

describe("training costs", () => {
  test.each([
    ["GPT-4", 100e6, 200e6],
    ["Gemini", 200e6, 200e6],
    ["Llama-3", 30e6, 50e6],
    ["DeepSeek V3", 10e6, 50e6],
  ])("%s costs %d to %d USD", (model, low, high) => {
    const cost = modelCost(model)!;
    expect([cost.low, cost.high]).toEqual([low, high]);
    expect(costAt(cost, "low")).toBe(low);
    expect(costAt(cost, "high")).toBe(high);
    expect(costAt(cost, "mid")).toBe((low + high) / 2);
  });

  test.each([
    ["gpt4", "GPT-4"],
    ["OpenAI GPT-4", "GPT-4"],
    ["Google Gemini", "Gemini"],
    ["llama 3", "Llama-3"],
    ["Meta Llama-3", "Llama-3"],
    ["deepseek-v3", "DeepSeek V3"],
  ])("%s means %s", (text, model) => {
    expect(modelCost(text)?.model).toBe(model);
  });

  test("unknown models have no cost", () => {
    expect(modelCost("Claude")).toBeUndefined();
    expect(modelCost("")).toBeUndefined();
  });

  test("the article gives four figures, each with its developer", () => {
    expect(MODEL_COSTS.map((m) => m.developer)).toEqual(["OpenAI", "Google", "Meta", "DeepSeek"]);
  });
});

describe("capital expenditure", () => {
  test("Microsoft, Google, Amazon and Meta: $230B in 2024, $320B expected in 2025 (+40%)", () => {
    const [y2024, y2025] = CAPEX.filter((c) => c.companies.length === 4);
    expect([y2024.year, y2024.amount, y2024.kind]).toEqual([2024, 230e9, "actual"]);
    expect([y2025.year, y2025.amount, y2025.kind, y2025.growth]).toEqual([2025, 320e9, "expected", 0.4]);
    expect(y2025.companies.sort()).toEqual(["Alphabet", "Amazon", "Meta", "Microsoft"]);
  });

  test("Bank of America: hyperscalers +34% to $257B in 2025", () => {
    const bofa = CAPEX.find((c) => c.source === "bank-of-america")!;
    expect([bofa.year, bofa.amount, bofa.growth]).toEqual([2025, 257e9, 0.34]);
  });
});
