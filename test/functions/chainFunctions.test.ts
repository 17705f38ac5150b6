import { chain, companies, impact, layer, modelcost, segment, ticker } from "../../src/functions/chainFunctions";
import { EXPECTED_CHAIN, LAYER_NAMES } from "../chain/articleExpectations";

/** The Excel error a call throws, as code and message. */
function excelError(call: () => unknown): { code: string; message: string } {
  try {
    call();
  } catch (err) {
    const e = err as { code: string; message: string };
    return { code: e.code, message: e.message };
  }
  throw new Error("expected the call to fail");
}

const NA = "#N/A";
const VALUE = "#VALUE!";

describe("LAYER and SEGMENT", () => {
  test.each(EXPECTED_CHAIN.map((e) => [e.name, e] as const))("%s by name and by every symbol", (_, expected) => {
    const [firstLayer, firstSegment] = expected.places[0];
    for (const arg of [expected.name, expected.name.toUpperCase(), ...expected.symbols]) {
      expect(layer(arg)).toEqual([[LAYER_NAMES[firstLayer - 1]]]);
      expect(segment(arg)).toEqual([[firstSegment]]);
    }
  });

  test("all=TRUE spills every layer and segment in the article's order", () => {
    expect(layer("NVDA", true)).toEqual([["Basic Layer"], ["Technical Layer"]]);
    expect(segment("NVDA", true)).toEqual([["Chip Manufacturers"], ["Model Training"]]);
    expect(layer("Huawei", true)).toEqual([["Basic Layer"], ["Technical Layer"]]);
    expect(segment("Huawei", true)).toEqual([["Cloud Services"], ["Chip Manufacturers"], ["Model Training"]]);
    expect(segment("9988.HK", true)).toEqual([["Cloud Services"], ["Model Training"]]);
    expect(layer("OpenAI", true)).toEqual([["Technical Layer"], [LAYER_NAMES[3]]]);
    expect(segment("OpenAI", true)).toEqual([["Algorithm Development"], ["Developer Ecosystem"]]);
  });

  test("groups answer for the subsidiaries the article names", () => {
    expect(segment("MSFT", true)).toEqual([["Cloud Services"], ["Algorithm Development (via GitHub)"]]);
    expect(segment("Alphabet", true)).toEqual([["Cloud Services"], ["Model Training (via DeepMind)"]]);
  });

  test("all accepts FALSE, 0, 1, text and omission", () => {
    expect(layer("NVDA", false)).toEqual([["Basic Layer"]]);
    expect(layer("NVDA", null as unknown as boolean)).toEqual([["Basic Layer"]]);
    expect(layer("NVDA", 1 as unknown as boolean)).toEqual([["Basic Layer"], ["Technical Layer"]]);
    expect(segment("NVDA", "TRUE" as unknown as boolean)).toHaveLength(2);
    expect(segment("NVDA", "" as unknown as boolean)).toHaveLength(1);
  });

  test("aliases and spelling", () => {
    expect(layer("google")).toEqual([["Basic Layer"]]);
    expect(segment(" aws ")).toEqual([["Cloud Services"]]);
    expect(segment("Azure")).toEqual([["Cloud Services"]]);
    expect(layer([["NVDA"]] as unknown as string)).toEqual([["Basic Layer"]]);
  });

  test("an unknown company is #N/A", () => {
    expect(excelError(() => layer("Acme"))).toEqual({ code: NA, message: "Acme is not in the AI value chain" });
    expect(excelError(() => segment("  Acme  "))).toEqual({ code: NA, message: "Acme is not in the AI value chain" });
  });

  test("a company named but not placed is #N/A saying so", () => {
    expect(excelError(() => layer("Broadcom"))).toEqual({
      code: NA,
      message: "Broadcom is named in the article but not placed in the AI value chain",
    });
    expect(excelError(() => segment("HIMS")).message).toBe(
      "Hims & Hers is named in the article but not placed in the AI value chain",
    );
    expect(excelError(() => layer("DeepSeek")).code).toBe(NA);
  });

  test("an ETF is #N/A pointing out it is a fund", () => {
    expect(excelError(() => layer("SOXX"))).toEqual({
      code: NA,
      message: "SOXX is an ETF (iShares Semiconductor ETF), not a company in the AI value chain",
    });
  });

  test.each([
    ["empty text", "", "company is empty"],
    ["spaces", "   ", "company is empty"],
    ["omitted", null, "company is empty"],
    ["a number", 42, "company must be text"],
    ["a boolean", true, "company must be text"],
    ["a range", [["NVDA"], ["AMD"]], "company must be a single cell"],
  ])("company as %s is #VALUE!", (_, arg, message) => {
    for (const fn of [layer, segment]) {
      const err = excelError(() => fn(arg as unknown as string));
      expect(err.code).toBe(VALUE);
      expect(err.message).toContain(message);
    }
  });

  test("a malformed all is #VALUE!", () => {
    expect(excelError(() => layer("NVDA", "maybe" as unknown as boolean))).toEqual({
      code: VALUE,
      message: 'all must be TRUE or FALSE, not "maybe"',
    });
    expect(excelError(() => segment("NVDA", 7 as unknown as boolean)).code).toBe(VALUE);
  });
});

