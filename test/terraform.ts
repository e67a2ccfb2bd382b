// Terraform itself, where a binary exists: `terraform init` without providers parses a stack and reports
// its configuration warnings and errors before it fails to find the providers.
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
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


/** A local copy of the hashicorp/aws provider (`terraform init -plugin-dir`), where the machine has one. */
export const AWS_PLUGIN_DIR = process.env.IRSA_TF_PLUGIN_DIR ?? "/opt/tf-plugins";
const AWS_PLUGIN_VERSION = (() => {
  try {
    return readdirSync(join(AWS_PLUGIN_DIR, "registry.terraform.io/hashicorp/aws")).sort().pop();
  } catch {
    return undefined;
  }
})();
export const withAwsProvider = TERRAFORM && AWS_PLUGIN_VERSION ? it : it.skip;

/**
 * `terraform plan` of a stack folder against the local aws provider, offline: the version pin is set to the
 * local copy and the provider is given dummy credentials and told not to call AWS (override.tf.json). Creating
 * resources needs no API call, so the plan shows every value as Terraform evaluated it. Returns `terraform show -json`.
 */
export function terraformPlan(stackDir: string): { planned_values: { root_module: { resources: { address: string; values: Record<string, unknown> }[] }; outputs?: Record<string, { value: unknown }> } } {
  const override = {
    terraform: { required_providers: { aws: { source: "hashicorp/aws", version: AWS_PLUGIN_VERSION } } },
    provider: {
      aws: { access_key: "AKIAEXAMPLE", secret_key: "example", skip_credentials_validation: true, skip_requesting_account_id: true, skip_metadata_api_check: true, allowed_account_ids: null },
    },
  };
  writeFileSync(join(stackDir, "override.tf.json"), JSON.stringify(override));
  const env = terraformEnv();
  const run = (...args: string[]) => {
    const result = spawnSync("terraform", args, { cwd: stackDir, encoding: "utf8", env, timeout: 180_000, maxBuffer: 64 * 1024 * 1024 });
    if (result.status !== 0) throw new Error(`terraform ${args[0]} failed:\n${result.stdout}\n${result.stderr}`);
    return result.stdout;
  };
  run("init", "-input=false", "-no-color", `-plugin-dir=${AWS_PLUGIN_DIR}`);
  run("plan", "-refresh=false", "-input=false", "-no-color", "-out=irsa.tfplan");
  return JSON.parse(run("show", "-json", "irsa.tfplan"));
}

/**
 * `terraform validate` of the AWS resources of a synthesized JSON stack, against the local provider copy: the
 * version pin is set to that copy's, and everything of another provider is left out.
 */
export function terraformValidateAws(stack: Record<string, any>): { ok: boolean; output: string } {
  const only = (blocks: Record<string, unknown> | undefined) => Object.fromEntries(Object.entries(blocks ?? {}).filter(([type]) => type.startsWith("aws_")));
  const json = {
    terraform: { required_providers: { aws: { source: "hashicorp/aws", version: AWS_PLUGIN_VERSION } } },
    provider: { aws: stack.provider?.aws ?? [{}] },
    resource: only(stack.resource),
    data: only(stack.data),
  };
  const dir = tempDir("irsa-tfvalidate-");
  writeFileSync(join(dir, "main.tf.json"), JSON.stringify(json));
  const env = terraformEnv();
  const run = (args: string[]) => spawnSync("terraform", args, { cwd: dir, encoding: "utf8", env, timeout: 180_000 });
  const init = run(["init", "-backend=false", "-input=false", `-plugin-dir=${AWS_PLUGIN_DIR}`, "-no-color"]);
  if (init.status !== 0) return { ok: false, output: `${init.stdout}\n${init.stderr}` };
  const validate = run(["validate", "-no-color"]);
  return { ok: validate.status === 0, output: `${validate.stdout}\n${validate.stderr}` };
}
