// Whether dist/ (the output of `npm run build`) may run instead of the TypeScript: it must exist and be at
// least as new as every .ts file it is built from. bin/irsa.js follows this rule; the benchmark reports by it.
const { existsSync, readdirSync, statSync } = require("node:fs");
const { join } = require("node:path");

/** The folders and files `npm run build` compiles (tsconfig.build.json). */
const SOURCES = ["index.ts", "main.ts", "bin", "lib", "stacks"];

function newestSource(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return path.endsWith(".ts") ? stat.mtimeMs : 0;
  return Math.max(0, ...readdirSync(path).map((entry) => newestSource(join(path, entry))));
}

/** The one-file build of the CLI (dist/lib/cli.js, written last by `npm run build`) under the project root. */
const compiledCli = (root) => join(root, "dist", "lib", "cli.js");

/** True when dist/ exists and no source is newer than it. */
function distIsFresh(root) {
  const compiled = compiledCli(root);
  return existsSync(compiled) && statSync(compiled).mtimeMs >= Math.max(...SOURCES.map((p) => newestSource(join(root, p))));
}

module.exports = { compiledCli, distIsFresh };
