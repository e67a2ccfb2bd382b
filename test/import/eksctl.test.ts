// irsa import eksctl, end to end: the eksctl docs' cluster-13 ClusterConfig becomes an irsa.yaml whose roles have
// eksctl's subjects, policies and names, adopted through import blocks; what has no equivalent is warned and commented.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { evaluate, webIdentityRequest } from "../../lib/iam/evaluate";
import { importEksctl } from "../../lib/import/eksctl";
import type { EnvironmentPlan } from "../../lib/model/types";
import { cli, writeFile } from "../cli/helpers";
import { planOf, ROOT, tempDir } from "../support";

const CLUSTER_CONFIG = join(ROOT, "examples", "eksctl", "cluster-13.yaml");
const ROLE_NAMES = join(ROOT, "examples", "eksctl", "iamserviceaccounts.json");
const IMPORTED = join(ROOT, "examples", "eksctl-cluster-13.yaml");
const ISSUER = "https://oidc.eks.us-west-2.amazonaws.com/id/D13D13D13D13D13D13D13D13D13D13D1";
const HOST = ISSUER.replace("https://", "");
const FLAGS = ["--issuer-url", ISSUER, "--account-id", "111122223333"];

/** The ClusterConfig as eksctl reads it: every iam.serviceAccounts entry keyed <namespace>/<name>. */
const eksctlServiceAccounts = () => {
  const config = parse(readFileSync(CLUSTER_CONFIG, "utf8")) as { iam: { serviceAccounts: Array<Record<string, any>> } };
  return new Map(config.iam.serviceAccounts.map((sa) => [`${sa.metadata.namespace ?? "default"}/${sa.metadata.name}`, sa]));
};

