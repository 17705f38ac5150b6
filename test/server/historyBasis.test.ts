/**
 * The cases an analyst met with the first cache, each now compared with a fetch into an empty
 * cache at the same instant (the time-travelling Yahoo stand-in decides what is known when).
 */
import type { HistoryResponse } from "../../src/api/contract";
import { SqliteMarketStore } from "../../src/server/cache/sqliteMarketStore";
import { HistoryService } from "../../src/server/historyService";
import { YahooProvider } from "../../src/server/providers/yahooProvider";
import { UpstreamQueue } from "../../src/server/upstreamQueue";
import { LISTINGS, TimeTravelYahoo, zonedInstant } from "./timeTravelYahoo";

const NY = "America/New_York";
let yahoo: TimeTravelYahoo;
let provider: YahooProvider;
let cached: HistoryService;

const service = () =>
  new HistoryService({
    provider,
    store: new SqliteMarketStore(":memory:"),
    queue: new UpstreamQueue({ sleep: async () => undefined, retries: 0, now: () => yahoo.clock.now }),
    now: () => yahoo.clock.now,
  });

beforeEach(() => {
  yahoo = new TimeTravelYahoo(LISTINGS);
  provider = new YahooProvider({ fetch: yahoo.fetch });
  cached = service();
});

const at = (date: string, time: string, zone = NY) => (yahoo.clock.now = zonedInstant(date, time, zone));
const closeOn = (r: HistoryResponse, symbol: string, date: string, column = 4) =>
  r.series[symbol].rows.find((row) => row[0] === date)?.[column] as number;
const priceReturn = (r: HistoryResponse, from: string, to: string, column = 4) =>
  closeOn(r, "TTN", to, column) / closeOn(r, "TTN", from, column) - 1;
const traded = (date: string) => yahoo.tradedClose("TTN", date);

