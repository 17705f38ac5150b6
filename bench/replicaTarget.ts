/**
 * One service replica for bench/replicasBench.ts, in its own process: the real server on the
 * generated Yahoo upstream (with its delay), on the cache it is given (a postgres:// URL or an
 * SQLite file). Reports its URL, then its upstream calls by kind when asked, over IPC.
 */
import { startServer } from "../src/server/startServer";
import { fakeUpstream } from "./fakeYahooUpstream";
import { serveTarget } from "./targetProcess";

async function main(): Promise<void> {
  const [cache, instanceName, delay, distDir] = process.argv.slice(2);
  const upstream = fakeUpstream(Number(delay));
  const calls = { history: 0, actions: 0, other: 0 };
  const countingFetch = (input: string | URL | Request): Promise<Response> => {
    const url = new URL(String(input instanceof Request ? input.url : input));
    const interval = url.searchParams.get("interval");
    // Daily bars are the price fetch; a long interval with events is the cheap actions check.
    if (!url.pathname.includes("/chart/")) calls.other++;
    else if (interval === "1d") calls.history++;
    else calls.actions++;
    return upstream.fetch(input);
  };
  const server = await startServer({
    http: true,
    port: 0,
    yahooFetch: countingFetch as typeof fetch,
    ...(cache.startsWith("postgres") ? { cacheUrl: cache, instanceName } : { cacheFile: cache }),
    distDir,
  });
  serveTarget(server, () => calls);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
