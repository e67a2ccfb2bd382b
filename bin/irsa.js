#!/usr/bin/env node
// The irsa CLI. Runs the JavaScript that `npm run build` compiles into dist/ (npm ci runs it through
// "prepare"); when that build is missing or older than a source file, runs the TypeScript through ts-node.
const { existsSync, readdirSync, statSync } = require("node:fs");
const { join } = require("node:path");

const root = join(__dirname, "..");
const compiled = join(root, "dist", "bin", "irsa.js");

function newestSource(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return path.endsWith(".ts") ? stat.mtimeMs : 0;
  return Math.max(0, ...readdirSync(path).map((entry) => newestSource(join(path, entry))));
}

const fresh = existsSync(compiled) && statSync(compiled).mtimeMs >= Math.max(...["main.ts", "bin", "lib", "stacks"].map((p) => newestSource(join(root, p))));
if (fresh) {
  require(compiled);
} else {
  require("ts-node").register({ transpileOnly: true, project: join(root, "tsconfig.json") });
  require("./irsa.ts");
}