describe("TICKER", () => {
  test.each([
    ["Alibaba", "9988.HK"],
    ["BABA", "9988.HK"],
    ["Google", "GOOGL"],
    ["goog", "GOOGL"],
    ["Tencent", "0700.HK"],
    ["Cambricon", "688256.SS"],
    ["Inspur Information", "000977.SZ"],
    ["Xiaomi", "1810.HK"],
    ["Hims & Hers", "HIMS"],
    ["Hims and Hers", "HIMS"],
    ["Applovin", "APP"],
    ["Broadcom", "AVGO"],
    ["SMIC", "0981.HK"],
    ["Haitian RaySound", "688787.SS"],
  ])("%s -> %s", (company, symbol) => {
    expect(ticker(company)).toBe(symbol);
  });

  test("private companies are #N/A", () => {
    expect(excelError(() => ticker("OpenAI"))).toEqual({ code: NA, message: "OpenAI is private" });
    expect(excelError(() => ticker("huawei"))).toEqual({ code: NA, message: "Huawei is private" });
    expect(excelError(() => ticker("ByteDance")).message).toBe("ByteDance is private");
  });

  test("subsidiaries are #N/A naming the parent and its symbol", () => {
    expect(excelError(() => ticker("GitHub"))).toEqual({
      code: NA,
      message: "GitHub is part of Microsoft (MSFT) and has no listing of its own",
    });
    expect(excelError(() => ticker("DeepMind")).message).toBe(
      "DeepMind is part of Alphabet (GOOGL) and has no listing of its own",
    );
    expect(excelError(() => ticker("Ping An Technology")).message).toBe(
      "Ping An Technology is part of Ping An Insurance (2318.HK) and has no listing of its own",
    );
    expect(excelError(() => ticker("Fitch")).message).toBe("Fitch is part of Hearst, which is not listed");
  });

  test("a non-profit is #N/A saying so", () => {
    expect(excelError(() => ticker("Wikipedia"))).toEqual({
      code: NA,
      message: "Wikipedia is a non-profit (Wikimedia Foundation) and has no ticker",
    });
  });

  test("unknown and malformed companies", () => {
    expect(excelError(() => ticker("Acme"))).toEqual({ code: NA, message: "Acme is not in the AI value chain" });
    expect(excelError(() => ticker("")).code).toBe(VALUE);
    expect(excelError(() => ticker(undefined as unknown as string)).code).toBe(VALUE);
    expect(excelError(() => ticker(false as unknown as string)).code).toBe(VALUE);
  });
});

describe("COMPANIES and CHAIN", () => {
  const HEADER = ["Company", "Ticker", "Region", "Layer", "Segment"];

  test("CHAIN spills the whole chain with a header row", () => {
    const table = chain();
    expect(table[0]).toEqual(HEADER);
    expect(table).toHaveLength(44);
    expect(table[1]).toEqual(["Amazon", "AMZN", "United States", "Basic Layer", "Cloud Services"]);
  });

  test("COMPANIES without filters is the whole chain", () => {
    expect(companies()).toEqual(chain());
    expect(companies(null as unknown as string, "")).toEqual(chain());
  });

  test.each([[1], ["1"], ["Basic"], ["basic layer"], ["Basic Layer"]])("layer %p filters to the Basic Layer", (arg) => {
    const rows = companies(arg);
    expect(rows[0]).toEqual(HEADER);
    expect(rows).toHaveLength(18);
    expect(rows.slice(1).every((r) => r[3] === "Basic Layer")).toBe(true);
  });

  test("segment filters, alone or with its layer", () => {
    const chips = [
      ["NVIDIA", "NVDA"],
      ["AMD", "AMD"],
      ["Intel", "INTC"],
      ["Huawei", ""],
      ["Cambricon", "688256.SS"],
    ];
    expect(
      companies(undefined, "Chip Manufacturers")
        .slice(1)
        .map((r) => r.slice(0, 2)),
    ).toEqual(chips);
    expect(
      companies(1, "chips")
        .slice(1)
        .map((r) => r.slice(0, 2)),
    ).toEqual(chips);
    expect(
      companies(4, "Terminal Devices")
        .slice(1)
        .map((r) => r[0]),
    ).toEqual(["Apple", "Xiaomi", "OPPO"]);
  });

  test("a segment outside the layer is #N/A", () => {
    expect(excelError(() => companies(1, "Finance"))).toEqual({
      code: NA,
      message: "Finance is in the Application Layer, not the Basic Layer",
    });
  });

  test.each([[0], [5], [2.5], ["Layer Nine"], [true]])("layer %p is #VALUE!", (arg) => {
    expect(excelError(() => companies(arg as unknown as string))).toEqual({
      code: VALUE,
      message: "layer must be 1-4 or a layer name",
    });
  });

  test("an unknown segment is #VALUE! listing the segments", () => {
    const err = excelError(() => companies(undefined, "Retail"));
    expect(err.code).toBe(VALUE);
    expect(err.message).toMatch(/^segment must be one of: Cloud Services, Chip Manufacturers, .*Terminal Devices$/);
    expect(excelError(() => companies(undefined, 3 as unknown as string)).code).toBe(VALUE);
  });

  test("a range for layer is #VALUE!", () => {
    expect(excelError(() => companies([[1, 2]] as unknown as string)).code).toBe(VALUE);
  });
});

