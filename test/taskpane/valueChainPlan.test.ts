import { LAYER_COLORS, valueChainPlan } from "../../src/taskpane/sheets/valueChainPlan";
import { ARTICLE_SOURCE } from "../../src/taskpane/sheets/chainTypes";
import { CHAIN_FIXTURE } from "./chainFixture";
import { LAYERS, chainEntries, chainTable } from "../../src/chain";
import { neededWidth } from "../../src/taskpane/sheets/fitWidths";

describe("valueChainPlan", () => {
  it("lists one row per chain entry of the chosen layers, in the article's order", () => {
    const plan = valueChainPlan(CHAIN_FIXTURE, [1, 2], { price: false, returnSince: null });
    expect(plan.header).toEqual(["Company", "Ticker", "Region", "Status", "Layer", "Segment", "Place"]);
    const rows = plan.body.formulas!.slice(1);
    expect(rows.map((r) => [r[0], r[4], r[5]])).toEqual([
      ["NVIDIA", "Basic Layer", "Chip Manufacturers"],
      ["Cambricon", "Basic Layer", "Chip Manufacturers"],
      ["Amazon", "Basic Layer", "Cloud Services"],
      ["OpenAI", "Technical Layer", "Algorithm Development"],
      ["NVIDIA", "Technical Layer", "Model Training"],
    ]);
    expect(plan.table.rect).toEqual({ row: 0, col: 0, rows: 6, cols: 7 });
    expect(plan.extent.rows).toBe(9); // table, blank row, source line, what Place means
  });

  it("has exactly the knowledge base's chain rows, in CHAIN()'s order: a group held through a subsidiary is not a second row", () => {
    const plan = valueChainPlan({ layers: LAYERS, entries: chainEntries() }, [1, 2, 3, 4], { price: false, returnSince: null });
    const rows = plan.body.formulas!.slice(1).map((r) => `${r[0]} | ${r[4]} | ${r[5]}`);
    const expected = chainTable()
      .slice(1)
      .map((r) => `${r[0]} | ${r[3]} | ${r[4]}`);
    expect(rows).toEqual(expected);
    expect(rows).not.toContain("Microsoft | Technical Layer | Algorithm Development"); // GitHub's row
  });

  it("writes live columns as AICHAIN formulas and leaves private companies blank", () => {
    const plan = valueChainPlan(CHAIN_FIXTURE, [2], { price: true, returnSince: "2025-01-01" });
    expect(plan.header.slice(-4)).toEqual(["Price", "Currency", "Exchange", "Return since 2025-01-01"]);
    const rows = plan.body.formulas!.slice(1);
    expect(rows[0][0]).toBe("OpenAI");
    expect(rows[0].slice(-4)).toEqual(["", "", "", ""]);
    expect(rows[1].slice(-4)).toEqual(['=AICHAIN.PRICE("NVDA")', "USD", "US", '=AICHAIN.RETURN("NVDA","2025-01-01")']);
    expect(plan.body.numberFormat![1].slice(-4)).toEqual(["#,##0.00", "General", "General", "0.00%"]);
    expect(plan.columnWidths).toHaveLength(11);
    expect(plan.footer.values!.map((l) => l[0])).toEqual([
      ARTICLE_SOURCE,
      expect.stringMatching(/^Place: /),
      expect.stringMatching(/live AICHAIN formulas/),
      expect.stringMatching(/own currency/),
    ]);
  });

  it("colours each layer's run of rows in the Layer column", () => {
    const plan = valueChainPlan(CHAIN_FIXTURE, [1, 3, 4], { price: false, returnSince: null });
    expect(plan.fills).toEqual([
      { rect: { row: 1, col: 4, rows: 3, cols: 1 }, color: LAYER_COLORS[1] },
      { rect: { row: 4, col: 4, rows: 1, cols: 1 }, color: LAYER_COLORS[3] },
      { rect: { row: 5, col: 4, rows: 2, cols: 1 }, color: LAYER_COLORS[4] },
    ]);
  });

  it("names the article under the table", () => {
    const plan = valueChainPlan(CHAIN_FIXTURE, [4], { price: false, returnSince: null });
    expect(plan.footer.values![0]).toEqual([ARTICLE_SOURCE]);
    expect(plan.footer.rect.row).toBe(plan.table.rect.rows + 1);
  });

  it("refuses an empty choice or a malformed date with a clear message", () => {
    expect(() => valueChainPlan(CHAIN_FIXTURE, [], { price: false, returnSince: null })).toThrow(/at least one layer/);
    expect(() => valueChainPlan(CHAIN_FIXTURE, [1], { price: false, returnSince: "1/1/2025" })).toThrow(/YYYY-MM-DD/);
    expect(() => valueChainPlan(CHAIN_FIXTURE, [1], { price: false, returnSince: "2026-12-01", today: "2026-11-28" })).toThrow(
      /2026-12-01 is in the future; choose 2026-11-28 or earlier/,
    );
    expect(() =>
      valueChainPlan(CHAIN_FIXTURE, [1], { price: false, returnSince: "2026-11-28", today: "2026-11-28" }),
    ).not.toThrow();
  });
  it("puts the currency and market beside the price, from the listing's suffix", () => {
    const plan = valueChainPlan({ layers: LAYERS, entries: chainEntries() }, [1, 2, 3, 4], { price: true, returnSince: null });
    const col = (name: string) => plan.header.indexOf(name);
    expect(col("Currency")).toBe(col("Price") + 1);
    expect(col("Exchange")).toBe(col("Price") + 2);
    const byTicker = new Map(plan.body.formulas!.slice(1).map((r) => [r[1], [r[col("Currency")], r[col("Exchange")]]]));
    expect(byTicker.get("NVDA")).toEqual(["USD", "US"]);
    expect(byTicker.get("0700.HK")).toEqual(["HKD", "Hong Kong"]);
    expect(byTicker.get("688256.SS")).toEqual(["CNY", "Shanghai"]);
    expect(byTicker.get("000977.SZ")).toEqual(["CNY", "Shenzhen"]);
    // A company without a listing has no price, so no currency or market either.
    expect(byTicker.get("")).toEqual(["", ""]);
  });

  it("writes Status in proper case", () => {
    const plan = valueChainPlan({ layers: LAYERS, entries: chainEntries() }, [1, 2, 3, 4], { price: false, returnSince: null });
    const statuses = new Set(plan.body.formulas!.slice(1).map((r) => r[3]));
    expect([...statuses].sort()).toEqual(expect.arrayContaining(["Listed", "Private"]));
    for (const status of statuses) expect(String(status)).toMatch(/^[A-Z]/);
  });

  it("says in Place why a company appears more than once (Huawei three times)", () => {
    const plan = valueChainPlan({ layers: LAYERS, entries: chainEntries() }, [1, 2, 3, 4], { price: false, returnSince: null });
    const huawei = plan.body
      .formulas!.slice(1)
      .filter((r) => r[0] === "Huawei")
      .map((r) => [r[5], r[6]]);
    expect(huawei).toEqual([
      ["Cloud Services", "1 of 3"],
      ["Chip Manufacturers", "Ascend · 2 of 3"],
      [expect.any(String), "MindSpore · 3 of 3"],
    ]);
    // A company in one place only gets no count, just the article's name for its part if any.
    const once = plan.body.formulas!.slice(1).filter((r) => r[0] === "Cambricon");
    expect(once).toHaveLength(1);
    expect(once[0][6]).not.toMatch(/of/);
    expect(plan.footer.values!.some((l) => /^Place: /.test(String(l[0])))).toBe(true);
  });

  it("fits every column to its header (with the filter button) and its contents", () => {
    const plan = valueChainPlan({ layers: LAYERS, entries: chainEntries() }, [1, 2, 3, 4], {
      price: true,
      returnSince: "2025-01-01",
    });
    const rows = plan.body.formulas!.slice(1);
    plan.header.forEach((title, col) => {
      expect({ title, fits: plan.columnWidths[col] >= neededWidth(title, true) }).toEqual({ title, fits: true });
      for (const row of rows) {
        const value = String(row[col]);
        if (value.startsWith("=")) continue;
        expect({ value, fits: plan.columnWidths[col] >= neededWidth(value) }).toEqual({ value, fits: true });
      }
    });
    const layer = plan.header.indexOf("Layer");
    expect(plan.columnWidths[layer]).toBeGreaterThanOrEqual(neededWidth("Ecological Cooperation and Commercialization"));
    // Narrow columns stay narrow: Ticker is not as wide as Layer.
    expect(plan.columnWidths[plan.header.indexOf("Ticker")]).toBeLessThan(plan.columnWidths[layer] / 2);
    expect(plan.freezeRows).toBe(1);
  });
});
