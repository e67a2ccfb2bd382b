// Adopting an existing estate: adopt (import ids), roleArn (an existing role), subjects (one role, several
// ServiceAccounts) and exclusivePolicies, judged on the model, the IAM evaluator and the synthesized stack.
import { Testing } from "cdktf";
import { explainPlan } from "../../lib/analysis/explain";
import { evaluate, webIdentityRequest } from "../../lib/iam/evaluate";
import type { EnvironmentPlan, Plan } from "../../lib/model/types";
import { EnvironmentStack } from "../../stacks/environment-stack";
import { STARTER_CONFIG } from "../../lib/cli/starter";
import { config, errorsOf, ISSUER_A, ISSUER_B, planOf } from "../support";

const PROVIDER_A = "arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-west-2.amazonaws.com/id/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
const PROVIDER_B = "arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-west-2.amazonaws.com/id/BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB";
const S3 = "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess";
const QUEUE_POLICY = "policy: { Statement: [{ Effect: Allow, Action: [sqs:SendMessage], Resource: [arn:aws:sqs:us-west-2:111122223333:q] }] }";

const env = (serviceAccounts: string, settings = "", cluster = "") =>
  config(`  dev:
${settings}    clusters:
      - { name: blue, oidcIssuerUrl: "${ISSUER_A}"${cluster} }
      - { name: green, oidcIssuerUrl: "${ISSUER_B}" }
    serviceAccounts:
${serviceAccounts}
`);

const only = (plan: Plan): EnvironmentPlan => plan.environments[0];
const stackOf = (plan: Plan) => JSON.parse(Testing.synth(new EnvironmentStack(Testing.app(), only(plan)))) as Record<string, any>;

describe("adopt", () => {
  const adopted = only(planOf(env(`      - { name: api, namespace: web, roleName: legacy-web-api, adopt: true, policyArns: ["${S3}"], ${QUEUE_POLICY} }
      - { name: worker, namespace: web }`, "", ", adopt: true")));

  it("records the import id of the role, its attachments, its inline policies, its ServiceAccounts and the OIDC provider", () => {
    const [api, worker] = adopted.roles;
    expect(api.importId).toBe("legacy-web-api");
    expect(api.managedPolicies.map((p) => p.importId)).toEqual([`legacy-web-api/${S3}`]);
    expect(api.inlinePolicies.map((p) => p.importId)).toEqual(["legacy-web-api:inline"]);
    expect(adopted.serviceAccounts.map((sa) => [sa.cluster, sa.name, sa.importId ?? null])).toEqual([
      ["blue", "api", "web/api"],
      ["green", "api", "web/api"],
      ["blue", "worker", null],
      ["green", "worker", null],
    ]);
    expect(worker.importId).toBeUndefined();
    expect(adopted.clusters.map((c) => c.importId ?? null)).toEqual([PROVIDER_A, null]);
  });

  it("renders them as Terraform import blocks (the ServiceAccount through its cluster's provider)", () => {
    const stack = stackOf(planOf(env(`      - { name: api, namespace: web, roleName: legacy-web-api, adopt: true, policyArns: ["${S3}"], ${QUEUE_POLICY} }`, "", ", adopt: true")));
    expect(stack.import).toEqual([
      { to: "aws_iam_openid_connect_provider.blue", id: PROVIDER_A },
      { to: "aws_iam_role.web__api", id: "legacy-web-api" },
      { to: "aws_iam_role_policy_attachment.web__api__AmazonS3ReadOnlyAccess", id: `legacy-web-api/${S3}` },
      { to: "aws_iam_role_policy.web__api__inline", id: "legacy-web-api:inline" },
      { to: "kubernetes_service_account_v1.blue__web__api", id: "web/api", provider: "kubernetes.blue" },
      { to: "kubernetes_service_account_v1.green__web__api", id: "web/api", provider: "kubernetes.green" },
    ]);
  });

  it("is an environment default that an entry's adopt: false overrides; without adopt nothing is imported", () => {
    const plan = only(planOf(env(`      - { name: api, namespace: web }
      - { name: new, namespace: web, adopt: false }`, "    adopt: true\n")));
    expect(plan.roles.map((r) => r.importId ?? null)).toEqual(["dev-web-api", null]);
    expect(stackOf(planOf(env("      - { name: api, namespace: web }"))).import).toBeUndefined();
  });

  it("cannot import a provider the stack only reads, nor a Pod Identity association (warned)", () => {
    expect(errorsOf(env("      - { name: api, namespace: web }", "", ", oidcProvider: existing, adopt: true"))).toEqual([
      expect.stringMatching(/clusters\[0\]\.adopt: imports a provider this stack creates; with oidcProvider: existing the provider is only read/),
    ]);
    const warnings = planOf(env("      - { name: api, namespace: web, adopt: true, identity: both }")).warnings;
    expect(warnings.map((w) => w.message)).toEqual([expect.stringMatching(/^EKS assigns Pod Identity association ids, so adopt cannot import an existing association/)]);
  });
});

