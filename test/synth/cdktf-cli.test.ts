// `npx cdktf synth` and `npx cdktf synth --hcl` through cdktf-cli itself, in a copy of the repository's tracked
// files (what a clean clone has; node_modules linked), offline. cdktf-cli runs main.ts, then reads what it wrote
// (manifest.json, and metadata.json for HCL stacks): the output must be exactly irsa synth's.
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { runCli } from "../../lib/cli/run";
import { captureIo, ROOT, tempDir } from "../support";
import { snapshot } from "./snapshot";

function cleanClone(): string {
  const clone = join(tempDir("irsa-clone-"), "cdktf-irsa");
  for (const file of execFileSync("git", ["ls-files", "-z"], { cwd: ROOT, encoding: "utf8" }).split("\0").filter(Boolean)) {
    mkdirSync(dirname(join(clone, file)), { recursive: true });
    cpSync(join(ROOT, file), join(clone, file));
  }
  symlinkSync(join(ROOT, "node_modules"), join(clone, "node_modules"));
  return clone;
}

function cdktf(cwd: string, ...args: string[]) {
  const result = spawnSync(join(ROOT, "node_modules/.bin/cdktf"), ["synth", ...args], {
    cwd,
    encoding: "utf8",
    env: { ...withoutConfig(process.env), CHECKPOINT_DISABLE: "1", CI: "1", FORCE_COLOR: "0" },
    timeout: 180_000,
  });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}

/** main.ts falls back to the example when IRSA_CONFIG is unset, as in a clean clone. */
const withoutConfig = ({ IRSA_CONFIG: _, ...env }: NodeJS.ProcessEnv) => env;

async function irsaSynth(out: string, ...args: string[]): Promise<void> {
  expect(await runCli(["synth", "--config", join(ROOT, "examples/irsa.yaml"), "--out", out, ...args], captureIo())).toBe(0);
}

describe("cdktf-cli (npx cdktf synth)", () => {
  it("synthesizes JSON and HCL in a clean clone, as irsa synth does, keeping Terraform's files", async () => {
    const clone = cleanClone();
    const json = cdktf(clone);
    expect(json).toMatchObject({ status: 0, output: expect.stringContaining("Generated Terraform code for the stacks: prod, staging") });
    const out = join(clone, "cdktf.out");
    const expected = join(tempDir(), "out");
    await irsaSynth(expected);
    expect(snapshot(out)).toEqual(snapshot(expected));

    writeFileSync(join(out, "stacks/prod/terraform.prod.tfstate"), '{"serial": 3}');
    const hcl = cdktf(clone, "--hcl");
    expect(hcl).toMatchObject({ status: 0, output: expect.stringContaining("Generated Terraform code for the stacks: prod, staging") });
    const expectedHcl = join(tempDir(), "out");
    await irsaSynth(expectedHcl, "--hcl");
    expect(snapshot(out)).toEqual({ ...snapshot(expectedHcl), "stacks/prod/terraform.prod.tfstate": expect.stringMatching(/{"serial": 3}$/) });
    expect(JSON.parse(readFileSync(join(out, "stacks/prod/metadata.json"), "utf8"))["//"].metadata.stackName).toBe("prod");
  });
});
