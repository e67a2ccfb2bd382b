// The second half of `npm run build` (after tsc): the irsa CLI as one file, dist/lib/cli.js, and V8 code caches
// for it (bin/compiled.js runs them). Starting the CLI from ~300 CommonJS files cost most of `irsa validate`'s
// time: resolving, reading and compiling each one. Bundled from tsc's output (dist/lib/cli/run.js), so the
// code, its lazy require()s (a command's modules load when it runs) and the packages' CommonJS builds are the
// ones `node dist/...` runs. cdktf, constructs and the providers (synth only) and jose (check-token) stay
// outside. The bundle lives in dist/lib/ so that what the code finds next to itself at run time (tsc's
// dist/lib/synthesize.js, the synthesis build below) is where tsc and this script put it.
// Synthesis has a one-file build of its own, with its cache (buildSynthesis).
// `npm run build` runs this script a second time, in a fresh process, if the first fails: esbuild-wasm has been
// seen to fail once ("invalid size error") on a heavily loaded machine and succeed when run again.
const { execFileSync } = require("node:child_process");
const { createHash } = require("node:crypto");
const { cpSync, existsSync, readFileSync, rmSync, writeFileSync } = require("node:fs");
const { basename, dirname, join, resolve } = require("node:path");
const esbuild = require("esbuild-wasm");
const { ID_LENGTH, cacheFile } = require("../bin/compiled");
const { compiledCli } = require("../bin/dist");

const ROOT = resolve(__dirname, "..");
const EXAMPLE = join(ROOT, "examples", "irsa.yaml");

/** The commands whose warm run fills each cache (the launcher picks the cache by command). */
const WARM_RUNS = {
  start: [["--help"]],
  check: existsSync(EXAMPLE)
    ? [
        ["validate", "--config", EXAMPLE],
        ["explain", "--config", EXAMPLE],
      ]
    : [],
};

// yargs reads its translations (LANG=de prints German help) from ../locales next to its own code. In the bundle
// __dirname is the bundle's folder: there yargs' folder becomes dist/lib/yargs/build, and the build copies the
// installed yargs' locales to dist/lib/yargs/locales. (Finding the installed yargs at run time instead, with
// require.resolve through its package exports, cost every start ~3 ms.)
const YARGS = dirname(require.resolve("yargs/package.json"));
const yargsFolder = {
  name: "yargs-folder",
  setup(build) {
    build.onLoad({ filter: /[\\/]yargs[\\/]build[\\/]index\.cjs$/ }, ({ path }) => {
      const source = readFileSync(path, "utf8");
      if (!source.includes("__dirname")) throw new Error(`${path}: no __dirname to replace; check what the package update changed`);
      return { contents: source.replaceAll("__dirname", 'require("node:path").join(__dirname, "yargs", "build")'), loader: "js" };
    });
  },
};

// Every byte of the bundle is read and held at every start. zod's locale index brings every translation of its
// messages (a quarter of the bundle); irsa words its own messages and never switches zod's locale (zod sets
// English itself, from its own en module): the index keeps English only.
const englishOnlyZod = {
  name: "english-only-zod",
  setup(build) {
    build.onLoad({ filter: /[\\/]zod[\\/]v4[\\/]locales[\\/]index\.cjs$/ }, () => ({
      contents: 'Object.defineProperty(exports, "__esModule", { value: true });\nexports.en = require("./en.cjs").default;\nObject.freeze(exports);\n',
      loader: "js",
    }));
  },
};

// yargs requires node:assert at load for the two checks its shim makes (strictEqual, notStrictEqual), which pass
// in every run; loading node:assert also loads streams and opens stderr, a few ms of every start. The same checks,
// with node:assert loaded only to throw when one fails.
const assertOnFailure = {
  name: "assert-on-failure",
  setup(build) {
    build.onResolve({ filter: /^assert$/, namespace: "file" }, ({ importer }) =>
      /[\\/]yargs[\\/]/.test(importer) ? { path: "assert-on-failure", namespace: "assert-on-failure" } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: "assert-on-failure" }, () => ({
      contents:
        "exports.strictEqual = (actual, expected, message) => { if (!Object.is(actual, expected)) require(\"node:assert\").strictEqual(actual, expected, message); };\n" +
        "exports.notStrictEqual = (actual, expected, message) => { if (Object.is(actual, expected)) require(\"node:assert\").notStrictEqual(actual, expected, message); };\n",
      loader: "js",
    }));
  },
};

// yaml looks up process.env.LOG_TOKENS at every token it parses (and LOG_STREAM at every document) for debug output
// of its own; each lookup goes to the process's environment: a tenth to a third of parsing a large config. Looked up
// once, when the module loads: setting either for a debugging run still works.
const yamlDebugOnce = {
  name: "yaml-debug-once",
  setup(build) {
    build.onLoad({ filter: /[\\/]yaml[\\/]dist[\\/](parse[\\/]parser|compose[\\/]composer)\.js$/ }, ({ path }) => {
      const source = readFileSync(path, "utf8");
      const lookups = [...new Set(source.match(/node_process\.env\.LOG_[A-Z]+/g) ?? [])];
      if (lookups.length === 0) throw new Error(`${path}: no process.env lookup to hoist; check what the yaml update changed`);
      const once = (lookup) => lookup.replace("node_process.env.", "ENV_");
      let contents = source;
      for (const lookup of lookups) contents = contents.replaceAll(lookup, once(lookup));
      return { contents: `${contents}\n${lookups.map((lookup) => `var ${once(lookup)} = ${lookup};`).join("\n")}\n`, loader: "js" };
    });
  },
};

