// The npm package as a cdktf app gets it: `npm pack`, installed into a throwaway app (offline: the dependencies
// and the peers cdktf, constructs and the providers are linked from this repository's node_modules), the
// example stack type-checked against the package's .d.ts, compiled and synthesized with plain node; the
// packaged irsa CLI synthesizes an example byte for byte as the golden stacks. No ts-node anywhere.
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT, tempDir } from "../support";

// bin/dist.js decides, as for the CLI, whether dist/ is current.
const { distIsFresh } = require("../../bin/dist") as { distIsFresh: (root: string) => boolean };

const PACKAGE = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
  name: string;
  dependencies: Record<string, string>;
  peerDependencies: Record<string, string>;
  files: string[];
};
const npm = (args: readonly string[], cwd: string) => execFileSync("npm", [...args, "--offline", "--no-audit", "--no-fund"], { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

/**
 * The package packed from a copy of the sources (the repository's own dist/ is never written): with the
 * repository's build when it is current (npm ci builds it), else built there by npm pack ("prepare").
 */
function pack(): { tarball: string; files: string[] } {
  const stage = tempDir("irsa-pack-");
  for (const entry of ["package.json", "tsconfig.json", "tsconfig.build.json", "index.ts", "main.ts", "bin", "lib", "stacks", "scripts", "examples", "irsa.schema.json", "docs", "README.md"]) {
    cpSync(join(ROOT, entry), join(stage, entry), { recursive: true });
  }
  symlinkSync(join(ROOT, "node_modules"), join(stage, "node_modules"));
  const built = distIsFresh(ROOT);
  if (built) cpSync(join(ROOT, "dist"), join(stage, "dist"), { recursive: true });
  const out = tempDir("irsa-tarball-");
  const [result] = JSON.parse(npm(["pack", "--json", "--pack-destination", out, ...(built ? ["--ignore-scripts"] : [])], stage)) as [{ filename: string; files: { path: string }[] }];
  return { tarball: join(out, result.filename), files: result.files.map((f) => f.path) };
}

/** A cdktf app that depends on the tarball; everything else it needs is linked from this repository. */
function installInApp(tarball: string): string {
  const app = tempDir("irsa-app-");
  const linked = Object.fromEntries([...Object.keys(PACKAGE.dependencies), ...Object.keys(PACKAGE.peerDependencies)].map((name) => [name, `file:${join(ROOT, "node_modules", name)}`]));
  writeFileSync(join(app, "package.json"), JSON.stringify({ name: "throwaway-app", private: true, dependencies: { [PACKAGE.name]: `file:${tarball}`, ...linked } }));
  npm(["install", "--ignore-scripts", "--legacy-peer-deps"], app);
  return app;
}

describe("the npm package", () => {
  let packed: { tarball: string; files: string[] };
  let app: string;
  beforeAll(() => {
    packed = pack();
    app = installInApp(packed.tarball);
  }, 300_000);

  it("ships compiled JavaScript with declarations, the catalog and the CLI, and no TypeScript sources or tests", () => {
    expect(packed.files).toEqual(expect.arrayContaining(["dist/index.js", "dist/index.d.ts", "dist/lib/constructs/irsa-role.d.ts", "dist/lib/addons/karpenter.js", "dist/lib/cli.js", "dist/lib/cli.check.cache", "dist/lib/cli.start.cache", "bin/irsa.js", "bin/compiled.js", "docs/API.md"]));
    expect(packed.files.filter((f) => (f.endsWith(".ts") && !f.endsWith(".d.ts")) || f.startsWith("test/") || f.startsWith("dist/test/"))).toEqual([]);
    const installed = JSON.parse(readFileSync(join(app, "node_modules", PACKAGE.name, "package.json"), "utf8"));
    expect(installed).toMatchObject({ main: "dist/index.js", types: "dist/index.d.ts", exports: { ".": { types: "./dist/index.d.ts" } } });
    expect(Object.keys(installed.peerDependencies).sort()).toEqual(["@cdktf/provider-aws", "@cdktf/provider-kubernetes", "cdktf", "constructs"]);
    expect(existsSync(join(app, "node_modules", "ts-node"))).toBe(false);
  });

  it("type-checks the example stack against its declarations, and synthesizes it with plain node", () => {
    cpSync(join(ROOT, "examples", "blue-green-app", "stack.ts"), join(app, "stack.ts"));
    const compilerOptions = { target: "ES2022", module: "commonjs", moduleResolution: "node", strict: true, skipLibCheck: true, outDir: "out", types: [] };
    writeFileSync(join(app, "tsconfig.json"), JSON.stringify({ compilerOptions, files: ["stack.ts"] }));
    const tsc = spawnSync(process.execPath, [join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", app], { encoding: "utf8" });
    expect(tsc.stdout + tsc.stderr).toBe("");
    writeFileSync(
      join(app, "synth.js"),
      `const { App } = require("cdktf");
const { BlueGreenStack } = require("./out/stack");
const app = new App({ outdir: "cdktf.out", skipValidation: true });
new BlueGreenStack(app, "blue-green", { accountId: "111122223333", region: "us-west-2", clusterRoleArn: "arn:aws:iam::111122223333:role/eks", subnetIds: ["subnet-1"], hostedZoneArn: "arn:aws:route53:::hostedzone/Z1" });
app.synth();
`,
    );
    const synth = spawnSync(process.execPath, ["synth.js"], { cwd: app, encoding: "utf8" });
    expect(synth.stderr).toBe("");
    const stack = JSON.parse(readFileSync(join(app, "cdktf.out", "stacks", "blue-green", "cdk.tf.json"), "utf8"));
    expect(Object.values<{ name: string }>(stack.resource.aws_iam_role).map((r) => r.name)).toContain("prod-orders-api");
    expect(Object.keys(stack.data.aws_iam_policy_document).length).toBeGreaterThan(0);
  });

  it("runs the irsa CLI from the compiled build: the example's stacks equal the golden ones", () => {
    const out = join(tempDir(), "out");
    mkdirSync(out);
    const cli = spawnSync(process.execPath, [join(app, "node_modules", PACKAGE.name, "bin", "irsa.js"), "synth", "--config", join(ROOT, "examples", "irsa.yaml"), "--out", out], { encoding: "utf8" });
    expect(cli.status).toBe(0);
    for (const stack of ["prod", "staging"]) {
      expect(readFileSync(join(out, "stacks", stack, "cdk.tf.json"), "utf8")).toBe(readFileSync(join(ROOT, "test", "golden", "irsa", `${stack}.tf.json`), "utf8"));
    }
    // validate reads the action catalog extract the package ships (dist/action-catalog), found from the bundle's folder
    const validate = spawnSync(process.execPath, [join(app, "node_modules", PACKAGE.name, "bin", "irsa.js"), "validate", "--config", join(ROOT, "examples", "irsa.yaml")], { encoding: "utf8" });
    expect({ status: validate.status, stderr: validate.stderr }).toEqual({ status: 0, stderr: "" });
    expect(validate.stdout).toMatch(/: valid \(9 roles in 2 environments\)/);
  });
});
