// Whether dist/ (the output of `npm run build`) may run instead of the TypeScript: it must exist and be at
// least as new as every .ts file it is built from. bin/irsa.js follows this rule; the benchmark reports by it.
const { existsSync, readdirSync, statSync } = require("node:fs");
const { join } = require("node:path");

/** The folders and files `npm run build` compiles (tsconfig.build.json). */
const SOURCES = ["index.ts", "main.ts", "bin", "lib", "stacks"];

/** The newest modification time of the .ts files at or under a path; 0 for none. One stat per .ts file only: every start pays it. */
function newestSource(path) {
  if (path.endsWith(".ts")) return statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  if (!existsSync(path)) return 0;
  let newest = 0;
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    if (entry.isDirectory() || entry.name.endsWith(".ts")) newest = Math.max(newest, newestSource(join(path, entry.name)));
  }
  return newest;
}

/** The one-file build of the CLI (dist/lib/cli.js, written last by `npm run build`) under the project root. */
const compiledCli = (root) => join(root, "dist", "lib", "cli.js");

/** True when dist/ exists and no source is newer than it. */
function distIsFresh(root) {
  const compiled = compiledCli(root);
  return existsSync(compiled) && statSync(compiled).mtimeMs >= Math.max(...SOURCES.map((p) => newestSource(join(root, p))));
}

module.exports = { compiledCli, distIsFresh };
