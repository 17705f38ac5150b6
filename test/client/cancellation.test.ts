import { CancelledRequestError, createMarketClient, type MarketClient } from "../../src/client";
import { FakeMarketService, gatedFetch, makeSeries, noonUtc, waitFor } from "./fakeMarketService";

const TODAY = "2025-06-30";

function setup() {
  const service = new FakeMarketService({
    series: { SOXX: makeSeries(1, "2024-01-01", TODAY), SMH: makeSeries(2, "2024-01-01", TODAY) },
    funds: {
      SOXX: {
        symbol: "SOXX",
        name: "iShares Semiconductor ETF",
        holdings: [],
        sectorWeights: {},
        expenseRatio: 0.0035,
        netAssets: null,
        category: null,
        family: null,
        currency: "USD",
        yield: null,
        source: "yahoo",
        asOf: "2025-06-30T20:00:00Z",
      },
    },
  });
  const gate = gatedFetch(service);
  const client: MarketClient = createMarketClient({
    baseUrl: "http://service.test/api/v1",
    fetch: gate.fetch,
    now: () => noonUtc(TODAY),
    batchDelayMs: 0,
  });
  return { service, client, sent: gate.sent };
}

describe("cancelling client calls", () => {
  test("a call whose signal aborts rejects at once and its request is aborted", async () => {
    const { client, sent } = setup();
    const controller = new AbortController();
    const call = client.history("SOXX", "2025-01-02", undefined, controller.signal);
    await waitFor(() => sent.length === 1);
    expect(sent[0].signal.aborted).toBe(false);
    controller.abort();
    await expect(call).rejects.toBeInstanceOf(CancelledRequestError);
    expect(sent[0].signal.aborted).toBe(true);
  });

  test("a request another call waits for without a signal is not aborted, and that call gets its answer", async () => {
    const { client, sent } = setup();
    const controller = new AbortController();
    const cancelled = client.history("SOXX", "2025-01-02", undefined, controller.signal);
    const kept = client.history("SOXX", "2025-01-02");
    await waitFor(() => sent.length === 1);
    controller.abort();
    await expect(cancelled).rejects.toBeInstanceOf(CancelledRequestError);
    expect(sent[0].signal.aborted).toBe(false);
    sent[0].release();
    expect((await kept).bars.length).toBeGreaterThan(100);
    expect(sent).toHaveLength(1);
  });

  test("a request shared by two symbols is aborted only when the calls for both gave up", async () => {
    const { client, sent } = setup();
    const a = new AbortController();
    const b = new AbortController();
    const soxx = client.history("SOXX", "2025-01-02", undefined, a.signal);
    const smh = client.history("SMH", "2025-01-02", undefined, b.signal);
    await waitFor(() => sent.length === 1);
    expect(sent[0].url).toMatch(/symbols=SOXX,SMH|symbols=SMH,SOXX/);
    a.abort();
    await expect(soxx).rejects.toBeInstanceOf(CancelledRequestError);
    expect(sent[0].signal.aborted).toBe(false);
    b.abort();
    await expect(smh).rejects.toBeInstanceOf(CancelledRequestError);
    expect(sent[0].signal.aborted).toBe(true);
  });

  test("a window joined while its request is on the way keeps it going until its own call gives up", async () => {
    const { client, sent } = setup();
    const first = new AbortController();
    const second = new AbortController();
    const a = client.history("SOXX", "2025-01-02", undefined, first.signal);
    await waitFor(() => sent.length === 1);
    const b = client.history("SOXX", "2025-03-03", undefined, second.signal);
    first.abort();
    await expect(a).rejects.toBeInstanceOf(CancelledRequestError);
    expect(sent[0].signal.aborted).toBe(false);
    second.abort();
    await expect(b).rejects.toBeInstanceOf(CancelledRequestError);
    expect(sent[0].signal.aborted).toBe(true);
  });

  test("after a cancelled call the same window is asked for again and answered", async () => {
    const { client, sent } = setup();
    const controller = new AbortController();
    const call = client.history("SOXX", "2025-01-02", undefined, controller.signal);
    await waitFor(() => sent.length === 1);
    controller.abort();
    await expect(call).rejects.toBeInstanceOf(CancelledRequestError);
    const again = client.history("SOXX", "2025-01-02");
    await waitFor(() => sent.length === 2);
    expect(sent[1].signal.aborted).toBe(false);
    sent[1].release();
    expect((await again).bars[0].date <= "2025-01-02").toBe(true);
  });

  test("a call given up before its batch is sent sends nothing", async () => {
    const { client, sent } = setup();
    const controller = new AbortController();
    const call = client.history("SOXX", "2025-01-02", undefined, controller.signal);
    controller.abort();
    await expect(call).rejects.toBeInstanceOf(CancelledRequestError);
    await new Promise((r) => setTimeout(r, 5));
    expect(sent).toHaveLength(0);
  });

  test("requests waiting for their turn leave the queue when given up", async () => {
    const { client, sent } = setup();
    const controller = new AbortController();
    // Three requests may be out at once; the fourth waits for a turn.
    const windows = ["2024-02-01", "2024-06-03", "2024-10-01"].map((start, i) =>
      client.history(["SOXX", "SMH", "SOXX"][i], start, addMonths(start), controller.signal),
    );
    await waitFor(() => sent.length === 3);
    const queued = client.fund("SOXX", controller.signal);
    await new Promise((r) => setTimeout(r, 5));
    expect(sent).toHaveLength(3);
    controller.abort();
    for (const call of [...windows, queued]) await expect(call).rejects.toBeInstanceOf(CancelledRequestError);
    expect(sent.every((s) => s.signal.aborted)).toBe(true);
    // The queue is free again: a later call is sent and answered.
    const later = client.fund("SOXX");
    await waitFor(() => sent.length === 4);
    sent[3].release();
    expect((await later).name).toBe("iShares Semiconductor ETF");
  });

  test("a fund call given up aborts its request unless another caller waits for it", async () => {
    const { client, sent } = setup();
    const a = new AbortController();
    const alone = client.fund("SOXX", a.signal);
    await waitFor(() => sent.length === 1);
    a.abort();
    await expect(alone).rejects.toBeInstanceOf(CancelledRequestError);
    expect(sent[0].signal.aborted).toBe(true);

    const b = new AbortController();
    const cancelled = client.fund("SOXX", b.signal);
    const kept = client.fund("SOXX");
    await waitFor(() => sent.length === 2);
    b.abort();
    await expect(cancelled).rejects.toBeInstanceOf(CancelledRequestError);
    expect(sent[1].signal.aborted).toBe(false);
    sent[1].release();
    expect((await kept).expenseRatio).toBe(0.0035);
  });
});

function addMonths(start: string): string {
  const d = new Date(`${start}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + 2);
  return d.toISOString().slice(0, 10);
}
