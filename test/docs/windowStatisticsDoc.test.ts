/**
 * The data-service guide says which code computes window statistics for whom: cells (add-in and
 * stats route) scan typed columns, and only the bar functions, called by the callers it names,
 * go through the window index. These claims are checked against the imports, so the paragraph
 * cannot drift from the code again unnoticed.
 */
import fs from "node:fs";
import path from "node:path";
import { ROOT, read } from "./docText";

function paragraph(): string {
  const guide = read("docs/data-service.md");
  const at = guide.indexOf("Window statistics in `src/market`");
  expect(at).toBeGreaterThanOrEqual(0);
  const end = guide.indexOf("\n\n", at);
  return guide.slice(at, end < 0 ? undefined : end).replace(/\s+/g, " ");
}

/** Names a file imports from its relative modules, per module ("./columnStats" -> names). */
function importsOf(file: string): Map<string, string[]> {
  const text = read(file);
  const out = new Map<string, string[]>();
  for (const m of text.matchAll(/import\s+(?:type\s+)?\{([^}]*)\}\s+from\s+"([^"]+)"/g)) {
    const names = m[1]
      .split(",")
      .map((n) => n.trim().replace(/^type\s+/, ""))
      .filter(Boolean);
    out.set(m[2], [...(out.get(m[2]) ?? []), ...names]);
  }
  return out;
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return sourceFiles(rel);
    return /\.tsx?$/.test(entry.name) ? [rel] : [];
  });
}

/** The guide's words for each caller of the bar functions, and the file that is that caller. */
const BAR_CALLERS: Record<string, string> = {
  COMPARE: "src/functions/marketFunctions.ts",
  "task pane's ETF comparison": "src/taskpane/data/comparisonData.ts",
};

describe("the data-service guide's window statistics paragraph", () => {
  const text = paragraph();

  it("says cells scan typed columns, and the code that answers cells reads columnStats, not the window index", () => {
    expect(text).toMatch(
      /Cells of VOLATILITY and MAXDRAWDOWN .* run plain scans over typed columns \(`src\/market\/columnStats\.ts`/,
    );
    const byName = importsOf("src/market/windowStatistic.ts");
    expect(byName.get("./columnStats")).toEqual(expect.arrayContaining(["seriesVolatility", "seriesMaxDrawdown"]));
    for (const file of ["src/market/windowStatistic.ts", "src/market/columnStats.ts"]) {
      expect([...importsOf(file).keys()]).not.toContain("./windowIndex");
    }
  });

  it("says the bar volatility scans and only the bar drawdown goes through the window index, and so it is", () => {
    expect(text).toMatch(/`volatility` scans the window by the same two passes/);
    expect(text).toMatch(/`maxDrawdown` goes through `src\/market\/windowIndex\.ts`/);
    expect(importsOf("src/market/risk.ts").get("./windowIndex")).toEqual(["windowMaxDrawdown"]);
    expect(importsOf("src/market/risk.ts").get("./valueStats")).toEqual(expect.arrayContaining(["volatilityOfValues"]));
  });

  it("names every caller of the bar functions outside src/market, and only those", () => {
    const callers = ["src/functions", "src/taskpane", "src/client", "src/server"]
      .flatMap(sourceFiles)
      .filter((file) =>
        [...importsOf(file)].some(
          ([from, names]) => /(^|\/)market(\/risk)?$/.test(from) && names.some((n) => n === "volatility" || n === "maxDrawdown"),
        ),
      )
      .sort();
    expect(callers).toEqual(Object.values(BAR_CALLERS).sort());
    for (const words of Object.keys(BAR_CALLERS)) expect(text).toContain(words);
  });
});
