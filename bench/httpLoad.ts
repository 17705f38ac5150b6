/** Load on a service over loopback HTTP, for the server benches: requests and their latencies. */
import http from "node:http";

/** GETs a path on `base` through `agent` (keep-alive), reads the body away, resolves the status. */
export function get(agent: http.Agent, base: URL, pathAndQuery: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.get({ agent, hostname: base.hostname, port: base.port, path: pathAndQuery }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.on("error", reject);
  });
}

/** The p-th percentile of ascending numbers (nearest rank). */
export const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

export interface LoadResult {
  /** Answers with status 200. */
  ok: number;
  /** The first other status seen, if any. */
  firstFailure: number | undefined;
  seconds: number;
  /** Milliseconds per request, ascending. */
  latencies: number[];
}

/**
 * `total` requests from `clients` concurrent clients, each sending its next request as soon as
 * its last one is answered; `send(i)` sends request i and resolves its status.
 */
export async function closedLoop(total: number, clients: number, send: (i: number) => Promise<number>): Promise<LoadResult> {
  const latencies: number[] = [];
  let ok = 0;
  let firstFailure: number | undefined;
  let next = 0;
  const startedAt = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < total) {
        const i = next++;
        const t0 = process.hrtime.bigint();
        const status = await send(i);
        latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
        if (status === 200) ok++;
        else firstFailure ??= status;
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - startedAt) / 1e9;
  latencies.sort((a, b) => a - b);
  return { ok, firstFailure, seconds, latencies };
}
