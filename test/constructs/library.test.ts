// The public constructs as a cdktf app uses them: literal trust where everything is known, aws_iam_policy_document
// where the issuer or the cluster is a Terraform reference, both judged by the IAM evaluator after the
// references are replaced by sample values; props checked with irsa.yaml's rules; strings kept as data.
import "cdktf/lib/testing/adapters/jest";
import { EksCluster } from "@cdktf/provider-aws/lib/eks-cluster";
import { EksPodIdentityAssociation } from "@cdktf/provider-aws/lib/eks-pod-identity-association";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { TerraformStack, Testing } from "cdktf";
import { resolve } from "cdktf/lib/_tokens";
import {
  ClusterAutoscalerRole,
  ControllerRole,
  EbsCsiDriverRole,
  EksOidcProvider,
  ExternalDnsRole,
  IrsaRole,
  IrsaServiceAccount,
  PodIdentityAssociation,
  PodIdentityRole,
} from "../../index";
import { ADDONS } from "../../lib/addons";
import { evaluate, webIdentityRequest, type RequestContext } from "../../lib/iam/evaluate";
import type { PolicyDocument } from "../../lib/iam/policy";
import { sampleOptions } from "../addons/fixtures";
import { ISSUER_A, ISSUER_B } from "../support";
import { PROVIDER_MISSING, terraformInit, terraformValidateAws, withAwsProvider, withTerraform } from "../terraform";
import { policyOf } from "./resolve-document";

const ACCOUNT = "111122223333";
const HOST = { blue: ISSUER_A.replace("https://", ""), green: ISSUER_B.replace("https://", "") };
const PROVIDER_ARN = { blue: `arn:aws:iam::${ACCOUNT}:oidc-provider/${HOST.blue}`, green: `arn:aws:iam::${ACCOUNT}:oidc-provider/${HOST.green}` };
const CLUSTER_ARN = { blue: `arn:aws:eks:us-west-2:${ACCOUNT}:cluster/prod-blue`, green: `arn:aws:eks:us-west-2:${ACCOUNT}:cluster/prod-green` };
const SUBJECTS = [
  { namespace: "orders", name: "api" },
  { namespace: "orders", name: "worker" },
];

function newStack() {
  const stack = new TerraformStack(Testing.app(), "prod");
  new AwsProvider(stack, "aws", { region: "us-west-2" });
  return stack;
}

const synth = (stack: TerraformStack) => JSON.parse(Testing.synth(stack));

function clusters(stack: TerraformStack) {
  const cluster = (name: string) => new EksCluster(stack, name, { name, roleArn: `arn:aws:iam::${ACCOUNT}:role/eks`, vpcConfig: { subnetIds: ["subnet-1"] } });
  return { blue: cluster("prod-blue"), green: cluster("prod-green") };
}

/** The blue/green providers, from literal values or from the clusters' attributes. */
function providers(stack: TerraformStack, form: "literal" | "reference", prefix = "") {
  if (form === "literal") {
    return {
      blue: new EksOidcProvider(stack, `${prefix}blue`, { clusterName: "prod-blue", issuerUrl: ISSUER_A, existing: true, accountId: ACCOUNT }),
      green: new EksOidcProvider(stack, `${prefix}green`, { clusterName: "prod-green", issuerUrl: ISSUER_B, accountId: ACCOUNT }),
    };
  }
  const { blue, green } = clusters(stack);
  return {
    blue: new EksOidcProvider(stack, `${prefix}blue`, { clusterName: blue.name, issuerUrl: blue.identity.get(0).oidc.get(0).issuer, existing: true, accountId: ACCOUNT }),
    green: new EksOidcProvider(stack, `${prefix}green`, { clusterName: green.name, issuerUrl: green.identity.get(0).oidc.get(0).issuer, accountId: ACCOUNT }),
  };
}

/** What Terraform knows at apply: each cluster attribute and provider ARN the reference form names. */
function sampleValues(stack: TerraformStack, p: ReturnType<typeof providers>): Record<string, string> {
  const values: Record<string, string> = {};
  for (const color of ["blue", "green"] as const) {
    values[resolve(stack, p[color].issuerHost)] = HOST[color];
    values[resolve(stack, p[color].arn)] = PROVIDER_ARN[color];
    values[resolve(stack, p[color].clusterName)] = `prod-${color}`;
    values[`\${aws_eks_cluster.prod-${color}.arn}`] = CLUSTER_ARN[color];
    values[`\${element(split(":", aws_eks_cluster.prod-${color}.arn), 4)}`] = ACCOUNT;
  }
  return values;
}

