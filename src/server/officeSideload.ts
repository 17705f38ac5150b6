/**
 * Sideloading into Excel desktop through the Office tooling the official templates use
 * (office-addin-debugging: it registers the manifest as a developer add-in and opens Excel, and
 * undoes both on stop). Debugging and live reload stay off: `npm start` serves a production
 * build, and its own process is the server, so the tooling starts no dev server of its own.
 */
import type { OfficeApp } from "office-addin-manifest";
import { hasExcelDesktop } from "./devSession";

/** The two calls of office-addin-debugging this project uses; a seam for tests. */
export interface OfficeDebugging {
  startDebugging(
    manifestPath: string,
    options: { appType: "desktop"; app: OfficeApp; enableDebugging: boolean; enableLiveReload: boolean; enableSideload: boolean },
  ): Promise<void>;
  stopDebugging(manifestPath: string): Promise<void>;
}

async function officeDebugging(): Promise<OfficeDebugging> {
  // Loaded only where Excel exists: it pulls in the Office dev-settings stack, which npm run serve never needs.
  return (await import("office-addin-debugging")) as unknown as OfficeDebugging;
}

function reason(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * One step of the tooling where Excel desktop exists: true with `done` said, or false with why it
 * failed (a failed step must not stop npm start or npm stop).
 */
async function onExcelDesktop(
  platform: NodeJS.Platform,
  load: () => Promise<OfficeDebugging>,
  step: (tools: OfficeDebugging) => Promise<void>,
  done: string,
  failed: string,
): Promise<boolean> {
  if (!hasExcelDesktop(platform)) return false;
  try {
    await step(await load());
    console.log(done);
    return true;
  } catch (err) {
    console.warn(`${failed} (${reason(err)}).`);
    return false;
  }
}

/** Sideloads the manifest into Excel desktop and opens Excel; false where there is no Excel desktop or it failed. */
export function sideloadIntoExcel(
  manifest: string,
  platform: NodeJS.Platform = process.platform,
  load: () => Promise<OfficeDebugging> = officeDebugging,
): Promise<boolean> {
  return onExcelDesktop(
    platform,
    load,
    (tools) =>
      tools.startDebugging(manifest, {
        appType: "desktop",
        app: "excel" as OfficeApp,
        enableDebugging: false,
        enableLiveReload: false,
        enableSideload: true,
      }),
    "Sideloaded into Excel desktop; Excel is starting with the add-in.",
    "Could not sideload into Excel desktop",
  );
}

/** Removes the sideloaded add-in from Excel desktop; false where there is none or it failed. */
export function unloadFromExcel(
  manifest: string,
  platform: NodeJS.Platform = process.platform,
  load: () => Promise<OfficeDebugging> = officeDebugging,
): Promise<boolean> {
  return onExcelDesktop(
    platform,
    load,
    (tools) => tools.stopDebugging(manifest),
    "Removed the sideloaded add-in from Excel desktop.",
    "Could not remove the sideloaded add-in",
  );
}
