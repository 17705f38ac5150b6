/**
 * Builds the add-in: one shared-runtime page (taskpane.html) that loads the custom functions
 * (functions.js, registered from JSDoc by the metadata plugin) and the task pane UI (taskpane.js).
 *
 * env.only=functions   build just the functions bundle (fast; used by tests)
 * env.outputPath=DIR   write somewhere other than dist/ (tests build into a temp folder)
 * env.publicUrl=URL    (or ADDIN_PUBLIC_URL) the https URL the add-in is served from in production;
 *                      substituted for https://localhost:3000/ in dist/manifest.xml
 */
const path = require("path");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const { DEV_URL, normalizePublicUrl, substitutePublicUrl } = require("./scripts/manifestPublicUrl");

// Absolute, so the build works from any working directory (tests run webpack through its Node API).
const FUNCTION_FILES = [
  "src/functions/chainFunctions.ts",
  "src/functions/marketFunctions.ts",
  "src/functions/eventFunctions.ts",
  "src/functions/coMovementFunctions.ts",
].map((f) => path.resolve(__dirname, f));

module.exports = (env = {}, argv = {}) => {
  const production = argv.mode !== "development";
  // Checked here so a bad URL stops the build with a reason instead of writing a broken manifest.
  const publicUrl = normalizePublicUrl(env.publicUrl || process.env.ADDIN_PUBLIC_URL || DEV_URL);
  const onlyFunctions = env.only === "functions";
  const outputPath = path.resolve(env.outputPath || path.join(__dirname, "dist"));

  const entry = { functions: "./src/functions/index.ts" };
  if (!onlyFunctions) entry.taskpane = "./src/taskpane/index.tsx";

  const plugins = [new CustomFunctionsMetadataPlugin({ output: "functions.json", input: FUNCTION_FILES })];
  if (!onlyFunctions) {
    plugins.push(
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        chunks: ["functions", "taskpane"],
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*", to: "assets/[name][ext]" },
          {
            from: "manifest.xml",
            to: "manifest.xml",
            transform: (content) => (production ? substitutePublicUrl(content.toString(), publicUrl) : content),
          },
        ],
      }),
    );
  }

  return {
    mode: production ? "production" : "development",
    context: __dirname,
    devtool: production ? false : "source-map",
    target: ["web", "es2020"],
    entry,
    output: { path: outputPath, filename: "[name].js", clean: !onlyFunctions },
    resolve: { extensions: [".ts", ".tsx", ".js"] },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: "ts-loader",
            // The add-in's own compiler settings (DOM and Office, no Node); types are checked by
            // npm run typecheck, so the build only transpiles, to ES modules webpack can tree-shake.
            options: {
              transpileOnly: true,
              configFile: path.resolve(__dirname, "tsconfig.web.json"),
              compilerOptions: { module: "esnext", composite: false, declaration: false, emitDeclarationOnly: false },
            },
          },
        },
      ],
    },
    plugins,
    performance: { hints: false },
  };
};
