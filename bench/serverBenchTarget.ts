/**
 * The server side of bench/serverBench.ts, run in its own process so the load generator does
 * not share its CPU time: starts the real server on the fake upstream and reports over IPC.
 */
import path from "node:path";
import { startServer } from "../src/server/startServer";
import { fakeUpstream } from "./fakeYahooUpstream";
import { serveTarget } from "./targetProcess";

async function main(): Promise<void> {
  const [dir, delay] = process.argv.slice(2);
  const upstream = fakeUpstream(Number(delay));
  const server = await startServer({
    http: true,
    port: 0,
    yahooFetch: upstream.fetch,
    cacheFile: path.join(dir, `cache-${delay}.sqlite`),
    distDir: path.join(dir, "none"),
  });
  serveTarget(server, () => upstream.counter.chart);
}

void main();
