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

/** Sideloads the manifest into Excel desktop and opens Excel; false where there is no Excel desktop or it failed. */
export async function sideloadIntoExcel(
  manifest: string,
  platform: NodeJS.Platform = process.platform,
  load: () => Promise<OfficeDebugging> = officeDebugging,
): Promise<boolean> {
  if (!hasExcelDesktop(platform)) return false;
  try {
    const tools = await load();
    await tools.startDebugging(manifest, {
      appType: "desktop",
      app: "excel" as OfficeApp,
      enableDebugging: false,
      enableLiveReload: false,
      enableSideload: true,
    });
    console.log("Sideloaded into Excel desktop; Excel is starting with the add-in.");
    return true;
  } catch (err) {
    console.warn(`Could not sideload into Excel desktop (${reason(err)}).`);
    return false;
  }
}

/** Removes the sideloaded add-in from Excel desktop; false where there is none or it failed. */
export async function unloadFromExcel(
  manifest: string,
  platform: NodeJS.Platform = process.platform,
  load: () => Promise<OfficeDebugging> = officeDebugging,
): Promise<boolean> {
  if (!hasExcelDesktop(platform)) return false;
  try {
    const tools = await load();
    await tools.stopDebugging(manifest);
    console.log("Removed the sideloaded add-in from Excel desktop.");
    return true;
  } catch (err) {
    console.warn(`Could not remove the sideloaded add-in (${reason(err)}).`);
    return false;
  }
}
