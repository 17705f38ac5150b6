import { loadShockData, DEFAULT_SHOCK_PARAMS, type ShockClient } from "../../src/taskpane/data/deepSeekShockData";
import { MODEL_SERIES, seriesClient } from "./shockScenario";

const client = seriesClient(MODEL_SERIES);

test("every listed company of the chosen layers, its CAR beside IOT Analytics' verdict", async () => {
  const data = await loadShockData(client, { ...DEFAULT_SHOCK_PARAMS, layers: [1] });
  expect(new Set(data.rows.map((r) => r.layer))).toEqual(new Set(["Basic Layer"]));
  const nvda = data.rows.find((r) => r.symbol === "NVDA")!;
  expect(nvda.segment).toBe("Chip Manufacturers");
  expect(nvda.study!.beta).toBeCloseTo(1.8, 10);
  expect(nvda.study!.car).toBeCloseTo(-0.1, 12);
  expect(nvda.verdictLabel).toBe("Loser (AI chip manufacturers)");
  expect(nvda.agrees).toBe(true);
  const intc = data.rows.find((r) => r.symbol === "INTC")!;
  expect(intc.study).toBeNull();
  expect(intc.reason).toMatch(/Unknown symbol INTC/);
  expect(intc.agrees).toBeNull();
});

test("layer averages: equal-weighted mean CAR, share negative, cross-sectional t", async () => {
  const data = await loadShockData(client, { ...DEFAULT_SHOCK_PARAMS, layers: [1] });
  const basic = data.layers[0];
  expect(basic.layer).toBe("Basic Layer");
  expect(basic.summary!.n).toBe(2);
  expect(basic.summary!.mean).toBeCloseTo(-0.07, 12);
  expect(basic.summary!.shareNegative).toBe(1);
  // sd of (-0.1, -0.04) = 0.06 / sqrt(2); t = -0.07 / (sd / sqrt(2)) = -0.07 / 0.03
  expect(basic.summary!.t).toBeCloseTo(-0.07 / 0.03, 10);
});

test("a verdict line per IOT Analytics claim", async () => {
  const data = await loadShockData(client, { ...DEFAULT_SHOCK_PARAMS, layers: [1] });
  const chips = data.claims.find((c) => c.claim === "AI chip manufacturers")!;
  expect(chips.text).toMatch(
    /^AI chip manufacturers: Loser: NVDA CAR\(-1,\+1\) -10\.00%, t = .*; AMD CAR\(-1,\+1\) -4\.00%, t = .* \(mean -7\.00%\): agrees$/,
  );
  expect(chips.agrees).toBe(true);
  const endUsers = data.claims.find((c) => c.claim === "End-users")!;
  expect(endUsers.text).toBe("End-users: Winner, no listed company of the chosen layers to measure");
  expect(endUsers.agrees).toBeNull();
  expect(data.claims).toHaveLength(6);
});

test("a benchmark with no data leaves every row without a study, saying why", async () => {
  const data = await loadShockData(client, { ...DEFAULT_SHOCK_PARAMS, benchmark: "NOPE", layers: [1] });
  expect(data.rows.every((r) => r.study === null && /NOPE/.test(r.reason ?? ""))).toBe(true);
  expect(data.layers[0].summary).toBeNull();
});

test("reports progress once per company as its prices arrive or fail, each company counted once", async () => {
  const seen: [number, number][] = [];
  const asked: string[] = [];
  const counting: ShockClient = { history: (symbol, start, end) => (asked.push(symbol), client.history(symbol, start, end)) };
  const data = await loadShockData(counting, { ...DEFAULT_SHOCK_PARAMS, layers: [1, 2] }, (done, total) =>
    seen.push([done, total]),
  );
  const companies = new Set(data.rows.map((r) => r.symbol)).size;
  // A company placed twice (or in two layers) is one row per place but one download.
  expect(asked.filter((s) => s !== "QQQ").length).toBe(companies);
  expect(seen[0]).toEqual([0, companies]);
  expect(seen.map(([done]) => done)).toEqual(Array.from({ length: companies + 1 }, (_, i) => i));
  expect(seen.every(([, total]) => total === companies)).toBe(true);
  // Unknown symbols (failed downloads) were counted too.
  expect(data.rows.some((r) => r.study === null)).toBe(true);
});
