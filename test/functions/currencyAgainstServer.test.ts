/**
 * Currency conversion end to end: the real data service (CSV provider) serves a Hong Kong listing
 * (its currency from the .HK suffix) and a `HKDUSD=X.csv` rate file through /api/v1/history, and
 * the functions convert each day at the rate on or before it.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createMarketClient, setMarketClient } from "../../src/client";
import { fx, panel } from "../../src/functions/coMovementFunctions";
import { symbolReturn } from "../../src/functions/marketFunctions";
import { toExcelSerial } from "../../src/market";
import { startServer, type RunningServer } from "../../src/server/startServer";

const HEADER = "Date,Open,High,Low,Close,Adj Close,Volume";
const HK = [
  HEADER,
  "2025-01-23,400,400,400,400,400,10",
  "2025-01-24,410,410,410,410,410,10",
  "2025-01-27,420,420,420,420,420,10",
  "2025-01-28,430,430,430,430,430,10",
].join("\n");
// no rate on 2025-01-27: the rate of 01-24 applies that day
const RATES = [
  HEADER,
  "2025-01-23,0.1283,0.1283,0.1283,0.1283,0.1283,0",
  "2025-01-24,0.1284,0.1284,0.1284,0.1284,0.1284,0",
  "2025-01-28,0.1286,0.1286,0.1286,0.1286,0.1286,0",
].join("\n");

let dir: string;
let server: RunningServer;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "aichain-fx-"));
  fs.writeFileSync(path.join(dir, "0700.HK.csv"), HK);
  fs.writeFileSync(path.join(dir, "HKDUSD=X.csv"), RATES);
  server = await startServer({ http: true, port: 0, provider: "csv", csvDir: dir, distDir: dir, logger: false });
  setMarketClient(createMarketClient({ baseUrl: `${server.url}/api/v1`, fetch, now: () => Date.parse("2025-02-03T12:00:00Z") }));
});

afterAll(async () => {
  setMarketClient(undefined);
  await server?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

test("RETURN in USD through the service: HKD prices times each day's HKDUSD=X rate", async () => {
  await expect(symbolReturn("0700.HK", "2025-01-23", "2025-01-28", undefined, "USD")).resolves.toBeCloseTo(
    (430 * 0.1286) / (400 * 0.1283) - 1,
    14,
  );
  await expect(symbolReturn("0700.HK", "2025-01-23", "2025-01-28", undefined, "HKD")).resolves.toBeCloseTo(430 / 400 - 1, 14);
});

test("PANEL in USD and FX read the same rate file", async () => {
  const t = await panel([["0700.HK"]], "2025-01-24", "2025-01-28", "close", undefined, "USD");
  expect(t).toEqual([
    ["Date", "0700.HK"],
    [toExcelSerial("2025-01-24"), 410 * 0.1284],
    [toExcelSerial("2025-01-27"), 420 * 0.1284],
    [toExcelSerial("2025-01-28"), 430 * 0.1286],
  ]);
  await expect(fx("HKD", "USD", "2025-01-27")).resolves.toBe(0.1284);
});
