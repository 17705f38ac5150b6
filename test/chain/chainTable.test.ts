import { chainTable, companiesIn } from "../../src/chain";
import { EXPECTED_CHAIN, LAYER_NAMES } from "./articleExpectations";

describe("chainTable", () => {
  const table = chainTable();

  test("starts with the agreed header", () => {
    expect(table[0]).toEqual(["Company", "Ticker", "Region", "Layer", "Segment"]);
  });

  test("has one row per company per place the article lists", () => {
    const expectedRows = EXPECTED_CHAIN.reduce((n, e) => n + e.places.length, 0);
    expect(expectedRows).toBe(43);
    expect(table.length).toBe(expectedRows + 1);
  });

  test("rows follow the article: segment by segment, companies in its order", () => {
    expect(table.slice(1, 8).map((r) => r[0])).toEqual([
      "Amazon",
      "Microsoft",
      "Alphabet",
      "Alibaba",
      "Tencent",
      "Huawei",
      "NVIDIA",
    ]);
    expect(table[table.length - 1]).toEqual(["OPPO", "", "China", LAYER_NAMES[3], "Terminal Devices"]);
  });

  test("a listed company shows its primary symbol and region", () => {
    expect(table).toContainEqual(["Cambricon", "688256.SS", "China", "Basic Layer", "Chip Manufacturers"]);
    expect(table).toContainEqual(["Alibaba", "9988.HK", "China", "Technical Layer", "Model Training"]);
  });

  test("places held through a subsidiary are not extra rows", () => {
    const microsoftRows = table.filter((r) => r[0] === "Microsoft");
    expect(microsoftRows).toEqual([["Microsoft", "MSFT", "United States", "Basic Layer", "Cloud Services"]]);
    expect(table).toContainEqual(["GitHub", "", "United States", "Technical Layer", "Algorithm Development"]);
  });

  test("with notes, a sixth column carries the article's parenthetical", () => {
    const noted = chainTable({ notes: true });
    expect(noted[0][5]).toBe("Note");
    expect(noted).toContainEqual(["NVIDIA", "NVDA", "United States", "Basic Layer", "Chip Manufacturers", "GPU"]);
    expect(noted).toContainEqual(["Cambricon", "688256.SS", "China", "Basic Layer", "Chip Manufacturers", "Siyuan"]);
  });
});

describe("companiesIn", () => {
  test("filters by layer", () => {
    expect(companiesIn({ layer: 4 }).map((e) => e.company.name)).toEqual([
      "OpenAI",
      "Anthropic",
      "Dell",
      "HPE",
      "Apple",
      "Xiaomi",
      "OPPO",
    ]);
  });
  test("filters by segment", () => {
    expect(companiesIn({ segment: "Model Training" }).map((e) => e.company.name)).toEqual([
      "NVIDIA",
      "DeepMind",
      "Huawei",
      "Alibaba",
    ]);
  });
  test("no filter is the whole chain", () => {
    expect(companiesIn().length).toBe(43);
  });
});
