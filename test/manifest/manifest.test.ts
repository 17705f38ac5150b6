/**
 * Offline checks of manifest.xml: what Office's validator and Excel's loader would reject, caught
 * before anyone sideloads. No network: the structure is checked here, the icons on disk.
 */
import * as fs from "fs";
import * as path from "path";
import { execFileSync } from "child_process";
import {
  REPO_ROOT,
  MANIFEST_PATH,
  XmlElement,
  at,
  child,
  children,
  parseXml,
  pngSize,
  readManifestText,
  walk,
} from "./manifestXml";

const DEV_ORIGIN = "https://localhost:3000/";

const text = readManifestText();
const root = parseXml(text);
const versionOverrides = child(root, "VersionOverrides");
const voHost = at(versionOverrides, "Hosts", "Host");
const resources = child(versionOverrides, "Resources");

/** Resource tables by collection, id -> DefaultValue. */
function table(collection: string, item: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const el of children(child(resources, collection), item)) {
    if (map.has(el.attrs.id)) throw new Error(`duplicate resource id ${el.attrs.id} in ${collection}`);
    map.set(el.attrs.id, el.attrs.DefaultValue);
  }
  return map;
}
const images = table("bt:Images", "bt:Image");
const urls = table("bt:Urls", "bt:Url");
const shortStrings = table("bt:ShortStrings", "bt:String");
const longStrings = table("bt:LongStrings", "bt:String");

/** Which resource collection an element's resid must point into, by the element's name. */
const RESID_COLLECTION: Record<string, Map<string, string>> = {
  "bt:Image": images,
  Runtime: urls,
  SourceLocation: urls,
  LearnMoreUrl: urls,
  FunctionFile: urls,
  Label: shortStrings,
  Title: shortStrings,
  Namespace: shortStrings,
  Description: longStrings,
};

const referencing = walk(root).filter(({ el }) => el.attrs.resid !== undefined);

function resolve(el: XmlElement): string {
  const collection = RESID_COLLECTION[el.name];
  if (!collection) throw new Error(`<${el.name}> has a resid but no known resource collection`);
  const value = collection.get(el.attrs.resid);
  if (value === undefined) throw new Error(`<${el.name} resid="${el.attrs.resid}"> resolves to nothing`);
  return value;
}

/** The repository file an add-in URL is served from, for URLs under the dev origin. */
function localPath(url: string): string {
  expect(url.startsWith(DEV_ORIGIN)).toBe(true);
  return url.slice(DEV_ORIGIN.length);
}

