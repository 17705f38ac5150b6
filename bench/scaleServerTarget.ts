/**
 * The data service for the scale bench, in its own process (so the add-in's figures are the
 * add-in's): the CSV provider over the folder given, plain http on a free port. Tells its URL
 * over IPC, answers "memory" with its resident size and "cpu" with the CPU time it has used, and
 * stops on "stop".
 */
import { startServer } from "../src/server/startServer";

async function main(): Promise<void> {
  const [csvDir, distDir] = process.argv.slice(2);
  // Parse workers as the service would be started with AICHAIN_CSV_WORKERS (default when unset).
  const workers = process.env.AICHAIN_CSV_WORKERS;
  const server = await startServer({
    http: true,
    port: 0,
    provider: "csv",
    csvDir,
    distDir,
    logger: false,
    ...(workers ? { csvWorkers: Number(workers) } : {}),
  });
  process.send?.({ url: server.url });
  process.on("message", (message) => {
    if (message === "memory") process.send?.({ rssMb: process.memoryUsage().rss / 1e6 });
    if (message === "cpu") {
      const { user, system } = process.cpuUsage();
      process.send?.({ cpuMs: (user + system) / 1000 });
    }
    if (message === "stop") void server.close().then(() => process.exit(0));
  });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
