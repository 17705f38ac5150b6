import { fromExcelSerial, MAX_EXCEL_SERIAL, parseDateArgument, toExcelSerial } from "../../src/market";
import { thrown } from "./bars";

describe("Excel serial dates (1900 system, as Excel counts)", () => {
  test("the start of 1900, including Excel's fictitious 1900-02-29", () => {
    expect(toExcelSerial("1900-01-01")).toBe(1);
    expect(toExcelSerial("1900-01-31")).toBe(31);
    expect(toExcelSerial("1900-02-28")).toBe(59);
    expect(toExcelSerial("1900-03-01")).toBe(61);
    expect(fromExcelSerial(1)).toBe("1900-01-01");
    expect(fromExcelSerial(59)).toBe("1900-02-28");
    expect(fromExcelSerial(61)).toBe("1900-03-01");
    expect(thrown(() => fromExcelSerial(60)).message).toContain("1900-02-29");
    expect(thrown(() => fromExcelSerial(60)).code).toBe("bad_date");
    // 1900 was not a leap year, so the text 1900-02-29 is not a date at all
    expect(thrown(() => toExcelSerial("1900-02-29")).code).toBe("bad_date");
  });

  test("known modern serials", () => {
    expect(toExcelSerial("1970-01-01")).toBe(25569);
    expect(toExcelSerial("2000-01-01")).toBe(36526);
    expect(toExcelSerial("2024-02-29")).toBe(45351);
    expect(toExcelSerial("2024-12-31")).toBe(45657);
    expect(toExcelSerial("2025-01-01")).toBe(45658);
    expect(fromExcelSerial(45351)).toBe("2024-02-29");
    expect(fromExcelSerial(45658)).toBe("2025-01-01");
    expect(fromExcelSerial(MAX_EXCEL_SERIAL)).toBe("9999-12-31");
    expect(toExcelSerial("9999-12-31")).toBe(2958465);
  });

  test("round trip over every serial from 1 to 80000 except 60, checked against UTC milliseconds", () => {
    const msPerDay = 86400000;
    for (let n = 1; n <= 80000; n++) {
      if (n === 60) continue;
      const iso = fromExcelSerial(n);
      if (toExcelSerial(iso) !== n) throw new Error(`serial ${n} -> ${iso} -> ${toExcelSerial(iso)}`);
      // from 1900-03-01 on, serial 25569 is 1970-01-01 (UTC, independent of the machine's zone)
      if (n > 60 && new Date((n - 25569) * msPerDay).toISOString().slice(0, 10) !== iso) {
        throw new Error(`serial ${n} -> ${iso} disagrees with UTC arithmetic`);
      }
    }
    expect(fromExcelSerial(80000)).toBe("2119-01-11"); // Python: date(1899, 12, 30) + 80000 days
  });

  test("fractional serials keep the day; out-of-range serials and dates are rejected", () => {
    expect(fromExcelSerial(45658.999)).toBe("2025-01-01");
    expect(fromExcelSerial(45658.25)).toBe("2025-01-01");
    for (const bad of [0, 0.5, -1, NaN, Infinity, MAX_EXCEL_SERIAL + 1]) {
      expect(thrown(() => fromExcelSerial(bad)).code).toBe("bad_date");
    }
    expect(thrown(() => toExcelSerial("1899-12-31")).message).toContain("before 1900-01-01");
    expect(thrown(() => toExcelSerial("2025-1-1")).code).toBe("bad_date");
  });
});

describe("parseDateArgument", () => {
  test("serial numbers (what a date cell arrives as) and YYYY-MM-DD text", () => {
    expect(parseDateArgument(45658)).toBe("2025-01-01");
    expect(parseDateArgument(45658.5)).toBe("2025-01-01");
    expect(parseDateArgument(45351)).toBe("2024-02-29");
    expect(parseDateArgument("2025-01-01")).toBe("2025-01-01");
    expect(parseDateArgument(" 2024-02-29 ")).toBe("2024-02-29");
  });

  test("anything else is bad_date with a message naming the argument", () => {
    const e = thrown(() => parseDateArgument(true, "start"));
    expect(e.code).toBe("bad_date");
    expect(e.message).toContain("start must be a date (a date cell, serial number or YYYY-MM-DD text)");
    for (const bad of [false, null, undefined, "", "45658", "2025/01/01", "1/2/2025", "Jan 1 2025", {}, [], 0, -5, NaN]) {
      expect(thrown(() => parseDateArgument(bad, "end")).code).toBe("bad_date");
    }
    expect(thrown(() => parseDateArgument("2023-02-29", "start")).message).toBe("start: 2023-02-29 is not a real calendar date");
    expect(thrown(() => parseDateArgument(60, "start")).message).toContain("1900-02-29");
    expect(thrown(() => parseDateArgument(3e6, "end")).message).toContain("outside Excel's dates");
  });
});
