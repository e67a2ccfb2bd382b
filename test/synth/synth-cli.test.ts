import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { runCli } from "../../lib/cli/run";
import { captureIo, EXAMPLES, ROOT, tempDir, writeConfig } from "../support";
import { BAD_INPUTS } from "../bad-inputs";
import { PROVIDER_MISSING, terraformInit, withTerraform } from "../terraform";
import { snapshot } from "./snapshot";

const DEFAULT_EXAMPLE = join(ROOT, "examples/irsa.yaml");

async function synth(...args: string[]) {
  const io = captureIo();
  const code = await runCli(["synth", ...args], io);
  return { code, stdout: io.stdout(), stderr: io.stderr() };
}

describe("irsa synth", () => {
  it.each(EXAMPLES.map((f) => [basename(f), f]))("synthesizes %s into the standard cdktf layout", async (_name, file) => {
    const out = join(tempDir(), "cdktf.out");
    const result = await synth("--config", file, "--out", out);
    expect(result).toMatchObject({ code: 0, stderr: "" });
    const manifest = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8"));
    for (const [name, stack] of Object.entries<any>(manifest.stacks)) {
      expect(stack.synthesizedStackPath).toBe(`stacks/${name}/cdk.tf.json`);
      const json = JSON.parse(readFileSync(join(out, stack.synthesizedStackPath), "utf8"));
      expect(json.resource.aws_iam_role).toBeDefined();
    }
  });

  it("is deterministic: two synths of the same config are byte-identical", async () => {
    const [a, b] = [join(tempDir(), "a"), join(tempDir(), "b")];
    for (const out of [a, b]) expect((await synth("--config", DEFAULT_EXAMPLE, "--out", out)).code).toBe(0);
    expect(snapshot(a)).toEqual(snapshot(b));
    const [ha, hb] = [join(tempDir(), "a"), join(tempDir(), "b")];
    for (const out of [ha, hb]) expect((await synth("--config", DEFAULT_EXAMPLE, "--out", out, "--hcl")).code).toBe(0);
    expect(snapshot(ha)).toEqual(snapshot(hb));
  });

  it("does not depend on where the config or the output lives", async () => {
    const text = readFileSync(DEFAULT_EXAMPLE, "utf8");
    const [a, b] = [join(tempDir(), "a"), join(tempDir(), "deeper", "b")];
    expect((await synth("--config", writeConfig(text, "irsa.yaml"), "--out", a)).code).toBe(0);
    expect((await synth("--config", writeConfig(text, "other-name.yaml"), "--out", b)).code).toBe(0);
    expect(snapshot(a)).toEqual(snapshot(b));
  });

  it("writes cdk.tf with --hcl and leaves no cdk.tf.json beside it, even over a JSON output", async () => {
    const out = join(tempDir(), "out");
    await synth("--config", join(ROOT, "examples/irsa.yaml"), "--out", out);
    expect(existsSync(join(out, "stacks/prod/cdk.tf.json"))).toBe(true);
    expect((await synth("--config", join(ROOT, "examples/irsa.yaml"), "--out", out, "--hcl")).code).toBe(0);
    const files = Object.entries(snapshot(out)).filter(([, content]) => !content.startsWith("<dir")).map(([file]) => file).sort();
    expect(files).toEqual([".irsa-synth.json", "manifest.json", "stacks/prod/cdk.tf", "stacks/prod/metadata.json", "stacks/staging/cdk.tf", "stacks/staging/metadata.json"]);
    expect(JSON.parse(readFileSync(join(out, "manifest.json"), "utf8")).stacks.prod.synthesizedStackPath).toBe("stacks/prod/cdk.tf");
  });

  it("leaves no stale stack of a removed environment", async () => {
    const out = join(tempDir(), "out");
    const config = readFileSync(join(ROOT, "examples/irsa.yaml"), "utf8");
    await synth("--config", writeConfig(config), "--out", out);
    const withoutStaging = config.replace(/\n  staging:[\s\S]*?\n(?=  # Blue\/green)/, "\n");
    expect(withoutStaging).not.toContain("staging:");
    expect((await synth("--config", writeConfig(withoutStaging), "--out", out)).code).toBe(0);
    expect(readdirSync(join(out, "stacks"))).toEqual(["prod"]);
  });

  it("synthesizes only the environments named with --env", async () => {
    const out = join(tempDir(), "out");
    expect((await synth("--config", DEFAULT_EXAMPLE, "--out", out, "--env", "prod")).code).toBe(0);
    expect(readdirSync(join(out, "stacks"))).toEqual(["prod"]);
    const unknown = await synth("--config", DEFAULT_EXAMPLE, "--out", out, "--env", "prdo");
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/--env prdo: no such environment/);
  });

  it("leaves a previous good output byte-for-byte untouched when a run fails", async () => {
    const out = join(tempDir(), "out");
    await synth("--config", DEFAULT_EXAMPLE, "--out", out);
    const before = snapshot(out);
    const bad = writeConfig(readFileSync(DEFAULT_EXAMPLE, "utf8").replace("namespace: orders", "namespace: Orders"));
    const result = await synth("--config", bad, "--out", out);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/irsa\.yaml:\d+:\d+: error: environments\.staging\.serviceAccounts\[0\]\.namespace: must be a DNS-1123 label/);
    expect(snapshot(out)).toEqual(before);
    expect(readdirSync(join(out, ".."))).toEqual(["out"]);
  });

  it("refuses to replace a folder that is not a synth output", async () => {
    const out = tempDir();
    writeFileSync(join(out, "precious.txt"), "keep me");
    const result = await synth("--config", DEFAULT_EXAMPLE, "--out", out);
    expect(result.code).toBe(2);
    expect(readFileSync(join(out, "precious.txt"), "utf8")).toBe("keep me");
  });

  it("exits 2 on a missing config and 1 on an invalid one, with one line and no stack trace (spawned)", () => {
    const missing = spawnSync(process.execPath, [join(ROOT, "bin/irsa.js"), "synth", "--config", "/nonexistent/irsa.yaml"], { encoding: "utf8" });
    expect(missing.status).toBe(2);
    expect(missing.stderr.trim()).toBe("irsa: /nonexistent/irsa.yaml: cannot read config: no such file");
    const bad = writeConfig("version: 1\nenvironments:\n  dev: { clusters: [] }\n");
    const invalid = spawnSync(process.execPath, [join(ROOT, "bin/irsa.js"), "synth", "--config", bad, "--out", join(tempDir(), "o")], { encoding: "utf8" });
    expect(invalid.status).toBe(1);
    expect(invalid.stderr).toMatch(/irsa\.yaml:3:\d+: error: environments\.dev\.clusters: an environment needs at least one cluster/);
    expect(invalid.stderr).not.toMatch(/\n\s+at /);
  });

  it("runs from npm: `npm run synth` writes the default example into cdktf.out", () => {
    const out = execFileSync(process.execPath, [join(ROOT, "bin/irsa.js"), "synth", "--config", "examples/irsa.yaml", "--out", join(tempDir(), "cdktf.out")], { cwd: ROOT, encoding: "utf8" });
    expect(out).toMatch(/stacks\/prod\/cdk\.tf\.json/);
  });
});

