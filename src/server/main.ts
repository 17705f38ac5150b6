/** `npm run serve`: the data service and the built add-in, until Ctrl-C. */
import { SERVE_USAGE, UsageError, parseServeArgs } from "./serveOptions";
import { startServer } from "./startServer";

async function main(): Promise<void> {
  let parsed;
  try {
    parsed = parseServeArgs(process.argv.slice(2));
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`${err.message}\n\n${SERVE_USAGE}`);
      process.exit(2);
    }
    throw err;
  }
  if (parsed.help) {
    console.log(SERVE_USAGE);
    return;
  }
  // Pino's JSON lines on stdout: one per request, and every failure with its stack.
  const server = await startServer({ logger: { level: process.env.AICHAIN_LOG_LEVEL ?? "info" }, ...parsed.options });
  const health = await server.service.health();
  const name = parsed.options.instanceName ? ` [${parsed.options.instanceName}]` : "";
  console.log(
    `AICHAIN data service${name} on ${server.url}  (provider ${health.provider}${health.cache.path ? `, cache ${health.cache.path}` : ""})`,
  );
  if (!server.addinBuilt) console.warn("The add-in is not built yet: run npm run build (the API works meanwhile).");
  console.log(`Try ${server.url}/api/v1/health — Ctrl-C stops it.`);
  const stop = () => {
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
