// The floor: a minimal hand-written cdktf program that synthesizes the same Terraform as `irsa synth`
// for a bench fleet (roles with a literal trust JSON, attachments, inline policies, OIDC providers,
// one kubernetes provider per cluster, ServiceAccounts, the roles output), one stack per environment,
// with deep provider imports and nothing else: no config validation, no model, no diagnostics.
//
//   node bench/bare.js --fleet fleet.json --out DIR [--hcl] [--addons [--policies DIR]]
//
// --hcl uses cdktf's own HCL writer (App hclOutput), the reference for `irsa synth --hcl`.
// --addons mirrors the four bench addons the way the catalog renders them: one role + one inline policy (the
// upstream document from test/fixtures/reference-policies) + one ServiceAccount per trusted cluster; the Cluster
// Autoscaler gets one role per cluster, trusted by that cluster only.
import { DataAwsEksCluster } from "@cdktf/provider-aws/lib/data-aws-eks-cluster";
import { DataAwsIamOpenidConnectProvider } from "@cdktf/provider-aws/lib/data-aws-iam-openid-connect-provider";
import { IamOpenidConnectProvider } from "@cdktf/provider-aws/lib/iam-openid-connect-provider";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import { ServiceAccountV1 } from "@cdktf/provider-kubernetes/lib/service-account-v1";
import { App, CloudBackend, Fn, NamedCloudWorkspace, TerraformOutput, TerraformStack, type ITerraformDependable } from "cdktf";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ACCOUNT_ID, INLINE_ACTIONS, PERMISSIONS_BOUNDARY, REGION, ROLE_PATH, TAGS, type Fleet, type FleetEnvironment } from "./fleet";

const ADDON_ROLES: Readonly<Record<string, { namespace: string; sa: string; policyFile: string; perCluster?: boolean }>> = {
  awsLoadBalancerController: { namespace: "kube-system", sa: "aws-load-balancer-controller", policyFile: "aws-load-balancer-controller.json" },
  externalDns: { namespace: "kube-system", sa: "external-dns", policyFile: "external-dns.json" },
  certManager: { namespace: "cert-manager", sa: "cert-manager", policyFile: "cert-manager-route53.json" },
  clusterAutoscaler: { namespace: "kube-system", sa: "cluster-autoscaler", policyFile: "cluster-autoscaler.json", perCluster: true },
};

interface Workload {
  readonly name: string;
  readonly namespace: string;
  readonly policyArns: readonly string[];
  readonly inlinePolicy?: string;
  readonly annotations: Record<string, string>;
  readonly labels?: Readonly<Record<string, string>>;
  /** Only this cluster trusts the role and runs the ServiceAccount (per-cluster addons); all when absent. */
  readonly cluster?: string;
}

const safe = (...parts: string[]) => parts.map((p) => p.replace(/[^A-Za-z0-9_-]/g, "_")).join("__");

