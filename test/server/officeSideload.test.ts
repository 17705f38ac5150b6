import { spawnSync } from "node:child_process";
import path from "node:path";
import { OfficeDebugging, sideloadIntoExcel, unloadFromExcel } from "../../src/server/officeSideload";

/** A stand-in for office-addin-debugging that records what it was asked. */
function recordingTools(fail?: Error): { tools: OfficeDebugging; calls: unknown[][] } {
  const calls: unknown[][] = [];
  const tools: OfficeDebugging = {
    startDebugging: (manifest, options) => {
      calls.push(["start", manifest, options]);
      return fail ? Promise.reject(fail) : Promise.resolve();
    },
    stopDebugging: (manifest) => {
      calls.push(["stop", manifest]);
      return fail ? Promise.reject(fail) : Promise.resolve();
    },
  };
  return { tools, calls };
}

describe("sideloading through office-addin-debugging", () => {
  beforeEach(() => {
    jest.spyOn(console, "log").mockImplementation(() => undefined);
    jest.spyOn(console, "warn").mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  it.each(["win32", "darwin"] as const)(
    "on %s sideloads the manifest into Excel desktop without debugging or a second server",
    async (platform) => {
      const { tools, calls } = recordingTools();
      expect(await sideloadIntoExcel("/repo/manifest.xml", platform, () => Promise.resolve(tools))).toBe(true);
      expect(calls).toEqual([
        [
          "start",
          "/repo/manifest.xml",
          { appType: "desktop", app: "excel", enableDebugging: false, enableLiveReload: false, enableSideload: true },
        ],
      ]);
    },
  );

  it("on Linux neither loads the Office tooling nor sideloads, so npm start prints the Excel-on-the-web steps", async () => {
    const load = jest.fn(() => Promise.resolve(recordingTools().tools));
    expect(await sideloadIntoExcel("/repo/manifest.xml", "linux", load)).toBe(false);
    expect(await unloadFromExcel("/repo/manifest.xml", "linux", load)).toBe(false);
    expect(load).not.toHaveBeenCalled();
  });

  it("npm stop unloads the manifest it sideloaded", async () => {
    const { tools, calls } = recordingTools();
    expect(await unloadFromExcel("/repo/manifest.xml", "win32", () => Promise.resolve(tools))).toBe(true);
    expect(calls).toEqual([["stop", "/repo/manifest.xml"]]);
  });

  it("a failing sideload is a warning with the reason, not a crash of the server", async () => {
    const { tools } = recordingTools(new Error("Excel is not installed"));
    expect(await sideloadIntoExcel("/repo/manifest.xml", "darwin", () => Promise.resolve(tools))).toBe(false);
    expect(await unloadFromExcel("/repo/manifest.xml", "darwin", () => Promise.resolve(tools))).toBe(false);
    expect(console.warn).toHaveBeenCalledWith(expect.stringContaining("Excel is not installed"));
  });

  it("the installed office-addin-debugging loads in Node and offers the start and stop calls used here", () => {
    // In plain Node, as npm start loads it (Jest's module loader cannot load its ES-module dependencies).
    const probe = "const m = require('office-addin-debugging'); console.log(typeof m.startDebugging, typeof m.stopDebugging)";
    const result = spawnSync(process.execPath, ["-e", probe], { cwd: path.join(__dirname, "..", ".."), encoding: "utf8" });
    expect(result.stderr).toBe("");
    expect(result.stdout.trim()).toBe("function function");
  });
});
