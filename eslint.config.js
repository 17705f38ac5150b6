/**
 * ESLint flat config: the JavaScript and typescript-eslint recommended rules everywhere, and the
 * Office add-in rules (load before read, sync after load, no sync in loops...) on the code that
 * talks to Excel.
 *
 * The Office plugin's own "recommended" preset is not used as a whole: it bundles an older copy
 * of typescript-eslint under the same plugin name (ESLint refuses two) and a Prettier rule this
 * project does not run through ESLint. Its rules are enabled here individually, at the preset's levels.
 * Formatting is Prettier's (npm run format); eslint-config-prettier, last, turns off the rules it owns.
 */
const { defineConfig } = require("eslint/config");
const js = require("@eslint/js");
const tseslint = require("typescript-eslint");
const officeAddins = require("eslint-plugin-office-addins");
const prettierConfig = require("eslint-config-prettier");

const OFFICE_ADDIN_RULES = {
  "office-addins/call-sync-after-load": "error",
  "office-addins/call-sync-before-read": "error",
  "office-addins/load-object-before-read": "error",
  "office-addins/no-context-sync-in-loop": "warn",
  "office-addins/no-empty-load": "warn",
  "office-addins/no-navigational-load": "warn",
  "office-addins/no-office-initialize": "warn",
  "office-addins/test-for-null-using-isNullObject": "error",
};

/** Node's CommonJS globals, for the few plain .js files (configs, scripts). */
const NODE_GLOBALS = {
  require: "readonly",
  module: "writable",
  exports: "writable",
  __dirname: "readonly",
  __filename: "readonly",
  process: "readonly",
  console: "readonly",
  Buffer: "readonly",
  URL: "readonly",
};

module.exports = defineConfig(
  { ignores: ["dist/**", "build-ts/**", "coverage/**", "node_modules/**", "test-results/**"] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx}"],
    // Typed linting: each file is checked with the types of the tsconfig project that owns it.
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: __dirname } },
    rules: {
      // Unused arguments named _x document a required signature (Excel passes them anyway).
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      // A promise nobody awaits loses its error (an unhandled rejection, a cell that never answers);
      // one handed where a plain callback is expected runs unawaited in the same way.
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": "error",
    },
  },
  {
    // Excel JavaScript API code: the task pane's sheet builders and the functions.
    files: ["src/taskpane/**/*.{ts,tsx}", "src/functions/**/*.ts"],
    plugins: { "office-addins": officeAddins },
    rules: OFFICE_ADDIN_RULES,
  },
  {
    // The metadata generator reads the TypeScript signature: `any` is how a custom-function
    // parameter accepts a number, text or date cell alike, and how a spill mixes text and numbers.
    files: ["src/functions/*Functions.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    // This builder counts its round trips through a local `sync()` wrapper around context.sync();
    // the Office rules only recognise a literal context.sync() call, so every read after the
    // wrapper looks unsynchronised to them. Warn here instead of failing on correct code.
    files: ["src/taskpane/sheets/etfComparisonSheet.ts"],
    rules: {
      "office-addins/call-sync-after-load": "warn",
      "office-addins/call-sync-before-read": "warn",
      "office-addins/load-object-before-read": "warn",
    },
  },
  {
    // Tests fake Office objects and read loosely typed JSON; `any` is the honest type there.
    files: ["test/**/*.{ts,tsx}"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    files: ["**/*.js"],
    languageOptions: { sourceType: "commonjs", globals: NODE_GLOBALS },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  prettierConfig,
);
