import { ETFS, findEtf, findCompany } from "../../src/chain";

describe("the article's four funds", () => {
  test("SOXX, QQQ, RSP and 3033.HK in the article's order", () => {
    expect(ETFS.map((e) => e.symbol)).toEqual(["SOXX", "QQQ", "RSP", "3033.HK"]);
  });

  test("findEtf by symbol or name, any case", () => {
    expect(findEtf("soxx")!.name).toBe("iShares Semiconductor ETF");
    expect(findEtf(" 3033.hk ")!.name).toBe("CSOP Hang Seng Tech Index ETF");
    expect(findEtf("Invesco QQQ Trust")!.symbol).toBe("QQQ");
    expect(findEtf("SMH")).toBeUndefined();
  });

  test("SOXX: since 2001, five top holdings, +70% from 2023, -8% in 2025", () => {
    const soxx = findEtf("SOXX")!;
    expect(soxx.inceptionYear).toBe(2001);
    expect(soxx.topHoldings).toEqual(["Broadcom", "NVIDIA", "Qualcomm", "AMD", "Texas Instruments"]);
    expect(soxx.returns.map((r) => [r.start, r.end, r.value])).toEqual([
      ["2023-01-01", "2025-02-28", 0.7],
      ["2025-01-01", "2025-02-28", -0.08],
    ]);
    expect(soxx.theme).toBe("Bottom-Fishing AI Hardware");
    expect(soxx.facts.some((f) => f.text.includes("114%") && f.text.includes("145%") && f.text.includes("70%"))).toBe(true);
    expect(soxx.facts.some((f) => f.source === "qualcomm")).toBe(true);
  });

  test("QQQ: tracks the NASDAQ 100, +85% from 2023, -3% in 2025, top five and other named holdings", () => {
    const qqq = findEtf("QQQ")!;
    expect(qqq.tracks).toContain("NASDAQ 100");
    expect(qqq.returns.map((r) => r.value)).toEqual([0.85, -0.03]);
    expect(qqq.topHoldings).toEqual(["Apple", "NVIDIA", "Microsoft", "Amazon", "Broadcom"]);
    expect(qqq.otherHoldings).toEqual(["Tesla", "AMD", "Intel", "Marvell", "Costco"]);
    expect(qqq.facts.some((f) => f.source === "fitch")).toBe(true);
  });

  test("RSP: +29% from 2023, +1% in 2025, about 0.2% each, the article's sector weights", () => {
    const rsp = findEtf("RSP")!;
    expect(rsp.returns.map((r) => r.value)).toEqual([0.29, 0.01]);
    expect(rsp.tracks).toContain("0.2%");
    expect(rsp.sectorWeights.map((s) => [s.articleWording, s.weight])).toEqual([
      ["industry", 0.1545],
      ["finance", 0.1494],
      ["information technology", 0.1372],
      ["healthcare", 0.1263],
      ["non-essential consumer goods", 0.0983],
    ]);
    expect(rsp.sectorWeights.map((s) => s.sector)).toContain("Consumer Discretionary");
  });

  test("3033.HK: yearly returns 2021-2024 and more than 23% in early 2025", () => {
    const hstech = findEtf("3033.HK")!;
    expect(hstech.returns.map((r) => [r.period, r.value, r.qualifier ?? ""])).toEqual([
      ["2021", -0.3325, ""],
      ["2022", -0.2742, ""],
      ["2023", -0.0921, ""],
      ["2024", 0.1864, ""],
      ["From the beginning of 2025 to the end of February", 0.23, "more than"],
    ]);
    expect(hstech.tracks).toContain("Hang Seng Tech Index");
    expect(hstech.tracks).toContain("30");
    expect(hstech.facts.some((f) => f.text.includes("first ETF"))).toBe(true);
  });

  test("every holding the article names resolves to a known company", () => {
    for (const etf of ETFS) {
      for (const name of [...etf.topHoldings, ...etf.otherHoldings]) {
        expect([etf.symbol, name, findCompany(name) !== undefined]).toEqual([etf.symbol, name, true]);
      }
    }
  });

  test("every fund's issuer is a known company", () => {
    for (const etf of ETFS) expect(findCompany(etf.issuer)).toBeDefined();
  });
});
