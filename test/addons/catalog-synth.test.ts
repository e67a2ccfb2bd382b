// The catalog through the whole pipeline: examples/controllers.yaml synthesized, its policies read back from
// the Terraform JSON and judged by the IAM evaluator.
import { Testing } from "cdktf";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { addonById } from "../../lib/addons";
import { evaluate, webIdentityRequest, type RequestContext } from "../../lib/iam/evaluate";
import type { PolicyDocument } from "../../lib/iam/policy";
import { buildPlan } from "../../lib/model/build";
import { parseConfig } from "../../lib/config/load";
import { EnvironmentStack } from "../../stacks/environment-stack";
import { config, ISSUER_A, ISSUER_B, planOf, ROOT } from "../support";

const file = join(ROOT, "examples/controllers.yaml");
const plan = buildPlan(parseConfig(readFileSync(file, "utf8"), file));
const env = plan.environments[0];
const json = JSON.parse(Testing.synth(new EnvironmentStack(Testing.app(), env)));
const cluster = env.clusters[0];

/** Every inline policy of a role, as Terraform will send it to IAM. */
function policiesOf(roleAddress: string): PolicyDocument[] {
  return Object.values<any>(json.resource.aws_iam_role_policy)
    .filter((p) => p.role === `\${aws_iam_role.${roleAddress}.name}`)
    .map((p) => JSON.parse(p.policy));
}

function allows(roleAddress: string, action: string, resource: string, keys: RequestContext["keys"] = {}): boolean {
  const decisions = policiesOf(roleAddress).map((doc) => evaluate(doc, { action, resource, keys }).decision);
  return !decisions.includes("explicit-deny") && decisions.includes("allow");
}

const ZONE = "arn:aws:route53:::hostedzone/Z0EXAMPLEPUBLIC";
const OTHER_ZONE = "arn:aws:route53:::hostedzone/Z0SOMEONEELSE";

