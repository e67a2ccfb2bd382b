// For every role of every example: the trust admits exactly the configured subject from exactly the
// configured clusters, by exactly the configured mechanism. Judged by the lib/iam evaluator.
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { evaluate, webIdentityRequest, type RequestContext } from "../../lib/iam/evaluate";
import { buildPlan } from "../../lib/model/build";
import type { ClusterPlan, EnvironmentPlan, RolePlan } from "../../lib/model/types";
import { parseConfig } from "../../lib/config/load";
import { EXAMPLES } from "../support";

const podIdentityRequest = (cluster: ClusterPlan, namespace: string, name: string, action = "sts:AssumeRole"): RequestContext => ({
  principal: { type: "Service", id: "pods.eks.amazonaws.com" },
  action,
  keys: {
    "aws:SourceAccount": cluster.accountId,
    "aws:RequestTag/eks-cluster-arn": cluster.arn,
    "aws:RequestTag/eks-cluster-name": cluster.name,
    "aws:RequestTag/kubernetes-namespace": namespace,
    "aws:RequestTag/kubernetes-service-account": name,
  },
});

const irsa = (cluster: ClusterPlan, namespace: string, name: string, aud = "sts.amazonaws.com") =>
  webIdentityRequest(cluster.oidcProviderArn, { sub: `system:serviceaccount:${namespace}:${name}`, aud });

const admits = (role: RolePlan, request: RequestContext) => evaluate(role.trust, request).decision === "allow";

for (const file of EXAMPLES) {
  const loaded = parseConfig(readFileSync(file, "utf8"), file);
  const plan = buildPlan(loaded);
  const allClusters = plan.environments.flatMap((e) => e.clusters);

  describe(`trust of every role in ${basename(file)}`, () => {
    for (const env of plan.environments) {
      const spec = loaded.environments.find((e) => e.name === env.name)!;
      for (const sa of spec.serviceAccounts) {
        const role = env.roles.find((r) => r.key === `${sa.namespace}/${sa.name}`)!;
        const intendedClusters = sa.clusters ?? spec.clusters.map((c) => c.name);
        const identity = sa.identity ?? spec.identity;
        const wantIrsa = identity !== "pod-identity" || sa.retainIrsaTrust === true;
        it(`${env.name}: ${role.key} admits only its subject from ${intendedClusters.join(", ")} (${identity})`, () => {
          checkRole(env, role, sa.namespace!, sa.name!, intendedClusters, wantIrsa, identity !== "irsa", allClusters);
        });
      }
    }
  });
}

function checkRole(
  env: EnvironmentPlan,
  role: RolePlan,
  namespace: string,
  name: string,
  intended: readonly string[],
  wantIrsa: boolean,
  wantPodIdentity: boolean,
  allClusters: readonly ClusterPlan[],
) {
  for (const cluster of allClusters) {
    const trusted = env.clusters.includes(cluster) && intended.includes(cluster.name);
    expect([cluster.name, admits(role, irsa(cluster, namespace, name))]).toEqual([cluster.name, trusted && wantIrsa]);
    for (const action of ["sts:AssumeRole", "sts:TagSession"]) {
      expect([cluster.name, action, admits(role, podIdentityRequest(cluster, namespace, name, action))]).toEqual([cluster.name, action, trusted && wantPodIdentity]);
    }
    // Whatever the cluster: another namespace, another name, another audience, no audience are refused.
    expect(admits(role, irsa(cluster, `${namespace}x`, name))).toBe(false);
    expect(admits(role, irsa(cluster, namespace, `${name}x`))).toBe(false);
    expect(admits(role, irsa(cluster, "kube-system", "default"))).toBe(false);
    expect(admits(role, irsa(cluster, namespace, name, "sts.amazonaws.com.evil"))).toBe(false);
    expect(admits(role, webIdentityRequest(cluster.oidcProviderArn, { sub: `system:serviceaccount:${namespace}:${name}` }))).toBe(false);
    expect(admits(role, podIdentityRequest(cluster, `${namespace}x`, name))).toBe(false);
    expect(admits(role, podIdentityRequest(cluster, namespace, `${name}x`))).toBe(false);
    expect(admits(role, { ...podIdentityRequest(cluster, namespace, name), keys: { ...podIdentityRequest(cluster, namespace, name).keys, "aws:SourceAccount": "999999999999" } })).toBe(false);
  }
  // Some other principal with the right claims is not a trusted provider.
  const foreign = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com";
  expect(admits(role, webIdentityRequest(foreign, { sub: `system:serviceaccount:${namespace}:${name}`, aud: "sts.amazonaws.com" }))).toBe(false);
}
