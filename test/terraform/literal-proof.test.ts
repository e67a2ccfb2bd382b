// Terraform's own word, where a binary and a local aws provider exist: a stack whose tags, path, policies and
// annotations hold ${...} and %{...} plans exactly those strings, in JSON and in HCL; IAM policy variables
// arrive as written. Skipped cleanly where terraform or the provider is absent.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runCli } from "../../lib/cli/run";
import { captureIo, config, ISSUER_A, planOf, tempDir, writeConfig } from "../support";
import { terraformPlan, withAwsProvider } from "../terraform";

const OWNER = '${file("/etc/hostname")}';
const PATH = "/${path.cwd}/";
const RESOURCE = "arn:aws:s3:::b/${aws:PrincipalTag/kubernetes-namespace}/*";
const ANNOTATIONS = { "example.com/note": "100%{", "example.com/${k}": "${v}" };
const LABEL = "%{ for x in [1] }x%{ endfor }";

/** The ServiceAccount only with createServiceAccount: the local provider is aws alone, no kubernetes. */
const hostile = (createServiceAccount: boolean) =>
  config(`  dev:
    rolePath: ${JSON.stringify(PATH)}
    tags: { owner: ${JSON.stringify(OWNER)}, cost: "100%{" }
    clusters: [{ name: dev, oidcIssuerUrl: "${ISSUER_A}" }]
    serviceAccounts:
      - name: api
        namespace: orders
        identity: both
        createServiceAccount: ${createServiceAccount}
        annotations: ${JSON.stringify(ANNOTATIONS)}
        labels: { team: ${JSON.stringify(LABEL)} }
        policy:
          Statement: [{ Effect: Allow, Action: ["s3:GetObject"], Resource: [${JSON.stringify(RESOURCE)}] }]
`);

async function synth(yaml: string, ...args: string[]): Promise<string> {
  const out = join(tempDir(), "out");
  expect(await runCli(["synth", "--config", writeConfig(yaml), "--out", out, ...args], captureIo())).toBe(0);
  return join(out, "stacks/dev");
}

describe("Terraform evaluates nothing of the config's strings", () => {
  const trust = planOf(hostile(false)).environments[0].roles[0].trust;

  withAwsProvider.each([["JSON"], ["HCL"]])("%s stack: the plan holds every string as written", async (format) => {
    const stack = await synth(hostile(false), ...(format === "HCL" ? ["--hcl"] : []));
    if (format === "JSON") {
      // The ServiceAccount's metadata, as the stack writes it, evaluated by Terraform as an output value.
      const withAccount = JSON.parse(readFileSync(join(await synth(hostile(true)), "cdk.tf.json"), "utf8"));
      const metadata = Object.values<any>(withAccount.resource.kubernetes_service_account_v1)[0].metadata;
      writeFileSync(join(stack, "service-account.tf.json"), JSON.stringify({ output: { service_account: { value: metadata } } }));
    }
    const plan = terraformPlan(stack);
    const values = Object.fromEntries(plan.planned_values.root_module.resources.map((r) => [r.address, r.values]));
    const role = values["aws_iam_role.orders__api"];
    expect(role).toMatchObject({ path: PATH, tags: { owner: OWNER, cost: "100%{" } });
    expect(JSON.parse(role.assume_role_policy as string)).toEqual(trust);
    expect(JSON.parse(values["aws_iam_role_policy.orders__api__inline"].policy as string).Statement[0].Resource).toEqual([RESOURCE]);
    if (format === "JSON") {
      expect(plan.planned_values.outputs?.service_account.value).toMatchObject({
        annotations: { ...ANNOTATIONS, "eks.amazonaws.com/role-arn": `arn:aws:iam::111122223333:role${PATH}dev-orders-api` },
        labels: { team: LABEL },
      });
    }
  });
});
