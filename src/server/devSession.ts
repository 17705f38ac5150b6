/**
 * What `npm start` leaves behind for `npm stop`: the server's process id and the manifest it
 * sideloaded, in a small JSON file in the per-user data folder.
 */
import fs from "node:fs";
import path from "node:path";
import { userDataDir } from "./cache/dataDir";

export interface DevSession {
  pid: number;
  url: string;
  manifest: string;
  sideloaded: boolean;
}

export const PROJECT_ROOT = path.resolve(__dirname, "..", "..");
export const MANIFEST_PATH = path.join(PROJECT_ROOT, "manifest.xml");

export function sessionFile(): string {
  return path.join(userDataDir(), "dev-server.json");
}

export function writeSession(session: DevSession): void {
  fs.mkdirSync(path.dirname(sessionFile()), { recursive: true });
  fs.writeFileSync(sessionFile(), JSON.stringify(session, null, 2));
}

export function readSession(): DevSession | undefined {
  try {
    return JSON.parse(fs.readFileSync(sessionFile(), "utf8")) as DevSession;
  } catch {
    return undefined;
  }
}

export function clearSession(pid?: number): void {
  const current = readSession();
  if (pid !== undefined && current && current.pid !== pid) return; // another start took over
  fs.rmSync(sessionFile(), { force: true });
}

/** Excel desktop exists (and can be sideloaded into) only on Windows and macOS. */
export function hasExcelDesktop(platform: NodeJS.Platform = process.platform): boolean {
  return platform === "win32" || platform === "darwin";
}
