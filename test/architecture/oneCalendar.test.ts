/**
 * One implementation per rule, for the rule most often rewritten: calendar arithmetic. Outside
 * src/calendar, code that adds days, finds a weekday or cuts a date out of a Date object is a
 * second calendar, which sooner or later disagrees with the first (time zones, year 0-99, leap
 * days). The markers below are how such code is written; each exception names why it is not one.
 */
import fs from "node:fs";
import path from "node:path";

const SRC = path.join(__dirname, "..", "..", "src");

const MARKERS: { pattern: RegExp; what: string }[] = [
  { pattern: /\b86_?400_?000\b/, what: "milliseconds per day" },
  { pattern: /\bDate\.UTC\(/, what: "Date.UTC" },
  { pattern: /\.getUTC(Day|Date|Month|FullYear)\(\)/, what: "a UTC field of a Date" },
  { pattern: /toISOString\(\)\.slice\(0,\s*10\)/, what: "a date cut out of toISOString" },
];

/** File (relative to src) -> why its use of a marker is not calendar arithmetic. */
const NOT_A_CALENDAR: Record<string, string> = {
  "functions/quoteTime.ts": "an instant's time of day as an Excel date-time fraction, not day arithmetic",
};

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(entry.name) ? [full] : [];
  });
}

const withoutComments = (code: string) => code.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:"'])\/\/.*$/gm, "$1");

describe("one calendar", () => {
  const files = sourceFiles(SRC)
    .map((file) => path.relative(SRC, file).split(path.sep).join("/"))
    .filter((file) => !file.startsWith("calendar/"));

  test("the scan sees the tree, and the calendar itself uses what it forbids elsewhere", () => {
    expect(files.length).toBeGreaterThan(50);
    const calendar = fs.readFileSync(path.join(SRC, "calendar", "isoDate.ts"), "utf8");
    expect(MARKERS.some((m) => m.pattern.test(calendar))).toBe(true);
  });

  test("no other part does its own date arithmetic", () => {
    const found: string[] = [];
    for (const file of files) {
      if (file in NOT_A_CALENDAR) continue;
      const code = withoutComments(fs.readFileSync(path.join(SRC, file), "utf8"));
      for (const marker of MARKERS) if (marker.pattern.test(code)) found.push(`${file}: ${marker.what}`);
    }
    expect(found).toEqual([]);
  });

  test("every exception still exists and still needs to be one", () => {
    for (const file of Object.keys(NOT_A_CALENDAR)) {
      const code = withoutComments(fs.readFileSync(path.join(SRC, file), "utf8"));
      expect(MARKERS.some((m) => m.pattern.test(code))).toBe(true);
    }
  });
});