describe("history that does not depend on earlier visits", () => {
  it("a return across a split is the same whether the range was first visited before the split or not", async () => {
    at("2024-02-15", "12:00");
    await cached.get(["TTN"], "2023-12-18", "2024-02-16", "1d");
    at("2024-06-28", "18:00"); // the 3-for-1 split of 2024-03-11 is known now
    await cached.get(["TTN"], "2023-11-01", "2023-11-30", "1d");
    const answer = await cached.get(["TTN"], "2023-11-01", "2024-06-28", "1d");
    const fresh = await service().get(["TTN"], "2023-11-01", "2024-06-28", "1d");
    expect(priceReturn(answer, "2023-11-01", "2024-02-15")).toBeCloseTo(priceReturn(fresh, "2023-11-01", "2024-02-15"), 12);
    expect(answer.series.TTN.rows).toEqual(fresh.series.TTN.rows);
    // The return spans the split without a jump: 2024-02-15 is a third of its traded price.
    expect(closeOn(answer, "TTN", "2024-02-15")).toBeCloseTo(traded("2024-02-15") / 3, 10);
  });

  it("a range that ends before a later split is on today's basis", async () => {
    at("2024-04-02", "12:00");
    const answer = await cached.get(["TTN"], "2023-12-01", "2024-02-29", "1d");
    expect(closeOn(answer, "TTN", "2024-02-29")).toBeCloseTo(traded("2024-02-29") / 3, 10);
    expect(answer.series.TTN.splits).toEqual([]); // the split is after the range
    expect(answer.series.TTN.basis).toBe("2024-03-11");
  });

  it("a range wholly inside the cache is re-based after a split instead of showing old closes", async () => {
    at("2024-03-01", "12:00");
    const before = await cached.get(["TTN"], "2024-01-02", "2024-02-28", "1d");
    expect(closeOn(before, "TTN", "2024-01-02")).toBeCloseTo(traded("2024-01-02"), 10);
    at("2024-03-12", "12:00");
    const after = await cached.get(["TTN"], "2024-01-02", "2024-02-28", "1d");
    expect(closeOn(after, "TTN", "2024-01-02")).toBeCloseTo(traded("2024-01-02") / 3, 10);
    expect(after.series.TTN.basis).toBe("2024-03-11");
  });

  it("a dividend paid between two visits lowers the earlier Adj Close like a fresh fetch", async () => {
    at("2024-05-01", "12:00");
    await cached.get(["TTN"], "2024-03-15", "2024-04-30", "1d");
    at("2024-05-13", "12:00"); // after the 2024-05-10 dividend
    const answer = await cached.get(["TTN"], "2024-03-15", "2024-05-10", "1d");
    const fresh = await service().get(["TTN"], "2024-03-15", "2024-05-10", "1d");
    expect(priceReturn(answer, "2024-03-15", "2024-05-10", 5)).toBeCloseTo(priceReturn(fresh, "2024-03-15", "2024-05-10", 5), 12);
    expect(answer.series.TTN.rows).toEqual(fresh.series.TTN.rows);
    expect(closeOn(answer, "TTN", "2024-03-15", 5)).toBeLessThan(closeOn(answer, "TTN", "2024-03-15"));
  });

  it("two overlapping requests right after a split both get every row, on the new basis", async () => {
    at("2024-02-20", "12:00");
    await cached.get(["TTN"], "2024-01-02", "2024-02-16", "1d");
    at("2024-03-12", "12:00");
    yahoo.delayMs = 20;
    const [a, b] = await Promise.all([
      cached.get(["TTN"], "2023-11-01", "2024-03-11", "1d"),
      cached.get(["TTN"], "2024-01-02", "2024-03-11", "1d"),
    ]);
    yahoo.delayMs = 0;
    const fresh = await service().get(["TTN"], "2023-11-01", "2024-03-11", "1d");
    expect(a.series.TTN.rows).toEqual(fresh.series.TTN.rows);
    expect(b.series.TTN.rows).toEqual(fresh.series.TTN.rows.filter((r) => r[0] >= "2024-01-02"));
    expect(a.series.TTN.stale).toBe(false);
  });

  it("during trading hours, a gap fill that does not reach today keeps today's bar", async () => {
    at("2024-04-10", "11:00");
    const first = await cached.get(["TTN"], "2024-04-01", "2024-04-10", "1d");
    expect(first.series.TTN.rows.map((r) => r[0])).toContain("2024-04-10");
    await cached.get(["TTN"], "2024-02-01", "2024-03-15", "1d");
    const again = await cached.get(["TTN"], "2024-04-01", "2024-04-10", "1d");
    expect(again.series.TTN.rows.map((r) => r[0])).toContain("2024-04-10");
    expect(again.series.TTN.rows).toEqual(first.series.TTN.rows);
  });

  it("a provisional bar is replaced by the final one after the close", async () => {
    at("2024-04-10", "11:00");
    const during = await cached.get(["TTN"], "2024-04-08", "2024-04-10", "1d");
    at("2024-04-11", "09:00");
    const next = await cached.get(["TTN"], "2024-04-08", "2024-04-10", "1d");
    expect(closeOn(next, "TTN", "2024-04-10")).toBeCloseTo(traded("2024-04-10"), 10);
    expect(closeOn(during, "TTN", "2024-04-10")).not.toBeCloseTo(traded("2024-04-10"), 10);
  });

  it("a first request between 00:00 and 05:00 UTC for a US symbol keeps yesterday's closed bar", async () => {
    yahoo.clock.now = Date.UTC(2024, 3, 11, 2, 30); // 22:30 on 2024-04-10 in New York
    const answer = await cached.get(["TTN"], "2024-04-08", "2024-04-11", "1d");
    expect(answer.series.TTN.rows.map((r) => r[0])).toEqual(["2024-04-08", "2024-04-09", "2024-04-10"]);
    expect(closeOn(answer, "TTN", "2024-04-10")).toBeCloseTo(traded("2024-04-10"), 10);
  });

  it("upstream failing after a split keeps every good bar and answers them as stale", async () => {
    at("2024-03-01", "12:00");
    const before = await cached.get(["TTN"], "2023-11-01", "2024-02-29", "1d");
    at("2024-03-12", "12:00");
    yahoo.down = "500";
    const during = await cached.get(["TTN"], "2023-11-01", "2024-02-29", "1d");
    expect(during.errors).toEqual({});
    expect(during.series.TTN.stale).toBe(true);
    expect(during.series.TTN.rows).toHaveLength(before.series.TTN.rows.length);
    yahoo.down = null;
    const recovered = await cached.get(["TTN"], "2023-11-01", "2024-02-29", "1d");
    expect(recovered.series.TTN.rows).toEqual((await service().get(["TTN"], "2023-11-01", "2024-02-29", "1d")).series.TTN.rows);
  });

  it("Hong Kong, Berlin and Sydney bars are dated on their own exchange's calendar", async () => {
    for (const symbol of ["TTH.HK", "TTB.DE", "TTS.AX"]) {
      const listing = LISTINGS.find((l) => l.symbol === symbol)!;
      at("2024-06-14", "12:00", listing.timezone);
      const answer = await cached.get([symbol], "2024-06-10", "2024-06-14", "1d");
      expect(answer.series[symbol].timezone).toBe(listing.timezone);
      expect(answer.series[symbol].rows.map((r) => r[0])).toEqual([
        "2024-06-10",
        "2024-06-11",
        "2024-06-12",
        "2024-06-13",
        "2024-06-14",
      ]);
    }
  });
});