describe("manifest.xml structure", () => {
  test("is well-formed XML with an OfficeApp task-pane root", () => {
    expect(root.name).toBe("OfficeApp");
    expect(root.attrs["xsi:type"]).toBe("TaskPaneApp");
    expect(root.attrs.xmlns).toBe("http://schemas.microsoft.com/office/appforoffice/1.1");
    expect(versionOverrides.attrs.xmlns).toBe("http://schemas.microsoft.com/office/taskpaneappversionoverrides");
    expect(versionOverrides.attrs["xsi:type"]).toBe("VersionOverridesV1_0");
  });

  test("the parser reports malformed XML (so the check above means something)", () => {
    expect(() => parseXml(text.replace("</Hosts>", ""))).toThrow(/not well-formed/);
  });

  test("top-level elements are present and in the order the schema requires", () => {
    const schemaOrder = [
      "Id",
      "AlternateId",
      "Version",
      "ProviderName",
      "DefaultLocale",
      "DisplayName",
      "Description",
      "IconUrl",
      "HighResolutionIconUrl",
      "SupportUrl",
      "AppDomains",
      "Hosts",
      "Requirements",
      "DefaultSettings",
      "Permissions",
      "AllowSnapshot",
      "VersionOverrides",
    ];
    const names = root.children.map((c) => c.name);
    for (const n of names) expect(schemaOrder).toContain(n);
    const positions = names.map((n) => schemaOrder.indexOf(n));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    for (const required of [
      "Id",
      "Version",
      "ProviderName",
      "DefaultLocale",
      "DisplayName",
      "Description",
      "IconUrl",
      "SupportUrl",
      "Hosts",
      "Requirements",
      "DefaultSettings",
      "Permissions",
      "VersionOverrides",
    ]) {
      expect(names).toContain(required);
    }
  });

  test("id is a fixed GUID, version has up to four numeric parts, locale is en-US", () => {
    expect(child(root, "Id").text).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
    const version = child(root, "Version").text;
    expect(version).toMatch(/^\d{1,5}(\.\d{1,5}){0,3}$/);
    for (const part of version.split(".")) expect(Number(part)).toBeLessThanOrEqual(65535);
    expect(child(root, "DefaultLocale").text).toBe("en-US");
    expect(child(root, "DisplayName").attrs.DefaultValue).toBe("AICHAIN");
  });

  test("it is an Excel workbook add-in on both the base and the ribbon level", () => {
    expect(children(child(root, "Hosts"), "Host").map((h) => h.attrs.Name)).toEqual(["Workbook"]);
    expect(voHost.attrs["xsi:type"]).toBe("Workbook");
  });

  test("requires the shared runtime and the custom-functions runtime 1.1", () => {
    const sets = children(at(root, "Requirements", "Sets"), "Set").map((s) => `${s.attrs.Name} ${s.attrs.MinVersion}`);
    expect(sets).toEqual(expect.arrayContaining(["SharedRuntime 1.1", "CustomFunctionsRuntime 1.1"]));
  });

  test("asks for ReadWriteDocument, the least permission that lets the task pane read and write sheets", () => {
    expect(child(root, "Permissions").text).toBe("ReadWriteDocument");
  });

  test("element and resource ids are unique and within Office's length limits", () => {
    const resourceIds = [...images.keys(), ...urls.keys(), ...shortStrings.keys(), ...longStrings.keys()];
    expect(new Set(resourceIds).size).toBe(resourceIds.length);
    for (const id of resourceIds) expect(id.length).toBeLessThanOrEqual(32);
    const controlIds = walk(voHost)
      .filter(({ el }) => ["Group", "Control"].includes(el.name))
      .map(({ el }) => el.attrs.id);
    expect(new Set(controlIds).size).toBe(controlIds.length);
    for (const id of controlIds) expect(id).toMatch(/^[A-Za-z][A-Za-z0-9.]{0,124}$/);
  });

  test("strings fit Office's limits (short 125, long 250 characters)", () => {
    for (const v of shortStrings.values()) expect(v.length).toBeLessThanOrEqual(125);
    for (const v of longStrings.values()) expect(v.length).toBeLessThanOrEqual(250);
    expect(child(root, "DisplayName").attrs.DefaultValue.length).toBeLessThanOrEqual(125);
    expect(child(root, "Description").attrs.DefaultValue.length).toBeLessThanOrEqual(250);
  });

  test("Office's own manifest reader (used for sideloading) reads it", () => {
    // In a child Node process: the reader loads ES modules that the test sandbox cannot.
    const script =
      'require("office-addin-manifest").OfficeAddinManifest.readManifestFile(process.argv[1])' +
      ".then((m) => process.stdout.write(JSON.stringify(m)))";
    const out = execFileSync(process.execPath, ["-e", script, MANIFEST_PATH], { cwd: REPO_ROOT, encoding: "utf8" });
    const info = JSON.parse(out);
    expect(info.id).toBe(child(root, "Id").text);
    expect(info.displayName).toBe("AICHAIN");
    expect(info.hosts).toEqual(["Workbook"]);
    expect(info.permissions).toBe("ReadWriteDocument");
    expect(info.defaultSettings?.sourceLocation).toBe(`${DEV_ORIGIN}taskpane.html`);
  });
});

describe("manifest.xml resources", () => {
  test("every resid resolves to a resource in the collection its element needs", () => {
    expect(referencing.length).toBeGreaterThan(10);
    for (const { el } of referencing) expect(() => resolve(el)).not.toThrow();
  });

  test("every defined resource is used", () => {
    const used = new Set(referencing.map(({ el }) => el.attrs.resid));
    for (const id of [...images.keys(), ...urls.keys(), ...shortStrings.keys(), ...longStrings.keys()]) {
      expect({ id, used: used.has(id) }).toEqual({ id, used: true });
    }
  });

  test("every URL is https and on the development origin", () => {
    const found: string[] = [];
    for (const { el } of walk(root)) {
      for (const v of [...Object.values(el.attrs), el.text]) {
        if (
          /^[a-z][a-z0-9+.-]*:\/\//i.test(v) &&
          !v.startsWith("http://schemas.microsoft.com/") &&
          !v.startsWith("http://www.w3.org/")
        )
          found.push(v);
      }
    }
    expect(found.length).toBeGreaterThanOrEqual(images.size + urls.size + 3);
    for (const url of found) {
      expect(new URL(url).protocol).toBe("https:");
      expect(url.startsWith(DEV_ORIGIN)).toBe(true);
    }
  });

  test("every add-in URL names a file that exists in assets/ or that the build produces", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const config = require(path.join(REPO_ROOT, "webpack.config.js"))({}, { mode: "production" });
    const built = new Set<string>(Object.keys(config.entry).map((name) => `${name}.js`));
    for (const plugin of config.plugins) {
      if (plugin.constructor.name === "HtmlWebpackPlugin") built.add(plugin.userOptions.filename);
      if (plugin.constructor.name === "CustomFunctionsMetadataPlugin") built.add(plugin.options.output);
      if (plugin.constructor.name === "CopyPlugin") {
        expect(plugin.patterns).toEqual(expect.arrayContaining([expect.objectContaining({ from: "assets/*" })]));
      }
    }
    const addinUrls = [
      ...images.values(),
      ...urls.values(),
      child(root, "IconUrl").attrs.DefaultValue,
      child(root, "HighResolutionIconUrl").attrs.DefaultValue,
      child(root, "SupportUrl").attrs.DefaultValue,
      at(root, "DefaultSettings", "SourceLocation").attrs.DefaultValue,
    ];
    for (const url of addinUrls) {
      const file = localPath(url);
      const exists = file.startsWith("assets/") ? fs.existsSync(path.join(REPO_ROOT, file)) : built.has(file);
      expect({ url, exists }).toEqual({ url, exists: true });
    }
  });
});

