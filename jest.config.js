/** Unit and integration tests: everything that needs only `npm install`. */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testPathIgnorePatterns: ["/node_modules/", "<rootDir>/test/e2e/"],
  transform: { "^.+\\.tsx?$": ["ts-jest", { tsconfig: "<rootDir>/tsconfig.jest.json", diagnostics: { warnOnly: false } }] },
  moduleFileExtensions: ["ts", "tsx", "js", "json"],
  testTimeout: 60000,
  setupFiles: ["<rootDir>/test/setupCustomFunctions.ts"],
};
