/**
 * The client against the real data service (CSV provider, plain http, a free port), so the two
 * sides are checked to speak the same /api/v1.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createMarketClient, setMarketClient, type MarketClient } from "../../src/client";
import { etfReturn, history } from "../../src/functions/marketFunctions";
import { startServer, type RunningServer } from "../../src/server/startServer";

const CSV = `Date,Open,High,Low,Close,Adj Close,Volume
2024-12-27,99,101,98,100,98,1000
2024-12-30,100,103,99,102,100,1100
2024-12-31,102,105,101,104,102,1200
2025-01-02,104,104,102,103,103,1300
2025-01-03,103,107,103,106,106,1400
2025-01-06,106,106,100,101,101,1500
2025-01-07,101,111,101,110,110,1600
`;

let dir: string;
let server: RunningServer;
let client: MarketClient;
let requests = 0;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "aichain-client-"));
  fs.writeFileSync(path.join(dir, "HAND.csv"), CSV);
  server = await startServer({ http: true, port: 0, provider: "csv", csvDir: dir, distDir: dir, logger: false });
  client = createMarketClient({
    baseUrl: `${server.url}/api/v1`,
    fetch: (url, init) => {
      requests += 1;
      return fetch(url, init);
    },
    now: () => Date.parse("2025-01-10T12:00:00Z"),
  });
  setMarketClient(client);
});

afterAll(async () => {
  setMarketClient(undefined);
  await server?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

test("history, returns and errors come through the real service", async () => {
  const [total, price, table, unknown] = await Promise.allSettled([
    etfReturn("HAND", "2025-01-01", "2025-01-07"),
    etfReturn("hand", "2025-01-01", undefined, "price"),
    history("HAND", "2025-01-06", "2025-01-07", 0, 0, undefined, [0, 1]),
    etfReturn("NOPE", "2025-01-01"),
  ]);
  expect(total).toEqual({ status: "fulfilled", value: expect.closeTo(110 / 102 - 1, 12) });
  expect(price).toEqual({ status: "fulfilled", value: expect.closeTo(110 / 104 - 1, 12) });
  expect(table).toEqual({
    status: "fulfilled",
    value: [
      [45663, 101],
      [45664, 110],
    ],
  });
  expect(unknown.status).toBe("rejected");
  const reason = (unknown as PromiseRejectedResult).reason as { code: string; message: string };
  expect(reason.code).toBe("#N/A");
  expect(reason.message).toMatch(/NOPE/);
  // One closes request for both returns, one history request for the table.
  expect(requests).toBe(2);
});
