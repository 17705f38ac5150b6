import { LAYER_COLORS, valueChainPlan } from "../../src/taskpane/sheets/valueChainPlan";
import { ARTICLE_SOURCE } from "../../src/taskpane/sheets/chainTypes";
import { CHAIN_FIXTURE } from "./chainFixture";
import { LAYERS, chainEntries, chainTable } from "../../src/chain";

describe("valueChainPlan", () => {
  it("lists one row per chain entry of the chosen layers, in the article's order", () => {
    const plan = valueChainPlan(CHAIN_FIXTURE, [1, 2], { price: false, returnSince: null });
    expect(plan.header).toEqual(["Company", "Ticker", "Region", "Status", "Layer", "Segment"]);
    const rows = plan.body.formulas!.slice(1);
    expect(rows.map((r) => [r[0], r[4], r[5]])).toEqual([
      ["NVIDIA", "Basic Layer", "Chip Manufacturers"],
      ["Cambricon", "Basic Layer", "Chip Manufacturers"],
      ["Amazon", "Basic Layer", "Cloud Services"],
      ["OpenAI", "Technical Layer", "Algorithm Development"],
      ["NVIDIA", "Technical Layer", "Model Training"],
    ]);
    expect(plan.table.rect).toEqual({ row: 0, col: 0, rows: 6, cols: 6 });
    expect(plan.extent.rows).toBe(8); // table, blank row, source line
  });

  it("has exactly the knowledge base's chain rows, in CHAIN()'s order: a group held through a subsidiary is not a second row", () => {
    const plan = valueChainPlan({ layers: LAYERS, entries: chainEntries() }, [1, 2, 3, 4], { price: false, returnSince: null });
    const rows = plan.body.formulas!.slice(1).map((r) => `${r[0]} | ${r[4]} | ${r[5]}`);
    const expected = chainTable().slice(1).map((r) => `${r[0]} | ${r[3]} | ${r[4]}`);
    expect(rows).toEqual(expected);
    expect(rows).not.toContain("Microsoft | Technical Layer | Algorithm Development"); // GitHub's row
  });

  it("writes live columns as AICHAIN formulas and leaves private companies blank", () => {
    const plan = valueChainPlan(CHAIN_FIXTURE, [2], { price: true, returnSince: "2025-01-01" });
    expect(plan.header.slice(-2)).toEqual(["Price", "Return since 2025-01-01"]);
    const rows = plan.body.formulas!.slice(1);
    expect(rows[0][0]).toBe("OpenAI");
    expect(rows[0].slice(-2)).toEqual(["", ""]);
    expect(rows[1].slice(-2)).toEqual(['=AICHAIN.PRICE("NVDA")', '=AICHAIN.RETURN("NVDA","2025-01-01")']);
    expect(plan.body.numberFormat![1].slice(-2)).toEqual(["#,##0.00", "0.00%"]);
    expect(plan.columnWidths).toHaveLength(8);
    expect(plan.footer.values![1][0]).toMatch(/live AICHAIN formulas/);
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
    expect(plan.footer.values).toEqual([[ARTICLE_SOURCE]]);
    expect(plan.footer.rect.row).toBe(plan.table.rect.rows + 1);
  });

  it("refuses an empty choice or a malformed date with a clear message", () => {
    expect(() => valueChainPlan(CHAIN_FIXTURE, [], { price: false, returnSince: null })).toThrow(/at least one layer/);
    expect(() => valueChainPlan(CHAIN_FIXTURE, [1], { price: false, returnSince: "1/1/2025" })).toThrow(/YYYY-MM-DD/);
    expect(() => valueChainPlan(CHAIN_FIXTURE, [1], { price: false, returnSince: "2026-12-01", today: "2026-11-28" })).toThrow(
      /2026-12-01 is in the future; choose 2026-11-28 or earlier/,
    );
    expect(() => valueChainPlan(CHAIN_FIXTURE, [1], { price: false, returnSince: "2026-11-28", today: "2026-11-28" })).not.toThrow();
  });
});
