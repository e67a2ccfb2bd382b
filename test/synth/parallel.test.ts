// Environments synthesized in worker threads write byte for byte what one cdktf App holding every stack writes:
// the stacks, the manifest, the order of the "wrote" lines.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { synthesizeApp } from "../../lib/app";
import { runCli } from "../../lib/cli/run";
import { loadConfig } from "../../lib/config/load";
import { buildPlan } from "../../lib/model/build";
import { OWNERSHIP_RECORD } from "../../lib/output";
import { defaultJobs, synthesisBuildIn } from "../../lib/synthesize";
import { captureIo, config, ROOT, tempDir, writeConfig } from "../support";
import { snapshot } from "./snapshot";

async function synth(file: string, ...args: string[]) {
  const out = join(tempDir(), "out");
  const io = captureIo();
  const code = await runCli(["synth", "--config", file, "--out", out, ...args], io);
  return { code, files: code === 0 ? snapshot(out) : {}, stdout: io.stdout().split(out).join("<out>"), stderr: io.stderr() };
}

const issuer = (n: number) => `https://oidc.eks.us-west-2.amazonaws.com/id/${String(n).repeat(32)}`;

/** Five environments (one of them blue/green), named out of alphabetical order; the last the largest (workers start it first). */
const FLEET = writeConfig(
  config(
    ["prod", "dev", "qa-eu", "qa", "sandbox"]
      .map(
        (env, i) => `  ${env}:
    clusters:
      - { name: ${env}-a, oidcIssuerUrl: "${issuer(i)}" }${i === 0 ? `\n      - { name: ${env}-b, oidcIssuerUrl: "${issuer(9)}" }` : ""}
    addons: { awsLoadBalancerController: {} }
    serviceAccounts:
      - { name: api, namespace: orders, policyArns: ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"] }
      - name: worker
        namespace: jobs
        policy: { Statement: [{ Effect: Allow, Action: ["sqs:SendMessage"], Resource: ["arn:aws:sqs:us-west-2:111122223333:jobs-${env}"] }] }
${i === 4 ? ["a", "b", "c"].map((n) => `      - { name: batch-${n}, namespace: jobs, policyArns: ["arn:aws:iam::aws:policy/AmazonSQSFullAccess"] }\n`).join("") : ""}`,
      )
      .join(""),
  ),
);

describe("irsa synth --jobs", () => {
  it("writes in worker threads what one cdktf App holding every stack writes, manifest included", async () => {
    const oneApp = tempDir();
    synthesizeApp(buildPlan(loadConfig(FLEET)).environments, oneApp);
    const single = await synth(FLEET, "--jobs", "1");
    const parallel = await synth(FLEET, "--jobs", "2");
    const { [OWNERSHIP_RECORD]: record, ...files } = single.files;
    expect(record).toBeDefined();
    expect(Object.keys(files).filter((f) => f.endsWith("cdk.tf.json"))).toHaveLength(5);
    expect(files).toEqual(snapshot(oneApp));
    expect(parallel).toEqual(single);
  });

  it("writes the same HCL in worker threads as in one process", async () => {
    const single = await synth(FLEET, "--jobs", "1", "--hcl");
    expect(single.code).toBe(0);
    expect(await synth(FLEET, "--jobs", "2", "--hcl")).toEqual(single);
  });

  it("refuses a --jobs that is not a positive whole number", async () => {
    for (const jobs of ["0", "1.5", "many"]) {
      const result = await synth(FLEET, "--jobs", jobs);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/^irsa: --jobs .*: must be a whole number of at least 1\n$/);
    }
  });

  it("with --env, reads and checks every environment but builds the stack of the named one only", async () => {
    const app = require("../../lib/app") as typeof import("../../lib/app");
    const built = jest.spyOn(app, "writeStacks");
    try {
      const only = await synth(FLEET, "--jobs", "1", "--env", "qa");
      expect(only.code).toBe(0);
      expect(built.mock.calls.map(([environments]) => environments.map((e) => e.name))).toEqual([["qa"]]);
    } finally {
      built.mockRestore();
    }
    // An environment left out is still read: its finding refuses the config, located in the file.
    const broken = writeConfig(readFileSync(FLEET, "utf8").replace("namespace: jobs\n", "namespace: jobs\n        tokenExpiration: 5\n"));
    const refused = await synth(broken, "--jobs", "2", "--env", "qa");
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/irsa\.yaml:\d+:\d+: error \[IRSA\d+\]: environments\.prod\.serviceAccounts\[1\]\.tokenExpiration/);
  });

  it("reads the whole file when an environment does not read alone (an alias to another's anchor), in workers too", async () => {
    const text = readFileSync(FLEET, "utf8").replace("name: api,", "name: api, labels: &team { team: orders },").replace(/(  dev:\n(?:.*\n)*?      - \{ name: api,)/, "$1 labels: *team,");
    expect(text).toContain("*team");
    const aliased = writeConfig(text);
    const oneApp = tempDir();
    synthesizeApp(buildPlan(loadConfig(aliased)).environments, oneApp);
    const single = await synth(aliased, "--jobs", "1");
    expect(single.code).toBe(0);
    const { [OWNERSHIP_RECORD]: _record, ...files } = single.files;
    expect(files).toEqual(snapshot(oneApp));
    expect(await synth(aliased, "--jobs", "2")).toEqual(single);
  });

  it("starts no worker for a small fleet", () => {
    expect(defaultJobs(5, readFileSync(FLEET, "utf8").length)).toBe(1);
    expect(defaultJobs(5, 10_000_000)).toBe(Math.min(5, availableParallelism()));
  });
});

