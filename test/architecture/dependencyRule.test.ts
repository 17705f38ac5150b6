/**
 * The parts' dependency rule (DESIGN.md, "The parts"), checked on the sources themselves so a
 * stray import fails the build instead of waiting for a review: chain, market and api are pure;
 * Office appears only in functions and taskpane; Node only in server.
 */
import fs from "node:fs";
import path from "node:path";
import { builtinModules } from "node:module";

const SRC = path.join(__dirname, "..", "..", "src");
type Part = "calendar" | "chain" | "market" | "api" | "client" | "functions" | "taskpane" | "server";

/** Which other parts each part may import from. */
const MAY_IMPORT: Record<Part, Part[]> = {
  // The one calendar (YYYY-MM-DD arithmetic) sits under everything, so every part shares it.
  calendar: [],
  chain: ["calendar"],
  market: ["calendar"],
  api: ["calendar"],
  client: ["api", "market", "chain", "calendar"],
  functions: ["client", "chain", "market", "api", "calendar"],
  taskpane: ["client", "chain", "market", "api", "calendar"],
  server: ["chain", "market", "api", "calendar"],
};
/** Parts that may use npm packages at all (the pure parts use none). */
const MAY_USE_PACKAGES: Part[] = ["functions", "taskpane", "server"];
const OFFICE_PARTS: Part[] = ["functions", "taskpane"];
const NODE_PARTS: Part[] = ["server"];

const NODE_BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(entry.name) ? [full] : [];
  });
}

/** Import specifiers: static imports, re-exports, dynamic import() and require(). */
function importsOf(code: string): string[] {
  const found: string[] = [];
  const patterns = [
    /\bfrom\s+["']([^"']+)["']/g,
    /\bimport\s+["']([^"']+)["']/g,
    /\b(?:require|import)\(\s*["']([^"']+)["']\s*\)/g,
  ];
  for (const pattern of patterns) for (const m of code.matchAll(pattern)) found.push(m[1]);
  return found;
}

/** Code without comments, so a comment that names Office or fs is not a use of it. */
function withoutComments(code: string): string {
  return code.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:"'])\/\/.*$/gm, "$1");
}

const PARTS = Object.keys(MAY_IMPORT) as Part[];
const files = PARTS.flatMap((part) => sourceFiles(path.join(SRC, part)).map((file) => ({ part, file })));

describe("the dependency rule between the parts", () => {
  test("every part has sources (the scan sees the tree)", () => {
    for (const part of PARTS) expect(files.some((f) => f.part === part)).toBe(true);
  });

  test.each(files.map((f) => [path.relative(SRC, f.file), f] as const))(
    "%s imports only what its part may",
    (_name, { part, file }) => {
      const code = withoutComments(fs.readFileSync(file, "utf8"));
      const problems: string[] = [];
      for (const spec of importsOf(code)) {
        if (spec.startsWith(".")) {
          const target = path.relative(SRC, path.resolve(path.dirname(file), spec)).split(path.sep)[0] as Part;
          if (target !== part && !MAY_IMPORT[part].includes(target)) problems.push(`${spec} (part ${target})`);
        } else if (NODE_BUILTINS.has(spec)) {
          if (!NODE_PARTS.includes(part)) problems.push(`${spec} (Node built-in)`);
        } else if (!MAY_USE_PACKAGES.includes(part)) {
          problems.push(`${spec} (package)`);
        }
      }
      if (!OFFICE_PARTS.includes(part)) {
        const office = code.match(/\b(Office|Excel|CustomFunctions)\.[A-Za-z]/);
        if (office) problems.push(`uses ${office[0]}… (Office)`);
      }
      if (!NODE_PARTS.includes(part)) {
        const node = code.match(/\b(process\.(env|argv|exit|cwd)|__dirname|Buffer\.)/);
        if (node) problems.push(`uses ${node[0]} (Node)`);
      }
      expect(problems).toEqual([]);
    },
  );
});
