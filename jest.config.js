/**
 * Tests are transpiled only (tsconfig.json sets isolatedModules, which ts-jest follows); `npm test` type-checks
 * once with `tsc --noEmit` first. Each run writes its temporary files into one folder it removes at the end.
 */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test", "<rootDir>/examples"],
  // The example app imports the package by its name, as a user's app does.
  moduleNameMapper: { "^cdktf-irsa$": "<rootDir>/index.ts" },
  testMatch: ["**/*.test.ts"],
  transform: { "^.+\\.ts$": ["ts-jest", { diagnostics: false }] },
  setupFilesAfterEnv: ["<rootDir>/test/setup.ts"],
  globalSetup: "<rootDir>/test/global-setup.ts",
  globalTeardown: "<rootDir>/test/global-teardown.ts",
  cacheDirectory: "<rootDir>/node_modules/.cache/jest",
  testTimeout: 60000,
};
