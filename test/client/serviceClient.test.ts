import { createMarketClient, MarketDataError, serviceUrlFor } from "../../src/client";
import { FakeMarketService, makeSeries, noonUtc } from "./fakeMarketService";

function setup(timeoutMs = 100) {
  const service = new FakeMarketService({ series: { SOXX: makeSeries(1, "2025-01-01", "2025-06-30") } });
  const client = createMarketClient({
    baseUrl: "http://service.test/api/v1",
    fetch: service.fetch,
    timeoutMs,
    now: () => noonUtc("2025-06-30"),
  });
  return { service, client };
}

async function failure(promise: Promise<unknown>): Promise<MarketDataError> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(MarketDataError);
    return err as MarketDataError;
  }
  throw new Error("expected a failure");
}

describe("time limits", () => {
  test("a service that never answers fails 'market data timed out' after the limit", async () => {
    const { service, client } = setup(80);
    service.failure = "hang";
    const began = Date.now();
    const err = await failure(client.history("SOXX", "2025-03-03"));
    expect(err.code).toBe("timeout");
    expect(err.message).toMatch(/market data timed out/i);
    expect(Date.now() - began).toBeLessThan(2_000);
  });

  test("a fetch that ignores the abort signal is still cut off", async () => {
    const { service, client } = setup(50);
    service.failure = "hang-ignoring-abort";
    const err = await failure(client.quote("SOXX"));
    expect(err.code).toBe("timeout");
  });

  test("the default limit is about 20 seconds, and each request gets its own", async () => {
    jest.useFakeTimers();
    try {
      const service = new FakeMarketService();
      service.failure = "hang";
      const client = createMarketClient({ baseUrl: "http://s/api/v1", fetch: service.fetch, now: () => noonUtc("2025-06-30") });
      const outcome = client.fund("SOXX").then(
        () => "answered",
        (err: Error) => err.message,
      );
      await jest.advanceTimersByTimeAsync(19_000);
      let settled = false;
      void outcome.then(() => (settled = true));
      await Promise.resolve();
      expect(settled).toBe(false);
      await jest.advanceTimersByTimeAsync(1_500);
      await expect(outcome).resolves.toMatch(/market data timed out/i);
    } finally {
      jest.useRealTimers();
    }
  });
});

describe("failures are explained", () => {
  test("an unreachable service", async () => {
    const { service, client } = setup();
    service.failure = "down";
    const err = await failure(client.history("SOXX", "2025-03-03"));
    expect(err.code).toBe("upstream_unavailable");
    // The runtime's own words ("fetch failed") are no use to an analyst; where and what to do are.
    expect(err.message).toMatch(
      /^The AICHAIN data service is not reachable at http:\/\/service\.test: start it with npm start, or ask whoever runs it$/,
    );
    expect(err.message).not.toMatch(/fetch failed|npm run serve/);
  });

  test("a server error without a body", async () => {
    const { service, client } = setup();
    service.failure = 500;
    const err = await failure(client.quote("SOXX"));
    expect(err.message).toBe("Market data unavailable: the data service answered HTTP 500");
  });

  test("a refusal with a reason keeps the reason and is a bad request", async () => {
    const { service, client } = setup();
    service.failure = 400;
    service.failureBody = { error: { code: "bad_request", message: "start must be YYYY-MM-DD" } };
    const err = await failure(client.history("SOXX", "2025-03-03"));
    expect(err.code).toBe("bad_request");
    expect(err.message).toMatch(/start must be YYYY-MM-DD/);
  });

  test("the service's own timeout reads as timed out", async () => {
    const { service, client } = setup();
    service.failure = 504;
    const err = await failure(client.quote("SOXX"));
    expect(err.code).toBe("timeout");
    expect(err.message).toMatch(/market data timed out/i);
  });

  test("upstream unavailable for one fund names the fund", async () => {
    const { service, client } = setup();
    service.failure = 503;
    service.failureBody = { error: { code: "upstream_unavailable", message: "Yahoo unreachable" } };
    const err = await failure(client.fund("SOXX"));
    expect(err.message).toBe("Market data unavailable for SOXX (Yahoo unreachable)");
  });

  test("no fund data says why, in one sentence", async () => {
    const { service, client } = setup();
    service.failure = 404;
    service.failureBody = { error: { code: "no_data", message: "the CSV data source has prices only" } };
    const err = await failure(client.fund("SOXX"));
    expect(err.message).toBe("No data for SOXX: the CSV data source has prices only");
  });

  test("an answer that is not JSON", async () => {
    const { service, client } = setup();
    service.failure = 200;
    service.failureBody = undefined;
    const err = await failure(client.fund("SOXX"));
    expect(err.code).toBe("upstream_error");
  });
});

describe("where the add-in finds its data service", () => {
  test("beside the page that loaded it, whether at the root or under a path", () => {
    expect(serviceUrlFor("https://localhost:3000/taskpane.html")).toBe("https://localhost:3000/api/v1");
    expect(serviceUrlFor("https://addins.example.com/aichain/taskpane.html?_host_Info=Excel")).toBe(
      "https://addins.example.com/aichain/api/v1",
    );
  });
});