function environmentStack(app: App, env: FleetEnvironment, addonPolicies: ReadonlyMap<string, string>): void {
  const stack = new TerraformStack(app, env.name);
  new CloudBackend(stack, { organization: "acme", workspaces: new NamedCloudWorkspace(`irsa-${env.name}`, "eks-iam") });
  new AwsProvider(stack, "aws", { region: REGION, allowedAccountIds: [ACCOUNT_ID] });

  const clusters = env.clusters.map((c) => {
    const eks = new DataAwsEksCluster(stack, `eks-${c.name}`, { name: c.name });
    const kubernetes = new KubernetesProvider(stack, `k8s-${c.name}`, {
      alias: c.name,
      host: eks.endpoint,
      clusterCaCertificate: Fn.base64decode(eks.certificateAuthority.get(0).data),
      exec: [{ apiVersion: "client.authentication.k8s.io/v1beta1", command: "aws", args: ["eks", "get-token", "--cluster-name", c.name, "--region", REGION] }],
    });
    const oidc: ITerraformDependable =
      c.oidcProvider === "create"
        ? new IamOpenidConnectProvider(stack, `oidc-${c.name}`, { url: c.issuerUrl, clientIdList: ["sts.amazonaws.com"], tags: { "eks-cluster": c.name } })
        : new DataAwsIamOpenidConnectProvider(stack, `oidc-${c.name}`, { url: c.issuerUrl });
    const host = c.issuerUrl.replace("https://", "");
    return { name: c.name, kubernetes, oidc, host, providerArn: `arn:aws:iam::${ACCOUNT_ID}:oidc-provider/${host}` };
  });

  const workloads: Workload[] = env.serviceAccounts.map((sa) => {
    const annotations: Record<string, string> = {};
    if (sa.stsRegionalEndpoints !== undefined) annotations["eks.amazonaws.com/sts-regional-endpoints"] = String(sa.stsRegionalEndpoints);
    if (sa.tokenExpiration !== undefined) annotations["eks.amazonaws.com/token-expiration"] = String(sa.tokenExpiration);
    const inlinePolicy = sa.inlineQueues
      ? JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: INLINE_ACTIONS, Resource: sa.inlineQueues }] })
      : undefined;
    return { name: sa.name, namespace: sa.namespace, policyArns: sa.policyArns, inlinePolicy, annotations, labels: sa.labels };
  });
  for (const addon of Object.keys(env.addons)) {
    const known = ADDON_ROLES[addon];
    if (!known) continue;
    const base = { name: known.sa, namespace: known.namespace, policyArns: [], inlinePolicy: addonPolicies.get(addon), annotations: {} };
    if (known.perCluster) workloads.push(...env.clusters.map((c) => ({ ...base, cluster: c.name })));
    else workloads.push(base);
  }

  const outputs: Record<string, { arn: string; name: string }> = {};
  for (const w of workloads) {
    const id = w.cluster ? safe(w.cluster, w.namespace, w.name) : safe(w.namespace, w.name);
    const roleName = w.cluster ? `${env.name}-${w.cluster}-${w.namespace}-${w.name}` : `${env.name}-${w.namespace}-${w.name}`;
    const trusted = w.cluster ? clusters.filter((c) => c.name === w.cluster) : clusters;
    const subject = `system:serviceaccount:${w.namespace}:${w.name}`;
    const trust = JSON.stringify({
      Version: "2012-10-17",
      Statement: trusted.map((c) => ({
        Effect: "Allow",
        Principal: { Federated: c.providerArn },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: { StringEquals: { [`${c.host}:sub`]: subject, [`${c.host}:aud`]: "sts.amazonaws.com" } },
      })),
    });
    const role = new IamRole(stack, `role-${id}`, {
      name: roleName,
      path: ROLE_PATH,
      assumeRolePolicy: trust,
      permissionsBoundary: PERMISSIONS_BOUNDARY,
      maxSessionDuration: 3600,
      tags: { ...TAGS },
      dependsOn: trusted.map((c) => c.oidc),
    });
    for (const arn of w.policyArns) new IamRolePolicyAttachment(stack, `att-${id}-${arn.split("/").pop()}`, { role: role.name, policyArn: arn });
    if (w.inlinePolicy) new IamRolePolicy(stack, `inline-${id}`, { name: "inline", role: role.name, policy: w.inlinePolicy });
    const roleArn = `arn:aws:iam::${ACCOUNT_ID}:role${ROLE_PATH}${roleName}`;
    for (const c of trusted) {
      new ServiceAccountV1(stack, `sa-${c.name}-${id}`, {
        provider: c.kubernetes,
        metadata: { name: w.name, namespace: w.namespace, annotations: { "eks.amazonaws.com/role-arn": roleArn, ...w.annotations }, labels: w.labels ? { ...w.labels } : undefined },
        dependsOn: [role],
      });
    }
    outputs[w.cluster ? `${w.cluster}/${w.namespace}/${w.name}` : `${w.namespace}/${w.name}`] = { arn: role.arn, name: role.name };
  }
  new TerraformOutput(stack, "roles", { value: outputs });
}

function main(argv: readonly string[]): void {
  const arg = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const fleetFile = arg("--fleet");
  const out = arg("--out");
  if (!fleetFile || !out) throw new Error("usage: bare --fleet FILE --out DIR [--hcl] [--addons [--policies DIR]]");
  const fleet = JSON.parse(readFileSync(fleetFile, "utf8")) as Fleet;
  const withAddons = argv.includes("--addons");
  const policyDir = arg("--policies") ?? join(__dirname, "..", "test", "fixtures", "reference-policies");
  const addonPolicies = new Map<string, string>();
  if (withAddons) {
    for (const [addon, { policyFile }] of Object.entries(ADDON_ROLES)) {
      const file = join(policyDir, policyFile);
      const document = existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "ec2:Describe*", Resource: "*" }] };
      addonPolicies.set(addon, JSON.stringify(document));
    }
  }
  const app = new App({ outdir: out, hclOutput: argv.includes("--hcl"), skipValidation: true });
  for (const env of fleet.environments) environmentStack(app, withAddons ? env : { ...env, addons: {} }, addonPolicies);
  app.synth();
}

// From a fresh stack: cdktf formats a full stack trace for every token it creates, so its cost grows with the
// call depth; the floor should not pay for the module-loading frames above main().
setImmediate(() => main(process.argv.slice(2)));