describe("Terraform's judgement of the JSON stacks (where a terraform binary exists)", () => {
  withTerraform.each(EXAMPLES.map((f) => [basename(f), f]))("%s: terraform init reports no warning and no error but the missing providers", async (_name, file) => {
    const out = join(tempDir(), "out");
    expect((await synth("--config", file, "--out", out)).code).toBe(0);
    for (const stack of readdirSync(join(out, "stacks"))) {
      const { warnings, errors, output } = terraformInit(readFileSync(join(out, "stacks", stack, "cdk.tf.json"), "utf8"), "cdk.tf.json");
      expect({ stack, warnings, output: warnings.length ? output : "" }).toEqual({ stack, warnings: [], output: "" });
      expect(errors.filter((e) => !PROVIDER_MISSING.test(e))).toEqual([]);
      expect(errors.length).toBeGreaterThan(0);
    }
  });
});

describe("bad input through irsa synth", () => {
  const out = join(tempDir(), "out");
  let before: Record<string, string>;
  beforeAll(async () => {
    expect((await synth("--config", DEFAULT_EXAMPLE, "--out", out)).code).toBe(0);
    before = snapshot(out);
  });

  it.each(BAD_INPUTS)("refuses %s with exit 1, one clear line each, and the previous output untouched", async (_name, yaml, expected) => {
    const result = await synth("--config", writeConfig(yaml), "--out", out);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    const lines = result.stderr.trimEnd().split("\n");
    expect(lines.some((line) => expected.test(line))).toBe(true);
    for (const line of lines) expect(line).toMatch(/\/irsa\.yaml(:\d+:\d+)?: error/);
    expect(snapshot(out)).toEqual(before);
  });
});
