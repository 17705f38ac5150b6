/** Shared test wiring: a fake data service behind a real client, installed as the shared client. */
import type { HistoryRow } from "../../src/api/contract";
import { createMarketClient, setMarketClient, type MarketClient } from "../../src/client";
import { FakeMarketService, noonUtc, type FakeServiceOptions } from "../client/fakeMarketService";

export const TODAY = "2025-06-30";

/**
 * A hand-made series around New Year 2025 (closed 2025-01-01). The adjusted closes before
 * 2025-01-02 are lower because a dividend went ex on that day.
 */
export const HAND_ROWS: HistoryRow[] = [
  ["2024-12-27", 99, 101, 98, 100, 98, 1000],
  ["2024-12-30", 100, 103, 99, 102, 100, 1100],
  ["2024-12-31", 102, 105, 101, 104, 102, 1200],
  ["2025-01-02", 104, 104, 102, 103, 103, 1300],
  ["2025-01-03", 103, 107, 103, 106, 106, 1400],
  ["2025-01-06", 106, 106, 100, 101, 101, 1500],
  ["2025-01-07", 101, 111, 101, 110, 110, 1600],
];

/** Two closes 545 calendar days apart. */
export const LONG_ROWS: HistoryRow[] = [
  ["2023-01-03", 100, 100, 100, 100, 100, 10],
  ["2023-06-30", 130, 130, 130, 130, 130, 10],
  ["2024-07-01", 150, 150, 150, 150, 150, 10],
];

export function installClient(options: FakeServiceOptions & { timeoutMs?: number; quoteTtlMs?: number } = {}): {
  service: FakeMarketService;
  client: MarketClient;
} {
  const service = new FakeMarketService(options);
  service.now = () => noonUtc(TODAY);
  const client = createMarketClient({
    baseUrl: "http://service.test/api/v1",
    fetch: service.fetch,
    now: () => noonUtc(TODAY),
    timeoutMs: options.timeoutMs,
    quoteTtlMs: options.quoteTtlMs,
  });
  setMarketClient(client);
  return { service, client };
}

/** The Excel error a promise rejects with (fails the test if it resolves). */
export async function excelError(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    const value = await promise;
    throw new Error(`expected an Excel error, got ${JSON.stringify(value)}`);
  } catch (err) {
    expect(err).toBeInstanceOf(CustomFunctions.Error);
    return err as { code: string; message: string };
  }
}