describe("manifest.xml shared runtime and custom functions", () => {
  const runtime = at(voHost, "Runtimes", "Runtime");
  const cf = children(child(voHost, "AllFormFactors"), "ExtensionPoint").find(
    (e) => e.attrs["xsi:type"] === "CustomFunctions",
  ) as XmlElement;

  test("one long-lived runtime on the task pane page", () => {
    expect(children(child(voHost, "Runtimes"), "Runtime")).toHaveLength(1);
    expect(runtime.attrs.lifetime).toBe("long");
    expect(resolve(runtime)).toBe(`${DEV_ORIGIN}taskpane.html`);
  });

  test("the CustomFunctions extension point loads functions.js and functions.json under namespace AICHAIN", () => {
    expect(cf).toBeDefined();
    expect(resolve(at(cf, "Script", "SourceLocation"))).toBe(`${DEV_ORIGIN}functions.js`);
    expect(resolve(at(cf, "Metadata", "SourceLocation"))).toBe(`${DEV_ORIGIN}functions.json`);
    expect(resolve(child(cf, "Namespace"))).toBe("AICHAIN");
  });

  test("functions, ribbon button and function file all share the runtime's page", () => {
    const desktop = child(voHost, "DesktopFormFactor");
    const action = walk(desktop).find(({ el }) => el.name === "Action")?.el as XmlElement;
    const shared = runtime.attrs.resid;
    expect(at(cf, "Page", "SourceLocation").attrs.resid).toBe(shared);
    expect(child(action, "SourceLocation").attrs.resid).toBe(shared);
    expect(child(desktop, "FunctionFile").attrs.resid).toBe(shared);
  });

  test("a Home-tab group AICHAIN has a button that shows the task pane", () => {
    const surface = children(child(voHost, "DesktopFormFactor"), "ExtensionPoint").find(
      (e) => e.attrs["xsi:type"] === "PrimaryCommandSurface",
    ) as XmlElement;
    const tab = child(surface, "OfficeTab");
    expect(tab.attrs.id).toBe("TabHome");
    const group = child(tab, "Group");
    expect(resolve(child(group, "Label"))).toBe("AICHAIN");
    const button = children(group, "Control").find((c) => c.attrs["xsi:type"] === "Button") as XmlElement;
    expect(button).toBeDefined();
    expect(resolve(child(button, "Label")).length).toBeGreaterThan(0);
    expect(resolve(at(button, "Supertip", "Description")).length).toBeGreaterThan(0);
    const action = child(button, "Action");
    expect(action.attrs["xsi:type"]).toBe("ShowTaskpane");
    expect(child(action, "TaskpaneId").text.length).toBeGreaterThan(0);
  });
});

describe("manifest.xml icons", () => {
  const assetsDir = path.join(REPO_ROOT, "assets");

  test.each([16, 32, 64, 80, 128])("assets/icon-%i.png is a %i px square RGBA PNG", (size) => {
    const { width, height, colourType } = pngSize(path.join(assetsDir, `icon-${size}.png`));
    expect({ width, height }).toEqual({ width: size, height: size });
    expect(colourType).toBe(6); // truecolour with alpha: the background is transparent
  });

  test("every ribbon icon exists at the size its <bt:Image size> declares", () => {
    const uses = walk(voHost).filter(({ el }) => el.name === "bt:Image");
    expect(uses.length).toBeGreaterThanOrEqual(6);
    for (const { el } of uses) {
      const size = Number(el.attrs.size);
      expect([16, 20, 24, 32, 40, 48, 64, 80]).toContain(size);
      const file = path.join(REPO_ROOT, localPath(resolve(el)));
      const { width, height } = pngSize(file);
      expect({ file: path.basename(file), width, height }).toEqual({ file: path.basename(file), width: size, height: size });
    }
    const groupSizes = children(
      walk(voHost)
        .find(({ el }) => el.name === "Group")!
        .el.children.find((c) => c.name === "Icon")!,
      "bt:Image",
    ).map((i) => Number(i.attrs.size));
    expect(groupSizes).toEqual([16, 32, 80]);
  });

  test("the add-in list icons are 32/64 px (IconUrl) and 64/128 px (HighResolutionIconUrl)", () => {
    const icon = pngSize(path.join(REPO_ROOT, localPath(child(root, "IconUrl").attrs.DefaultValue)));
    const hiRes = pngSize(path.join(REPO_ROOT, localPath(child(root, "HighResolutionIconUrl").attrs.DefaultValue)));
    expect([32, 64]).toContain(icon.width);
    expect(icon.height).toBe(icon.width);
    expect([64, 128]).toContain(hiRes.width);
    expect(hiRes.height).toBe(hiRes.width);
    expect(hiRes.width).toBeGreaterThan(icon.width);
  });

  test("the PNG size reader rejects files that are not PNGs", () => {
    expect(() => pngSize(MANIFEST_PATH)).toThrow(/not a PNG/);
  });
});
