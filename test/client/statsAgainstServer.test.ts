/**
 * VOLATILITY and MAXDRAWDOWN cells answered by the real service's stats route (CSV files, JSON over
 * http) against the same cells computed in the add-in from the closes the same service sends (a
 * fetch that answers the stats route with a 404, as an older service would): the same value bits,
 * or the same Excel error and message, window by window. The prices have full double precision, and
 * one file has a missing adjusted close and a zero close.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createMarketClient, setMarketClient, type FetchLike } from "../../src/client";
import { addDays } from "../../src/calendar/isoDate";
import { annualVolatility, worstDrawdown } from "../../src/functions/marketFunctions";
import { startServer, type RunningServer } from "../../src/server/startServer";
import { seededRandom } from "../seededRandom";

const NOW = Date.parse("2025-06-30T12:00:00Z");
let dir: string;
let server: RunningServer;

function file(first: string, days: number, seed: number, odd: (i: number) => string | undefined = () => undefined): string {
  const next = seededRandom(seed);
  const lines = ["Date,Open,High,Low,Close,Adj Close,Volume"];
  let price = 20 + next() * 100;
  for (let i = 0, date = first; i < days; i++, date = addDays(date, 1)) {
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    price *= 1 + (next() - 0.5) * 0.05;
    const line = odd(i) ?? `${price},${price * (0.9 + next() / 10)}`;
    lines.push(`${date},${price},${price},${price},${line},${1000 + i}`);
  }
  return lines.join("\n");
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "aichain-stats-client-"));
  fs.writeFileSync(path.join(dir, "AAA.csv"), file("2023-01-02", 900, 1));
  fs.writeFileSync(
    path.join(dir, "BBB.csv"),
    file("2024-03-01", 480, 2, (i) => (i === 40 ? "57.25,null" : i === 90 ? "0,0" : undefined)),
  );
  server = await startServer({ http: true, port: 0, provider: "csv", csvDir: dir, distDir: dir, logger: false, now: () => NOW });
});

afterAll(async () => {
  setMarketClient(undefined);
  await server?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function cells(fetcher: FetchLike, windows: [string, string, string, string | undefined, string][]): Promise<string[]> {
  setMarketClient(createMarketClient({ baseUrl: `${server.url}/api/v1`, fetch: fetcher, now: () => NOW }));
  return Promise.all(
    windows.map(async ([fn, symbol, start, end, type]) => {
      try {
        const value = await (fn === "volatility" ? annualVolatility : worstDrawdown)(symbol, start, end, type);
        return `${new BigUint64Array(Float64Array.of(value).buffer)[0].toString(16)} ${value}`;
      } catch (err) {
        return `${(err as { code: string }).code} ${(err as Error).message}`;
      }
    }),
  );
}

test("the route and the add-in's own scan agree on every window, over the real service", async () => {
  const next = seededRandom(20261130);
  const windows: [string, string, string, string | undefined, string][] = Array.from({ length: 160 }, () => {
    const start = addDays("2022-12-01", Math.floor(next() * 950));
    const end = next() < 0.3 ? undefined : addDays(start, Math.floor(next() * 200));
    return [
      next() < 0.5 ? "volatility" : "maxdrawdown",
      next() < 0.5 ? "AAA" : "BBB",
      start,
      end,
      next() < 0.5 ? "total" : "price",
    ];
  });
  const routed: string[] = [];
  const byRoute = await cells((url, init) => {
    if (url.includes("/stats?")) routed.push(url);
    return fetch(url, init);
  }, windows);
  const downloaded: string[] = [];
  const bySeries = await cells((url, init) => {
    if (url.includes("/stats?"))
      return Promise.resolve({
        ok: false,
        status: 404,
        json: async () => ({ error: { code: "not_found", message: "No such API route: /api/v1/stats" } }),
      });
    if (url.includes("/history?")) downloaded.push(url);
    return fetch(url, init);
  }, windows);
  expect(byRoute).toEqual(bySeries);
  expect(routed.length).toBeGreaterThan(0);
  expect(downloaded.length).toBeGreaterThan(0);
  const values = byRoute.filter((c) => !c.startsWith("#")).length;
  expect(values).toBeGreaterThan(60);
  expect(byRoute.length - values).toBeGreaterThan(10);
});
