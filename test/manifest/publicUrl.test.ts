/**
 * A production build moves every manifest URL from https://localhost:3000/ to the public URL;
 * a development build leaves the manifest alone.
 */
import * as fs from "fs";
import * as path from "path";
import { DEV_URL, normalizePublicUrl, substitutePublicUrl } from "../../scripts/manifestPublicUrl";
import { parseXml, walk } from "./manifestXml";

const ROOT = path.resolve(__dirname, "..", "..");
const manifest = fs.readFileSync(path.join(ROOT, "manifest.xml"), "utf8");

describe("normalizePublicUrl", () => {
  test("adds exactly one trailing slash and keeps a path", () => {
    expect(normalizePublicUrl("https://addin.example.com")).toBe("https://addin.example.com/");
    expect(normalizePublicUrl(" https://addin.example.com/tools/aichain// ")).toBe("https://addin.example.com/tools/aichain/");
    expect(normalizePublicUrl("https://addin.example.com:8443/x")).toBe("https://addin.example.com:8443/x/");
  });

  test.each([
    ["http://addin.example.com/", /https/],
    ["addin.example.com", /not a URL/],
    ["", /not a URL/],
    ["https://addin.example.com/?v=1", /query or fragment/],
    ["https://addin.example.com/#top", /query or fragment/],
    ["https://user:pw@addin.example.com/", /credentials/],
    ["https://addin.example.com/a&b/", /characters/],
  ])("rejects %j", (raw, reason) => {
    expect(() => normalizePublicUrl(raw)).toThrow(reason);
  });
});

describe("substitutePublicUrl", () => {
  const moved = substitutePublicUrl(manifest, "https://addin.example.com/aichain");

  test("leaves no development URL behind and keeps the manifest well-formed", () => {
    expect(moved).not.toContain("localhost");
    const root = parseXml(moved);
    expect(root.name).toBe("OfficeApp");
  });

  test("every URL the manifest had now points at the same file under the public URL", () => {
    const before = (manifest.match(/https:\/\/localhost:3000\/[^"<\s]*/g) ?? []).map((u) => u.slice(DEV_URL.length));
    const after = (moved.match(/https:\/\/addin\.example\.com\/aichain\/[^"<\s]*/g) ?? []).map((u) =>
      u.slice("https://addin.example.com/aichain/".length),
    );
    expect(before.length).toBeGreaterThan(5);
    expect(after).toEqual(before);
    const root = parseXml(moved);
    const values = walk(root)
      .flatMap(({ el }) => Object.values(el.attrs))
      .filter((v) => v.startsWith("https://"));
    for (const v of values) expect(v.startsWith("https://addin.example.com/aichain/")).toBe(true);
  });

  test("a bare origin (as an AppDomain is written) becomes the public origin", () => {
    const xml = "<AppDomains><AppDomain>https://localhost:3000</AppDomain></AppDomains>";
    expect(substitutePublicUrl(xml, "https://addin.example.com/aichain/")).toBe(
      "<AppDomains><AppDomain>https://addin.example.com</AppDomain></AppDomains>",
    );
  });

  test("substituting the development URL is the identity", () => {
    expect(substitutePublicUrl(manifest, DEV_URL)).toBe(manifest);
  });
});

describe("webpack wiring of the substitution", () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const makeConfig = require(path.join(ROOT, "webpack.config.js"));

  function manifestTransform(env: Record<string, string>, mode: string): (c: Buffer) => string | Buffer {
    const config = makeConfig(env, { mode });
    const copy = config.plugins.find((p: { constructor: { name: string } }) => p.constructor.name === "CopyPlugin");
    const pattern = copy.patterns.find((p: { from: string }) => p.from === "manifest.xml");
    expect(pattern.to).toBe("manifest.xml");
    return pattern.transform;
  }

  const saved = process.env.ADDIN_PUBLIC_URL;
  afterEach(() => {
    if (saved === undefined) delete process.env.ADDIN_PUBLIC_URL;
    else process.env.ADDIN_PUBLIC_URL = saved;
  });

  test("a production build with ADDIN_PUBLIC_URL writes the public URL into dist/manifest.xml", () => {
    process.env.ADDIN_PUBLIC_URL = "https://addin.example.com";
    const out = String(manifestTransform({}, "production")(Buffer.from(manifest)));
    expect(out).toContain("https://addin.example.com/functions.js");
    expect(out).not.toContain("localhost");
  });

  test("--env publicUrl wins over the environment variable", () => {
    process.env.ADDIN_PUBLIC_URL = "https://other.example.com/";
    const out = String(manifestTransform({ publicUrl: "https://addin.example.com/x" }, "production")(Buffer.from(manifest)));
    expect(out).toContain("https://addin.example.com/x/taskpane.html");
    expect(out).not.toContain("other.example.com");
  });

  test("a development build keeps localhost", () => {
    process.env.ADDIN_PUBLIC_URL = "https://addin.example.com/";
    const out = String(manifestTransform({}, "development")(Buffer.from(manifest)));
    expect(out).toBe(manifest);
  });

  test("an http public URL stops the build with a reason", () => {
    process.env.ADDIN_PUBLIC_URL = "http://addin.example.com/";
    expect(() => makeConfig({}, { mode: "production" })).toThrow(/must use https/);
  });
});
