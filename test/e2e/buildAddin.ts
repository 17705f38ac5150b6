/** Builds the whole add-in (npm run build's config) and the Office stand-in into temp folders. */
import * as path from "path";
import webpack from "webpack";

export const REPO_ROOT = path.resolve(__dirname, "..", "..");

function run(config: webpack.Configuration): Promise<void> {
  return new Promise((resolve, reject) => {
    webpack(config, (err, stats) => {
      if (err) return reject(err);
      if (!stats) return reject(new Error("webpack returned no stats"));
      if (stats.hasErrors()) return reject(new Error(stats.toString({ all: false, errors: true })));
      resolve();
    });
  });
}

export function buildAddin(outputPath: string): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const makeConfig = require(path.join(REPO_ROOT, "webpack.config.js"));
  return run(makeConfig({ outputPath }, { mode: "production" }));
}

export function buildOfficeStandIn(outputPath: string): Promise<void> {
  return run({
    mode: "development",
    devtool: false,
    target: "web",
    context: REPO_ROOT,
    entry: path.join(__dirname, "officeStandIn.js"),
    output: { path: outputPath, filename: "officeStandIn.js" },
    resolve: { extensions: [".ts", ".js"] },
    module: {
      rules: [
        {
          test: /\.ts$/,
          exclude: /node_modules/,
          use: {
            loader: "ts-loader",
            // The browser's settings, as the add-in's build uses them (the root tsconfig only lists the parts).
            options: {
              transpileOnly: true,
              configFile: path.join(REPO_ROOT, "tsconfig.web.json"),
              compilerOptions: { module: "esnext", composite: false, declaration: false, emitDeclarationOnly: false },
            },
          },
        },
      ],
    },
  });
}
