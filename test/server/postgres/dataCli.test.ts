/**
 * `npm run data` on a team's PostgreSQL cache: CSV files imported and symbols warmed into the
 * shared database, then listed by stats, and seen by a replica opening the same database.
 */
import fs from "node:fs";
import path from "node:path";
import { runDataCli } from "../../../src/server/dataCli";
import { openSharedCache } from "../../../src/server/postgres/sharedCache";
import { tempDir } from "../serviceHarness";
import { TestPostgres, startTestPostgres } from "./embeddedPostgres";

let server: TestPostgres;
let dir: string;
let logs: string[];
beforeAll(async () => {
  server = await startTestPostgres();
});
afterAll(async () => {
  await server?.shutdown();
});
beforeEach(() => {
  dir = tempDir("aichain-data-pg-");
  logs = [];
  jest.spyOn(console, "log").mockImplementation((...args: unknown[]) => void logs.push(args.join(" ")));
});
afterEach(() => {
  jest.restoreAllMocks();
  fs.rmSync(dir, { recursive: true, force: true });
});

function csvFolder(): string {
  const csv = path.join(dir, "csv");
  fs.mkdirSync(csv);
  fs.writeFileSync(path.join(csv, "SOXX.csv"), "Date,Close\n2024-01-02,1.5\n2024-01-03,1.6\n2024-01-04,1.7\n2024-01-05,1.8\n");
  fs.writeFileSync(path.join(csv, "QQQ.csv"), "Date,Close\n2024-01-02,400\n2024-01-03,401\n");
  return csv;
}

it("imports CSV files into the shared database and lists them with stats", async () => {
  const url = await server.createDatabase();
  expect(await runDataCli(["import-csv", csvFolder(), "--cache", url])).toBe(0);
  expect(logs.some((l) => /SOXX: 4 rows 2024-01-02\.\.2024-01-05/.test(l))).toBe(true);
  // The password never shows: the location is the URL without it.
  expect(logs[0]).toMatch(/into postgres:\/\/postgres@127\.0\.0\.1:\d+\/\w+/);

  const replica = await openSharedCache(url, { instanceName: "check" });
  try {
    expect((await replica.store.bars("SOXX", "2024-01-01", "2024-01-31")).map((r) => r[4])).toEqual([1.5, 1.6, 1.7, 1.8]);
  } finally {
    await replica.database.close();
  }

  logs.length = 0;
  expect(await runDataCli(["stats", "--cache", url])).toBe(0);
  expect(logs[0]).toMatch(/2 series, 6 daily bars/);
  expect(logs.some((l) => /QQQ\s+2 rows\s+2024-01-02\.\.2024-01-03/.test(l))).toBe(true);
});

it("warms only the dates asked, into the database named by AICHAIN_CACHE_URL", async () => {
  const url = await server.createDatabase();
  const csv = csvFolder();
  const before = process.env.AICHAIN_CACHE_URL;
  process.env.AICHAIN_CACHE_URL = url;
  try {
    const argv = ["warm", "SOXX", "--provider", "csv", "--csv-dir", csv, "--start", "2024-01-03", "--end", "2024-01-04"];
    expect(await runDataCli(argv)).toBe(0);
  } finally {
    if (before === undefined) delete process.env.AICHAIN_CACHE_URL;
    else process.env.AICHAIN_CACHE_URL = before;
  }
  const replica = await openSharedCache(url, { instanceName: "check" });
  try {
    expect((await replica.store.bars("SOXX", "2024-01-01", "2024-01-31")).map((r) => r[0])).toEqual(["2024-01-03", "2024-01-04"]);
  } finally {
    await replica.database.close();
  }
});

it("refuses a PostgreSQL URL without a database name before connecting", async () => {
  await expect(runDataCli(["stats", "--cache", "postgres://db.internal"])).rejects.toThrow(/--cache: .*names no database/);
});
