/**
 * What every MarketStore must do, as a reusable suite: call it with a label and a factory for a
 * fresh, empty store (and how to dispose of it). The SQLite store runs it in
 * sqliteMarketStore.test.ts; other implementations call it from their own test files.
 */
import { MarketStore, RawBar, StoreError } from "../../src/server/cache/marketStore";

export function describeMarketStoreConformance(
  label: string,
  makeStore: () => Promise<MarketStore>,
  dispose: (store: MarketStore) => Promise<void> = (store) => store.close(),
): void {
  describe(`${label}: market store contract`, () => {
    let store: MarketStore;
    beforeEach(async () => {
      store = await makeStore();
    });
    afterEach(async () => {
      await dispose(store);
    });

    const bar = (date: string, close: number, volume: number | null = 1000): RawBar => [
      date,
      close - 1,
      close + 1,
      close - 2,
      close,
      volume,
    ];

    it("starts empty", async () => {
      expect(await store.meta("AAA")).toBeUndefined();
      expect(await store.coverage("AAA")).toEqual([]);
      expect(await store.bars("AAA", "2000-01-01", "2100-01-01")).toEqual([]);
      expect(await store.actions("AAA")).toEqual([]);
      expect(await store.actionsState("AAA")).toBeUndefined();
      expect(await store.snapshot("quote", "AAA")).toBeUndefined();
      expect(await store.entryCount()).toBe(0);
    });

    it("keeps series meta per symbol, the latest write winning", async () => {
      await store.write("AAA", { meta: { currency: "USD", timezone: "America/New_York", source: "yahoo" } });
      await store.write("BBB.HK", { meta: { currency: "HKD", timezone: "Asia/Hong_Kong", source: "yahoo" } });
      await store.write("AAA", { meta: { currency: "EUR", timezone: "Europe/Berlin", source: "csv" } });
      expect(await store.meta("AAA")).toEqual({ currency: "EUR", timezone: "Europe/Berlin", source: "csv" });
      expect(await store.meta("BBB.HK")).toEqual({ currency: "HKD", timezone: "Asia/Hong_Kong", source: "yahoo" });
    });

    it("returns bars oldest first with their nulls, exactly as written", async () => {
      const rows: RawBar[] = [
        bar("2024-01-02", 10.125),
        ["2024-01-03", null, null, null, 11.000000000000002, null],
        bar("2024-01-04", 1e-7, 123456789012),
      ];
      await store.write("AAA", { bars: { start: "2024-01-01", end: "2024-01-05", rows: [rows[2], rows[0], rows[1]] } });
      expect(await store.bars("AAA", "2024-01-01", "2024-01-31")).toEqual(rows);
      expect(await store.bars("AAA", "2024-01-03", "2024-01-03")).toEqual([rows[1]]);
      expect(await store.bars("BBB", "2024-01-01", "2024-01-31")).toEqual([]);
    });

    it("replaces the bars of a written span and keeps every bar outside it", async () => {
      await store.write("AAA", {
        bars: {
          start: "2024-01-01",
          end: "2024-01-10",
          rows: ["02", "03", "04", "05", "08", "09", "10"].map((d, i) => bar(`2024-01-${d}`, 10 + i)),
        },
      });
      // The new answer for 04..08 has no 05 (say, a provisional bar that never became final) and a changed 08.
      await store.write("AAA", {
        bars: { start: "2024-01-04", end: "2024-01-08", rows: [bar("2024-01-04", 50), bar("2024-01-08", 51)] },
      });
      const closes = (await store.bars("AAA", "2024-01-01", "2024-01-31")).map((r) => [r[0], r[4]]);
      expect(closes).toEqual([
        ["2024-01-02", 10],
        ["2024-01-03", 11],
        ["2024-01-04", 50],
        ["2024-01-08", 51],
        ["2024-01-09", 15],
        ["2024-01-10", 16],
      ]);
    });

    it("finds the last bar before each date within a bounded look-back", async () => {
      await store.write("AAA", {
        bars: {
          start: "2024-01-01",
          end: "2024-01-31",
          rows: [bar("2024-01-02", 1), bar("2024-01-05", 2), bar("2024-01-25", 3)],
        },
      });
      const found = await store.barsBefore("AAA", ["2024-01-05", "2024-01-08", "2024-01-24", "2024-01-02"], 10);
      expect(found.get("2024-01-05")?.[0]).toBe("2024-01-02");
      expect(found.get("2024-01-08")?.[0]).toBe("2024-01-05");
      expect(found.has("2024-01-24")).toBe(false); // 2024-01-05 is more than 10 days back
      expect(found.has("2024-01-02")).toBe(false);
    });

    it("keeps one action per kind and date, sorted, dividends before splits on a date", async () => {
      await store.write("AAA", {
        actions: [
          { date: "2024-06-07", kind: "split", value: 3 },
          { date: "2024-03-20", kind: "dividend", value: 0.5 },
          { date: "2024-06-07", kind: "dividend", value: 0.25 },
        ],
      });
      await store.write("AAA", { actions: [{ date: "2024-03-20", kind: "dividend", value: 0.52 }] });
      expect(await store.actions("AAA")).toEqual([
        { date: "2024-03-20", kind: "dividend", value: 0.52 },
        { date: "2024-06-07", kind: "dividend", value: 0.25 },
        { date: "2024-06-07", kind: "split", value: 3 },
      ]);
      expect(await store.actions("BBB")).toEqual([]);
    });

    it("records when the actions were confirmed, without inventing series meta", async () => {
      await store.write("AAA", { actionsState: { from: "2020-01-01", confirmedAt: 1_700_000_000_000 } });
      expect(await store.actionsState("AAA")).toEqual({ from: "2020-01-01", confirmedAt: 1_700_000_000_000 });
      expect(await store.meta("AAA")).toBeUndefined();
      await store.write("AAA", { meta: { currency: "USD", timezone: "America/New_York", source: "yahoo" } });
      await store.write("AAA", { actionsState: { from: "2019-06-01", confirmedAt: 1_700_000_100_000 } });
      expect(await store.actionsState("AAA")).toEqual({ from: "2019-06-01", confirmedAt: 1_700_000_100_000 });
      expect(await store.meta("AAA")).toEqual({ currency: "USD", timezone: "America/New_York", source: "yahoo" });
    });

    it("joins closed coverage, replaces a provisional day, and finalises it with a closed interval", async () => {
      const closed = (start: string, end: string, fetchedAt: number) => ({ start, end, fetchedAt, provisional: false });
      await store.write("AAA", { coverage: [closed("2024-01-01", "2024-01-10", 1), closed("2024-01-20", "2024-01-25", 2)] });
      await store.write("AAA", {
        coverage: [
          closed("2024-01-11", "2024-01-15", 3),
          { start: "2024-01-26", end: "2024-01-26", fetchedAt: 4, provisional: true },
        ],
      });
      expect(await store.coverage("AAA")).toEqual([
        closed("2024-01-01", "2024-01-15", 3),
        closed("2024-01-20", "2024-01-25", 2),
        { start: "2024-01-26", end: "2024-01-26", fetchedAt: 4, provisional: true },
      ]);
      await store.write("AAA", { coverage: [{ start: "2024-01-26", end: "2024-01-26", fetchedAt: 5, provisional: true }] });
      expect((await store.coverage("AAA")).filter((c) => c.provisional)).toEqual([
        { start: "2024-01-26", end: "2024-01-26", fetchedAt: 5, provisional: true },
      ]);
      await store.write("AAA", { coverage: [closed("2024-01-16", "2024-01-26", 6)] });
      expect(await store.coverage("AAA")).toEqual([closed("2024-01-01", "2024-01-26", 6)]);
      expect(await store.coverage("BBB")).toEqual([]);
    });

    it("applies a write all or nothing", async () => {
      await store.write("AAA", { bars: { start: "2024-01-01", end: "2024-01-05", rows: [bar("2024-01-02", 10)] } });
      const failed = store.write("AAA", {
        meta: { currency: "USD", timezone: "America/New_York", source: "yahoo" },
        actions: [{ date: "2024-01-03", kind: "dividend", value: 1 }],
        coverage: [{ start: "2024-01-01", end: "2024-01-05", fetchedAt: 1, provisional: false }],
        // A bar outside its own span is refused, and with it the whole write.
        bars: { start: "2024-01-01", end: "2024-01-05", rows: [bar("2024-01-03", 11), bar("2024-01-09", 12)] },
      });
      await expect(failed).rejects.toBeInstanceOf(StoreError);
      await expect(failed).rejects.toMatchObject({ code: "cache_error" });
      expect(await store.bars("AAA", "2024-01-01", "2024-01-31")).toEqual([bar("2024-01-02", 10)]);
      expect(await store.meta("AAA")).toBeUndefined();
      expect(await store.actions("AAA")).toEqual([]);
      expect(await store.coverage("AAA")).toEqual([]);
    });

    it("keeps every write of concurrent writers", async () => {
      const days = Array.from({ length: 20 }, (_, i) => `2024-02-${String(i + 1).padStart(2, "0")}`);
      await Promise.all(
        days.map((d, i) =>
          store.write("AAA", {
            bars: { start: d, end: d, rows: [bar(d, i + 1)] },
            coverage: [{ start: d, end: d, fetchedAt: i, provisional: false }],
            actions: [{ date: d, kind: "dividend", value: i / 100 }],
          }),
        ),
      );
      expect((await store.bars("AAA", "2024-02-01", "2024-02-29")).map((r) => r[4])).toEqual(days.map((_, i) => i + 1));
      expect(await store.coverage("AAA")).toEqual([
        { start: "2024-02-01", end: "2024-02-20", fetchedAt: 19, provisional: false },
      ]);
      expect(await store.actions("AAA")).toHaveLength(20);
    });

    it("keeps quote and fund snapshots apart, the latest write winning", async () => {
      await store.putSnapshot("quote", "AAA", { price: 1.5, name: "A" }, 10);
      await store.putSnapshot("fund", "AAA", { holdings: [] }, 11);
      await store.putSnapshot("quote", "AAA", { price: 2.5, name: "A" }, 12);
      expect(await store.snapshot("quote", "AAA")).toEqual({ value: { price: 2.5, name: "A" }, fetchedAt: 12 });
      expect(await store.snapshot("fund", "AAA")).toEqual({ value: { holdings: [] }, fetchedAt: 11 });
      expect(await store.snapshot("quote", "BBB")).toBeUndefined();
    });

    it("counts what it holds", async () => {
      await store.write("AAA", {
        meta: { currency: "USD", timezone: "America/New_York", source: "yahoo" },
        bars: { start: "2024-01-01", end: "2024-01-05", rows: [bar("2024-01-02", 10), bar("2024-01-03", 11)] },
        actions: [{ date: "2024-01-03", kind: "split", value: 2 }],
        coverage: [{ start: "2024-01-01", end: "2024-01-05", fetchedAt: 1, provisional: false }],
      });
      await store.putSnapshot("quote", "AAA", { price: 1 }, 1);
      await store.putSnapshot("fund", "SOXX", { holdings: [] }, 1);
      expect(await store.entryCount()).toBe(5);
      const stats = await store.stats();
      expect(stats).toMatchObject({ location: store.location, symbols: 1, bars: 2, actions: 1, quotes: 1, funds: 1 });
      expect(stats.perSymbol).toEqual([
        {
          symbol: "AAA",
          bars: 2,
          first: "2024-01-02",
          last: "2024-01-03",
          coverage: [{ start: "2024-01-01", end: "2024-01-05", fetchedAt: 1, provisional: false }],
        },
      ]);
    });
  });
}