// cdktf requires archiver (and its streams, ~60 modules) when it loads, for zipping a TerraformAsset; synthesis never
// makes one. Required when cdktf first zips something instead: still bundled, no longer run in every worker.
const archiverOnUse = {
  name: "archiver-on-use",
  setup(build) {
    build.onLoad({ filter: /[\\/]cdktf[\\/]lib[\\/]private[\\/]fs\.js$/ }, ({ path }) => {
      const source = readFileSync(path, "utf8");
      const eager = 'const archiver = require("archiver");';
      if (!source.includes(eager)) throw new Error(`${path}: no eager require of archiver; check what the cdktf update changed`);
      return { contents: source.replace(eager, 'const archiver = (...args) => require("archiver")(...args);'), loader: "js" };
    });
  },
};

const PLUGINS = [yargsFolder, englishOnlyZod, assertOnFailure, yamlDebugOnce];

/** Bundles `entry` (tsc's output) into `file` with the build id on its first line; returns the id and esbuild's metafile. */
async function bundle(entry, file, options) {
  const result = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    metafile: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    plugins: PLUGINS,
    legalComments: "inline",
    logLevel: "warning",
    ...options,
  });
  // ASCII only: a single other character (a comment in a package) makes V8 hold the whole source as UTF-16,
  // decoded at every start. Escaped, it means the same in a string, a regular expression or a comment.
  const code = result.outputFiles[0].text.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
  const id = createHash("sha256").update(code).digest("hex");
  writeFileSync(file, `// build ${id}\n${code}`);
  return { id, metafile: result.metafile };
}

/**
 * Runs `warm` (statements awaited with the bundle's `exports` in scope) in a fresh process over the bundle, then
 * writes the cache V8 made of it.
 */
function writeCache(file, kind, id, warm) {
  rmSync(cacheFile(file, kind), { force: true });
  const script = `
    const { loadBundle } = require(${JSON.stringify(join(ROOT, "bin", "compiled.js"))});
    const { exports, script } = loadBundle(${JSON.stringify(file)});
    (async () => {
      ${warm}
      process.stdout.write(script.createCachedData().toString("base64"));
    })();`;
  const data = Buffer.from(execFileSync(process.execPath, ["-e", script], { cwd: ROOT, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 }), "base64");
  if (id.length !== ID_LENGTH) throw new Error("build id length");
  writeFileSync(cacheFile(file, kind), Buffer.concat([Buffer.from(id, "latin1"), data]));
}

async function buildCli() {
  const file = compiledCli(ROOT);
  cpSync(join(YARGS, "locales"), join(dirname(file), "yargs", "locales"), { recursive: true });
  const { id } = await bundle(join(ROOT, "dist", "lib", "cli", "run.js"), file, {
    // jose (JWT checks) is needed by check-token alone: loaded from node_modules when that command runs.
    external: ["cdktf", "cdktf/*", "constructs", "@cdktf/*", "jose"],
  });
  for (const [kind, runs] of Object.entries(WARM_RUNS)) {
    writeCache(
      file,
      kind,
      id,
      `const silent = { out() {}, err() {}, color: false };
      for (const argv of ${JSON.stringify(runs)}) if ((await exports.runCli(argv, silent)) !== 0) throw new Error("warm run failed: irsa " + argv.join(" "));`,
    );
  }
}

// The job side of synthesis (lib/synthesize.ts jobResult: reading an environment's part of the config, building
// and writing its stack) as one file with the packages it loads, cdktf, constructs and the providers included:
// what each synthesis worker (and `--jobs 1`) loads, about 600 CommonJS files otherwise. Beside it,
// synthesis.json names the versions of the peer dependencies inside it: lib/synthesize.ts uses the build only
// where those are the installed ones. Its cache is made under synthesis's V8 flags, as V8 takes it only under them.
async function buildSynthesis() {
  const file = join(ROOT, "dist", "lib", "synthesis.js");
  const { id, metafile } = await bundle(join(ROOT, "dist", "lib", "synthesize.js"), file, { plugins: [...PLUGINS, archiverOnUse] });
  const { peerDependencies } = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
  const inputs = Object.keys(metafile.inputs);
  const packages = Object.fromEntries(
    Object.keys(peerDependencies)
      .filter((name) => inputs.some((input) => input.startsWith(`node_modules/${name}/`)))
      .map((name) => [name, JSON.parse(readFileSync(join(ROOT, "node_modules", name, "package.json"), "utf8")).version]),
  );
  const cache = cacheFile(file, "jobs");
  writeFileSync(join(ROOT, "dist", "lib", "synthesis.json"), `${JSON.stringify({ file: basename(file), cache: basename(cache), packages }, null, 2)}\n`);
  if (!existsSync(EXAMPLE)) return;
  writeCache(
    file,
    "jobs",
    id,
    `exports.setSynthesisFlags();
      const { mkdtempSync, readFileSync, rmSync } = require("node:fs");
      const { join } = require("node:path");
      const parts = require(${JSON.stringify(join(ROOT, "dist", "lib", "config", "split.js"))}).splitEnvironments(readFileSync(${JSON.stringify(EXAMPLE)}, "utf8"));
      const scratch = mkdtempSync(join(require("node:os").tmpdir(), "irsa-build-"));
      try {
        for (const hcl of [false, true]) for (const [i, part] of parts.entries()) {
          const job = { source: { file: ${JSON.stringify(EXAMPLE)}, part, build: true }, scratch: join(scratch, hcl + "-" + i), folder: join(scratch, "out"), hcl };
          const result = exports.jobResult(job);
          if (!result.ok) throw new Error(result.error);
        }
      } finally {
        rmSync(scratch, { recursive: true, force: true });
      }`,
  );
}

async function main() {
  await buildCli();
  await buildSynthesis();
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
