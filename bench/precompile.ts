// bench/bare.ts transpiled to JavaScript once into the bench's temporary folder, so that the floor runs the way
// bin/irsa.js runs the CLI from a fresh dist/ (`npm run build`): no ts-node transpiling at start-up, no
// source-map-support on cdktf's per-token stack traces. Writes <dir>/bench/**/*.js, a copy of package.json and
// a node_modules symlink. Nothing in the repository is touched.
import { copyFileSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import ts from "typescript";

const SOURCE_DIRS = ["bench"];

function* typescriptFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* typescriptFiles(path);
    else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts")) yield path;
  }
}

/** Transpiles bench/ under root into dir; returns the number of files written. */
export function precompile(root: string, dir: string): number {
  const compilerOptions: ts.CompilerOptions = {
    module: ts.ModuleKind.CommonJS,
    target: ts.ScriptTarget.ES2022,
    esModuleInterop: true,
    resolveJsonModule: true,
    isolatedModules: true,
  };
  let count = 0;
  for (const sourceDir of SOURCE_DIRS) {
    for (const file of typescriptFiles(join(root, sourceDir))) {
      const output = ts.transpileModule(readFileSync(file, "utf8"), { compilerOptions, fileName: file }).outputText;
      const target = join(dir, relative(root, file)).replace(/\.ts$/, ".js");
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, output);
      count++;
    }
  }
  copyFileSync(join(root, "package.json"), join(dir, "package.json"));
  symlinkSync(join(root, "node_modules"), join(dir, "node_modules"), "dir");
  return count;
}
