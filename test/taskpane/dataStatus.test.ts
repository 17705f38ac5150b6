import { ageText, describeDataError, statusText } from "../../src/taskpane/data/dataStatus";

const NOW = Date.parse("2025-03-31T12:00:00Z");

describe("data status line", () => {
  it("says where the data came from and how old it is", () => {
    expect(statusText({ source: "csv", asOf: "2025-03-31T11:55:00Z", stale: false }, NOW)).toBe(
      "Data: csv · as of 2025-03-31 11:55 UTC (5 min ago)",
    );
    expect(statusText({ source: "cache", asOf: "2025-03-29T12:00:00Z", stale: true }, NOW)).toBe(
      "Data: cache · as of 2025-03-29 12:00 UTC (2 days ago) · stale copy (the service could not reach its source)",
    );
  });
  it("words ages", () => {
    expect(ageText("2025-03-31T12:00:10Z", NOW)).toBe("just now");
    expect(ageText("2025-03-31T09:00:00Z", NOW)).toBe("3 h ago");
    expect(ageText("not a date", NOW)).toBe("age unknown");
  });
});

describe("describeDataError", () => {
  it("names an unreachable service once, with what still works", () => {
    const err = new Error(
      "SOXX: Market data unavailable: the data service cannot be reached (Failed to fetch); QQQ: Market data unavailable: the data service cannot be reached (Failed to fetch)",
    );
    const d = describeDataError(err);
    expect(d.unreachable).toBe(true);
    expect(d.text).toBe(
      "The AICHAIN data service is unreachable (Market data unavailable: the data service cannot be reached (Failed to fetch)). Start it with npm start, or ask whoever runs it; the value-chain table works without it.",
    );
  });
  it("keeps the client's own unreachable message, which names the address", () => {
    const reason =
      "The AICHAIN data service is not reachable at https://localhost:3000: start it with npm start, or ask whoever runs it";
    expect(describeDataError(new Error(`SOXX: ${reason}; QQQ: ${reason}`))).toEqual({
      unreachable: true,
      text: `${reason}; the value-chain table works without it.`,
    });
  });
  it("passes other messages through", () => {
    expect(describeDataError(new Error("Unknown symbol NOPE: the market data source does not know it"))).toEqual({
      unreachable: false,
      text: "Unknown symbol NOPE: the market data source does not know it",
    });
  });
});
