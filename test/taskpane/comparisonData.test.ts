import { loadComparisonData, LoadProgress } from "../../src/taskpane/data/comparisonData";
import { resampleGrowth, weekStart } from "../../src/taskpane/data/resample";
import { ComparisonParams } from "../../src/taskpane/sheets/comparisonTypes";
import { fixtureClient } from "./marketFixture";

const params: ComparisonParams = { symbols: ["AAA", "BBB", "CCC.HK"], start: "2023-01-01", end: "2023-02-03", kind: "total", interval: "daily" };

describe("loadComparisonData", () => {
  it("computes the summary with the product's definitions and marks other currencies", async () => {
    const { client } = fixtureClient();
    const data = await loadComparisonData(params, client, { nameFor: (s) => (s === "BBB" ? "Beta Equal Weight" : undefined) });
    const [a, b, c] = data.rows;
    expect(a).toMatchObject({ symbol: "AAA", name: "Alpha Semiconductor Fund", currency: "USD", firstDate: "2022-12-30", lastDate: "2023-02-03", expenseRatio: 0.0035, cagr: null, note: "" });
    expect(a.return).toBeCloseTo(0.5, 12);
    expect(a.maxDrawdown).toBeCloseTo(-0.1, 12);
    expect(a.volatility).toBeGreaterThan(0);
    expect(b.name).toBe("Beta Equal Weight"); // no fund data: falls back to the knowledge base
    expect(b.return).toBeCloseTo(0.2, 12);
    expect(b.expenseRatio).toBeNull();
    expect(c.return).toBeCloseTo(-0.2, 12);
    expect(c.note).toBe("HKD — not converted");
    expect(data.asOf).toBe("2023-02-03T21:30:00Z");
    expect(data.sources).toEqual(["csv"]);
    expect(data.stale).toBe(false);
  });

  it("rebases to 100 on the dates every symbol shares", async () => {
    const data = await loadComparisonData(params, fixtureClient().client);
    expect(data.growth.dates).toEqual(["2022-12-30", "2023-01-03", "2023-01-04", "2023-01-09", "2023-02-01", "2023-02-03"]);
    expect(data.growth.values.AAA.map((v) => Math.round(v * 1e9) / 1e9)).toEqual([100, 110, 99, 120, 125, 150]);
    expect(data.growth.values.BBB.map((v) => Math.round(v * 1e9) / 1e9)).toEqual([100, 110, 120, 90, 100, 120]);
  });

  it("uses price rather than adjusted close for a price return", async () => {
    const { client } = fixtureClient();
    const base = client.history.bind(client);
    client.history = async (s, st, e) => {
      const h = await base(s, st, e);
      return { ...h, bars: h.bars.map((bar) => ({ ...bar, adjclose: bar.close * (bar.date === "2023-02-03" ? 1.1 : 1) })) };
    };
    const total = await loadComparisonData({ ...params, symbols: ["AAA"] }, client);
    const price = await loadComparisonData({ ...params, symbols: ["AAA"], kind: "price" }, client);
    expect(total.rows[0].return).toBeCloseTo(0.65, 12);
    expect(price.rows[0].return).toBeCloseTo(0.5, 12);
  });

  it("reports progress once per symbol", async () => {
    const seen: LoadProgress[] = [];
    await loadComparisonData(params, fixtureClient().client, { onProgress: (p) => seen.push(p) });
    expect(seen.map((p) => p.done)).toEqual([1, 2, 3]);
    expect(seen.map((p) => p.symbol).sort()).toEqual(["AAA", "BBB", "CCC.HK"]);
    expect(seen.every((p) => p.total === 3)).toBe(true);
  });

  it("fetches up to today for an open end and flags stale copies", async () => {
    const { client, calls } = fixtureClient({ stale: ["AAA"] });
    const data = await loadComparisonData({ ...params, end: null }, client, { today: "2023-02-06" });
    expect(calls).toContain("history AAA 2022-12-18 2023-02-06");
    expect(data.growth.dates.at(-1)).toBe("2023-02-06");
    expect(data.stale).toBe(true);
  });

  it("names every symbol that failed", async () => {
    const { client } = fixtureClient({ failing: { BBB: "Market data unavailable: the data service cannot be reached (fetch failed)" } });
    await expect(loadComparisonData({ ...params, symbols: ["AAA", "BBB", "ZZZ"] }, client)).rejects.toThrow(
      /BBB: Market data unavailable.*; ZZZ: Unknown symbol ZZZ/,
    );
  });
});

describe("resampleGrowth", () => {
  const growth = {
    dates: ["2022-12-30", "2023-01-03", "2023-01-04", "2023-01-09", "2023-02-01", "2023-02-03"],
    values: { X: [100, 101, 102, 103, 104, 105] },
  };
  it("keeps the base row and each week's last common date (weeks begin on Monday)", () => {
    expect(weekStart("2023-01-01")).toBe("2022-12-26");
    expect(weekStart("2023-01-02")).toBe("2023-01-02");
    expect(resampleGrowth(growth, "weekly")).toEqual({ dates: ["2022-12-30", "2023-01-04", "2023-01-09", "2023-02-03"], values: { X: [100, 102, 103, 105] } });
  });
  it("keeps each month's last common date", () => {
    expect(resampleGrowth(growth, "monthly")).toEqual({ dates: ["2022-12-30", "2023-01-09", "2023-02-03"], values: { X: [100, 103, 105] } });
  });
  it("leaves daily rows alone", () => {
    expect(resampleGrowth(growth, "daily")).toBe(growth);
  });
});
