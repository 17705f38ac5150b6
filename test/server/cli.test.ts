import fs from "node:fs";
import path from "node:path";
import { runDataCli } from "../../src/server/dataCli";
import { MarketCache } from "../../src/server/cache/marketCache";
import { UsageError, parseServeArgs } from "../../src/server/serveOptions";
import { tempDir } from "./serviceHarness";

describe("serve options", () => {
  it("reads flags, with flags winning over environment variables", () => {
    const { options } = parseServeArgs(["--http", "--port", "0", "--provider=csv", "--csv-dir", "/data", "--cache", "/c.sqlite"], {
      AICHAIN_PORT: "4000",
      AICHAIN_HOST: "0.0.0.0",
      AICHAIN_ALLOWED_ORIGINS: "https://a.example, https://b.example",
    });
    expect(options).toEqual({
      http: true,
      port: 0,
      host: "0.0.0.0",
      provider: "csv",
      csvDir: "/data",
      cacheFile: "/c.sqlite",
      allowedOrigins: ["https://a.example", "https://b.example"],
    });
  });

  it("reads the environment alone", () => {
    const { options } = parseServeArgs([], { AICHAIN_HTTP: "1", AICHAIN_PROVIDER: "yahoo", AICHAIN_CACHE: "/x.sqlite" });
    expect(options).toEqual({ http: true, provider: "yahoo", cacheFile: "/x.sqlite" });
  });

  it.each([
    [["--port", "http"], /port number/],
    [["--port", "70000"], /port number/],
    [["--provider", "bloomberg"], /yahoo or csv/],
    [["--provider", "csv"], /--csv-dir/],
    [["--host"], /needs a value/],
    [["--verbose"], /Unknown option/],
  ])("explains %j", (argv, message) => {
    expect(() => parseServeArgs(argv as string[], {})).toThrow(UsageError);
    expect(() => parseServeArgs(argv as string[], {})).toThrow(message);
  });
});

describe("data command", () => {
  let dir: string;
  let logs: string[];
  beforeEach(() => {
    dir = tempDir("aichain-cli-");
    logs = [];
    jest.spyOn(console, "log").mockImplementation((...args: unknown[]) => void logs.push(args.join(" ")));
  });
  afterEach(() => {
    jest.restoreAllMocks();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("imports a folder of CSV files into the cache with progress, and reports stats", async () => {
    const csv = path.join(dir, "csv");
    fs.mkdirSync(csv);
    fs.writeFileSync(path.join(csv, "SOXX.csv"), "Date,Open,High,Low,Close,Adj Close,Volume\n2024-01-02,1,2,0.5,1.5,1.4,100\n2024-01-03,1,2,0.5,1.6,1.5,100\n");
    fs.writeFileSync(path.join(csv, "BAD.csv"), "nonsense\n");
    const cacheFile = path.join(dir, "cache.sqlite");
    expect(await runDataCli(["import-csv", csv, "--cache", cacheFile])).toBe(1); // one bad file
    expect(logs.some((l) => /\[2\/2\] SOXX: 2 rows 2024-01-02\.\.2024-01-03/.test(l))).toBe(true);
    expect(logs.some((l) => /\[1\/2\] BAD: .*BAD\.csv has no Date and Close columns/.test(l))).toBe(true);

    const cache = new MarketCache(cacheFile);
    expect(cache.bars("SOXX", "1d", "2024-01-01", "2024-01-31").map((r) => r[4])).toEqual([1.5, 1.6]);
    expect(cache.coverage("SOXX", "1d")).toEqual([{ start: "2024-01-02", end: "2024-01-03" }]);
    cache.close();

    logs.length = 0;
    expect(await runDataCli(["stats", "--cache", cacheFile])).toBe(0);
    expect(logs[0]).toMatch(/1 series, 2 daily bars/);
    expect(logs[1]).toMatch(/SOXX\s+2 rows\s+2024-01-02\.\.2024-01-03/);
  });

  it("refuses a warm without a start date or with an unknown option", async () => {
    await expect(runDataCli(["warm", "SOXX", "--cache", path.join(dir, "c.sqlite")])).rejects.toThrow(/--start/);
    await expect(runDataCli(["warm", "SOXX", "--since", "2024-01-01"])).rejects.toThrow(/Unknown option/);
    await expect(runDataCli(["explode"])).rejects.toThrow(/Unknown command/);
  });
});
