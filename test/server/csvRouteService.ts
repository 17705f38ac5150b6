/**
 * The service over a folder of CSV price files on a free port, as the route tests run it: the
 * files the test writes, a fixed clock, and a JSON getter that keeps the status, so a test can
 * check refusals and answers alike.
 */
import fs from "node:fs";
import path from "node:path";
import { startServer } from "../../src/server/startServer";
import { tempDir } from "./serviceHarness";

export interface CsvRouteService {
  get<T>(pathAndQuery: string): Promise<{ status: number; body: T }>;
  close(): Promise<void>;
}

/** Starts the service on `files` (name → CSV text) with its clock at `now` (epoch ms). */
export async function startCsvRouteService(prefix: string, files: Record<string, string>, now: number): Promise<CsvRouteService> {
  const root = tempDir(prefix);
  const csvDir = path.join(root, "csv");
  fs.mkdirSync(csvDir);
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(csvDir, name), text);
  const server = await startServer({
    http: true,
    port: 0,
    provider: "csv",
    csvDir,
    distDir: path.join(root, "dist"),
    now: () => now,
  });
  return {
    async get<T>(pathAndQuery: string) {
      const res = await fetch(`${server.url}${pathAndQuery}`);
      return { status: res.status, body: (await res.json()) as T };
    },
    async close() {
      await server.close();
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}
