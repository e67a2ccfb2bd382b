/** Tests are transpiled only (isolatedModules); `npm test` type-checks once with `tsc --noEmit` first. */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test", "<rootDir>/examples"],
  // The example app imports the package by its name, as a user's app does.
  moduleNameMapper: { "^cdktf-irsa$": "<rootDir>/index.ts" },
  testMatch: ["**/*.test.ts"],
  transform: { "^.+\\.ts$": ["ts-jest", { isolatedModules: true, diagnostics: false }] },
  setupFilesAfterEnv: ["<rootDir>/test/setup.ts"],
  testTimeout: 60000,
};
