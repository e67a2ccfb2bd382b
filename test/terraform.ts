// Terraform itself, where a binary exists: `terraform init` without providers parses a stack and reports
// its configuration warnings and errors before it fails to find the providers.
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { tempDir } from "./support";

export const TERRAFORM = spawnSync("terraform", ["version"], { encoding: "utf8", env: { ...process.env, CHECKPOINT_DISABLE: "1" } }).status === 0;
export const withTerraform = TERRAFORM ? it : it.skip;

export function terraformEnv(): NodeJS.ProcessEnv {
  const dir = tempDir("irsa-tfcli-");
  const cliConfig = join(dir, "terraformrc");
  writeFileSync(cliConfig, "");
  return { ...process.env, TF_CLI_CONFIG_FILE: cliConfig, CHECKPOINT_DISABLE: "1", TF_IN_AUTOMATION: "1", TF_LOG: "" };
}

/** `terraform init` without providers: parses the configuration and reports its warnings and errors. */
export function terraformInit(text: string, fileName = "main.tf"): { warnings: string[]; errors: string[]; output: string } {
  const dir = tempDir("irsa-tfinit-");
  const plugins = join(dir, "no-plugins");
  mkdirSync(plugins);
  const stackDir = join(dir, "stack");
  mkdirSync(stackDir);
  writeFileSync(join(stackDir, fileName), text);
  const result = spawnSync("terraform", ["init", "-backend=false", "-input=false", `-plugin-dir=${plugins}`, "-no-color"], {
    cwd: stackDir,
    encoding: "utf8",
    env: terraformEnv(),
    timeout: 120_000,
  });
  const output = `${result.stdout}\n${result.stderr}`;
  const titles = (kind: string) => [...output.matchAll(new RegExp(`^${kind}: (.+)$`, "gm"))].map((m) => m[1].trim());
  return { warnings: titles("Warning"), errors: titles("Error"), output };
}

export const PROVIDER_MISSING = /^(Failed to query available provider packages|Failed to install provider|Inconsistent dependency lock file|Missing required provider)/;