describe("the controller catalog, synthesized", () => {
  it("synthesizes the eight usual controllers, each with the upstream-following policies of its builder", () => {
    const ids = ["awsLoadBalancerController", "ebsCsiDriver", "efsCsiDriver", "externalDns", "clusterAutoscaler", "certManager", "externalSecrets", "karpenter"];
    expect(env.addons.map((a) => a.key.split("@")[0]).sort()).toEqual([...ids].sort());
    for (const role of env.roles) {
      const addon = addonById(role.addon!.id)!;
      const sorted = (docs: readonly PolicyDocument[]) => docs.map((d) => JSON.stringify(d)).sort();
      expect(sorted(policiesOf(role.address))).toEqual(sorted(role.inlinePolicies.map((p) => p.document)));
      expect(role.inlinePolicies.length).toBeGreaterThan(0);
      expect(addon.upstream).toMatch(/^https:\/\//);
    }
  });

  it("lets each controller's role be assumed only by its own ServiceAccount", () => {
    for (const role of env.roles) {
      const addon = addonById(role.addon!.id)!;
      const subject = (ns: string, name: string) => webIdentityRequest(cluster.oidcProviderArn, { sub: `system:serviceaccount:${ns}:${name}`, aud: "sts.amazonaws.com" });
      expect(evaluate(role.trust, subject(addon.defaultNamespace, addon.defaultServiceAccountName)).decision).toBe("allow");
      for (const other of env.roles.filter((r) => r !== role)) {
        expect(evaluate(role.trust, subject(other.subjects[0].namespace, other.subjects[0].name)).decision).toBe("implicit-deny");
      }
      expect(evaluate(role.trust, subject(addon.defaultNamespace, "default")).decision).toBe("implicit-deny");
    }
  });

  it("lets ExternalDNS change records only in the given zones", () => {
    const role = "kube-system__external-dns";
    expect(allows(role, "route53:ChangeResourceRecordSets", ZONE)).toBe(true);
    expect(allows(role, "route53:ChangeResourceRecordSets", OTHER_ZONE)).toBe(false);
    expect(allows(role, "route53:ListHostedZones", "*")).toBe(true);
  });

  it("lets cert-manager change only TXT records, only in the given zones", () => {
    const role = "cert-manager__cert-manager";
    const zone = "arn:aws:route53:::hostedzone/Z0EXAMPLEACME";
    const types = (...t: string[]) => ({ "route53:ChangeResourceRecordSetsRecordTypes": t });
    expect(allows(role, "route53:ChangeResourceRecordSets", zone, types("TXT"))).toBe(true);
    expect(allows(role, "route53:ChangeResourceRecordSets", zone, types("A"))).toBe(false);
    expect(allows(role, "route53:ChangeResourceRecordSets", zone, types("TXT", "CNAME"))).toBe(false);
    expect(allows(role, "route53:ChangeResourceRecordSets", ZONE, types("TXT"))).toBe(false);
  });

  it("lets the Cluster Autoscaler scale only its own cluster's groups", () => {
    const role = "shared-1__kube-system__cluster-autoscaler";
    const asg = "arn:aws:autoscaling:us-east-1:111122223333:autoScalingGroup:1a2b:autoScalingGroupName/nodes-a";
    const owned = (c: string) => ({ [`aws:ResourceTag/k8s.io/cluster-autoscaler/${c}`]: "owned" });
    expect(allows(role, "autoscaling:SetDesiredCapacity", asg, owned("shared-1"))).toBe(true);
    expect(allows(role, "autoscaling:TerminateInstanceInAutoScalingGroup", asg, owned("shared-1"))).toBe(true);
    expect(allows(role, "autoscaling:SetDesiredCapacity", asg, owned("other"))).toBe(false);
    expect(allows(role, "autoscaling:SetDesiredCapacity", asg)).toBe(false);
    expect(allows(role, "autoscaling:SetDesiredCapacity", asg.replace("111122223333", "999999999999"), owned("shared-1"))).toBe(false);
  });

  it("gives blue/green clusters one Cluster Autoscaler role each, trusted by and scaling only its own cluster", () => {
    const bg = planOf(config(`  prod:
    clusters:
      - { name: blue, oidcIssuerUrl: "${ISSUER_A}" }
      - { name: green, oidcIssuerUrl: "${ISSUER_B}" }
    addons:
      clusterAutoscaler: {}
`)).environments[0];
    expect(bg.roles.map((r) => [r.name, r.clusters])).toEqual([
      ["prod-blue-kube-system-cluster-autoscaler", ["blue"]],
      ["prod-green-kube-system-cluster-autoscaler", ["green"]],
    ]);
    const [blue, green] = bg.roles;
    const token = (c: (typeof bg.clusters)[number]) => webIdentityRequest(c.oidcProviderArn, { sub: "system:serviceaccount:kube-system:cluster-autoscaler", aud: "sts.amazonaws.com" });
    expect(evaluate(blue.trust, token(bg.clusters[0])).decision).toBe("allow");
    expect(evaluate(blue.trust, token(bg.clusters[1])).decision).toBe("implicit-deny");
    const scale = { action: "autoscaling:SetDesiredCapacity", resource: "arn:aws:autoscaling:us-west-2:111122223333:autoScalingGroup:x:autoScalingGroupName/g" };
    expect(evaluate(green.inlinePolicies[0].document, { ...scale, keys: { "aws:ResourceTag/k8s.io/cluster-autoscaler/blue": "owned" } }).decision).toBe("implicit-deny");
    expect(evaluate(green.inlinePolicies[0].document, { ...scale, keys: { "aws:ResourceTag/k8s.io/cluster-autoscaler/green": "owned" } }).decision).toBe("allow");
  });

  it("lets External Secrets read only the given secrets", () => {
    const role = "external-secrets__external-secrets";
    expect(allows(role, "secretsmanager:GetSecretValue", "arn:aws:secretsmanager:us-east-1:111122223333:secret:shared/db-AbCdEf")).toBe(true);
    expect(allows(role, "secretsmanager:GetSecretValue", "arn:aws:secretsmanager:us-east-1:111122223333:secret:payments/db-AbCdEf")).toBe(false);
    expect(allows(role, "secretsmanager:PutSecretValue", "arn:aws:secretsmanager:us-east-1:111122223333:secret:shared/db-AbCdEf")).toBe(false);
  });

  it("lets Karpenter pass only the given node role", () => {
    const role = "shared-1__kube-system__karpenter";
    const keys = { "iam:PassedToService": "ec2.amazonaws.com" };
    expect(allows(role, "iam:PassRole", "arn:aws:iam::111122223333:role/KarpenterNodeRole-shared-1", keys)).toBe(true);
    expect(allows(role, "iam:PassRole", "arn:aws:iam::111122223333:role/Admin", keys)).toBe(false);
  });

  it("writes the role-arn annotation into the Helm values when the chart owns the ServiceAccount", () => {
    const own = planOf(config(`  prod:
    clusters: [{ name: blue, oidcIssuerUrl: "${ISSUER_A}" }]
    addons:
      externalDns: { hostedZoneArns: ["${ZONE}"], createServiceAccount: false }
`)).environments[0];
    expect(own.serviceAccounts).toHaveLength(0);
    expect(own.addons[0].helmValues).toBe(
      "serviceAccount:\n  create: true\n  name: external-dns\n  annotations:\n    eks.amazonaws.com/role-arn: arn:aws:iam::111122223333:role/prod-kube-system-external-dns\n",
    );
  });

  it("gives a controller EKS Pod Identity when asked, with no annotation in its Helm values", () => {
    const yaml = config(`  prod:
    clusters: [{ name: blue, oidcIssuerUrl: "${ISSUER_A}" }, { name: green, oidcIssuerUrl: "${ISSUER_B}", fargate: true }]
    addons:
      externalDns: { hostedZoneArns: ["${ZONE}"], createServiceAccount: false, identity: pod-identity }
`);
    // Fargate: the association cannot work there, for addons as for service accounts.
    expect(() => planOf(yaml)).toThrow(/environments\.prod\.addons\.externalDns\.identity: cluster "green" runs on Fargate/);
    const env = planOf(yaml.replace(", fargate: true", "")).environments[0];
    const [role] = env.roles;
    expect(role.trust.Statement.map((s) => s.Principal)).toEqual([{ Service: "pods.eks.amazonaws.com" }]);
    expect(env.podIdentityAssociations.map((a) => [a.cluster, a.namespace, a.serviceAccount])).toEqual([
      ["blue", "kube-system", "external-dns"],
      ["green", "kube-system", "external-dns"],
    ]);
    expect(env.addons[0]).toMatchObject({ identity: "pod-identity", helmValues: "serviceAccount:\n  create: true\n  name: external-dns\n" });
  });

  it("refuses an addon without its required scoping key, and an unknown addon, naming them", () => {
    const bad = (addons: string) => () =>
      planOf(config(`  prod:\n    clusters: [{ name: blue, oidcIssuerUrl: "${ISSUER_A}" }]\n    addons:\n${addons}\n`));
    expect(bad("      externalDns: {}")).toThrow(/environments\.prod\.addons\.externalDns\.hostedZoneArns: /);
    expect(bad("      externalDNS: {}")).toThrow(/environments\.prod\.addons\.externalDNS: unknown key; did you mean "externalDns"\?/);
  });
});