describe("IMPACT", () => {
  test.each([
    ["NVDA", "Loser (AI chip manufacturers)"],
    ["OpenAI", "Loser (Large model manufacturers)"],
    ["Apple", "Winner (Edge computing providers)"],
    ["Healthcare", "Winner (GenAI apps)"],
    ["Data Resources", "Winner (Data providers)"],
    ["Cloud Services", "Not assessed"],
    ["Basic", "Mixed (winners: Data providers; losers: AI chip manufacturers)"],
    ["Broadcom", "Not assessed"],
  ])("%s: %s", (arg, label) => {
    expect(impact(arg)).toBe(label);
  });

  test("a layer number works", () => {
    expect(impact(3 as unknown as string)).toBe("Winner (GenAI apps)");
  });

  test("unknown, ETF, empty and malformed arguments", () => {
    expect(excelError(() => impact("Acme"))).toEqual({ code: NA, message: "Acme is not in the AI value chain" });
    expect(excelError(() => impact("QQQ")).message).toBe(
      "QQQ is an ETF (Invesco QQQ Trust), not a company in the AI value chain",
    );
    expect(excelError(() => impact("")).code).toBe(VALUE);
    expect(excelError(() => impact(true as unknown as string)).code).toBe(VALUE);
    expect(excelError(() => impact([["a", "b"]] as unknown as string)).code).toBe(VALUE);
  });
});

describe("MODELCOST", () => {
  test.each([
    ["GPT-4", undefined, 150e6],
    ["GPT-4", "low", 100e6],
    ["gpt-4", "HIGH", 200e6],
    ["Gemini", "mid", 200e6],
    ["Llama-3", "low", 30e6],
    ["Llama 3", "high", 50e6],
    ["DeepSeek V3", undefined, 30e6],
    ["deepseek-v3", "low", 10e6],
    ["DeepSeek V3", "", 30e6],
  ])("%s (%s) = %d USD", (model, bound, usd) => {
    expect(modelcost(model, bound)).toBe(usd);
  });

  test("an unknown model is #N/A naming the known ones", () => {
    expect(excelError(() => modelcost("Claude"))).toEqual({
      code: NA,
      message: "no training cost for Claude; the article gives GPT-4, Gemini, Llama-3, DeepSeek V3",
    });
  });

  test("a bad bound is #VALUE!", () => {
    expect(excelError(() => modelcost("GPT-4", "max"))).toEqual({
      code: VALUE,
      message: 'bound must be "low", "high" or "mid", not "max"',
    });
    expect(excelError(() => modelcost("GPT-4", 1 as unknown as string)).code).toBe(VALUE);
  });

  test("an empty or malformed model is #VALUE!", () => {
    expect(excelError(() => modelcost("")).code).toBe(VALUE);
    expect(excelError(() => modelcost(null as unknown as string)).message).toContain("model is empty");
    expect(excelError(() => modelcost(4 as unknown as string)).code).toBe(VALUE);
  });
});

describe("errors are CustomFunctions.Error", () => {
  test("a thrown error is the runtime's error class", () => {
    try {
      ticker("OpenAI");
    } catch (err) {
      expect(err).toBeInstanceOf(CustomFunctions.Error);
    }
    expect.assertions(1);
  });
});
