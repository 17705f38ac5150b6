import fs from "node:fs";
import path from "node:path";
import { MarketService } from "../../src/server/marketService";
import { CsvProvider } from "../../src/server/providers/csvProvider";
import { tempDir } from "./serviceHarness";

const HEADER = "Date,Open,High,Low,Close,Adj Close,Volume";
let dir: string;
let provider: CsvProvider;

function write(name: string, text: string) {
  fs.writeFileSync(path.join(dir, name), text);
}

beforeEach(() => {
  dir = tempDir("aichain-csv-");
  provider = new CsvProvider(dir);
  // Byte-order mark, Windows line ends, newest first, a "null" row for a closed day.
  write(
    "SOXX.csv",
    "\uFEFF" +
      [
        HEADER,
        "2024-01-05,12,13,11,12.5,12.4,500",
        "2024-01-04,null,null,null,null,null,null",
        "2024-01-03,11,12,10,11.5,11.4,400",
        "2024-01-02,10,11,9,10.5,10.4,300",
        "",
      ].join("\r\n"),
  );
  // No Adj Close and no Volume columns (an index level export).
  write(
    "HSTECH.HK.csv",
    ["Date,Open,High,Low,Close", "2024-01-02,3800,3900,3700,3850", "2024-01-03,3850,3950,3800,3900"].join("\n"),
  );
  write("BROKEN.csv", [HEADER, "2024-01-02,1,2,0.5,1.5,1.5,100", "2024-01-03,1,2,0.5,abc,1.5,100"].join("\n"));
  write("BADDATE.csv", [HEADER, "03/01/2024,1,2,0.5,1.5,1.5,100"].join("\n"));
  write("NOCLOSE.csv", ["Date,Open,High\n2024-01-02,1,2"].join("\n"));
  write(
    "events.csv",
    ["Symbol,Date,Dividend,Split", "SOXX,2024-01-03,0.25,", "SOXX,2024-01-05,,3", "QQQ,2024-01-03,0.5,"].join("\n"),
  );
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("CsvProvider", () => {
  it("reads a file with a BOM, CRLF line ends and newest-first rows, skipping null rows", async () => {
    const series = await provider.history("SOXX", "2024-01-01", "2024-01-31", "1d");
    expect(series.rows).toEqual([
      ["2024-01-02", 10, 11, 9, 10.5, 10.4, 300],
      ["2024-01-03", 11, 12, 10, 11.5, 11.4, 400],
      ["2024-01-05", 12, 13, 11, 12.5, 12.4, 500],
    ]);
    expect(series.currency).toBe("USD");
    expect(series.dividends).toEqual([["2024-01-03", 0.25]]);
    expect(series.splits).toEqual([["2024-01-05", 3]]);
  });

  it("returns exactly the rows in the requested range", async () => {
    const series = await provider.history("SOXX", "2024-01-03", "2024-01-04", "1d");
    expect(series.rows.map((r) => r[0])).toEqual(["2024-01-03"]);
    expect(series.splits).toEqual([]);
  });

  it("uses Close for a missing Adj Close, null for a missing Volume, and the suffix's currency", async () => {
    const series = await provider.history("HSTECH.HK", "2024-01-01", "2024-01-31", "1d");
    expect(series.rows[0]).toEqual(["2024-01-02", 3800, 3900, 3700, 3850, 3850, null]);
    expect(series.currency).toBe("HKD");
    expect(series.timezone).toBe("Asia/Hong_Kong");
  });

  it("finds a file whatever the case of its name", async () => {
    write("qqq.csv", [HEADER, "2024-01-02,1,2,0.5,1.5,1.4,100"].join("\n"));
    expect((await provider.history("QQQ", "2024-01-01", "2024-01-31", "1d")).rows).toHaveLength(1);
  });

  it("names the file and line of garbage instead of guessing", async () => {
    await expect(provider.history("BROKEN", "2024-01-01", "2024-01-31", "1d")).rejects.toMatchObject({
      code: "upstream_error",
      message: 'Cannot use BROKEN.csv: line 3: "abc" is not a number',
    });
    await expect(provider.history("BADDATE", "2024-01-01", "2024-01-31", "1d")).rejects.toMatchObject({
      message: expect.stringMatching(/^Cannot use BADDATE\.csv: line 2: .*not a date/),
    });
  });

  it("answers no_data for a file that is not a price file", async () => {
    await expect(provider.history("NOCLOSE", "2024-01-01", "2024-01-31", "1d")).rejects.toMatchObject({
      code: "no_data",
      message: expect.stringMatching(/^Cannot use NOCLOSE\.csv: it has no Date and Close columns, so it is not a price file/),
    });
  });

  it("does not read events.csv as the prices of a symbol EVENTS", async () => {
    const expected = {
      code: "unknown_symbol",
      message: "Unknown symbol EVENTS: events.csv holds dividends and splits, not prices",
    };
    await expect(provider.history("EVENTS", "2024-01-01", "2024-01-31", "1d")).rejects.toMatchObject(expected);
    expect((await provider.quote(["EVENTS"])).errors.EVENTS).toMatchObject(expected);
  });

  it("dates its data by the file's modification time, through the service too", async () => {
    const modified = new Date("2024-01-06T18:30:00.000Z");
    fs.utimesSync(path.join(dir, "SOXX.csv"), modified, modified);
    expect((await provider.history("SOXX", "2024-01-01", "2024-01-31", "1d")).asOf).toBe(modified.toISOString());
    const service = new MarketService({ provider, now: () => Date.UTC(2030, 0, 1) });
    expect((await service.history(["SOXX"], "2024-01-01", "2024-01-31", "1d")).series.SOXX.asOf).toBe(modified.toISOString());
    expect((await service.quote(["SOXX"])).quotes.SOXX.asOf).toBe(modified.toISOString());
  });

  it("reports a symbol without a file as unknown", async () => {
    await expect(provider.history("NVDA", "2024-01-01", "2024-01-31", "1d")).rejects.toMatchObject({ code: "unknown_symbol" });
  });

  it("re-reads a file after it changes", async () => {
    await provider.history("SOXX", "2024-01-01", "2024-01-31", "1d");
    write("SOXX.csv", [HEADER, "2024-01-02,1,2,0.5,1.5,1.4,100"].join("\n"));
    const future = new Date(Date.now() + 5_000);
    fs.utimesSync(path.join(dir, "SOXX.csv"), future, future);
    expect((await provider.history("SOXX", "2024-01-01", "2024-01-31", "1d")).rows).toHaveLength(1);
  });

  it("quotes the last row with its change from the row before", async () => {
    const result = await provider.quote(["SOXX", "NVDA"]);
    expect(result.quotes.SOXX).toMatchObject({ price: 12.5, change: 1, currency: "USD", time: "2024-01-05T00:00:00.000Z" });
    expect(result.quotes.SOXX.changePct).toBeCloseTo(1 / 11.5, 12);
    expect(result.errors.NVDA.code).toBe("unknown_symbol");
  });

  it("says plainly that it has no fund data", async () => {
    await expect(provider.fund("SOXX")).rejects.toMatchObject({
      code: "no_data",
      message: expect.stringMatching(/yahoo provider/),
    });
    await expect(provider.fund("NOSUCH")).rejects.toMatchObject({ code: "unknown_symbol" });
  });

  it("reports an unreadable folder", async () => {
    const missing = new CsvProvider(path.join(dir, "nowhere"));
    await expect(missing.history("SOXX", "2024-01-01", "2024-01-31", "1d")).rejects.toMatchObject({
      code: "upstream_unavailable",
      message: expect.stringContaining("Cannot read the CSV folder"),
    });
  });
});