describe("roleArn: an existing role", () => {
  const plan = planOf(env("      - { name: api, namespace: web, roleArn: arn:aws:iam::111122223333:role/team/shared-api, identity: both }"));
  const dev = only(plan);

  it("creates no role; the annotation and the Pod Identity association name that ARN", () => {
    expect(dev.roles).toEqual([]);
    expect(dev.existingRoles.map((r) => [r.key, r.name, r.clusters])).toEqual([["web/api", "shared-api", ["blue", "green"]]]);
    expect(dev.serviceAccounts.map((sa) => [sa.roleAddress ?? null, sa.annotations["eks.amazonaws.com/role-arn"]])).toEqual([
      [null, "arn:aws:iam::111122223333:role/team/shared-api"],
      [null, "arn:aws:iam::111122223333:role/team/shared-api"],
    ]);
    const stack = stackOf(plan);
    expect(stack.resource.aws_iam_role).toBeUndefined();
    expect(Object.values(stack.resource.aws_eks_pod_identity_association).map((a: any) => a.role_arn)).toEqual([
      "arn:aws:iam::111122223333:role/team/shared-api",
      "arn:aws:iam::111122223333:role/team/shared-api",
    ]);
    expect(Object.values(stack.resource.kubernetes_service_account_v1).map((sa: any) => sa.depends_on ?? null)).toEqual([null, null]);
  });

  it("explain says the trust is not managed here", async () => {
    const explanation = await explainPlan(plan);
    expect(explanation.environments[0].existingRoles).toEqual([
      expect.objectContaining({ name: "shared-api", trust: expect.stringMatching(/^not managed here/), mechanisms: ["irsa", "pod-identity"], subjects: ["system:serviceaccount:web:api"] }),
    ]);
    expect(explanation.environments[0].existingRoles[0].serviceAccounts).toHaveLength(2);
    expect(explanation.environments[0].existingRoles[0].podIdentityAssociations).toHaveLength(2);
  });

  it("refuses the keys that would shape a role created here", () => {
    expect(errorsOf(env(`      - { name: api, namespace: web, roleArn: arn:aws:iam::111122223333:role/x, policyArns: ["${S3}"], roleName: y }`))).toEqual([
      expect.stringMatching(/serviceAccounts\[0\]\.roleName: shapes a role created here, but roleArn names an existing role/),
      expect.stringMatching(/serviceAccounts\[0\]\.policyArns: shapes a role created here/),
    ]);
  });
});

