/** Browser tests: the built add-in in headless Chromium (needs /usr/bin/chromium). */
const base = require("./jest.config.js");
module.exports = {
  ...base,
  roots: ["<rootDir>/test/e2e"],
  testPathIgnorePatterns: ["/node_modules/"],
  testTimeout: 180000,
};
