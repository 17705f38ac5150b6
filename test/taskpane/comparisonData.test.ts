import {
  GROWTH_CELL_BUDGET,
  MAX_COMPARED_FUNDS,
  checkComparisonParams,
  growthCells,
  growthWithinBudget,
  loadComparisonData,
  LoadProgress,
} from "../../src/taskpane/data/comparisonData";
import { resampleGrowth } from "../../src/taskpane/data/resample";
import { ComparisonParams } from "../../src/taskpane/sheets/comparisonTypes";
import type { ComparisonClient } from "../../src/taskpane/data/comparisonData";
import type { DailyBar } from "../../src/market/types";
import { cagr, growthOf100, maxDrawdown, periodReturn, volatility } from "../../src/market";
import { params as scenarioParams } from "./comparisonScenario";
import { fixtureClient } from "./marketFixture";

/** The scenario's three fixture funds, with a fixed end date. */
const params: ComparisonParams = { ...scenarioParams, end: "2023-02-03" };

describe("loadComparisonData", () => {
  it("computes the summary with the product's definitions and marks other currencies", async () => {
    const { client } = fixtureClient();
    const data = await loadComparisonData(params, client, { nameFor: (s) => (s === "BBB" ? "Beta Equal Weight" : undefined) });
    const [a, b, c] = data.rows;
    expect(a).toMatchObject({
      symbol: "AAA",
      name: "Alpha Semiconductor Fund",
      currency: "USD",
      firstDate: "2022-12-30",
      lastDate: "2023-02-03",
      expenseRatio: 0.0035,
      cagr: null,
      note: "",
    });
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

  it("agrees with the market arithmetic for each fund over a year, a younger fund from its first close", async () => {
    // Weekday closes from 2021-12-31 to 2023-03-31; YNG lists on 2022-06-01.
    const dates: string[] = [];
    for (let t = Date.UTC(2021, 11, 31); t <= Date.UTC(2023, 2, 31); t += 86_400_000) {
      const d = new Date(t);
      if (d.getUTCDay() % 6 !== 0) dates.push(d.toISOString().slice(0, 10));
    }
    const make = (from: string, f: (i: number) => number): DailyBar[] =>
      dates
        .filter((d) => d >= from)
        .map((date, i) => ({ date, open: f(i), high: f(i), low: f(i), close: f(i), adjclose: f(i) * 1.01, volume: 1 }));
    const series: Record<string, DailyBar[]> = {
      OLD: make("2021-12-31", (i) => 100 + 10 * Math.sin(i / 7) + i / 10),
      YNG: make("2022-06-01", (i) => 20 + Math.cos(i / 5) + i / 50),
    };
    const client: ComparisonClient = {
      history: async (symbol, _start, end) => ({
        bars: series[symbol].filter((b) => !end || b.date <= end),
        currency: "USD",
        source: "csv",
        asOf: "2023-03-31T21:00:00Z",
        stale: false,
      }),
    };
    const p: ComparisonParams = {
      symbols: ["OLD", "YNG"],
      start: "2022-01-01",
      end: "2023-03-15",
      kind: "price",
      interval: "monthly",
      period: "full",
    };
    const data = await loadComparisonData(p, client, { today: "2023-04-03" });
    data.rows.sort((a, b) => a.symbol.localeCompare(b.symbol));
    for (const [row, start] of [
      [data.rows[0], "2022-01-01"],
      [data.rows[1], "2022-06-01"],
    ] as const) {
      const bars = series[row.symbol];
      expect(row.return).toBe(periodReturn(bars, start, p.end!, "price").value);
      expect(row.cagr).toBe(row.symbol === "OLD" ? cagr(bars, start, p.end!, "price").value : null); // YNG: under a year
      expect(row.volatility).toBe(volatility(bars, start, p.end!, "price").value);
      expect(row.maxDrawdown).toBe(maxDrawdown(bars, start, p.end!, "price").value);
      expect(row.lastDate).toBe("2023-03-15");
      expect(row.asOf).toBe("2023-03-15");
    }
    expect(data.rows[0].firstDate).toBe("2021-12-31");
    expect(data.rows[1]).toMatchObject({ firstDate: "2022-06-01", note: "data starts 2022-06-01" });
    expect(data.period).toEqual({ start: "2022-06-01", end: "2023-03-15" });

    // By default every figure is on the period both share: OLD from YNG's first close too.
    const sharedData = await loadComparisonData({ ...p, period: undefined }, client, { today: "2023-04-03" });
    const old = sharedData.rows.find((r) => r.symbol === "OLD")!;
    expect(old.return).toBe(periodReturn(series.OLD, "2022-06-01", p.end!, "price").value);
    expect(old.volatility).toBe(volatility(series.OLD, "2022-06-01", p.end!, "price").value);
    expect(old.firstDate).toBe("2021-12-31"); // its own data still shown
    expect(old.note).toBe("");
    expect(sharedData.period).toEqual({ start: "2022-06-01", end: "2023-03-15" });
    // Growth on common dates from the younger fund's first day, one row per month's last common day.
    expect(data.growth.dates.slice(0, 3)).toEqual(["2022-06-01", "2022-06-30", "2022-07-29"]);
    expect(data.growth.dates.at(-1)).toBe("2023-03-15");
    expect(data.growth.values.OLD[0]).toBe(100);
    const full = growthOf100(series, p.start, p.end!, "price");
    const at = full.dates.indexOf("2022-06-30");
    expect(data.growth.values.YNG[1]).toBe(full.values.YNG[at]);
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

  it("leaves out a fund without data and compares the rest, saying why", async () => {
    const { client } = fixtureClient({ failing: { BBB: "no BBB.csv in the CSV folder" } });
    const data = await loadComparisonData({ ...params, symbols: ["AAA", "BBB", "ZZZ"] }, client);
    expect(data.rows.map((r) => r.symbol)).toEqual(["AAA"]);
    expect(data.leftOut).toEqual([
      { symbol: "BBB", reason: "no BBB.csv in the CSV folder" },
      { symbol: "ZZZ", reason: "Unknown symbol ZZZ: the market data source does not know it" },
    ]);
    expect(Object.keys(data.growth.values)).toEqual(["AAA"]);
  });

  it("names every symbol that failed when none can be compared", async () => {
    const { client } = fixtureClient({
      failing: { BBB: "Market data unavailable: the data service cannot be reached (fetch failed)" },
    });
    await expect(loadComparisonData({ ...params, symbols: ["BBB", "ZZZ"] }, client)).rejects.toThrow(
      /BBB: Market data unavailable.*; ZZZ: Unknown symbol ZZZ/,
    );
  });

  it("compares on the period every fund shares and flags a fund whose data ends early", async () => {
    const { client } = fixtureClient();
    const base = client.history.bind(client);
    client.history = async (s, st, e) => {
      const h = await base(s, st, e);
      return s === "BBB" ? { ...h, bars: h.bars.filter((b) => b.date <= "2023-01-09") } : h;
    };
    const data = await loadComparisonData(params, client);
    expect(data.period).toEqual({ start: "2022-12-30", end: "2023-01-09" });
    const bbb = data.rows.find((r) => r.symbol === "BBB")!;
    const aaa = data.rows.find((r) => r.symbol === "AAA")!;
    expect(bbb).toMatchObject({ lastDate: "2023-01-09", asOf: "2023-01-09", note: "data ends 2023-01-09" });
    // AAA's own data runs on, but its figures stop where BBB's do: 100 -> 120.
    expect(aaa).toMatchObject({ lastDate: "2023-02-03", asOf: "2023-01-09", note: "" });
    expect(aaa.return).toBeCloseTo(0.2, 12);
    expect(data.growth.dates.at(-1)).toBe("2023-01-09");
    expect(data.pricesAsOf).toBe("2023-01-09");

    // Full period per fund: each row on its own data, and its dates say which.
    const full = await loadComparisonData({ ...params, period: "full" }, client);
    expect(full.rows.find((r) => r.symbol === "AAA")).toMatchObject({ asOf: "2023-02-03", return: 0.5 });
    expect(full.pricesAsOf).toBe("2023-02-03");
    expect(full.growth.dates.at(-1)).toBe("2023-01-09"); // the growth table never mixes periods
  });
});

describe("checking what the analyst asked for", () => {
  const today = "2023-02-06";

  it.each([
    ["an empty start date", { start: "" }, /Choose a start date/],
    [
      "a start after the end",
      { start: "2023-02-04", end: "2023-02-03" },
      /end date 2023-02-03 is before the start date 2023-02-04/,
    ],
    ["a start in the future", { start: "2023-03-01", end: null }, /start date 2023-03-01 is in the future/],
    ["a malformed symbol", { symbols: ["AAA", "BAD SYMBOL"] }, /"BAD SYMBOL" is not a symbol/],
    ["an empty symbol", { symbols: ["AAA", " "] }, /" " is not a symbol/],
    ["no symbols", { symbols: [] }, /at least one fund/],
  ])("refuses %s before fetching anything", async (_label, change, message) => {
    const { client, calls } = fixtureClient();
    await expect(loadComparisonData({ ...params, ...change }, client, { today })).rejects.toThrow(message);
    expect(calls).toEqual([]);
  });

  it(`refuses more than ${MAX_COMPARED_FUNDS} funds`, () => {
    const symbols = Array.from({ length: MAX_COMPARED_FUNDS + 1 }, (_, i) => `F${i}`);
    expect(() => checkComparisonParams({ ...params, symbols }, today)).toThrow(/at most 20 funds/);
    expect(checkComparisonParams({ ...params, symbols: symbols.slice(1) }, today).symbols).toHaveLength(20);
  });

  it("compares a symbol given twice once", async () => {
    const data = await loadComparisonData({ ...params, symbols: ["AAA", "bbb", "aaa", "BBB"] }, fixtureClient().client, {
      today,
    });
    expect(data.params.symbols).toEqual(["AAA", "BBB"]);
    expect(data.rows.map((r) => r.symbol)).toEqual(["AAA", "BBB"]);
    expect(Object.keys(data.growth.values)).toEqual(["AAA", "BBB"]);
  });
});

describe("resampleGrowth", () => {
  const growth = {
    dates: ["2022-12-30", "2023-01-03", "2023-01-04", "2023-01-09", "2023-02-01", "2023-02-03"],
    values: { X: [100, 101, 102, 103, 104, 105] },
  };
  it("keeps the base row and each week's last common date (weeks begin on Monday)", () => {
    expect(resampleGrowth(growth, "weekly")).toEqual({
      dates: ["2022-12-30", "2023-01-04", "2023-01-09", "2023-02-03"],
      values: { X: [100, 102, 103, 105] },
    });
  });
  it("keeps each month's last common date", () => {
    expect(resampleGrowth(growth, "monthly")).toEqual({
      dates: ["2022-12-30", "2023-01-09", "2023-02-03"],
      values: { X: [100, 103, 105] },
    });
  });
  it("leaves daily rows alone", () => {
    expect(resampleGrowth(growth, "daily")).toBe(growth);
  });
});

describe("growthWithinBudget", () => {
  it("keeps the asked interval while the table fits, and says nothing", async () => {
    const data = await loadComparisonData(params, fixtureClient().client);
    expect(data.growthInterval).toBe("daily");
    expect(data.growthNote).toBeNull();
  });

  it("picks weekly, then monthly, when the asked table would pass the budget, and says why", async () => {
    const daily = (await loadComparisonData(params, fixtureClient().client)).growth;
    expect(growthCells(daily)).toBe(7 * 4);
    const weekly = growthWithinBudget(daily, "daily", 20);
    expect(weekly.interval).toBe("weekly");
    expect(weekly.growth.dates).toEqual(["2022-12-30", "2023-01-04", "2023-01-09", "2023-02-03"]);
    expect(weekly.note).toBe(
      "The growth table is weekly: daily would write 28 cells, more than the 20 one write carries safely.",
    );
    expect(growthWithinBudget(daily, "daily", 16).interval).toBe("monthly");
    expect(growthWithinBudget(daily, "daily", 1).interval).toBe("monthly"); // never coarser than monthly
  });

  it("turns 20 funds over 25 years of daily closes weekly", () => {
    const dates = Array.from({ length: 25 * 252 }, (_, i) =>
      new Date(Date.UTC(2000, 0, 3) + Math.floor((i * 7) / 5) * 86_400_000).toISOString().slice(0, 10),
    );
    const values = Object.fromEntries(Array.from({ length: 20 }, (_, f) => [`F${f}`, dates.map((_, i) => 100 + i)]));
    const result = growthWithinBudget({ dates, values }, "daily");
    expect(result.interval).toBe("weekly");
    expect(growthCells(result.growth)).toBeLessThanOrEqual(GROWTH_CELL_BUDGET);
  });
});
