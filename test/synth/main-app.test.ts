// main.ts is what `cdktf synth` / `cdktf deploy` run (cdktf.json "app"); cdktf-cli passes the output folder
// in CDKTF_OUTDIR and asks for HCL with SYNTH_HCL_OUTPUT.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT, tempDir } from "../support";

function runApp(env: Record<string, string>) {
  const [command, ...args] = JSON.parse(readFileSync(join(ROOT, "cdktf.json"), "utf8")).app.split(" ");
  return spawnSync(command, args, { cwd: ROOT, encoding: "utf8", env: { ...process.env, ...env } });
}

describe("the cdktf app (main.ts)", () => {
  it("synthesizes the config named by IRSA_CONFIG into CDKTF_OUTDIR, one stack per environment", () => {
    const out = tempDir();
    const result = runApp({ IRSA_CONFIG: "examples/irsa.yaml", CDKTF_OUTDIR: out });
    expect(result.status).toBe(0);
    const manifest = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8"));
    expect(Object.keys(manifest.stacks).sort()).toEqual(["prod", "staging"]);
    expect(existsSync(join(out, "stacks/prod/cdk.tf.json"))).toBe(true);
  });

  it("writes our HCL when cdktf-cli asks for it (cdktf synth --hcl)", () => {
    const out = tempDir();
    expect(runApp({ IRSA_CONFIG: "examples/irsa.yaml", CDKTF_OUTDIR: out, SYNTH_HCL_OUTPUT: "true" }).status).toBe(0);
    const hcl = readFileSync(join(out, "stacks/prod/cdk.tf"), "utf8");
    expect(hcl).toMatch(/workspaces {\n\s+name\s+= "irsa-prod"\n\s+project = "eks-iam"/);
    expect(hcl).toContain("provider = kubernetes.prod-blue");
    expect(existsSync(join(out, "stacks/prod/cdk.tf.json"))).toBe(false);
  });

  it("fails with the CLI's one-line errors and exit codes (2: unusable file)", () => {
    const result = runApp({ IRSA_CONFIG: "/nonexistent.yaml", CDKTF_OUTDIR: tempDir() });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("/nonexistent.yaml: cannot read config: no such file");
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
