import { CLOSES_LIMITS } from "../../src/api/contract";
import { parseCloseDates, parseHistoryFields, parseHistoryFormat } from "../../src/api/validation";

const reason = (checked: { ok: boolean; error?: { message: string } }) => (checked.ok ? "accepted" : checked.error?.message);

describe("history format and fields", () => {
  it("defaults to rows and accepts columns", () => {
    expect(parseHistoryFormat(undefined)).toEqual({ ok: true, value: "rows" });
    expect(parseHistoryFormat("columns")).toEqual({ ok: true, value: "columns" });
    expect(reason(parseHistoryFormat("csv"))).toBe("format must be one of rows, columns");
  });

  it("puts fields in canonical order, case-insensitively, without duplicates", () => {
    expect(parseHistoryFields("AdjClose, close,close", "columns")).toEqual({ ok: true, value: ["close", "adjclose"] });
    expect(parseHistoryFields(undefined, "columns")).toEqual({
      ok: true,
      value: ["open", "high", "low", "close", "adjclose", "volume"],
    });
  });

  it("refuses unknown or empty fields, and fields with the row format, with a reason", () => {
    expect(reason(parseHistoryFields("close,price", "columns"))).toBe(
      'Unknown field "price"; fields are open, high, low, close, adjclose, volume',
    );
    expect(reason(parseHistoryFields("close,", "columns"))).toBe("The field list has an empty entry");
    expect(reason(parseHistoryFields("close", "rows"))).toBe("fields can only be chosen with format=columns");
  });
});

describe("closes dates", () => {
  it("keeps the order and duplicates, and reads latest", () => {
    expect(parseCloseDates("2025-01-02, LATEST,2024-12-31,2025-01-02")).toEqual({
      ok: true,
      value: ["2025-01-02", "latest", "2024-12-31", "2025-01-02"],
    });
  });

  it("refuses malformed lists with a reason", () => {
    expect(reason(parseCloseDates(undefined))).toBe("dates must be a comma-separated list of YYYY-MM-DD dates or latest");
    expect(reason(parseCloseDates(""))).toBe("At least one date is required");
    expect(reason(parseCloseDates("2025-01-02,,latest"))).toBe("The date list has an empty entry");
    expect(reason(parseCloseDates("2025-02-30"))).toBe("date 2025-02-30 is not a real calendar date");
    expect(reason(parseCloseDates("1969-12-31"))).toBe("date 1969-12-31 is before 1970-01-01, the earliest date with data");
    expect(
      reason(
        parseCloseDates(
          Array(CLOSES_LIMITS.maxDatesPerRequest + 1)
            .fill("latest")
            .join(","),
        ),
      ),
    ).toBe(`At most ${CLOSES_LIMITS.maxDatesPerRequest} dates per request`);
  });
});