describe("subjects: one role, several ServiceAccounts", () => {
  const plan = planOf(env("      - { subjects: [{ namespace: web, name: api }, { namespace: jobs, name: api-migrate }], roleName: web-api }"));
  const [role] = only(plan).roles;

  it("trusts every subject in one statement per provider (a list in :sub), and nobody else", () => {
    expect(role.trust.Statement).toHaveLength(2);
    for (const provider of [PROVIDER_A, PROVIDER_B]) {
      const ask = (sub: string) => evaluate(role.trust, webIdentityRequest(provider, { sub, aud: "sts.amazonaws.com" })).decision;
      expect(ask("system:serviceaccount:web:api")).toBe("allow");
      expect(ask("system:serviceaccount:jobs:api-migrate")).toBe("allow");
      expect(ask("system:serviceaccount:web:api-migrate")).toBe("implicit-deny");
      expect(ask("system:serviceaccount:jobs:api")).toBe("implicit-deny");
    }
  });

  it("creates a ServiceAccount per subject and cluster, each annotated with the one role", () => {
    expect(only(plan).serviceAccounts.map((sa) => `${sa.cluster}/${sa.namespace}/${sa.name} -> ${sa.annotations["eks.amazonaws.com/role-arn"]}`)).toEqual([
      "blue/web/api -> arn:aws:iam::111122223333:role/web-api",
      "blue/jobs/api-migrate -> arn:aws:iam::111122223333:role/web-api",
      "green/web/api -> arn:aws:iam::111122223333:role/web-api",
      "green/jobs/api-migrate -> arn:aws:iam::111122223333:role/web-api",
    ]);
  });

  it("gives Pod Identity one statement per subject (IAM ANDs a statement's conditions)", () => {
    const [pod] = only(planOf(env("      - { subjects: [{ namespace: web, name: a }, { namespace: jobs, name: b }], identity: pod-identity }"))).roles;
    expect(pod.trust.Statement.map((s) => [s.Condition!.StringEquals["aws:RequestTag/kubernetes-namespace"], s.Condition!.StringEquals["aws:RequestTag/kubernetes-service-account"]])).toEqual([
      ["web", "a"],
      ["jobs", "b"],
    ]);
  });

  it("is sized against the trust policy quota", () => {
    const many = Array.from({ length: 30 }, (_, i) => `{ namespace: team-${i}, name: worker }`).join(", ");
    expect(errorsOf(env(`      - { subjects: [${many}], roleName: shared }`))).toEqual([expect.stringMatching(/\[IRSA003\]: .*the trust policy of role shared is \d+ characters, over the limit of 2048.*trust fewer clusters or subjects/)]);
  });

  it("needs exactly one form, refuses a subject listed twice, and checks wildcards per subject", () => {
    expect(errorsOf(env("      - { name: api, namespace: web, subjects: [{ namespace: web, name: b }] }"))).toEqual([expect.stringMatching(/serviceAccounts\[0\]\.subjects: needs either name and namespace, or subjects/)]);
    expect(errorsOf(env("      - { name: api }"))).toEqual([expect.stringMatching(/serviceAccounts\[0\]\.namespace: is required/)]);
    expect(errorsOf(env("      - { subjects: [{ namespace: web, name: a }] }\n      - { name: a, namespace: web }"))).toEqual([expect.stringMatching(/serviceAccounts\[1\]: duplicates serviceAccounts\[0\] \(web\/a\)/)]);
    expect(errorsOf(env("      - { subjects: [{ namespace: web, name: a }, { namespace: \"team-*\", name: a }] }"))).toEqual([expect.stringMatching(/\[IRSA001\]: environments\.dev\.serviceAccounts\[0\]\.subjects\[1\]\.namespace: "team-\*" is a wildcard subject/)]);
  });
});

describe("exclusivePolicies", () => {
  const resources = (yaml: string) => stackOf(planOf(yaml)).resource as Record<string, Record<string, any>>;

  it("is off by default: no exclusive resources", () => {
    const r = resources(env(`      - { name: api, namespace: web, policyArns: ["${S3}"] }`));
    expect(r.aws_iam_role_policy_attachments_exclusive).toBeUndefined();
    expect(r.aws_iam_role_policies_exclusive).toBeUndefined();
  });

  it("in defaults: each created role's full policy sets, by reference", () => {
    const r = resources(env(`      - { name: api, namespace: web, policyArns: ["${S3}"], ${QUEUE_POLICY} }`, "    exclusivePolicies: true\n"));
    expect(r.aws_iam_role_policy_attachments_exclusive).toEqual({
      web__api: { role_name: "${aws_iam_role.web__api.name}", policy_arns: ["${aws_iam_role_policy_attachment.web__api__AmazonS3ReadOnlyAccess.policy_arn}"] },
    });
    expect(r.aws_iam_role_policies_exclusive).toEqual({ web__api: { role_name: "${aws_iam_role.web__api.name}", policy_names: ["${aws_iam_role_policy.web__api__inline.name}"] } });
  });

  it("spares adopted roles unless their own entry sets it", () => {
    const plan = only(planOf(env(`      - { name: a, namespace: web, adopt: true }
      - { name: b, namespace: web, adopt: true, exclusivePolicies: true }
      - { name: c, namespace: web, exclusivePolicies: false }
      - { name: d, namespace: web }`, "    exclusivePolicies: true\n")));
    expect(plan.roles.map((r) => [r.key, r.exclusivePolicies])).toEqual([
      ["web/a", false],
      ["web/b", true],
      ["web/c", false],
      ["web/d", true],
    ]);
  });

  it("is what irsa init writes into new configs", () => {
    expect(STARTER_CONFIG).toMatch(/^ {2}exclusivePolicies: true$/m);
    expect(only(planOf(STARTER_CONFIG)).roles.every((r) => r.exclusivePolicies)).toBe(true);
  });
});
