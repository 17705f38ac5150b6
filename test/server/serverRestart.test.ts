import fs from "node:fs";
import path from "node:path";
import { startServer } from "../../src/server/startServer";
import { FakeYahoo } from "./fakeYahoo";
import { tempDir } from "./serviceHarness";

describe("the service with the yahoo provider", () => {
  it("keeps its cache across a restart on the same SQLite file", async () => {
    const dir = tempDir("aichain-restart-");
    const cacheFile = path.join(dir, "cache.sqlite");
    const yahoo = new FakeYahoo();
    const url = "/api/v1/history?symbols=SOXX,3033.HK&start=2024-01-02&end=2024-01-19";
    try {
      const first = await startServer({
        http: true,
        port: 0,
        yahooFetch: yahoo.fetch,
        cacheFile,
        distDir: path.join(dir, "no-dist"),
      });
      const a = (await (await fetch(first.url + url)).json()) as { series: Record<string, { rows: unknown[]; source: string }> };
      expect(a.series.SOXX.rows).toHaveLength(12);
      expect(a.series["3033.HK"].rows).toHaveLength(4);
      await first.close();
      expect(yahoo.priceCalls()).toHaveLength(2);

      const second = await startServer({
        http: true,
        port: 0,
        yahooFetch: yahoo.fetch,
        cacheFile,
        distDir: path.join(dir, "no-dist"),
      });
      const b = (await (await fetch(second.url + url)).json()) as typeof a;
      const health = (await (await fetch(second.url + "/api/v1/health")).json()) as { cache: { entries: number; path: string } };
      await second.close();
      expect(yahoo.priceCalls()).toHaveLength(2);
      expect(b.series.SOXX.source).toBe("cache");
      expect(b.series.SOXX.rows).toEqual(a.series.SOXX.rows);
      // Both symbols' bars (with the days before a later ex-date) and corporate actions.
      expect(health.cache).toEqual({ entries: 19, path: cacheFile });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses to start the csv provider without a folder, with a clear message", async () => {
    await expect(startServer({ http: true, port: 0, provider: "csv" })).rejects.toThrow(/--csv-dir/);
    await expect(startServer({ http: true, port: 0, provider: "csv", csvDir: "/nonexistent/aichain" })).rejects.toThrow(
      /does not exist/,
    );
  });
});
