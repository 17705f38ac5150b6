/**
 * Results must not depend on the machine's time zone. Two checks: the module's sources never
 * touch `Date` (the usual way local time leaks in), and the same calculations run in child
 * processes under zones at both ends of the clock give identical output.
 */

import { execFileSync } from "child_process";
import { readdirSync, readFileSync } from "fs";
import { join } from "path";

const marketDir = join(__dirname, "..", "..", "src", "market");

/** A small workload touching every date-sensitive function; prints JSON. */
const script = `
const m = require(${JSON.stringify(join(marketDir, "index.ts"))});
const days = ["2024-02-26","2024-02-27","2024-02-28","2024-02-29","2024-03-01","2024-03-04","2024-03-05","2025-02-28","2025-03-03"];
const bars = days.map((date, i) => ({ date, open: 10 + i, high: 11 + i, low: 9 + i, close: 10 + i * 0.5, adjclose: 9 + i * 0.5, volume: 100 * i }));
const out = {
  serials: ["1900-01-01","1900-02-28","1900-03-01","2024-02-29","2025-01-01"].map(m.toExcelSerial),
  fromSerials: [1, 59, 61, 45351, 45658, 45658.99].map(m.fromExcelSerial),
  parsed: [m.parseDateArgument(45658), m.parseDateArgument("2024-02-29")],
  ret: m.periodReturn(bars, "2024-03-02"),
  cagr: m.cagr(bars, "2024-02-29"),
  vol: m.volatility(bars, "2024-02-26"),
  weekly: m.historyTable(bars, [["2024-02-29", 0.1]], { start: "2024-02-27", end: "2025-03-03", interval: 1, headers: 1, properties: [0,1,2,3,4,5,6,7] }),
  monthly: m.historyTable(bars, [], { start: "2024-02-27", end: "2025-03-03", interval: 2, headers: 0, properties: [0,1] }),
  weekdays: days.map(m.weekdayIndex),
};
// the zone the child actually ran in, to prove TZ took effect (minutes west of UTC)
process.stdout.write(JSON.stringify({ zoneOffset: new Date(Date.UTC(2025, 0, 1)).getTimezoneOffset(), out }));
`;

function runIn(tz: string): { zoneOffset: number; out: unknown } {
  const stdout = execFileSync(process.execPath, ["-r", "tsx/cjs", "-e", script], {
    cwd: join(__dirname, "..", ".."),
    env: { ...process.env, TZ: tz },
    encoding: "utf8",
  });
  return JSON.parse(stdout);
}

describe("time-zone independence", () => {
  test("no source file in src/market uses Date", () => {
    const files = readdirSync(marketDir).filter((f) => f.endsWith(".ts"));
    expect(files.length).toBeGreaterThan(5);
    for (const f of files) {
      const code = readFileSync(join(marketDir, f), "utf8");
      expect({ file: f, usesDate: /\bDate\s*[.(]|new\s+Date\b/.test(code) }).toEqual({ file: f, usesDate: false });
    }
  });

  test("identical results at UTC+14, UTC-10 and UTC", () => {
    const kiritimati = runIn("Pacific/Kiritimati");
    const honolulu = runIn("Pacific/Honolulu");
    const utc = runIn("UTC");
    expect([kiritimati.zoneOffset, honolulu.zoneOffset, utc.zoneOffset]).toEqual([-840, 600, 0]);
    expect(kiritimati.out).toEqual(utc.out);
    expect(honolulu.out).toEqual(utc.out);
    const r = utc.out as { serials: number[]; fromSerials: string[]; weekdays: number[]; ret: { baseDate: string } };
    expect(r.serials).toEqual([1, 59, 61, 45351, 45658]);
    expect(r.fromSerials).toEqual(["1900-01-01", "1900-02-28", "1900-03-01", "2024-02-29", "2025-01-01", "2025-01-01"]);
    expect(r.weekdays).toEqual([0, 1, 2, 3, 4, 0, 1, 4, 0]);
    expect(r.ret.baseDate).toBe("2024-03-01");
  });
});
