/**
 * Where the cache lives by default: the per-user data folder of each platform
 * (%LOCALAPPDATA% on Windows, ~/Library/Application Support on macOS, $XDG_DATA_HOME or
 * ~/.local/share elsewhere), in an "aichain" folder.
 */
import os from "node:os";
import path from "node:path";

export function userDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const home = os.homedir();
  if (platform === "win32") return path.join(env.LOCALAPPDATA || path.join(home, "AppData", "Local"), "aichain");
  if (platform === "darwin") return path.join(home, "Library", "Application Support", "aichain");
  return path.join(env.XDG_DATA_HOME || path.join(home, ".local", "share"), "aichain");
}

export function defaultCacheFile(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  return path.join(userDataDir(env, platform), "market-cache.sqlite");
}