describe("irsa import eksctl: the eksctl docs' cluster-13", () => {
  let env: EnvironmentPlan;
  let imported: string;

  beforeAll(async () => {
    const result = await cli("import", "eksctl", CLUSTER_CONFIG, ...FLAGS, "--role-names", ROLE_NAMES);
    expect(result.code).toBe(0);
    imported = result.out;
    env = planOf(imported).environments[0];
  });

  it("is the committed example (examples/eksctl-cluster-13.yaml), byte for byte", () => {
    expect(imported).toBe(readFileSync(IMPORTED, "utf8"));
  });

  it("gives every ServiceAccount a role with eksctl's subject, policies and name", () => {
    const sources = eksctlServiceAccounts();
    const names = new Map((JSON.parse(readFileSync(ROLE_NAMES, "utf8")) as Array<{ metadata: { namespace: string; name: string }; status: { roleARN: string } }>).map((i) => [`${i.metadata.namespace}/${i.metadata.name}`, i.status.roleARN.split("/").pop()]));
    expect(env.roles.map((r) => r.key).sort()).toEqual([...sources.keys()].sort());
    for (const role of env.roles) {
      const sa = sources.get(role.key)!;
      expect(role.subjects).toEqual([{ namespace: sa.metadata.namespace, name: sa.metadata.name }]);
      expect(role.managedPolicies.map((p) => p.arn)).toEqual(sa.attachPolicyARNs ?? []);
      expect(role.inlinePolicies.map((p) => p.document)).toEqual(sa.attachPolicy ? [sa.attachPolicy] : []);
      expect(role.name).toBe(sa.roleName ?? names.get(role.key));
      expect(role.tags).toEqual(sa.tags ?? {});
    }
  });

  it("trusts exactly that ServiceAccount of cluster-13, as eksctl's trust does", () => {
    const provider = env.clusters[0].oidcProviderArn;
    expect(provider).toBe(`arn:aws:iam::111122223333:oidc-provider/${HOST}`);
    for (const role of env.roles) {
      const [{ namespace, name }] = role.subjects;
      const ask = (sub: string) => evaluate(role.trust, webIdentityRequest(provider, { sub, aud: "sts.amazonaws.com" })).decision;
      expect(ask(`system:serviceaccount:${namespace}:${name}`)).toBe("allow");
      expect(ask(`system:serviceaccount:${namespace}:default`)).toBe("implicit-deny");
    }
  });

  it("adopts the roles, their policies, the ServiceAccounts eksctl created and the OIDC provider", () => {
    expect(env.clusters[0].importId).toBe(`arn:aws:iam::111122223333:oidc-provider/${HOST}`);
    const autoscaler = env.roles.find((r) => r.key === "kube-system/cluster-autoscaler")!;
    expect(autoscaler.importId).toBe("eksctl-cluster-autoscaler-role");
    // eksctl names the inline policy after its CloudFormation stack: ${AWS::StackName}-Policy1.
    expect(autoscaler.inlinePolicies[0].importId).toBe("eksctl-cluster-autoscaler-role:eksctl-cluster-13-addon-iamserviceaccount-kube-system-cluster-autoscaler-Policy1");
    const cache = env.roles.find((r) => r.key === "backend-apps/cache-access")!;
    expect(cache.managedPolicies.map((p) => p.importId)).toEqual([
      "eksctl-cluster-13-addon-iamserviceaccount-ba-Role1-1J3H8ZQK3W5RT/arn:aws:iam::aws:policy/AmazonDynamoDBReadOnlyAccess",
      "eksctl-cluster-13-addon-iamserviceaccount-ba-Role1-1J3H8ZQK3W5RT/arn:aws:iam::aws:policy/AmazonElastiCacheFullAccess",
    ]);
    // roleOnly: eksctl left the ServiceAccount to someone else, so none is created (or imported) for the autoscaler.
    expect(env.serviceAccounts.map((sa) => [sa.name, sa.importId, sa.labels])).toEqual([
      ["s3-reader", "backend-apps/s3-reader", { "aws-usage": "application" }],
      ["cache-access", "backend-apps/cache-access", { "aws-usage": "application" }],
    ]);
    // Adopted roles keep policies attached by hand until their own entry says otherwise.
    expect(env.roles.every((r) => !r.exclusivePolicies)).toBe(true);
  });

  it("synthesizes import blocks with the documented ids", async () => {
    const out = join(tempDir(), "out");
    expect((await cli("synth", "--config", IMPORTED, "--out", out)).code).toBe(0);
    const stack = JSON.parse(readFileSync(join(out, "stacks", "cluster-13", "cdk.tf.json"), "utf8")) as { import: Array<{ to: string; id: string; provider?: string }> };
    const ids = Object.fromEntries(stack.import.map((i) => [i.to, i.id]));
    expect(ids).toMatchObject({
      "aws_iam_openid_connect_provider.cluster-13": `arn:aws:iam::111122223333:oidc-provider/${HOST}`,
      "aws_iam_role.kube-system__cluster-autoscaler": "eksctl-cluster-autoscaler-role",
      "aws_iam_role.backend-apps__s3-reader": "eksctl-cluster-13-addon-iamserviceaccount-ba-Role1-5XK2M9QW7PLA",
      "aws_iam_role_policy_attachment.backend-apps__s3-reader__AmazonS3ReadOnlyAccess": "eksctl-cluster-13-addon-iamserviceaccount-ba-Role1-5XK2M9QW7PLA/arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess",
      "kubernetes_service_account_v1.cluster-13__backend-apps__s3-reader": "backend-apps/s3-reader",
    });
    expect(stack.import.find((i) => i.to.startsWith("kubernetes_"))!.provider).toBe("kubernetes.cluster-13");
    expect(stack.import).toHaveLength(10);
  });
});

describe("irsa import eksctl: without the generated role names", () => {
  it("keeps the entries, not adopted, with a located warning saying how to adopt them", async () => {
    const result = await cli("import", "eksctl", CLUSTER_CONFIG, ...FLAGS);
    expect(result.code).toBe(0);
    const warnings = result.err.split("\n").filter((l) => l.includes("CloudFormation generated"));
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/cluster-13\.yaml:17:5: warning: iam\.serviceAccounts\[0\]: .*--role-name backend-apps\/s3-reader=<RoleName> or --role-names/);
    const env = planOf(result.out).environments[0];
    expect(env.roles.map((r) => [r.key, r.importId ?? null])).toEqual([
      ["backend-apps/s3-reader", null],
      ["backend-apps/cache-access", null],
      ["kube-system/cluster-autoscaler", "eksctl-cluster-autoscaler-role"],
    ]);
    expect(result.err).toMatch(/1 adopted, 2 not adopted/);
  });

  it("takes a name from --role-name", async () => {
    const result = await cli("import", "eksctl", CLUSTER_CONFIG, ...FLAGS, "--role-name", "backend-apps/s3-reader=eksctl-cluster-13-s3-Role1-ABC");
    const env = planOf(result.out).environments[0];
    expect(env.roles.find((r) => r.key === "backend-apps/s3-reader")!.importId).toBe("eksctl-cluster-13-s3-Role1-ABC");
  });
});

