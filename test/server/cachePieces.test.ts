import path from "node:path";
import { HistoryRow } from "../../src/api/contract";
import { barsFromRows } from "../../src/market/barRows";
import { historyTable } from "../../src/market/history";
import { aggregateRows } from "../../src/server/aggregateBars";
import { defaultCacheFile, userDataDir } from "../../src/server/cache/dataDir";
import { mergeRanges, missingRanges } from "../../src/server/cache/dateRanges";
import { dateInZone } from "../../src/server/exchangeCalendar";

describe("date ranges", () => {
  it("joins overlapping and touching ranges", () => {
    expect(
      mergeRanges([
        { start: "2024-01-10", end: "2024-01-20" },
        { start: "2024-01-01", end: "2024-01-09" },
        { start: "2024-02-01", end: "2024-02-05" },
        { start: "2024-01-15", end: "2024-01-25" },
      ]),
    ).toEqual([
      { start: "2024-01-01", end: "2024-01-25" },
      { start: "2024-02-01", end: "2024-02-05" },
    ]);
  });

  it("finds the head, middle and tail a request still lacks", () => {
    const covered = [
      { start: "2024-01-10", end: "2024-01-20" },
      { start: "2024-02-01", end: "2024-02-05" },
    ];
    expect(missingRanges(covered, "2024-01-01", "2024-02-10")).toEqual([
      { start: "2024-01-01", end: "2024-01-09" },
      { start: "2024-01-21", end: "2024-01-31" },
      { start: "2024-02-06", end: "2024-02-10" },
    ]);
    expect(missingRanges(covered, "2024-01-12", "2024-01-18")).toEqual([]);
    expect(missingRanges([], "2024-01-12", "2024-01-18")).toEqual([{ start: "2024-01-12", end: "2024-01-18" }]);
  });
});

describe("exchange dates", () => {
  it("uses the exchange's zone, not the machine's", () => {
    const instant = Date.UTC(2024, 0, 2, 21, 0); // 21:00 UTC
    expect(dateInZone(instant, "Pacific/Auckland")).toBe("2024-01-03");
    expect(dateInZone(instant, "America/New_York")).toBe("2024-01-02");
    expect(dateInZone(Date.UTC(2024, 0, 2, 1, 30), "Asia/Hong_Kong")).toBe("2024-01-02");
    expect(dateInZone(instant, "Not/AZone")).toBe("2024-01-02");
  });
});

describe("weekly and monthly bars", () => {
  const row = (date: string, close: number, volume: number | null = 10): HistoryRow => [
    date,
    close - 1,
    close + 1,
    close - 2,
    close,
    close,
    volume,
  ];
  it("starts weeks on Monday, dated by their first trading day", () => {
    const rows = [
      row("2024-01-03", 1),
      row("2024-01-05", 2),
      row("2024-01-08", 3),
      row("2024-01-12", 4, null),
      row("2024-01-14", 5),
    ];
    expect(aggregateRows(rows, "1wk")).toEqual([
      ["2024-01-03", 0, 3, -1, 2, 2, 20],
      ["2024-01-08", 2, 6, 1, 5, 5, 20],
    ]);
  });
  it("agrees with HISTORY's weekly rows, even for a week whose first bar has no open", () => {
    const rows: HistoryRow[] = [["2024-01-08", null, 6, 4, 5, 5, 10], row("2024-01-09", 7), row("2024-01-16", 8)];
    const service = aggregateRows(rows, "1wk");
    expect(service[0][1]).toBeNull();
    const bars = barsFromRows(rows);
    const table = historyTable(bars, [], {
      start: "2024-01-01",
      end: "2024-01-31",
      interval: 1,
      headers: 0,
      properties: [0, 2, 3, 4, 1, 6, 5],
    });
    expect(table.map((cells) => cells.slice(1))).toEqual(service.map((r) => [r[1] ?? "", r[2], r[3], r[4], r[5], r[6]]));
  });
  it("dates months by the 1st", () => {
    const rows = [row("2024-01-30", 1), row("2024-02-01", 2), row("2024-02-29", 3)];
    expect(aggregateRows(rows, "1mo").map((r) => [r[0], r[4]])).toEqual([
      ["2024-01-01", 1],
      ["2024-02-01", 3],
    ]);
  });
});

describe("per-user data folder", () => {
  it("follows each platform's convention", () => {
    expect(userDataDir({ XDG_DATA_HOME: "/xdg" }, "linux")).toBe(path.join("/xdg", "aichain"));
    expect(userDataDir({ LOCALAPPDATA: "C:/Users/a/AppData/Local" }, "win32")).toBe(
      path.join("C:/Users/a/AppData/Local", "aichain"),
    );
    expect(userDataDir({}, "darwin")).toMatch(/Library[/\\]Application Support[/\\]aichain$/);
    expect(defaultCacheFile({ XDG_DATA_HOME: "/xdg" }, "linux")).toBe(path.join("/xdg", "aichain", "market-cache.sqlite"));
  });
});
