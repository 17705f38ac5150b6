/**
 * `npm run bench`: runs every benchmark in turn and lets each print its own figures.
 * Each runs in its own process so one benchmark's warm caches and heap do not colour the next.
 * Pass names to run a subset: `npm run bench -- server recalc`.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const BENCHES: Record<string, string> = {
  server: "serverBench.ts",
  scale: "scaleBench.ts",
  burst: "burstBench.ts",
  recalc: "recalcBench.ts",
  taskpane: "taskpaneBench.ts",
  "market-agreement": "marketAgreement.ts",
  "csv-provider": "csvProviderCheck.ts",
  "csv-parse": "csvParseBench.ts",
  "event-agreement": "eventAgreement.ts",
  replicas: "replicasBench.ts",
  history: "historyBench.ts",
};

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !(name in BENCHES));
if (unknown.length > 0) {
  console.error(`Unknown benchmark: ${unknown.join(", ")}. Known: ${Object.keys(BENCHES).join(", ")}`);
  process.exit(2);
}

let failed = 0;
for (const [name, file] of Object.entries(BENCHES)) {
  if (wanted.length > 0 && !wanted.includes(name)) continue;
  const script = path.join(__dirname, file);
  if (!fs.existsSync(script)) continue;
  console.log(`\n=== ${name} (${file})`);
  const result = spawnSync(process.execPath, ["--import", "tsx", script], { stdio: "inherit" });
  if (result.status !== 0) {
    failed += 1;
    console.log(`=== ${name} exited with ${result.status ?? result.signal}`);
  }
}
process.exit(failed > 0 ? 1 : 0);