const webIdentity = (color: "blue" | "green", sub: string, aud = "sts.amazonaws.com") => webIdentityRequest(PROVIDER_ARN[color], { sub, aud });

const podIdentity = (color: "blue" | "green", namespace: string, serviceAccount: string): RequestContext => ({
  principal: { type: "Service", id: "pods.eks.amazonaws.com" },
  action: "sts:AssumeRole",
  keys: {
    "aws:SourceAccount": ACCOUNT,
    "aws:RequestTag/eks-cluster-arn": CLUSTER_ARN[color],
    "aws:RequestTag/kubernetes-namespace": namespace,
    "aws:RequestTag/kubernetes-service-account": serviceAccount,
  },
});

const decisions = (document: PolicyDocument, requests: readonly RequestContext[]) => requests.map((request) => evaluate(document, request).decision);

const IRSA_REQUESTS = [
  webIdentity("blue", "system:serviceaccount:orders:api"),
  webIdentity("green", "system:serviceaccount:orders:worker"),
  webIdentity("blue", "system:serviceaccount:orders:other"),
  webIdentity("green", "system:serviceaccount:billing:api"),
  webIdentity("blue", "system:serviceaccount:orders:api", "other-audience"),
];
const IRSA_EXPECTED = ["allow", "allow", "implicit-deny", "implicit-deny", "implicit-deny"];

describe.each(["literal", "reference"] as const)("IrsaRole trusted by blue/green providers given as %s values", (form) => {
  const stack = newStack();
  const p = providers(stack, form);
  const role = new IrsaRole(stack, "api", { oidcProviders: [p.blue, p.green], serviceAccounts: SUBJECTS, roleName: "prod-orders-api" });
  const json = synth(stack);
  const resource = json.resource.aws_iam_role[Object.keys(json.resource.aws_iam_role)[0]];
  const trust = policyOf(json, resource.assume_role_policy, sampleValues(stack, p));

  it("says who may assume it, one statement per provider listing every subject (IAM evaluator)", () => {
    expect(trust.Statement).toHaveLength(2);
    expect(decisions(trust, IRSA_REQUESTS)).toEqual(IRSA_EXPECTED);
  });

  it(form === "literal" ? "keeps the literal JSON" : "renders the trust with aws_iam_policy_document", () => {
    if (form === "literal") {
      expect(resource.assume_role_policy).not.toContain("${");
      expect(json.data.aws_iam_policy_document).toBeUndefined();
    } else {
      expect(resource.assume_role_policy).toMatch(/^\$\{data\.aws_iam_policy_document\.[^.]+\.json\}$/);
      expect(role.trustPolicyDocument).toBeDefined();
    }
  });

  it("exposes the role's name and ARN, literal since both are known, and waits for the providers", () => {
    expect(role.roleName).toBe("prod-orders-api");
    expect(role.roleArn).toBe(`arn:aws:iam::${ACCOUNT}:role/prod-orders-api`);
    expect(resource.depends_on).toHaveLength(2);
  });
});

it("the reference form says exactly what the literal form says once Terraform knows the values", () => {
  const trustOf = (form: "literal" | "reference") => {
    const stack = newStack();
    const p = providers(stack, form);
    new IrsaRole(stack, "api", { oidcProviders: [p.blue, p.green], serviceAccounts: SUBJECTS });
    const json = synth(stack);
    return policyOf(json, (Object.values(json.resource.aws_iam_role)[0] as any).assume_role_policy, sampleValues(stack, p));
  };
  expect(trustOf("reference")).toEqual(trustOf("literal"));
});

it("without a known account the role's ARN and the provider's are Terraform references", () => {
  const stack = newStack();
  const provider = new EksOidcProvider(stack, "blue", { clusterName: "prod-blue", issuerUrl: ISSUER_A });
  const role = new IrsaRole(stack, "api", { oidcProviders: [provider], serviceAccounts: SUBJECTS.slice(0, 1) });
  expect(resolve(stack, role.roleArn)).toMatch(/^\$\{aws_iam_role\.[^.]+\.arn\}$/);
  expect(resolve(stack, provider.arn)).toMatch(/^\$\{aws_iam_openid_connect_provider\.[^.]+\.arn\}$/);
});

