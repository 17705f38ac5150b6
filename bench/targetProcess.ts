/**
 * A service a bench starts in a child process of its own, so the load generator does not share
 * its CPU time. Both halves of their talk over IPC: the target reports its URL once it listens,
 * then its upstream calls when asked "calls", and closes and exits on "stop".
 */
import { fork, type ChildProcess } from "node:child_process";
import path from "node:path";

export interface BenchTarget<Calls> {
  url: URL;
  calls(): Promise<Calls>;
  stop(): Promise<void>;
}

function nextMessage(child: ChildProcess): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    child.once("message", (m) => resolve(m as Record<string, unknown>));
    child.once("exit", (code) => reject(new Error(`${path.basename(String(child.spawnfile))} target exited with ${code}`)));
  });
}

/** Starts `script` (a file of bench/, run with tsx) with `args` and waits for its URL. */
export async function spawnTarget<Calls>(script: string, args: string[]): Promise<BenchTarget<Calls>> {
  const child = fork(path.join(__dirname, script), args, { execArgv: ["--import", "tsx"] });
  const { url } = (await nextMessage(child)) as { url: string };
  return {
    url: new URL(url),
    calls: async () => {
      const answer = nextMessage(child);
      child.send("calls");
      return (await answer).calls as Calls;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        child.once("exit", () => resolve());
        child.send("stop");
      }),
  };
}

/** The target's half: reports `server.url`, answers "calls" with `calls()`, closes on "stop". */
export function serveTarget(server: { url: string; close(): Promise<void> }, calls: () => unknown): void {
  process.on("message", (message) => {
    if (message === "calls") process.send?.({ calls: calls() });
    if (message === "stop") void server.close().then(() => process.exit(0));
  });
  process.send?.({ url: server.url });
}