const clusterConfig = (iam: string, metadata = "name: blue\n  region: us-west-2") =>
  `apiVersion: eksctl.io/v1alpha5\nkind: ClusterConfig\nmetadata:\n  ${metadata}\niam:\n${iam}`;
const importOf = (iam: string, roleNames = new Map<string, string>()) =>
  importEksctl(clusterConfig(iam), { file: "cluster.yaml", issuerUrl: ISSUER, accountId: "111122223333", roleNames });

describe("wellKnownPolicies", () => {
  it("become catalog addons where one fits, with eksctl's ServiceAccount and role name", () => {
    const result = importOf(`  withOIDC: true
  serviceAccounts:
    - metadata: { name: cluster-autoscaler, namespace: kube-system }
      wellKnownPolicies: { autoScaler: true }
      roleName: blue-autoscaler
    - metadata: { name: lbc, namespace: ingress }
      wellKnownPolicies: { awsLoadBalancerController: true }
      roleOnly: true
`);
    const env = planOf(result.text).environments[0];
    expect(env.roles.map((r) => [r.addon?.id, r.key, r.name, r.importId ?? null])).toEqual([
      ["awsLoadBalancerController", "ingress/lbc", "blue-ingress-lbc", null],
      ["clusterAutoscaler", "kube-system/cluster-autoscaler@blue", "blue-autoscaler", "blue-autoscaler"],
    ]);
    // The catalog's inline policy is not the one eksctl wrote: created, not imported.
    expect(env.roles.flatMap((r) => r.inlinePolicies.map((p) => p.importId))).toEqual([undefined, undefined]);
    expect(env.serviceAccounts.map((sa) => `${sa.namespace}/${sa.name}:${sa.importId}`)).toEqual(["kube-system/cluster-autoscaler:kube-system/cluster-autoscaler"]);
  });

  it("imageBuilder becomes the managed policy eksctl attaches", () => {
    const result = importOf(`  serviceAccounts:
    - metadata: { name: builder, namespace: ci }
      wellKnownPolicies: { imageBuilder: true }
`);
    expect(planOf(result.text).environments[0].roles[0].managedPolicies.map((p) => p.arn)).toEqual(["arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPowerUser"]);
  });

  it("without an equivalent: a located warning and a comment, never dropped", () => {
    const result = importOf(`  serviceAccounts:
    - metadata: { name: external-dns, namespace: kube-system }
      wellKnownPolicies: { externalDNS: true }
    - metadata: { name: app, namespace: web }
      attachPolicyARNs: ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"]
      wellKnownPolicies: { certManager: true }
      futureKey: 1
`);
    expect(result.warnings.map((w) => `${w.line}:${w.column} ${w.path.join(".")}`)).toEqual([
      "9:41 iam.serviceAccounts.0.wellKnownPolicies.externalDNS",
      "13:18 iam.serviceAccounts.1.futureKey",
      "12:41 iam.serviceAccounts.1.wellKnownPolicies.certManager",
      "10:7 iam.serviceAccounts.1",
    ]);
    expect(result.text).toContain("# eksctl iam.serviceAccounts[0] (kube-system/external-dns, wellKnownPolicies.externalDNS) not imported: eksctl lets ExternalDNS use every hosted zone");
    expect(result.text).toContain("    #   addons:\n    #     externalDns:\n    #       createServiceAccount: true\n    #       hostedZoneArns:\n    #         - arn:aws:route53:::hostedzone/<ZONE-ID>\n");
    expect(result.text).toContain("# eksctl wellKnownPolicies.certManager (iam.serviceAccounts[1]) not imported");
    expect(result.text).toContain("# eksctl futureKey not imported:\n      #   futureKey: 1");
    const env = planOf(result.text).environments[0];
    expect(env.roles.map((r) => r.key)).toEqual(["web/app"]);
  });
});