describe.each(["literal", "reference"] as const)("PodIdentityRole and its associations with clusters given as %s values", (form) => {
  const stack = newStack();
  const c = form === "reference" ? clusters(stack) : undefined;
  const arnOf = (color: "blue" | "green") => (c ? c[color].arn : CLUSTER_ARN[color]);
  const role = new PodIdentityRole(stack, "ledger", { clusters: [{ clusterArn: arnOf("blue") }, { clusterArn: arnOf("green") }], serviceAccounts: [{ namespace: "finance", name: "ledger" }] });
  new PodIdentityAssociation(stack, "ledger-blue", { clusterName: c ? c.blue.name : "prod-blue", namespace: "finance", serviceAccount: "ledger", role });
  const json = synth(stack);
  const trust = policyOf(json, (Object.values(json.resource.aws_iam_role)[0] as any).assume_role_policy, sampleValues(stack, providers(newStack(), "literal")));

  it("admits that ServiceAccount's pods on either cluster and nothing else (IAM evaluator)", () => {
    const requests = [podIdentity("blue", "finance", "ledger"), podIdentity("green", "finance", "ledger"), podIdentity("blue", "finance", "other"), podIdentity("green", "shop", "ledger")];
    expect(decisions(trust, requests)).toEqual(["allow", "allow", "implicit-deny", "implicit-deny"]);
  });

  it("associates the role by reference", () => {
    expect(Testing.synth(stack)).toHaveResourceWithProperties(EksPodIdentityAssociation, {
      namespace: "finance",
      service_account: "ledger",
      role_arn: resolve(stack, role.role.arn),
    });
  });
});

describe("controller roles", () => {
  it("ExternalDnsRole changes records only in the listed zones and gives Helm values naming the role", () => {
    const stack = newStack();
    const p = providers(stack, "literal");
    const dns = new ExternalDnsRole(stack, "dns", { oidcProviders: [p.blue], hostedZoneArns: ["arn:aws:route53:::hostedzone/Z1"], roleName: "prod-external-dns" });
    const json = synth(stack);
    const policy = JSON.parse((Object.values(json.resource.aws_iam_role_policy)[0] as any).policy) as PolicyDocument;
    const request = (zone: string) => ({ action: "route53:ChangeResourceRecordSets", resource: `arn:aws:route53:::hostedzone/${zone}`, keys: {} });
    expect(decisions(policy, [request("Z1"), request("Z2")])).toEqual(["allow", "implicit-deny"]);
    expect(dns.serviceAccount).toEqual({ namespace: "kube-system", name: "external-dns" });
    expect(dns.helmValues).toContain(`eks.amazonaws.com/role-arn: arn:aws:iam::${ACCOUNT}:role/prod-external-dns`);
  });

  it("ClusterAutoscalerRole is scoped to its own cluster's name, also when that name is a reference", () => {
    const policyFor = (form: "literal" | "reference") => {
      const stack = newStack();
      const p = providers(stack, form);
      new ClusterAutoscalerRole(stack, "ca", { oidcProviders: [p.green], region: "us-west-2" });
      const json = synth(stack);
      return policyOf(json, (Object.values(json.resource.aws_iam_role_policy)[0] as any).policy, sampleValues(stack, p));
    };
    const literal = policyFor("literal");
    expect(policyFor("reference")).toEqual(literal);
    const scale = (cluster: string) => ({
      action: "autoscaling:SetDesiredCapacity",
      resource: `arn:aws:autoscaling:us-west-2:${ACCOUNT}:autoScalingGroup:uuid:autoScalingGroupName/nodes`,
      keys: { [`aws:ResourceTag/k8s.io/cluster-autoscaler/${cluster}`]: "owned" },
    });
    expect(decisions(literal, [scale("prod-green"), scale("prod-blue")])).toEqual(["allow", "implicit-deny"]);
  });

  it("EbsCsiDriverRole is for the EKS add-on: no Helm values; its KMS keys get their own policy", () => {
    const stack = newStack();
    const ebs = new EbsCsiDriverRole(stack, "ebs", {
      oidcProviders: [providers(stack, "literal").blue],
      kmsKeyArns: ["arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"],
    });
    expect(ebs.helmValues).toBeUndefined();
    expect(ebs.rolePolicies).toHaveLength(2);
    expect(ebs.serviceAccount).toEqual({ namespace: "kube-system", name: "ebs-csi-controller-sa" });
  });

  it("reads the region or account from the stack's aws provider only where the policy names them and nothing says them", () => {
    const dataOf = (build: (stack: TerraformStack, p: ReturnType<typeof providers>) => void) => {
      const stack = newStack();
      build(stack, providers(stack, "reference"));
      return Object.keys(synth(stack).data).sort();
    };
    // ExternalDNS names neither; Karpenter names both (its node role and the region of its requests).
    expect(dataOf((s, p) => new ExternalDnsRole(s, "dns", { oidcProviders: [p.blue], hostedZoneArns: ["arn:aws:route53:::hostedzone/Z1"] }))).not.toContain("aws_region");
    expect(dataOf((s, p) => new ControllerRole(s, "k", { controller: "karpenter", oidcProviders: [p.blue], options: sampleOptions("karpenter") }))).toContain("aws_region");
    expect(dataOf((s, p) => new ControllerRole(s, "k", { controller: "karpenter", oidcProviders: [p.blue], options: sampleOptions("karpenter"), region: "us-west-2" }))).not.toContain("aws_region");
  });

  it.each(ADDONS.map((addon) => [addon.id]))("ControllerRole builds %s from the catalog with irsa.yaml's options", (controller) => {
    const stack = newStack();
    const role = new ControllerRole(stack, "c", { controller, oidcProviders: [providers(stack, "literal").blue], options: sampleOptions(controller) });
    const addon = ADDONS.find((a) => a.id === controller)!;
    expect(role.rolePolicies.length).toBe(addon.policies(addon.options.parse(sampleOptions(controller)), { partition: "aws", accountId: ACCOUNT, region: "us-west-2", environment: "prod", clusters: [{ name: "prod-blue", accountId: ACCOUNT, region: "us-west-2" }] }).length);
    expect(Testing.synth(stack)).toHaveResource(IamRole);
  });
});

