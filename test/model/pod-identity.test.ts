import { readFileSync } from "node:fs";
import { join } from "node:path";
import { evaluate } from "../../lib/iam/evaluate";
import { parseConfig } from "../../lib/config/load";
import { buildPlan } from "../../lib/model/build";
import { config, errorsOf, ISSUER_A, ISSUER_B, planOf, ROOT } from "../support";

const env = (serviceAccounts: string, clusterExtra = "") => config(`  prod:
    clusters:
      - { name: blue, oidcIssuerUrl: "${ISSUER_A}"${clusterExtra} }
      - { name: green, oidcIssuerUrl: "${ISSUER_B}" }
    serviceAccounts:
${serviceAccounts}
`);

const podRequest = (keys: Record<string, string>) => ({ principal: { type: "Service" as const, id: "pods.eks.amazonaws.com" }, action: "sts:AssumeRole", keys });

describe("EKS Pod Identity in the model", () => {
  it("narrows the trust with the session tags EKS sends and the source account, with no web-identity statement", () => {
    const [role] = planOf(env("      - { name: api, namespace: web, identity: pod-identity }")).environments[0].roles;
    expect(role.trust.Statement).toEqual([
      {
        Effect: "Allow",
        Principal: { Service: "pods.eks.amazonaws.com" },
        Action: ["sts:AssumeRole", "sts:TagSession"],
        Condition: {
          StringEquals: {
            "aws:SourceAccount": "111122223333",
            "aws:RequestTag/eks-cluster-arn": ["arn:aws:eks:us-west-2:111122223333:cluster/blue", "arn:aws:eks:us-west-2:111122223333:cluster/green"],
            "aws:RequestTag/kubernetes-namespace": "web",
            "aws:RequestTag/kubernetes-service-account": "api",
          },
        },
      },
    ]);
    expect(role.oidcTrustClusters).toEqual([]);
  });

  it("passes disableSessionTags and targetRoleArn to the association, and says the trust cannot check the subject", () => {
    const plan = planOf(env("      - { name: api, namespace: web, identity: pod-identity, clusters: [blue], disableSessionTags: true, targetRoleArn: \"arn:aws:iam::777788889999:role/x\" }"));
    const environment = plan.environments[0];
    expect(environment.podIdentityAssociations).toEqual([
      expect.objectContaining({ cluster: "blue", namespace: "web", serviceAccount: "api", disableSessionTags: true, targetRoleArn: "arn:aws:iam::777788889999:role/x" }),
    ]);
    const [role] = environment.roles;
    expect(role.trust.Statement[0].Condition).toEqual({ StringEquals: { "aws:SourceAccount": "111122223333" } });
    // Without tags any association of the account naming the role can use it: the warning says so.
    expect(evaluate(role.trust, podRequest({ "aws:SourceAccount": "111122223333" })).decision).toBe("allow");
    expect(plan.warnings.map((w) => w.message).join("\n")).toMatch(/session tags are disabled, so the trust of prod-web-api cannot check the cluster, namespace or ServiceAccount/);
  });

  it("lets the association role assume and tag the targetRoleArn, and the README's target trust admits exactly that role", () => {
    const file = join(ROOT, "examples/pod-identity.yaml");
    const environment = buildPlan(parseConfig(readFileSync(file, "utf8"), file)).environments[0];
    const role = environment.roles.find((r) => r.key === "finance/exporter")!;
    const target = environment.podIdentityAssociations.find((a) => a.roleAddress === role.address)!.targetRoleArn!;
    const permits = (action: string, resource: string) => role.inlinePolicies.some((p) => evaluate(p.document, { action, resource, keys: {} }).decision === "allow");
    expect([permits("sts:AssumeRole", target), permits("sts:TagSession", target)]).toEqual([true, true]);
    expect(permits("sts:AssumeRole", "arn:aws:iam::777788889999:role/other")).toBe(false);

    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    const trust = JSON.parse(/```json\n(\{[^`]*sts:ExternalId[^`]*\})\n```/.exec(readme)![1]);
    const chained = (principal: string, externalId: string) => ({
      principal: { type: "AWS" as const, id: principal },
      keys: { "sts:ExternalId": externalId },
    });
    const EXTERNAL_ID = "<externalId of the association>";
    for (const action of ["sts:AssumeRole", "sts:TagSession"]) {
      expect(evaluate(trust, { action, ...chained(role.arn, EXTERNAL_ID) }).decision).toBe("allow");
    }
    expect(evaluate(trust, { action: "sts:AssumeRole", ...chained(role.arn, "another-association") }).decision).toBe("implicit-deny");
    expect(evaluate(trust, { action: "sts:AssumeRole", ...chained("arn:aws:iam::111122223333:role/platform-finance-ledger", EXTERNAL_ID) }).decision).toBe("implicit-deny");
  });

  it("refuses pod-identity on a Fargate cluster and warns for both", () => {
    expect(errorsOf(env("      - { name: api, namespace: web, identity: pod-identity }", ", fargate: true")).join("\n")).toMatch(
      /serviceAccounts\[0\]\.identity: cluster "blue" runs on Fargate, where EKS Pod Identity is not available/,
    );
    const plan = planOf(env("      - { name: api, namespace: web, identity: both }", ", fargate: true"));
    expect(plan.warnings.map((w) => w.message).join("\n")).toMatch(/cluster "blue" runs on Fargate, where EKS Pod Identity is not available; pods there keep using IRSA/);
    // A workload kept off the Fargate cluster is fine.
    expect(() => planOf(env("      - { name: api, namespace: web, identity: pod-identity, clusters: [green] }", ", fargate: true"))).not.toThrow();
  });

  it("refuses Pod Identity on a cluster of another account, whose associations cannot name this account's role", () => {
    const lines = errorsOf(env("      - { name: api, namespace: web, identity: both }", ', accountId: "444455556666"'));
    expect(lines.join("\n")).toMatch(/cluster "blue" is in account 444455556666, and EKS Pod Identity only associates roles of the cluster's own account/);
  });

  it("keeps the IRSA trust with retainIrsaTrust, only with pod-identity", () => {
    const [role] = planOf(env("      - { name: api, namespace: web, identity: pod-identity, retainIrsaTrust: true }")).environments[0].roles;
    expect(role.trust.Statement.map((s) => Object.keys(s.Principal as object)[0])).toEqual(["Federated", "Federated", "Service"]);
    expect(errorsOf(env("      - { name: api, namespace: web, identity: both, retainIrsaTrust: true }")).join("\n")).toMatch(/retainIrsaTrust: is a migration step of identity: pod-identity/);
  });

  it("takes identity from the environment as a default", () => {
    const yaml = env("      - { name: api, namespace: web }\n      - { name: legacy, namespace: web, identity: irsa }").replace("  prod:\n", "  prod:\n    identity: pod-identity\n");
    expect(planOf(yaml).environments[0].roles.map((r) => r.identity)).toEqual(["pod-identity", "irsa"]);
  });
});
