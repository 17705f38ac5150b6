/** `npm stop`: undo `npm start` — remove the sideloaded add-in and stop the server it started. */
import { MANIFEST_PATH, clearSession, hasExcelDesktop, readSession } from "./devSession";

async function unregister(manifest: string): Promise<void> {
  if (!hasExcelDesktop()) return;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const devSettings = require("office-addin-dev-settings") as { unregisterAddIn(manifest: string): Promise<void> };
    await devSettings.unregisterAddIn(manifest);
    console.log("Removed the sideloaded add-in from Excel desktop.");
  } catch (err) {
    console.warn(`Could not remove the sideloaded add-in (${err instanceof Error ? err.message : String(err)}).`);
  }
}

async function main(): Promise<void> {
  const session = readSession();
  await unregister(session?.manifest ?? MANIFEST_PATH);
  if (!session) {
    console.log("No running add-in server was recorded; nothing to stop.");
    return;
  }
  try {
    process.kill(session.pid, "SIGTERM");
    console.log(`Stopped the add-in server (process ${session.pid}, ${session.url}).`);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ESRCH") throw err;
    console.log("The recorded add-in server had already stopped.");
  }
  clearSession();
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
