import { LIMITS } from "../../src/api/contract";
import {
  parseHistoryQuery,
  addDays,
  daysBetween,
  parseInterval,
  parseIsoDate,
  parseSymbol,
  parseSymbolList,
  validateRange,
} from "../../src/api/validation";

describe("parseSymbol", () => {
  it.each([
    ["nvda", "NVDA"],
    [" 9988.hk ", "9988.HK"],
    ["^GSPC", "^GSPC"],
    ["BRK-B", "BRK-B"],
    ["GC=F", "GC=F"],
    ["688256.SS", "688256.SS"],
  ])("accepts %s as %s", (input, expected) => {
    expect(parseSymbol(input)).toEqual({ ok: true, value: expected });
  });

  it.each(["", "   ", "NV DA", "../etc", ".HK", "A/B", "A;B", "<script>", "A".repeat(21), "ÄPPLE"])("rejects %j", (input) => {
    const result = parseSymbol(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe("bad_request");
  });

  it("rejects non-text", () => {
    expect(parseSymbol(42).ok).toBe(false);
    expect(parseSymbol(undefined).ok).toBe(false);
  });
});

describe("parseSymbolList", () => {
  it("upper-cases, trims and drops duplicates keeping order", () => {
    expect(parseSymbolList("soxx, QQQ,SOXX,rsp")).toEqual({ ok: true, value: ["SOXX", "QQQ", "RSP"] });
  });

  it(`allows ${LIMITS.maxSymbolsPerRequest} symbols and refuses one more`, () => {
    const symbols = Array.from({ length: LIMITS.maxSymbolsPerRequest + 1 }, (_, i) => `S${i}`);
    expect(parseSymbolList(symbols.slice(0, -1).join(",")).ok).toBe(true);
    const tooMany = parseSymbolList(symbols.join(","));
    expect(tooMany.ok).toBe(false);
    if (!tooMany.ok) expect(tooMany.error.message).toMatch(/at most 50/i);
  });

  it("counts distinct symbols, not repetitions", () => {
    expect(parseSymbolList(Array(80).fill("QQQ").join(",")).ok).toBe(true);
  });

  it("rejects an empty list, an empty entry and a bad symbol, naming it", () => {
    expect(parseSymbolList("").ok).toBe(false);
    expect(parseSymbolList("SOXX,,QQQ").ok).toBe(false);
    const bad = parseSymbolList("SOXX,BAD SYMBOL");
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.message).toContain("BAD SYMBOL");
  });
});

describe("parseIsoDate", () => {
  it("accepts real calendar dates, including 29 February of a leap year", () => {
    expect(parseIsoDate("2024-02-29")).toEqual({ ok: true, value: "2024-02-29" });
    expect(parseIsoDate("1970-01-01").ok).toBe(true);
  });

  it.each([
    "2023-02-29",
    "2024-13-01",
    "2024-04-31",
    "2024-1-05",
    "20240105",
    "2024-01-05T00:00:00Z",
    "01/05/2024",
    "",
    "1969-12-31",
  ])("rejects %j", (input) => {
    expect(parseIsoDate(input, "start").ok).toBe(false);
  });

  it("names the parameter in the message", () => {
    const result = parseIsoDate("2024-02-30", "end");
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toMatch(/^end 2024-02-30 is not a real calendar date/);
  });
});

describe("validateRange", () => {
  it("accepts start equal to end", () => {
    expect(validateRange("2024-01-05", "2024-01-05").ok).toBe(true);
  });
  it("rejects start after end", () => {
    const result = validateRange("2024-02-01", "2024-01-01");
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toContain("after");
  });
  it("rejects a range longer than the limit", () => {
    const end = addDays("1970-01-01", LIMITS.maxRangeDays + 1);
    expect(validateRange("1970-01-01", end).ok).toBe(false);
    expect(validateRange("1970-01-01", addDays("1970-01-01", LIMITS.maxRangeDays)).ok).toBe(true);
  });
});

describe("parseInterval and date arithmetic", () => {
  it("defaults to daily and accepts only Yahoo's spellings", () => {
    expect(parseInterval(undefined)).toEqual({ ok: true, value: "1d" });
    expect(parseInterval("1wk")).toEqual({ ok: true, value: "1wk" });
    expect(parseInterval("1w").ok).toBe(false);
    expect(parseInterval("1h").ok).toBe(false);
  });
  it("adds days across month and leap-year ends", () => {
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2024-03-01", -1)).toBe("2024-02-29");
    expect(daysBetween("2023-12-31", "2024-12-31")).toBe(366);
  });
});

describe("parseHistoryQuery", () => {
  const LATEST = "2025-03-04";

  test("a full query comes back checked and tidied", () => {
    expect(
      parseHistoryQuery({ symbols: "soxx, QQQ,soxx", start: "2024-01-02", end: "2024-12-31", interval: "1wk" }, LATEST),
    ).toEqual({
      ok: true,
      value: {
        symbols: ["SOXX", "QQQ"],
        start: "2024-01-02",
        end: "2024-12-31",
        interval: "1wk",
        format: "rows",
        fields: ["open", "high", "low", "close", "adjclose", "volume"],
      },
    });
  });

  test("no end means the latest date the caller passed", () => {
    const parsed = parseHistoryQuery({ symbols: "SOXX", start: "2025-01-02" }, LATEST);
    expect(parsed.ok && parsed.value.end).toBe(LATEST);
  });

  test("a start after the latest date, without an end, is in the future (not after an end never sent)", () => {
    const parsed = parseHistoryQuery({ symbols: "SOXX", start: "2025-03-05" }, LATEST);
    expect(parsed).toEqual({ ok: false, error: { code: "bad_request", message: "start 2025-03-05 is in the future" } });
  });

  test.each([
    [{ start: "2024-01-02" }, /symbol/],
    [{ symbols: "SOXX", start: "2024-02-30" }, /not a real calendar date/],
    [{ symbols: "SOXX", start: "2024-03-01", end: "2024-02-01" }, /after end/],
    [{ symbols: "SOXX", start: "2024-01-02", interval: "5m" }, /interval/],
    [{ symbols: "SOXX", start: "2024-01-02", format: "xml" }, /format/],
  ])("the first problem is the answer: %j", (query, message) => {
    const parsed = parseHistoryQuery(query, LATEST);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error.message).toMatch(message);
  });
});
