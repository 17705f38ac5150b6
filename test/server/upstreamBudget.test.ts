/**
 * The upstream budget a deployment sets: the token bucket's rate and size and the circuit
 * breaker's thresholds, from flags or the environment, refused when they make no sense, and the
 * breaker's state visible in /api/v1/health for one process on SQLite.
 */
import fs from "node:fs";
import path from "node:path";
import { DEFAULT_BREAKER, DEFAULT_RATE } from "../../src/server/coordination/coordination";
import { SERVE_USAGE, UsageError, parseServeArgs } from "../../src/server/serveOptions";
import { RunningServer, startServer } from "../../src/server/startServer";
import { FakeYahoo } from "./fakeYahoo";
import { tempDir } from "./serviceHarness";

describe("--upstream-rate, --upstream-burst, --breaker-failures, --breaker-cooldown", () => {
  it("sets the bucket and the breaker from flags, keeping the defaults of what is not given", () => {
    expect(parseServeArgs(["--upstream-rate", "2.5", "--breaker-cooldown=90"], {}).options).toEqual({
      rate: { perSecond: 2.5, burst: DEFAULT_RATE.burst },
      breaker: { threshold: DEFAULT_BREAKER.threshold, cooldownMs: 90_000 },
    });
    expect(parseServeArgs(["--upstream-burst", "20", "--breaker-failures", "3"], {}).options).toEqual({
      rate: { perSecond: DEFAULT_RATE.perSecond, burst: 20 },
      breaker: { threshold: 3, cooldownMs: DEFAULT_BREAKER.cooldownMs },
    });
    expect(parseServeArgs([], {}).options).toEqual({});
  });

  it("reads the environment, and a flag wins over it", () => {
    const env = {
      AICHAIN_UPSTREAM_RATE: "1",
      AICHAIN_UPSTREAM_BURST: "4",
      AICHAIN_BREAKER_FAILURES: "8",
      AICHAIN_BREAKER_COOLDOWN: "120",
    };
    expect(parseServeArgs([], env).options).toEqual({
      rate: { perSecond: 1, burst: 4 },
      breaker: { threshold: 8, cooldownMs: 120_000 },
    });
    expect(parseServeArgs(["--upstream-rate", "3", "--breaker-failures", "2"], env).options).toEqual({
      rate: { perSecond: 3, burst: 4 },
      breaker: { threshold: 2, cooldownMs: 120_000 },
    });
  });

  it.each([
    [["--upstream-rate", "0"], {}, /--upstream-rate must be a number of calls per second from 0.01 to 1000, not "0"/],
    [["--upstream-rate", "-1"], {}, /--upstream-rate must be a number of calls per second/],
    [["--upstream-rate", "fast"], {}, /--upstream-rate must be a number/],
    [["--upstream-burst", "0"], {}, /--upstream-burst must be a whole number of calls from 1 to 10000, not "0"/],
    [["--upstream-burst", "2.5"], {}, /--upstream-burst must be a whole number/],
    [["--breaker-failures", "0"], {}, /--breaker-failures must be a whole number of failures from 1 to 1000/],
    [["--breaker-cooldown", "0"], {}, /--breaker-cooldown must be a number of seconds from 1 to 86400, not "0"/],
    [["--breaker-cooldown", "30s"], {}, /--breaker-cooldown must be a number of seconds/],
    [["--breaker-cooldown"], {}, /--breaker-cooldown needs a value/],
    [[], { AICHAIN_UPSTREAM_BURST: "lots" }, /AICHAIN_UPSTREAM_BURST must be a whole number of calls/],
    [[], { AICHAIN_BREAKER_COOLDOWN: "1e9" }, /AICHAIN_BREAKER_COOLDOWN must be a number of seconds/],
    [["--provider", "csv", "--csv-dir", "/tmp", "--upstream-rate", "2"], {}, /--upstream-rate applies to the yahoo provider/],
  ])("refuses %j %j with a reason", (argv, env, message) => {
    expect(() => parseServeArgs(argv as string[], env)).toThrow(UsageError);
    expect(() => parseServeArgs(argv as string[], env)).toThrow(message);
  });

  it("lists every flag with its environment variable and default in --help", () => {
    for (const [flag, variable, fallback] of [
      ["--upstream-rate N", "AICHAIN_UPSTREAM_RATE", `default ${DEFAULT_RATE.perSecond}`],
      ["--upstream-burst N", "AICHAIN_UPSTREAM_BURST", `default ${DEFAULT_RATE.burst}`],
      ["--breaker-failures N", "AICHAIN_BREAKER_FAILURES", `default ${DEFAULT_BREAKER.threshold}`],
      ["--breaker-cooldown S", "AICHAIN_BREAKER_COOLDOWN", `default ${DEFAULT_BREAKER.cooldownMs / 1000}`],
    ]) {
      const line = SERVE_USAGE.split("\n").find((l) => l.trimStart().startsWith(flag));
      expect(line).toContain(`(${variable})`);
      expect(line).toContain(fallback);
    }
  });
});

describe("the budget of one process on SQLite, in /api/v1/health", () => {
  let dir: string;
  let server: RunningServer | undefined;
  beforeEach(() => {
    dir = tempDir("aichain-budget-");
  });
  afterEach(async () => {
    await server?.close();
    server = undefined;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const health = async () => (await (await fetch(`${server!.url}/api/v1/health`)).json()) as Record<string, any>;

  it("shows the settings given, then the breaker opening after that many failures, with its cool-down's end", async () => {
    const yahoo = new FakeYahoo();
    let now = Date.UTC(2024, 1, 1, 12);
    server = await startServer({
      http: true,
      port: 0,
      cacheFile: path.join(dir, "cache.sqlite"),
      distDir: path.join(dir, "no-dist"),
      yahooFetch: yahoo.fetch,
      logger: false,
      rate: { perSecond: 2, burst: 7 },
      breaker: { threshold: 2, cooldownMs: 45_000 },
      queue: { retries: 0, sleep: async () => undefined },
      now: () => now,
    });
    const before = await health();
    expect(before.rateLimit).toEqual({ perSecond: 2, burst: 7, shared: false });
    expect(before.breaker).toEqual({
      state: "closed",
      failures: 0,
      openUntil: null,
      threshold: 2,
      cooldownSeconds: 45,
      shared: false,
    });
    yahoo.down = "500";
    for (const symbol of ["SOXX", "QQQ"])
      await fetch(`${server.url}/api/v1/history?symbols=${symbol}&start=2024-01-02&end=2024-01-09`);
    const open = await health();
    expect(open.breaker).toMatchObject({ state: "open", failures: 2, openUntil: new Date(now + 45_000).toISOString() });
    now += 46_000;
    expect((await health()).breaker.state).toBe("half-open");
  });
});
