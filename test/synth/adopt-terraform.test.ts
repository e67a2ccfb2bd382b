// Terraform itself judges the adoption output where a terraform binary and a local hashicorp/aws provider exist
// (IRSA_TF_PLUGIN_DIR, else /opt/tf-plugins): `terraform validate` accepts the import blocks and the exclusive
// policy resources against the real provider schema. The kubernetes parts are dropped (no provider plugin here).
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runCli } from "../../lib/cli/run";
import { captureIo, config, ISSUER_A, ROOT, tempDir, writeConfig } from "../support";
import { TERRAFORM, terraformEnv } from "../terraform";

const PLUGIN_DIR = process.env.IRSA_TF_PLUGIN_DIR ?? "/opt/tf-plugins";
const AWS_PLUGIN = join(PLUGIN_DIR, "registry.terraform.io", "hashicorp", "aws");
const available = TERRAFORM && existsSync(AWS_PLUGIN) && readdirSync(AWS_PLUGIN).length > 0;
const withAwsProvider = available ? it : it.skip;

/** The stack's AWS part: kubernetes provider, resources and their import blocks removed; the aws pin relaxed to the local plugin. */
function awsPart(stack: Record<string, any>): Record<string, any> {
  const { kubernetes: _k8s, ...providers } = stack.terraform.required_providers;
  const resources = Object.fromEntries(Object.entries(stack.resource).filter(([type]) => !type.startsWith("kubernetes_")));
  return {
    ...stack,
    terraform: { required_providers: { ...providers, aws: { source: "hashicorp/aws", version: `>= ${readdirSync(AWS_PLUGIN)[0]}` } } },
    provider: { aws: stack.provider.aws },
    resource: resources,
    ...(stack.import ? { import: stack.import.filter((i: { to: string }) => !i.to.startsWith("kubernetes_")) } : {}),
  };
}

/** One working folder, initialized once (loading the provider is the slow part); each stack replaces main.tf.json. */
let folder: string | undefined;
const terraform = (dir: string, ...args: string[]) => spawnSync("terraform", args, { cwd: dir, encoding: "utf8", env: terraformEnv(), timeout: 120_000 });

function validate(stack: Record<string, any>): { valid: boolean; diagnostics: { severity: string; summary: string }[] } {
  const first = folder === undefined;
  folder ??= tempDir("irsa-tfvalidate-");
  writeFileSync(join(folder, "main.tf.json"), JSON.stringify(awsPart(stack), null, 2));
  if (first) {
    const init = terraform(folder, "init", "-backend=false", "-input=false", `-plugin-dir=${PLUGIN_DIR}`, "-no-color");
    if (init.status !== 0) throw new Error(`terraform init failed:\n${init.stdout}\n${init.stderr}`);
  }
  return JSON.parse(terraform(folder, "validate", "-json", "-no-color").stdout);
}

async function synthJson(file: string, environment: string): Promise<Record<string, any>> {
  const out = join(tempDir(), "out");
  expect(await runCli(["synth", "--config", file, "--out", out], captureIo())).toBe(0);
  return JSON.parse(readFileSync(join(out, "stacks", environment, "cdk.tf.json"), "utf8"));
}

describe("terraform validate (local aws provider)", () => {
  withAwsProvider("accepts the import blocks of the imported eksctl cluster-13", async () => {
    const stack = await synthJson(join(ROOT, "examples", "eksctl-cluster-13.yaml"), "cluster-13");
    expect(awsPart(stack).import.length).toBeGreaterThan(5);
    expect(validate(stack)).toMatchObject({ valid: true, diagnostics: [] });
    // The same check refuses a malformed import block (an address that names no resource instance).
    const broken = { ...stack, import: [...stack.import, { to: "aws_iam_role", id: "x" }] };
    expect(validate(broken)).toMatchObject({ valid: false });
  }, 180_000);

  withAwsProvider("accepts aws_iam_role_policy_attachments_exclusive and aws_iam_role_policies_exclusive", async () => {
    const file = writeConfig(config(`  dev:
    exclusivePolicies: true
    clusters: [{ name: dev, oidcIssuerUrl: "${ISSUER_A}" }]
    serviceAccounts:
      - name: api
        namespace: web
        policyArns: ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"]
        policy: { Statement: [{ Effect: Allow, Action: [sqs:SendMessage], Resource: [arn:aws:sqs:us-west-2:111122223333:q] }] }
`));
    const stack = await synthJson(file, "dev");
    expect(Object.keys(stack.resource)).toEqual(expect.arrayContaining(["aws_iam_role_policy_attachments_exclusive", "aws_iam_role_policies_exclusive"]));
    expect(validate(stack)).toMatchObject({ valid: true, diagnostics: [] });
  }, 180_000);
});
