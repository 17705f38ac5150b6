/**
 * The dependency rule enforced by the compiler, not only by the import scan: each part is compiled
 * with its own tsconfig, which gives it only the platform it may use. A probe file placed (in
 * memory) inside a part must fail to compile when it reaches for a platform the part may not see,
 * and compile cleanly where that platform is allowed.
 */
import path from "node:path";
import ts from "typescript";

const ROOT = path.join(__dirname, "..", "..");

function optionsOf(config: string): ts.CompilerOptions {
  const parsed = ts.getParsedCommandLineOfConfigFile(
    path.join(ROOT, config),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
      },
    },
  );
  if (!parsed) throw new Error(`cannot read ${config}`);
  return {
    ...parsed.options,
    noEmit: true,
    composite: false,
    emitDeclarationOnly: false,
    declaration: false,
    incremental: false,
  };
}

/** Library declarations (DOM, Office, Node) parsed once for all probes: they are large. */
const parsedLibraries = new Map<string, ts.SourceFile | undefined>();

/** Compiles one in-memory file at `file` (relative to the repository) with a part's settings; returns the error messages. */
function compileProbe(config: string, file: string, code: string): string[] {
  const options = optionsOf(config);
  const probePath = path.join(ROOT, file);
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.readFile = (name) => (path.resolve(name) === probePath ? code : readFile(name));
  host.fileExists = (name) => path.resolve(name) === probePath || ts.sys.fileExists(name);
  host.getSourceFile = (name, language, onError, shouldCreate) =>
    path.resolve(name) === probePath
      ? ts.createSourceFile(name, code, language, true)
      : libraryFile(name, language, onError, shouldCreate);
  const libraryFile: typeof getSourceFile = (name, language, onError, shouldCreate) => {
    const key = `${name}|${typeof language === "object" ? language.languageVersion : language}`;
    if (!parsedLibraries.has(key)) parsedLibraries.set(key, getSourceFile(name, language, onError, shouldCreate));
    return parsedLibraries.get(key);
  };
  const program = ts.createProgram({ rootNames: [probePath], options, host });
  return ts.getPreEmitDiagnostics(program).map((d) => `TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, " ")}`);
}

const DOM_PROBE = "export function width(element: HTMLElement): number { return element.clientWidth; }\n";
const NODE_PROBE = 'import fs from "node:fs";\nexport const exists = (p: string): boolean => fs.existsSync(p);\n';
const OFFICE_PROBE = "export const run = (): Promise<void> => Excel.run(async () => undefined);\n";

describe("each part compiles with only the platform it may use", () => {
  test("a DOM type used in src/market does not compile", () => {
    expect(compileProbe("tsconfig.pure.json", "src/market/probe.ts", DOM_PROBE)).toEqual([
      expect.stringMatching(/TS2304: Cannot find name 'HTMLElement'/),
    ]);
  });

  test("Node and Office are unknown in the pure parts too", () => {
    expect(compileProbe("tsconfig.pure.json", "src/api/probe.ts", NODE_PROBE)).toEqual([
      expect.stringMatching(/TS2307: Cannot find module 'node:fs'/),
    ]);
    expect(compileProbe("tsconfig.pure.json", "src/chain/probe.ts", OFFICE_PROBE)).toEqual([
      expect.stringMatching(/TS2304: Cannot find name 'Excel'/),
    ]);
  });

  test("the add-in's parts have DOM and Office but not Node", () => {
    expect(compileProbe("tsconfig.web.json", "src/taskpane/probe.ts", DOM_PROBE)).toEqual([]);
    expect(compileProbe("tsconfig.web.json", "src/functions/probe.ts", OFFICE_PROBE)).toEqual([]);
    expect(compileProbe("tsconfig.web.json", "src/client/probe.ts", NODE_PROBE)).toEqual([
      expect.stringMatching(/TS2307: Cannot find module 'node:fs'/),
    ]);
  });

  test("the server has Node but neither DOM nor Office", () => {
    expect(compileProbe("tsconfig.node.json", "src/server/probe.ts", NODE_PROBE)).toEqual([]);
    expect(compileProbe("tsconfig.node.json", "src/server/probe.ts", DOM_PROBE)).toEqual([
      expect.stringMatching(/TS2304: Cannot find name 'HTMLElement'/),
    ]);
    expect(compileProbe("tsconfig.node.json", "src/server/probe.ts", OFFICE_PROBE)).toEqual([
      expect.stringMatching(/TS2304: Cannot find name 'Excel'/),
    ]);
  });

  test("each part's tsconfig covers exactly its folders", () => {
    const includes = (config: string) =>
      (ts.readConfigFile(path.join(ROOT, config), ts.sys.readFile).config as { include: string[] }).include;
    expect(includes("tsconfig.pure.json").sort()).toEqual(["src/api", "src/calendar", "src/chain", "src/market"]);
    expect(includes("tsconfig.web.json").sort()).toEqual(["src/client", "src/functions", "src/taskpane"]);
    expect(includes("tsconfig.node.json")).toContain("src/server");
  });
});
