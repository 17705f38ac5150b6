import { YahooProvider } from "../../src/server/providers/yahooProvider";
import { ProviderError } from "../../src/server/providers/provider";
import { FakeYahoo } from "./fakeYahoo";

function setup() {
  const yahoo = new FakeYahoo();
  const provider = new YahooProvider({ fetch: yahoo.fetch });
  return { yahoo, provider };
}

describe("YahooProvider.history", () => {
  it("gives New York trading dates, drops null rows and returns dividends and splits", async () => {
    const { provider } = setup();
    const series = await provider.history("SOXX", "2024-01-08", "2024-01-17", "1d");
    expect(series.currency).toBe("USD");
    expect(series.timezone).toBe("America/New_York");
    expect(series.rows.map((r) => r[0])).toEqual([
      "2024-01-08",
      "2024-01-09",
      "2024-01-11",
      "2024-01-12",
      "2024-01-16",
      "2024-01-17",
    ]);
    expect(series.rows[0]).toEqual(["2024-01-08", 103.5, 105, 103, 104, 102.96, 1400]);
    expect(series.rows.find((r) => r[0] === "2024-01-11")?.[4]).toBe(107);
    expect(series.dividends).toEqual([["2024-01-11", 0.5]]);
    expect(series.splits).toEqual([["2024-01-17", 2]]);
  });

  it("dates an Auckland bar by the exchange's calendar, a day after its UTC date", async () => {
    const { provider } = setup();
    const series = await provider.history("AIR.NZ", "2024-01-03", "2024-01-08", "1d");
    expect(series.timezone).toBe("Pacific/Auckland");
    expect(series.rows.map((r) => [r[0], r[4]])).toEqual([
      ["2024-01-03", 1],
      ["2024-01-04", 2],
      ["2024-01-05", 3],
      ["2024-01-08", 4],
    ]);
    expect(series.dividends).toEqual([["2024-01-05", 0.03]]);
  });

  it("keeps Hong Kong's currency and its start-date bar", async () => {
    const { provider } = setup();
    const series = await provider.history("3033.HK", "2024-01-02", "2024-01-03", "1d");
    expect(series.currency).toBe("HKD");
    expect(series.rows.map((r) => r[0])).toEqual(["2024-01-02", "2024-01-03"]);
  });

  it("asks Yahoo for daily bars with dividends and splits around the requested dates", async () => {
    const { yahoo, provider } = setup();
    await provider.history("SOXX", "2024-01-08", "2024-01-12", "1d");
    const [call] = yahoo.dataCalls("chart");
    expect(call.url).toContain("interval=1d");
    expect(decodeURIComponent(call.url)).toContain("events=div|split");
    expect(call.period1).toBeLessThanOrEqual(Date.UTC(2024, 0, 8) / 1000);
    expect(call.period2).toBeGreaterThan(Date.UTC(2024, 0, 12, 21) / 1000);
  });

  it("reports an unknown symbol as unknown_symbol", async () => {
    const { provider } = setup();
    await expect(provider.history("NOPE", "2024-01-02", "2024-01-05", "1d")).rejects.toMatchObject({ code: "unknown_symbol" });
  });

  it("turns malformed JSON into an upstream_error, not a crash", async () => {
    const { yahoo, provider } = setup();
    yahoo.failures = ["malformed"];
    const failure = await provider.history("SOXX", "2024-01-02", "2024-01-05", "1d").catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ProviderError);
    expect(failure).toMatchObject({ code: "upstream_error", retryable: false });
  });

  it("marks 429 and 5xx as retryable outages and a network failure as unavailable", async () => {
    const { yahoo, provider } = setup();
    yahoo.failures = ["429", "500", "network"];
    for (const status of [429, 500]) {
      await expect(provider.history("SOXX", "2024-01-02", "2024-01-05", "1d")).rejects.toMatchObject({
        code: "upstream_unavailable",
        retryable: true,
        status,
      });
    }
    await expect(provider.history("SOXX", "2024-01-02", "2024-01-05", "1d")).rejects.toMatchObject({
      code: "upstream_unavailable",
      retryable: true,
    });
  });
});

describe("YahooProvider.quote and fund", () => {
  it("goes through the cookie and crumb handshake and converts percent to a fraction", async () => {
    const { yahoo, provider } = setup();
    const result = await provider.quote(["SOXX", "QQQ", "NOPE"]);
    expect(yahoo.calls.some((c) => c.kind === "crumb")).toBe(true);
    expect(yahoo.dataCalls("quote")[0].url).toContain("crumb=fakeCrumb");
    expect(result.quotes.SOXX).toEqual({
      price: 202.5,
      change: 2.5,
      changePct: 0.0125,
      currency: "USD",
      time: new Date(1705698000 * 1000).toISOString(),
      timezone: "America/New_York",
      name: "Hand-made Semiconductor ETF",
    });
    expect(result.quotes.QQQ.changePct).toBeCloseTo(-0.005, 10);
    expect(result.errors.NOPE.code).toBe("unknown_symbol");
  });

  it("reads holdings, sector weights and the expense ratio as fractions", async () => {
    const { provider } = setup();
    const fund = await provider.fund("SOXX");
    expect(fund.name).toBe("Hand-made Semiconductor ETF");
    expect(fund.holdings).toEqual([
      { symbol: "NVDA", name: "NVIDIA Corp", weight: 0.09 },
      { symbol: "AVGO", name: "Broadcom Inc", weight: 0.08 },
      { symbol: "AMD", name: "Advanced Micro Devices Inc", weight: 0.07 },
    ]);
    expect(fund.sectorWeights).toEqual({ technology: 0.95, industrials: 0.03, realestate: 0 });
    expect(fund).toMatchObject({
      expenseRatio: 0.0035,
      netAssets: 13000000000,
      category: "Technology",
      family: "Hand-made Funds",
      currency: "USD",
      yield: 0.0071,
    });
  });

  it("adds each holding's industry and sector from its profile, and skips the ones it cannot get", async () => {
    const { yahoo, provider } = setup();
    yahoo.summaries.NVDA = {
      quoteSummary: { result: [{ assetProfile: { industry: "Semiconductors", sector: "Technology" } }], error: null },
    };
    yahoo.summaries.AVGO = {
      quoteSummary: { result: [{ assetProfile: { industryDisp: "Semiconductors", sector: "" } }], error: null },
    };
    const fund = await provider.fund("SOXX");
    expect(fund.holdings).toEqual([
      { symbol: "NVDA", name: "NVIDIA Corp", weight: 0.09, industry: "Semiconductors", sector: "Technology" },
      { symbol: "AVGO", name: "Broadcom Inc", weight: 0.08, industry: "Semiconductors" },
      { symbol: "AMD", name: "Advanced Micro Devices Inc", weight: 0.07 },
    ]);
    const profileCalls = yahoo.dataCalls("quoteSummary").filter((c) => c.symbol !== "SOXX");
    expect(profileCalls.map((c) => c.symbol).sort()).toEqual(["AMD", "AVGO", "NVDA"]);
    expect(profileCalls.every((c) => c.url.includes("assetProfile"))).toBe(true);
  });

  it("reports a symbol Yahoo has no summary for as unknown", async () => {
    const { provider } = setup();
    await expect(provider.fund("NOPE")).rejects.toMatchObject({ code: "unknown_symbol" });
  });
});
