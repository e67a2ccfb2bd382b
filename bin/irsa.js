#!/usr/bin/env node
// The irsa CLI. Runs the one-file build that `npm run build` writes into dist/ (npm ci runs it through
// "prepare"; the npm package ships it), with its code cache (./compiled.js). In a checkout whose build is
// missing or older than a source file (./dist.js), runs the TypeScript through ts-node (a devDependency); an
// installed package has no sources.
const { join } = require("node:path");
const { distIsFresh } = require("./dist");

const root = join(__dirname, "..");
if (distIsFresh(root)) {
  require("./compiled")
    .runCompiledCli(root, process.argv.slice(2))
    .then((code) => {
      process.exitCode = code;
    });
} else {
  require("ts-node").register({ transpileOnly: true, project: join(root, "tsconfig.json") });
  require("./irsa.ts");
}
