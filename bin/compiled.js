// The CLI as `npm run build` ships it: one file (dist/lib/cli.js, every module of lib/cli/run.ts and the packages
// it needs; cdktf, the providers and the AWS action catalog stay outside) run with V8's code cache for that file,
// so the functions a command runs arrive compiled instead of being parsed and compiled at every start.
// The build (scripts/build-cli.js) writes one cache per kind of command after running such commands.
// A cache is used only for the bundle it was made from (the build id on the bundle's first line) and only when V8
// accepts it (same V8 version and flags); otherwise it is ignored and V8 compiles as without it. Nothing is
// written at run time: an installed package may be read-only.
const { readFileSync } = require("node:fs");
const { dirname } = require("node:path");
const Module = require("node:module");
const vm = require("node:vm");
const { compiledCli } = require("./dist");

/** The cache of one kind of command: "check" (the commands that read a config) or "start" (--help and the rest). */
const cacheFile = (bundle, kind) => bundle.replace(/\.js$/, `.${kind}.cache`);

/** Commands whose warm runs the "check" cache holds (they read, check and model a config). */
const CHECKING_COMMANDS = ["validate", "explain", "diff", "check-token", "synth"];

/** Which cache serves these arguments: a guess from the first word that is not an option (a wrong one only costs time). */
const cacheKind = (argv) => (CHECKING_COMMANDS.includes(argv.find((arg) => !arg.startsWith("-"))) ? "check" : "start");

const BUILD_ID = /^\/\/ build ([0-9a-f]{64})\n/;
const ID_LENGTH = 64;

/** The cache bytes when the file exists and was made for this build; undefined otherwise. */
function cacheFor(file, buildId) {
  let data;
  try {
    data = readFileSync(file);
  } catch {
    return undefined;
  }
  return buildId && data.length > ID_LENGTH && data.toString("latin1", 0, ID_LENGTH) === buildId ? data.subarray(ID_LENGTH) : undefined;
}

/** Evaluates the bundle as a CommonJS module (with the given cache, if any); returns its exports and its vm.Script. */
function loadBundle(file, cache) {
  // The bundle is ASCII (the build escapes every other character): latin1 reads it as UTF-8 would, in half the time.
  const source = readFileSync(file, "latin1");
  const buildId = BUILD_ID.exec(source)?.[1];
  const script = new vm.Script(Module.wrap(source), { filename: file, cachedData: cache === undefined ? undefined : cacheFor(cache, buildId) });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, Module.createRequire(file), module, file, dirname(file));
  return { exports: module.exports, script, buildId };
}

/** Runs the CLI on these arguments from the bundle under `root`; resolves to the exit code. */
function runCompiledCli(root, argv) {
  const bundle = compiledCli(root);
  const { runCli } = loadBundle(bundle, cacheFile(bundle, cacheKind(argv))).exports;
  return runCli(argv);
}

module.exports = { BUILD_ID, ID_LENGTH, cacheFile, cacheKind, loadBundle, runCompiledCli };
