import { decodeColumnarHistory } from "../../src/client/columnarSeries";
import { MarketDataError } from "../../src/client/marketDataError";
import { dayOfIso, isoOfDay, lastPositionOnOrBefore } from "../../src/market/priceColumns";

const answer = (series: unknown, fields: unknown = ["close", "adjclose"]) => ({
  format: "columns",
  fields,
  series,
  errors: { BAD: { code: "unknown_symbol", message: "Unknown symbol BAD" } },
});
const good = {
  currency: "USD",
  timezone: "America/New_York",
  days: [19723, 19724, 19727],
  columns: { close: [10, 11, null], adjclose: [9.5, 10.5, 11.5] },
  dividends: [["2024-01-03", 0.1]],
  splits: [],
  source: "csv",
  asOf: "2024-01-08T00:00:00.000Z",
  stale: false,
};

describe("decodeColumnarHistory", () => {
  it("turns columns into typed arrays, null into NaN, and keeps errors", () => {
    const decoded = decodeColumnarHistory(answer({ SOXX: good }));
    const soxx = decoded.series.SOXX;
    expect(Array.from(soxx.days)).toEqual([19723, 19724, 19727]);
    expect(isoOfDay(soxx.days[0])).toBe("2024-01-01");
    expect(Array.from(soxx.columns.adjclose ?? [])).toEqual([9.5, 10.5, 11.5]);
    expect(Number.isNaN(soxx.columns.close?.[2])).toBe(true);
    expect(soxx.dividends).toEqual([["2024-01-03", 0.1]]);
    expect(decoded.errors.BAD.code).toBe("unknown_symbol");
  });

  it("finds the last day on or before a date", () => {
    const { days } = decodeColumnarHistory(answer({ SOXX: good })).series.SOXX;
    const lastDayIndexOnOrBefore = (d: Int32Array, date: string) => lastPositionOnOrBefore(d, dayOfIso(date), 0, d.length - 1);
    expect(lastDayIndexOnOrBefore(days, "2023-12-31")).toBe(-1);
    expect(lastDayIndexOnOrBefore(days, "2024-01-02")).toBe(1);
    expect(lastDayIndexOnOrBefore(days, "2024-01-04")).toBe(1);
    expect(lastDayIndexOnOrBefore(days, "2030-01-01")).toBe(2);
  });

  it.each([
    ["a row answer", { series: {}, errors: {} }, "not a columnar answer"],
    ["an unknown field", answer({}, ["close", "price"]), "unknown fields"],
    [
      "a short column",
      answer({ SOXX: { ...good, columns: { close: [1, 2], adjclose: [1, 2, 3] } } }),
      "SOXX close does not match its days",
    ],
    [
      "days out of order",
      answer({ SOXX: { ...good, days: [19724, 19723, 19727] } }),
      "SOXX days are not in increasing order at 1",
    ],
    ["a fractional day", answer({ SOXX: { ...good, days: [19723.5, 19724, 19727] } }), "SOXX day 0 is not a whole number"],
    [
      "text for a price",
      answer({ SOXX: { ...good, columns: { close: [1, "2", 3], adjclose: [1, 2, 3] } } }),
      "SOXX close 1 is not a number",
    ],
  ])("refuses %s with a readable error", (_name, body, detail) => {
    let thrown: unknown;
    try {
      decodeColumnarHistory(body);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(MarketDataError);
    expect((thrown as MarketDataError).code).toBe("upstream_error");
    expect((thrown as MarketDataError).message).toContain(detail);
  });
});