it("IrsaServiceAccount is annotated with its role's ARN and waits for the role", () => {
  const stack = newStack();
  const p = providers(stack, "literal");
  const role = new IrsaRole(stack, "api", { oidcProviders: [p.blue], serviceAccounts: SUBJECTS.slice(0, 1), roleName: "prod-orders-api" });
  new IrsaServiceAccount(stack, "api-sa", { role, namespace: "orders", name: "api", labels: { app: "api" }, tokenExpiration: 3600 });
  const sa = Object.values(synth(stack).resource.kubernetes_service_account_v1)[0] as any;
  expect(sa.metadata).toEqual({
    name: "api",
    namespace: "orders",
    labels: { app: "api" },
    annotations: { "eks.amazonaws.com/role-arn": `arn:aws:iam::${ACCOUNT}:role/prod-orders-api`, "eks.amazonaws.com/token-expiration": "3600" },
  });
  expect(sa.depends_on).toEqual([`aws_iam_role.${stack.getLogicalId(role.role)}`]);
});

it("a library user may rename (overrideLogicalId) the provider and a dependency after passing them on: depends_on follows", () => {
  const stack = newStack();
  const provider = new EksOidcProvider(stack, "blue", { clusterName: "prod-blue", issuerUrl: ISSUER_A, accountId: ACCOUNT });
  const role = new IrsaRole(stack, "api", { oidcProviders: [provider], serviceAccounts: SUBJECTS.slice(0, 1), roleName: "prod-orders-api" });
  const before = new IamRole(stack, "before", { assumeRolePolicy: "{}" });
  new IrsaServiceAccount(stack, "api-sa", { role, namespace: "orders", name: "api", dependsOn: [before] });
  provider.resource.overrideLogicalId("adopted_oidc");
  before.overrideLogicalId("renamed");
  const out = synth(stack).resource;
  expect(out.aws_iam_role[stack.getLogicalId(role.role)].depends_on).toEqual(["aws_iam_openid_connect_provider.adopted_oidc"]);
  expect((Object.values(out.kubernetes_service_account_v1)[0] as any).depends_on).toEqual([`aws_iam_role.${stack.getLogicalId(role.role)}`, "aws_iam_role.renamed"]);
});

