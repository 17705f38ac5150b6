/** `npm stop`: undo `npm start` — remove the sideloaded add-in and stop the server it started. */
import { MANIFEST_PATH, clearSession, readSession } from "./devSession";
import { unloadFromExcel } from "./officeSideload";

async function main(): Promise<void> {
  const session = readSession();
  await unloadFromExcel(session?.manifest ?? MANIFEST_PATH);
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