// The synthesis build (scripts/build-cli.js: dist/lib/synthesis.js, its code cache, synthesis.json) that workers and
// --jobs 1 run where `npm run build` made it: the same files as the TypeScript writes, its cache taken by V8.
const { distIsFresh } = require("../../bin/dist") as { distIsFresh(root: string): boolean };

(distIsFresh(ROOT) ? describe : describe.skip)("the synthesis build (dist/lib/synthesis.js, current)", () => {
  const built = join(ROOT, "dist", "lib");

  /** The built CLI's synth in a fresh process; whether this thread required cdktf's App or a provider resource from node_modules. */
  function builtSynth(args: readonly string[]): { files: Record<string, string>; fromNodeModules: string[] } {
    const out = join(tempDir(), "out");
    const script = `
      require(${JSON.stringify(join(ROOT, "bin", "compiled.js"))}).runCompiledCli(${JSON.stringify(ROOT)}, ${JSON.stringify(["synth", "--config", FLEET, "--out", out, ...args])}).then((code) => {
        if (code !== 0) process.exit(code);
        const synthesis = Object.keys(require.cache).filter((f) => /node_modules[\\\\/](cdktf[\\\\/]lib[\\\\/]app\\.js|@cdktf[\\\\/]provider-aws[\\\\/]lib[\\\\/]iam-role[\\\\/])/.test(f));
        process.stderr.write(JSON.stringify(synthesis));
      });`;
    const run = spawnSync(process.execPath, ["-e", script], { encoding: "utf8" });
    expect(run.status).toBe(0);
    return { files: snapshot(out), fromNodeModules: JSON.parse(run.stderr) as string[] };
  }

  it("writes in workers and in one thread what the TypeScript writes, HCL too; cdktf comes from the build", async () => {
    for (const args of [[], ["--hcl"]]) {
      const expected = await synth(FLEET, "--jobs", "2", ...args);
      for (const jobs of ["1", "2"]) expect(builtSynth(["--jobs", jobs, ...args])).toEqual({ files: expected.files, fromNodeModules: [] });
    }
  });

  it("is used where the installed cdktf, constructs and providers are the ones inside it, with a cache V8 takes", () => {
    const build = synthesisBuildIn(built);
    expect(build).toEqual({ file: join(built, "synthesis.js"), cache: join(built, "synthesis.jobs.cache") });
    const described = JSON.parse(readFileSync(join(built, "synthesis.json"), "utf8")) as { packages: Record<string, string> };
    expect(Object.keys(described.packages).sort()).toEqual(["@cdktf/provider-aws", "@cdktf/provider-kubernetes", "cdktf", "constructs"]);
    const other = tempDir();
    writeFileSync(join(other, "synthesis.json"), JSON.stringify({ ...described, packages: { ...described.packages, cdktf: "0.20.0" } }));
    expect(synthesisBuildIn(other)).toBeUndefined();
    mkdirSync(join(other, "none"));
    expect(synthesisBuildIn(join(other, "none"))).toBeUndefined();
    const script = `
      const { loadBundle } = require(${JSON.stringify(join(ROOT, "bin", "compiled.js"))});
      require(${JSON.stringify(join(built, "synthesize.js"))}).setSynthesisFlags();
      const { script } = loadBundle(${JSON.stringify(build!.file)}, ${JSON.stringify(build!.cache)});
      process.stdout.write(JSON.stringify({ rejected: script.cachedDataRejected }));`;
    const run = spawnSync(process.execPath, ["-e", script], { encoding: "utf8" });
    expect(run.stderr).toBe("");
    expect(JSON.parse(run.stdout)).toEqual({ rejected: false });
  });
});
