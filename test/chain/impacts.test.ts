import { IMPACT_CATEGORIES, impactOf } from "../../src/chain";

describe("IOT Analytics' winners and losers", () => {
  test("four winners and two losers", () => {
    expect(IMPACT_CATEGORIES.map((c) => `${c.verdict}:${c.label}`)).toEqual([
      "Winner:End-users",
      "Winner:GenAI apps",
      "Winner:Edge computing providers",
      "Winner:Data providers",
      "Loser:AI chip manufacturers",
      "Loser:Large model manufacturers",
    ]);
    expect(IMPACT_CATEGORIES.every((c) => c.source === "iot-analytics")).toBe(true);
  });

  test.each([
    ["Chip Manufacturers", "Loser (AI chip manufacturers)"],
    ["Data Resources", "Winner (Data providers)"],
    ["Healthcare", "Winner (GenAI apps)"],
    ["Terminal Devices", "Winner (Edge computing providers)"],
    ["Developer Ecosystem", "Loser (Large model manufacturers)"],
    ["Cloud Services", "Not assessed"],
    ["Server Manufacturers", "Not assessed"],
    ["Hardware Cooperation", "Not assessed"],
  ])("segment %s: %s", (segment, label) => {
    expect(impactOf(segment)!.label).toBe(label);
  });

  test.each([
    ["NVDA", "Loser (AI chip manufacturers)"],
    ["Cambricon", "Loser (AI chip manufacturers)"],
    ["Huawei", "Loser (AI chip manufacturers)"],
    ["OpenAI", "Loser (Large model manufacturers)"],
    ["Meta", "Loser (Large model manufacturers)"],
    ["Google", "Loser (Large model manufacturers)"],
    ["Reddit", "Winner (Data providers)"],
    ["Tempus AI", "Winner (GenAI apps)"],
    ["AAPL", "Winner (Edge computing providers)"],
    ["1810.HK", "Winner (Edge computing providers)"],
    ["Amazon", "Not assessed"],
    ["Inspur Information", "Not assessed"],
    ["Hugging Face", "Not assessed"],
    ["Broadcom", "Not assessed"],
  ])("company %s: %s", (company, label) => {
    expect(impactOf(company)!.label).toBe(label);
  });

  test("a layer with winners and losers is mixed", () => {
    const basic = impactOf("Basic")!;
    expect(basic.verdict).toBe("Mixed");
    expect(basic.label).toBe("Mixed (winners: Data providers; losers: AI chip manufacturers)");
    expect(impactOf("Application Layer")!.label).toBe("Winner (GenAI apps)");
    expect(impactOf("3")!.subject).toBe("Application Layer");
  });

  test("the categories themselves answer with their verdict", () => {
    expect(impactOf("end-users")!.label).toBe("Winner (End-users)");
    expect(impactOf("AI chip manufacturers")!.label).toBe("Loser (AI chip manufacturers)");
  });

  test("every reading explains itself", () => {
    expect(impactOf("NVIDIA")!.reasoning.join(" ")).toContain("17%");
    expect(impactOf("Broadcom")!.reasoning[0]).toContain("not placed");
  });

  test("unknown text has no reading", () => {
    expect(impactOf("Acme")).toBeUndefined();
    expect(impactOf("")).toBeUndefined();
  });
});