describe("podIdentityAssociations and existing roles", () => {
  it("map to identity: pod-identity entries; roleARN and attachRoleARN to roleArn (no role created)", () => {
    const result = importOf(`  serviceAccounts:
    - metadata: { name: legacy, namespace: web }
      attachRoleARN: arn:aws:iam::111122223333:role/legacy-web
  podIdentityAssociations:
    - namespace: default
      serviceAccountName: s3-reader
      createServiceAccount: true
      roleARN: arn:aws:iam::111122223333:role/role-1
    - namespace: dev
      serviceAccountName: app-cache-access
      roleName: pod-identity-role-app-cache
      permissionPolicyARNs: ["arn:aws:iam::111122223333:policy/permission-policy-1"]
      permissionsBoundaryARN: arn:aws:iam::111122223333:policy/permission-boundary
`);
    const env = planOf(result.text).environments[0];
    expect(env.roles.map((r) => [r.key, r.name, r.identity, r.importId, r.permissionsBoundaryArn])).toEqual([
      ["dev/app-cache-access", "pod-identity-role-app-cache", "pod-identity", "pod-identity-role-app-cache", "arn:aws:iam::111122223333:policy/permission-boundary"],
    ]);
    expect(env.existingRoles.map((r) => [r.key, r.arn, r.identity])).toEqual([
      ["web/legacy", "arn:aws:iam::111122223333:role/legacy-web", "irsa"],
      ["default/s3-reader", "arn:aws:iam::111122223333:role/role-1", "pod-identity"],
    ]);
    expect(env.serviceAccounts.map((sa) => [sa.name, sa.annotations["eks.amazonaws.com/role-arn"] ?? null, sa.importId])).toEqual([
      ["legacy", "arn:aws:iam::111122223333:role/legacy-web", "web/legacy"],
      ["s3-reader", null, "default/s3-reader"],
    ]);
    expect(env.podIdentityAssociations.map((a) => [a.serviceAccount, a.existingRoleArn ?? a.roleAddress])).toEqual([
      ["s3-reader", "arn:aws:iam::111122223333:role/role-1"],
      ["app-cache-access", "dev__app-cache-access"],
    ]);
  });
});

describe("bad input", () => {
  it("a file that is not a ClusterConfig: exit 1, located", async () => {
    const file = writeFile("cluster.yaml", "apiVersion: v1\nkind: Pod\nmetadata: { name: x }\n");
    const result = await cli("import", "eksctl", file, ...FLAGS);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/cluster\.yaml:1:\d+: error: apiVersion: must be an eksctl apiVersion/);
    expect(result.err).toMatch(/cluster\.yaml:2:\d+: error: kind: must be "ClusterConfig"/);
  });

  it("unusable invocations: exit 2 with one line", async () => {
    const missing = await cli("import", "eksctl", join(tempDir(), "none.yaml"), ...FLAGS);
    expect([missing.code, missing.err.trim()]).toEqual([2, expect.stringMatching(/^irsa: ClusterConfig .*none\.yaml: cannot read: no such file$/)]);
    const issuer = await cli("import", "eksctl", CLUSTER_CONFIG, "--issuer-url", "http://x", "--account-id", "111122223333");
    expect([issuer.code, issuer.err.trim()]).toEqual([2, expect.stringMatching(/^irsa: --issuer-url http:\/\/x: must use https/)]);
    const account = await cli("import", "eksctl", CLUSTER_CONFIG, "--issuer-url", ISSUER, "--account-id", "12");
    expect(account.code).toBe(2);
    const roleName = await cli("import", "eksctl", CLUSTER_CONFIG, ...FLAGS, "--role-name", "s3-reader=x");
    expect([roleName.code, roleName.err.trim()]).toEqual([2, "irsa: --role-name s3-reader=x: expected <namespace>/<name>=<RoleName>"]);
    const names = await cli("import", "eksctl", CLUSTER_CONFIG, ...FLAGS, "--role-names", writeFile("names.json", "{"));
    expect(names.code).toBe(2);
  });

  it("--out refuses an existing file unless --force", async () => {
    const out = join(tempDir(), "irsa.yaml");
    writeFileSync(out, "mine\n");
    const refused = await cli("import", "eksctl", CLUSTER_CONFIG, ...FLAGS, "--out", out);
    expect([refused.code, readFileSync(out, "utf8")]).toEqual([2, "mine\n"]);
    const forced = await cli("import", "eksctl", CLUSTER_CONFIG, ...FLAGS, "--out", out, "--force");
    expect(forced.code).toBe(0);
    expect(existsSync(out) && readFileSync(out, "utf8")).toMatch(/^# Imported from cluster-13\.yaml/);
  });
});
