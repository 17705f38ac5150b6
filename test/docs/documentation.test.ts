/**
 * The README is a short front page and the details live in docs/ and CONTRIBUTING.md, so these
 * checks keep it that way: a size a newcomer reads in minutes, links that lead somewhere, and a
 * function reference that names every function Excel registers.
 */
import fs from "node:fs";
import path from "node:path";

const ROOT = path.join(__dirname, "..", "..");
const read = (file: string): string => fs.readFileSync(path.join(ROOT, file), "utf8");
const PAGES = ["README.md", "CONTRIBUTING.md", ...fs.readdirSync(path.join(ROOT, "docs")).map((f) => `docs/${f}`)].filter((f) =>
  f.endsWith(".md"),
);

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
function anchorOf(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, "")
    .replace(/ /g, "-");
}

/** Markdown links outside code spans and fences: [text](target). */
function linksOf(markdown: string): string[] {
  const prose = markdown.replace(/```[\s\S]*?```/g, "").replace(/`[^`\n]*`/g, "");
  return [...prose.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]);
}

describe("documentation", () => {
  test("the README is at most 8 KB", () => {
    expect(Buffer.byteLength(read("README.md"))).toBeLessThanOrEqual(8 * 1024);
  });

  test("the README links every detailed guide and the license", () => {
    const links = linksOf(read("README.md")).map((l) => l.split("#")[0]);
    for (const page of [
      "docs/functions.md",
      "docs/data-service.md",
      "docs/taskpane.md",
      "docs/deploying.md",
      "CONTRIBUTING.md",
      "LICENSE",
    ]) {
      expect(links).toContain(page);
    }
  });

  test.each(PAGES)("every relative link in %s leads to a file and, with #, to a heading in it", (page) => {
    const broken: string[] = [];
    for (const link of linksOf(read(page))) {
      if (/^[a-z]+:/i.test(link)) continue; // https:, mailto:
      const [file, anchor] = link.split("#");
      const target = file === "" ? page : path.posix.normalize(path.posix.join(path.posix.dirname(page), file));
      if (!fs.existsSync(path.join(ROOT, target))) {
        broken.push(`${link} (no ${target})`);
        continue;
      }
      if (anchor !== undefined && target.endsWith(".md")) {
        const anchors = [...read(target).matchAll(/^#+ (.+)$/gm)].map((m) => anchorOf(m[1]));
        if (!anchors.includes(anchor)) broken.push(`${link} (no heading #${anchor} in ${target})`);
      }
    }
    expect(broken).toEqual([]);
  });

  test("docs/functions.md describes every function the add-in registers", () => {
    const registered = (
      JSON.parse(read("test/functions/functions.expected.json")) as { functions: { name: string }[] }
    ).functions.map((f) => f.name);
    expect(registered.length).toBeGreaterThan(10);
    const reference = read("docs/functions.md");
    const missing = registered.filter((name) => !new RegExp("`" + name + "\\(").test(reference));
    expect(missing).toEqual([]);
  });
});
