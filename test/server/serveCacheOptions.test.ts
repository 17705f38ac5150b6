/** Choosing the cache and naming the replica on the command line and in the environment. */
import { UsageError, parseServeArgs } from "../../src/server/serveOptions";

const URL_A = "postgres://aichain:pw@db.internal:5432/aichain";

describe("--cache, --instance-name, --pool-size", () => {
  it("takes a postgres:// URL as the shared PostgreSQL cache and a plain name as an SQLite file", () => {
    expect(parseServeArgs(["--cache", URL_A], {}).options).toEqual({ cacheUrl: URL_A });
    expect(parseServeArgs(["--cache=postgresql://u@h/db"], {}).options).toEqual({ cacheUrl: "postgresql://u@h/db" });
    expect(parseServeArgs(["--cache", "/var/cache/aichain.sqlite"], {}).options).toEqual({
      cacheFile: "/var/cache/aichain.sqlite",
    });
  });

  it("reads AICHAIN_CACHE_URL, and a flag still wins over the environment", () => {
    expect(parseServeArgs([], { AICHAIN_CACHE_URL: URL_A }).options).toEqual({ cacheUrl: URL_A });
    expect(parseServeArgs(["--cache", "/tmp/c.sqlite"], { AICHAIN_CACHE_URL: URL_A }).options).toEqual({
      cacheFile: "/tmp/c.sqlite",
    });
    expect(parseServeArgs(["--cache", URL_A], { AICHAIN_CACHE: "/tmp/c.sqlite" }).options).toEqual({ cacheUrl: URL_A });
  });

  it("names the replica and bounds its pool", () => {
    expect(parseServeArgs(["--cache", URL_A, "--instance-name", "web-2", "--pool-size", "4"], {}).options).toEqual({
      cacheUrl: URL_A,
      instanceName: "web-2",
      poolSize: 4,
    });
    expect(parseServeArgs([], { AICHAIN_CACHE_URL: URL_A, AICHAIN_INSTANCE_NAME: "a", AICHAIN_POOL_SIZE: "12" }).options).toEqual(
      { cacheUrl: URL_A, instanceName: "a", poolSize: 12 },
    );
  });

  it.each([
    [["--cache", "postgres://db.internal"], /--cache: The PostgreSQL URL .* names no database/],
    [["--cache", "postgres://"], /--cache: .*(not a valid PostgreSQL URL|names no host)/],
    [["--cache", URL_A, "--pool-size", "0"], /--pool-size must be a number of connections from 1 to 1000, not "0"/],
    [["--cache", URL_A, "--pool-size", "ten"], /--pool-size must be a number/],
    [["--pool-size", "5"], /--pool-size applies to a PostgreSQL cache/],
    [["--instance-name", "two words"], /--instance-name must be 1 to 60 letters/],
    [["--instance-name"], /--instance-name needs a value/],
  ])("refuses %j with a reason", (argv, message) => {
    expect(() => parseServeArgs(argv as string[], {})).toThrow(UsageError);
    expect(() => parseServeArgs(argv as string[], {})).toThrow(message);
  });

  it("refuses a file name in AICHAIN_CACHE_URL, and never repeats the password in an error", () => {
    expect(() => parseServeArgs([], { AICHAIN_CACHE_URL: "/tmp/c.sqlite" })).toThrow(
      /AICHAIN_CACHE_URL must be a postgres:\/\/ URL/,
    );
    let message = "";
    try {
      parseServeArgs(["--cache", "postgres://user:hunter2@db.internal"], {});
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/names no database/);
    expect(message).not.toMatch(/hunter2/);
  });
});

describe("--csv-workers", () => {
  it("sets the CSV parse workers, from a flag or the environment, for the csv provider only", () => {
    const csv = ["--provider", "csv", "--csv-dir", "./prices"];
    expect(parseServeArgs([...csv, "--csv-workers", "2"], {}).options).toEqual({
      provider: "csv",
      csvDir: "./prices",
      csvWorkers: 2,
    });
    expect(parseServeArgs(csv, { AICHAIN_CSV_WORKERS: "0" }).options.csvWorkers).toBe(0);
    expect(parseServeArgs([...csv, "--csv-workers=3"], { AICHAIN_CSV_WORKERS: "1" }).options.csvWorkers).toBe(3);
    expect(() => parseServeArgs([...csv, "--csv-workers", "5"], {})).toThrow(
      /--csv-workers must be a whole number of threads from 0 to 4, not "5"/,
    );
    expect(() => parseServeArgs([...csv, "--csv-workers", "-1"], {})).toThrow(UsageError);
    expect(() => parseServeArgs(["--csv-workers", "2"], {})).toThrow(/--csv-workers applies to the csv provider/);
  });
});
