/**
 * `npm start`: build the add-in, serve it and the data service on https://localhost:3000 with
 * the Office development certificates, sideload it into Excel where Excel desktop exists, and
 * keep serving until Ctrl-C. Accepts the same options as `npm run serve`.
 */
import { spawnSync } from "node:child_process";
import { MANIFEST_PATH, PROJECT_ROOT, clearSession, readSession, writeSession } from "./devSession";
import { sideloadIntoExcel } from "./officeSideload";
import { SERVE_USAGE, UsageError, parseServeArgs } from "./serveOptions";
import { DEFAULT_PORT, StartServerOptions, startServer } from "./startServer";

/**
 * manifest.xml, which npm start sideloads, names https://localhost:3000; served anywhere else
 * the add-in would load nothing, so another port is refused rather than half-working.
 */
export function checkStartOptions(options: StartServerOptions): void {
  if (options.port !== undefined && options.port !== DEFAULT_PORT) {
    throw new UsageError(
      `npm start serves on port ${DEFAULT_PORT}, the port manifest.xml points Excel at, not on port ${options.port}. ` +
        `Free port ${DEFAULT_PORT} (npm stop ends an earlier run), or use npm run serve -- --port N with a manifest that names that port.`,
    );
  }
  if (options.http) {
    // Office loads add-ins only over https, and manifest.xml names https://localhost:3000.
    throw new UsageError(
      "npm start serves over https, which Office requires; use npm run serve -- --http for plain http (tests, or behind a TLS proxy).",
    );
  }
}

function build(): void {
  console.log("Building the add-in (npm run build)...");
  const result = spawnSync("npm", ["run", "build"], { cwd: PROJECT_ROOT, stdio: "inherit", shell: process.platform === "win32" });
  if (result.status !== 0) throw new Error("The build failed; fix it and run npm start again.");
}

/** Where Excel on the web keeps the upload command (docs/data-service.md says the same). */
export const WEB_UPLOAD_PATH = "Home → Add-ins → More Add-ins → My Add-ins → Upload My Add-in";

function webInstructions(url: string): void {
  console.log(`
No Excel desktop on this machine. To use the add-in in Excel on the web:
  1. Open a workbook at https://excel.cloud.microsoft (or office.com → Excel).
  2. ${WEB_UPLOAD_PATH}.
  3. Upload the manifest: ${MANIFEST_PATH}
The browser must trust the development certificate for ${url} (npx office-addin-dev-certs install).`);
}

async function main(): Promise<void> {
  const { options, help } = parseServeArgs(process.argv.slice(2));
  if (help) {
    console.log(SERVE_USAGE);
    return;
  }
  checkStartOptions(options);
  const previous = readSession();
  if (previous) {
    try {
      process.kill(previous.pid, 0);
      throw new Error(`The add-in is already being served (process ${previous.pid}, ${previous.url}); run npm stop first.`);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "ESRCH") throw err;
      clearSession(); // left over from a run that did not stop cleanly
    }
  }
  build();
  const server = await startServer({ port: DEFAULT_PORT, ...options });
  console.log(`Serving the add-in and its data service on ${server.url}`);
  if (!server.addinBuilt) console.warn("The add-in is not built yet (the build left no task pane in dist/): run npm run build.");
  const sideloaded = await sideloadIntoExcel(MANIFEST_PATH);
  writeSession({ pid: process.pid, url: server.url, manifest: MANIFEST_PATH, sideloaded });
  if (!sideloaded) webInstructions(server.url);
  console.log("Ctrl-C (or npm stop) ends it.");
  const stop = () => {
    clearSession(process.pid);
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(
      err instanceof UsageError ? `${err.message}\n\n${SERVE_USAGE}` : err instanceof Error ? err.message : String(err),
    );
    process.exit(err instanceof UsageError ? 2 : 1);
  });
}