describe("upstream calls a request costs", () => {
  it("a first request costs one call: the daily chart that brings the prices confirms the actions too", async () => {
    at("2024-06-28", "18:00");
    const answer = await cached.get(["TTN"], "2023-12-01", "2024-02-29", "1d");
    expect(yahoo.dataCalls()).toHaveLength(1);
    expect(yahoo.actionCalls()).toHaveLength(0);
    // That one chart reaches today, so the split and dividend after the range are in it.
    expect(yahoo.priceCalls()[0].period2).toBeGreaterThanOrEqual(Date.UTC(2024, 5, 28) / 1000);
    expect(closeOn(answer, "TTN", "2024-02-29")).toBeCloseTo(traded("2024-02-29") / 3, 10);
    expect(answer.series.TTN.basis).toBe("2024-05-10");
    const again = await cached.get(["TTN"], "2023-12-01", "2024-02-29", "1d");
    expect(yahoo.dataCalls()).toHaveLength(1);
    expect(again.series.TTN.rows).toEqual(answer.series.TTN.rows);
    const fresh = await service().get(["TTN"], "2023-12-01", "2024-02-29", "1d");
    expect(answer.series.TTN.rows).toEqual(fresh.series.TTN.rows);
  });

  it("a cached range ending before a later split gets the split from the next day's cheap check alone", async () => {
    at("2024-03-01", "12:00");
    const before = await cached.get(["TTN"], "2023-12-01", "2024-02-29", "1d");
    expect(yahoo.dataCalls()).toHaveLength(1);
    expect(closeOn(before, "TTN", "2024-02-29")).toBeCloseTo(traded("2024-02-29"), 10);
    at("2024-03-12", "12:00"); // the 3-for-1 split of 2024-03-11 is known now
    const after = await cached.get(["TTN"], "2023-12-01", "2024-02-29", "1d");
    // Every bar of the range is held: only the events-only check was asked.
    expect(yahoo.priceCalls()).toHaveLength(1);
    expect(yahoo.actionCalls()).toHaveLength(1);
    expect(closeOn(after, "TTN", "2024-02-29")).toBeCloseTo(traded("2024-02-29") / 3, 10);
    expect(after.series.TTN.splits).toEqual([]);
    expect(after.series.TTN.basis).toBe("2024-03-11");
    const fresh = await service().get(["TTN"], "2023-12-01", "2024-02-29", "1d");
    expect(after.series.TTN.rows).toEqual(fresh.series.TTN.rows);
  });
});
