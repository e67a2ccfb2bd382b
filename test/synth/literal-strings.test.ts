// Strings are data: whatever the config says reaches Terraform escaped, in JSON and in HCL, and Terraform
// evaluates none of it. IAM policy variables arrive at IAM as written.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse as hcl2json } from "@cdktf/hcl2json";
import { synthesizeApp } from "../../lib/app";
import { renderHcl } from "../../lib/hcl/render";
import { config, errorsOf, ISSUER_A, planOf, tempDir } from "../support";
import { literalValue } from "../terraform/literal-value";

export const HOSTILE_CONFIG = config(
  `  dev:
    rolePath: "/\${path.cwd}/"
    tags: { owner: '\${file("/etc/hostname")}', cost: "100%{" }
    clusters: [{ name: dev, oidcIssuerUrl: "${ISSUER_A}" }]
    serviceAccounts:
      - name: api
        namespace: orders
        identity: both
        annotations: { example.com/note: "100%{", "example.com/\${k}": "\${v}" }
        labels: { team: "%{ for x in [1] }x%{ endfor }" }
        policy:
          Statement:
            - Effect: Allow
              Action: ["s3:GetObject"]
              Resource: ["arn:aws:s3:::b/\${aws:PrincipalTag/kubernetes-namespace}/*"]
`,
);

/** Every string of a stack (keys included) outside the terraform block, with its JSON path. */
function strings(value: unknown, path = ""): [string, string][] {
  if (typeof value === "string") return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => strings(v, `${path}[${i}]`));
  if (value && typeof value === "object") {
    return Object.entries(value).flatMap(([k, v]) => (path === "" && k === "terraform" ? [] : [[`${path}{key}`, k] as [string, string], ...strings(v, `${path}.${k}`)]));
  }
  return [];
}

describe("strings from the config", () => {
  const plan = planOf(HOSTILE_CONFIG);
  const out = tempDir();
  synthesizeApp(plan.environments, out);
  const json = JSON.parse(readFileSync(join(out, "stacks/dev/cdk.tf.json"), "utf8"));
  const role = json.resource.aws_iam_role.orders__api;

  it("reach the stack escaped, so Terraform reads them back as written", () => {
    expect(role.tags).toEqual({ cost: "100%%{", owner: '$${file("/etc/hostname")}' });
    expect(literalValue(role.path)).toBe("/${path.cwd}/");
    const sa = Object.values<any>(json.resource.kubernetes_service_account_v1)[0];
    expect(sa.metadata.annotations["example.com/note"]).toBe("100%%{");
    expect(sa.metadata.annotations["example.com/$${k}"]).toBe("$${v}");
    expect(literalValue(sa.metadata.labels.team)).toBe("%{ for x in [1] }x%{ endfor }");
  });

  it("keep IAM policy variables for IAM", () => {
    const policy = JSON.parse(literalValue(Object.values<any>(json.resource.aws_iam_role_policy)[0].policy));
    expect(policy.Statement[0].Resource).toEqual(["arn:aws:s3:::b/${aws:PrincipalTag/kubernetes-namespace}/*"]);
  });

  it("hold no template sequence but the stack's own references", () => {
    for (const [path, s] of strings(json)) {
      const reference = /^\$\{[a-z_]+\.[A-Za-z0-9_.-]+\}$/.test(s) || /^\$\{base64decode\(data\.aws_eks_cluster\.[\w-]+\.certificate_authority\[0\]\.data\)\}$/.test(s);
      if (!reference) expect([path, literalValue(s)]).toEqual([path, expect.any(String)]);
    }
  });

  it("render as HCL that HashiCorp's parser reads as the same values", async () => {
    const hcl = renderHcl(json);
    const parsed = await hcl2json("cdk.tf", hcl);
    expect(parsed.resource.aws_iam_role.orders__api[0].tags).toEqual(role.tags);
    expect(hcl).toMatch(/"example\.com\/note" += "100%%\{"\n/);
  });
});

describe("cdktf's reference marker in a config string", () => {
  it("is refused with its location: cdktf would resolve it instead of writing it", () => {
    const yaml = config(`  dev:\n    tags: { owner: "\${TfToken[TOKEN.1]}", "a#{TfToken[x]}": v }\n    clusters: [{ name: dev, oidcIssuerUrl: "${ISSUER_A}" }]\n`);
    expect(errorsOf(yaml)).toEqual([
      expect.stringMatching(/^irsa\.yaml:7:\d+: error: environments\.dev\.tags\.owner: holds "TfToken\[" after "\$\{", "#\{" or "&\{": the marker cdktf uses/),
      expect.stringMatching(/^irsa\.yaml:7:\d+: error: environments\.dev\.tags\["a#\{TfToken\[x\]\}"\]: holds "TfToken\["/),
    ]);
  });
});

