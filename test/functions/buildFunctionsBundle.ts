/**
 * Builds the functions bundle (functions.js + functions.json) exactly as `npm run build` does,
 * but functions-only and into a temporary folder, so tests never touch dist/.
 * One build per test file: the promise is memoised for the file's module registry.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import webpack from "webpack";

export const REPO_ROOT = path.resolve(__dirname, "..", "..");

export interface FunctionsBuild {
  dir: string;
  /** dist/functions.js's text. */
  script: string;
  /** dist/functions.json's text (empty when no function is tagged). */
  metadataText: string;
  remove(): void;
}

let pending: Promise<FunctionsBuild> | undefined;

function runWebpack(outputPath: string): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const makeConfig = require(path.join(REPO_ROOT, "webpack.config.js"));
  const config = makeConfig({ only: "functions", outputPath }, { mode: "production" });
  return new Promise((resolve, reject) => {
    webpack(config, (err, stats) => {
      if (err) return reject(err);
      if (!stats) return reject(new Error("webpack returned no stats"));
      if (stats.hasErrors()) {
        return reject(new Error(`functions build failed:\n${stats.toString({ all: false, errors: true })}`));
      }
      resolve();
    });
  });
}

export function buildFunctionsBundle(): Promise<FunctionsBuild> {
  pending ??= (async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aichain-functions-"));
    await runWebpack(dir);
    return {
      dir,
      script: fs.readFileSync(path.join(dir, "functions.js"), "utf8"),
      metadataText: fs.readFileSync(path.join(dir, "functions.json"), "utf8"),
      remove: () => fs.rmSync(dir, { recursive: true, force: true }),
    };
  })();
  return pending;
}