it("strings stay data: template sequences in props are escaped, references are not", () => {
  const stack = newStack();
  const { blue } = clusters(stack);
  const provider = new EksOidcProvider(stack, "blue", { clusterName: "prod-blue", issuerUrl: ISSUER_A, accountId: ACCOUNT });
  new IrsaRole(stack, "api", {
    oidcProviders: [provider],
    serviceAccounts: SUBJECTS.slice(0, 1),
    description: "costs %{ if x }",
    tags: { note: "${var.secret}", cluster: blue.name },
    inlinePolicies: { own: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/${aws:PrincipalTag/team}/*" }] } },
  });
  const json = synth(stack);
  const role = Object.values(json.resource.aws_iam_role)[0] as any;
  expect(role.description).toBe("costs %%{ if x }");
  expect(role.tags).toEqual({ note: "$${var.secret}", cluster: "${aws_eks_cluster.prod-blue.name}" });
  expect((Object.values(json.resource.aws_iam_role_policy)[0] as any).policy).toContain("arn:aws:s3:::b/$${aws:PrincipalTag/team}/*");
});

describe("props are checked with irsa.yaml's rules: one line naming the construct path and the prop", () => {
  const cases: [string, (stack: TerraformStack, p: ReturnType<typeof providers>) => unknown, RegExp][] = [
    ["namespace", (s, p) => new IrsaRole(s, "api", { oidcProviders: [p.blue], serviceAccounts: [{ namespace: "Orders", name: "api" }] }), /^IrsaRole prod\/api: serviceAccounts\[0\]\.namespace: must be a DNS-1123 label/],
    ["wildcard", (s, p) => new IrsaRole(s, "api", { oidcProviders: [p.blue], serviceAccounts: [{ namespace: "orders", name: "api-*" }] }), /^IrsaRole prod\/api: serviceAccounts\[0\]\.name: "api-\*" is a wildcard subject .* allowWildcard/],
    ["no subject", (s, p) => new IrsaRole(s, "api", { oidcProviders: [p.blue], serviceAccounts: [] }), /^IrsaRole prod\/api: serviceAccounts: must list at least one ServiceAccount/],
    ["no provider", (s) => new IrsaRole(s, "api", { oidcProviders: [], serviceAccounts: SUBJECTS }), /^IrsaRole prod\/api: oidcProviders: must list at least one EksOidcProvider/],
    ["role name", (s, p) => new IrsaRole(s, "api", { oidcProviders: [p.blue], serviceAccounts: SUBJECTS, roleName: "x".repeat(65) }), /^IrsaRole prod\/api: roleName: must be at most 64 characters/],
    ["policy ARN", (s, p) => new IrsaRole(s, "api", { oidcProviders: [p.blue], serviceAccounts: SUBJECTS, policyArns: ["AmazonS3ReadOnlyAccess"] }), /^IrsaRole prod\/api: policyArns\[0\]: "AmazonS3ReadOnlyAccess" is not an IAM policy ARN/],
    ["session", (s, p) => new IrsaRole(s, "api", { oidcProviders: [p.blue], serviceAccounts: SUBJECTS, maxSessionDuration: 60 }), /^IrsaRole prod\/api: maxSessionDuration: must be between 3600 and 43200/],
    ["issuer", (s) => new EksOidcProvider(s, "x", { clusterName: "x", issuerUrl: "http://oidc.example.com" }), /^EksOidcProvider prod\/x: issuerUrl: must use https/],
    ["scoping", (s, p) => new ExternalDnsRole(s, "dns", { oidcProviders: [p.blue], hostedZoneArns: [] }), /^ExternalDnsRole prod\/dns: options\.hostedZoneArns: hostedZoneArns must list at least one/],
    ["controller", (s, p) => new ControllerRole(s, "c", { controller: "externalDNS", oidcProviders: [p.blue] }), /^ControllerRole prod\/c: controller: unknown controller "externalDNS"; did you mean "externalDns"\?/],
    ["annotation", (s) => new IrsaServiceAccount(s, "sa", { namespace: "orders", name: "api", annotations: { "eks.amazonaws.com/role-arn": "x" } }), /^IrsaServiceAccount prod\/sa: annotations: must not set eks.amazonaws.com\/role-arn/],
    ["untrusted ServiceAccount", (s, p) => new IrsaServiceAccount(s, "sa", { role: new IrsaRole(s, "api", { oidcProviders: [p.blue], serviceAccounts: SUBJECTS }), namespace: "orders", name: "billing" }), /^IrsaServiceAccount prod\/sa: role: the trust of prod\/api admits orders\/api, orders\/worker, not orders\/billing/],
    ["token expiration", (s) => new IrsaServiceAccount(s, "sa", { namespace: "orders", name: "api", tokenExpiration: 60 }), /^IrsaServiceAccount prod\/sa: tokenExpiration: must be between 600 and 86400/],
    ["cluster ARN", (s) => new PodIdentityRole(s, "r", { clusters: [{ clusterArn: "prod-blue" }], serviceAccounts: SUBJECTS }), /^PodIdentityRole prod\/r: clusters\[0\]\.clusterArn: must be an EKS cluster ARN/],
  ];
  it.each(cases)("%s", (_name, create, message) => {
    const stack = newStack();
    const p = providers(stack, "literal");
    expect(() => create(stack, p)).toThrow(message);
  });

  it("a trust over the size quota is refused at synth, with the quota to raise", () => {
    const stack = newStack();
    const many = Array.from({ length: 12 }, (_, i) => new EksOidcProvider(stack, `c${i}`, { clusterName: `c${i}`, issuerUrl: `https://oidc.eks.us-west-2.amazonaws.com/id/${String(i).padStart(32, "0")}`, accountId: ACCOUNT }));
    expect(() => new IrsaRole(stack, "api", { oidcProviders: many, serviceAccounts: SUBJECTS, roleName: "big" })).toThrow(/^IrsaRole prod\/api: the trust policy of role big is \d+ characters, over the limit of 2048/);
    expect(() => new IrsaRole(stack, "ok", { oidcProviders: many, serviceAccounts: SUBJECTS, trustPolicyMaxLength: 8192 })).not.toThrow();
  });

  it("a reference passes unchecked (Terraform knows it at apply)", () => {
    const stack = newStack();
    const { blue } = clusters(stack);
    expect(() => new EksOidcProvider(stack, "blue", { clusterName: blue.name, issuerUrl: blue.identity.get(0).oidc.get(0).issuer })).not.toThrow();
  });
});

describe("Terraform parses what the constructs write", () => {
  withTerraform.each(["literal", "reference"] as const)("%s form: no configuration error or warning", (form) => {
    const stack = newStack();
    const p = providers(stack, form);
    new IrsaRole(stack, "api", { oidcProviders: [p.blue, p.green], serviceAccounts: SUBJECTS, roleName: "prod-orders-api" });
    new ClusterAutoscalerRole(stack, "ca", { oidcProviders: [p.green], region: "us-west-2" });
    new PodIdentityRole(stack, "ledger", { clusters: [{ clusterArn: CLUSTER_ARN.blue }], serviceAccounts: [{ namespace: "finance", name: "ledger" }], oidcProviders: [p.blue] });
    const { errors, warnings, output } = terraformInit(Testing.synth(stack), "main.tf.json");
    expect(errors.filter((e) => !PROVIDER_MISSING.test(e))).toEqual([]);
    expect(warnings).toEqual([]);
    expect(output).not.toContain("Invalid");
  });

  withAwsProvider("the AWS provider validates both forms (terraform validate with the local provider copy)", () => {
    const stack = newStack();
    for (const form of ["literal", "reference"] as const) {
      const p = providers(stack, form, `${form}-`);
      new IrsaRole(stack, `api-${form}`, { oidcProviders: [p.blue, p.green], serviceAccounts: SUBJECTS, roleName: `prod-orders-api-${form}`, policyArns: ["arn:aws:iam::aws:policy/ReadOnlyAccess"] });
      new ClusterAutoscalerRole(stack, `ca-${form}`, { oidcProviders: [p.green], region: "us-west-2" });
      const ledger = new PodIdentityRole(stack, `ledger-${form}`, { clusters: [{ clusterArn: CLUSTER_ARN.blue }], serviceAccounts: [{ namespace: "finance", name: "ledger" }], oidcProviders: [p.blue] });
      new PodIdentityAssociation(stack, `ledger-blue-${form}`, { clusterName: "prod-blue", namespace: "finance", serviceAccount: "ledger", role: ledger });
    }
    const json = synth(stack);
    expect(Object.keys(json.data.aws_iam_policy_document ?? {}).length).toBeGreaterThan(0);
    const { ok, output } = terraformValidateAws(json);
    expect(output).toContain("The configuration is valid");
    expect(ok).toBe(true);
  }, 300_000);
});
