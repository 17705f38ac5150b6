import {
  ANALYST_VIEWS,
  ARENA_LEADERS,
  CAPEX,
  COMPANIES,
  DEEPSEEK_R1,
  ETFS,
  IMPACT_CATEGORIES,
  LAYERS,
  MARKET_EVENTS,
  MODEL_COSTS,
  SEGMENTS,
  SOURCES,
  WELL_KNOWN_MODELS,
  citation,
  findCompany,
  sourceOf,
} from "../../src/chain";
import type { SourceId } from "../../src/chain";

describe("sources", () => {
  test("the article is named with its title", () => {
    expect(citation("tradingkey")).toBe('TradingKey, "Deepseek Overview: The AI Industry Value Chain & Best ETFs to Watch"');
  });

  test("quoted sources cite the article they appear in", () => {
    expect(citation("iot-analytics")).toContain("IOT Analytics");
    expect(citation("iot-analytics")).toContain("cited in TradingKey");
    expect(sourceOf("chatbot-arena").name).toBe("Chatbot Arena");
    expect(sourceOf("bank-of-america").name).toBe("Bank of America");
  });

  test("every fact names a source that exists", () => {
    const used: SourceId[] = [
      ...LAYERS.map((l) => l.source),
      ...SEGMENTS.map((s) => s.source),
      ...COMPANIES.flatMap((c) => c.facts.map((f) => f.source)),
      ...ETFS.flatMap((e) => [e.source, e.chartSource, ...e.returns.map((r) => r.source), ...e.facts.map((f) => f.source)]),
      ...MODEL_COSTS.map((m) => m.source),
      ...CAPEX.map((c) => c.source),
      ...ARENA_LEADERS.map((m) => m.source),
      ...MARKET_EVENTS.map((e) => e.fact.source),
      ...ANALYST_VIEWS.map((v) => v.source),
      ...IMPACT_CATEGORIES.map((c) => c.source),
    ];
    const known = new Set(SOURCES.map((s) => s.id));
    for (const id of used) expect(known.has(id)).toBe(true);
    // Every quoted source is actually used somewhere.
    for (const id of known) expect(used).toContain(id);
  });
});

describe("models and market events", () => {
  test("Chatbot Arena leaders at the end of February 2025", () => {
    expect(ARENA_LEADERS.map((m) => m.model)).toEqual([
      "Grok 3",
      "Gemini 2.0",
      "ChatGPT-4o",
      "DeepSeek R1",
      "Qwen 2.5",
      "Hunyuan Turbo S",
    ]);
  });

  test("every model's developer is a known company", () => {
    for (const m of [...WELL_KNOWN_MODELS, ...ARENA_LEADERS]) expect(findCompany(m.developer)).toBeDefined();
  });

  test("DeepSeek R1: released 2025-01-20, API cost cut by more than 90%", () => {
    expect(DEEPSEEK_R1.released).toBe("2025-01-20");
    expect(DEEPSEEK_R1.apiCostReductionAtLeast).toBe(0.9);
    expect(DEEPSEEK_R1.coreTechnologies.map((t) => t.name)).toEqual(["Transformer architecture", "Mixture of Experts (MoE)"]);
  });

  test("NVIDIA fell 17% on January 27, 2025; every event's symbol is its company's", () => {
    expect(MARKET_EVENTS[0]).toMatchObject({ date: "2025-01-27", symbol: "NVDA", change: -0.17 });
    for (const e of MARKET_EVENTS) expect(findCompany(e.company)!.ticker).toBe(e.symbol);
  });
});
