import fs from "node:fs";
import path from "node:path";
import { runDataCli } from "../../src/server/dataCli";
import { WEB_UPLOAD_PATH, checkStartOptions } from "../../src/server/devStart";
import { SqliteMarketStore } from "../../src/server/cache/sqliteMarketStore";
import { UsageError, parseServeArgs } from "../../src/server/serveOptions";
import { tempDir } from "./serviceHarness";

describe("serve options", () => {
  it("reads flags, with flags winning over environment variables", () => {
    const { options } = parseServeArgs(
      ["--http", "--port", "0", "--provider=csv", "--csv-dir", "/data", "--cache", "/c.sqlite"],
      {
        AICHAIN_PORT: "4000",
        AICHAIN_HOST: "0.0.0.0",
        AICHAIN_ALLOWED_ORIGINS: "https://a.example, https://b.example",
      },
    );
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

describe("npm start options", () => {
  it("refuses a port the sideloaded manifest does not point at", () => {
    expect(() => checkStartOptions(parseServeArgs(["--port", "4000"], {}).options)).toThrow(
      /port 3000, the port manifest\.xml points Excel at, not on port 4000/,
    );
    expect(() => checkStartOptions(parseServeArgs([], { AICHAIN_PORT: "0" }).options)).toThrow(UsageError);
    expect(() => checkStartOptions(parseServeArgs(["--port", "3000"], {}).options)).not.toThrow();
    expect(() => checkStartOptions(parseServeArgs([], {}).options)).not.toThrow();
  });

  it("refuses plain http, which Office will not load an add-in over", () => {
    expect(() => checkStartOptions(parseServeArgs(["--http"], {}).options)).toThrow(/https, which Office requires/);
  });

  it("words the Excel-on-the-web upload steps as the data-service guide does", () => {
    const guide = fs.readFileSync(path.join(__dirname, "..", "..", "docs", "data-service.md"), "utf8");
    expect(WEB_UPLOAD_PATH).toBe("Home → Add-ins → More Add-ins → My Add-ins → Upload My Add-in");
    expect(guide).toContain(`(${WEB_UPLOAD_PATH})`);
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
    fs.writeFileSync(
      path.join(csv, "SOXX.csv"),
      "Date,Open,High,Low,Close,Adj Close,Volume\n2024-01-02,1,2,0.5,1.5,1.4,100\n2024-01-03,1,2,0.5,1.6,1.5,100\n",
    );
    fs.writeFileSync(path.join(csv, "BAD.csv"), "nonsense\n");
    const cacheFile = path.join(dir, "cache.sqlite");
    expect(await runDataCli(["import-csv", csv, "--cache", cacheFile])).toBe(1); // one bad file
    expect(logs.some((l) => /\[2\/2\] SOXX: 2 rows 2024-01-02\.\.2024-01-03/.test(l))).toBe(true);
    expect(logs.some((l) => /\[1\/2\] BAD: Cannot use BAD\.csv: it has no Date and Close columns/.test(l))).toBe(true);

    const store = new SqliteMarketStore(cacheFile);
    expect((await store.bars("SOXX", "2024-01-01", "2024-01-31")).map((r) => r[4])).toEqual([1.5, 1.6]);
    expect((await store.coverage("SOXX")).map(({ start, end }) => ({ start, end }))).toEqual([
      { start: "2024-01-02", end: "2024-01-03" },
    ]);
    await store.close();

    logs.length = 0;
    expect(await runDataCli(["stats", "--cache", cacheFile])).toBe(0);
    expect(logs[0]).toMatch(/1 series, 2 daily bars/);
    expect(logs[1]).toMatch(/SOXX\s+2 rows\s+2024-01-02\.\.2024-01-03/);
  });

  it("reports a missing cache for stats without creating it", async () => {
    const typo = path.join(dir, "typo", "cache.sqlite");
    expect(await runDataCli(["stats", "--cache", typo])).toBe(1);
    expect(logs).toEqual([`No cache at ${typo}`]);
    expect(fs.existsSync(path.join(dir, "typo"))).toBe(false);
  });

  it("only reads the file stats is pointed at", async () => {
    const other = path.join(dir, "notes.sqlite");
    fs.writeFileSync(other, "");
    await expect(runDataCli(["stats", "--cache", other])).rejects.toThrow(/is not a market-data cache/);
    expect(fs.statSync(other).size).toBe(0);
  });

  it("warms from CSV files only for the dates asked", async () => {
    const csv = path.join(dir, "csv");
    fs.mkdirSync(csv);
    fs.writeFileSync(path.join(csv, "SOXX.csv"), "Date,Close\n2024-01-02,1.5\n2024-01-03,1.6\n2024-01-04,1.7\n2024-01-05,1.8\n");
    const cacheFile = path.join(dir, "cache.sqlite");
    const argv = [
      "warm",
      "SOXX",
      "--provider",
      "csv",
      "--csv-dir",
      csv,
      "--cache",
      cacheFile,
      "--start",
      "2024-01-03",
      "--end",
      "2024-01-04",
    ];
    expect(await runDataCli(argv)).toBe(0);
    const store = new SqliteMarketStore(cacheFile);
    expect((await store.bars("SOXX", "2024-01-01", "2024-01-31")).map((r) => r[0])).toEqual(["2024-01-03", "2024-01-04"]);
    expect((await store.coverage("SOXX")).map(({ start, end }) => ({ start, end }))).toEqual([
      { start: "2024-01-03", end: "2024-01-04" },
    ]);
    await store.close();
  });

  it("refuses a warm without a start date or with an unknown option", async () => {
    await expect(runDataCli(["warm", "SOXX", "--cache", path.join(dir, "c.sqlite")])).rejects.toThrow(/--start/);
    await expect(runDataCli(["warm", "SOXX", "--since", "2024-01-01"])).rejects.toThrow(/Unknown option/);
    await expect(runDataCli(["explode"])).rejects.toThrow(/Unknown command/);
  });
});
