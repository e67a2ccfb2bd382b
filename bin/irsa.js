#!/usr/bin/env node
// The irsa CLI. Runs the JavaScript that `npm run build` compiles into dist/ (npm ci runs it through
// "prepare"; the npm package ships it). In a checkout whose build is missing or older than a source file
// (./dist.js), runs the TypeScript through ts-node (a devDependency); an installed package has no sources.
const { join } = require("node:path");
const { compiledCli, distIsFresh } = require("./dist");

const root = join(__dirname, "..");
if (distIsFresh(root)) {
  require(compiledCli(root));
} else {
  require("ts-node").register({ transpileOnly: true, project: join(root, "tsconfig.json") });
  require("./irsa.ts");
}
