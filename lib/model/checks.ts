// Checks on the built plan that IAM or EKS would otherwise fail at apply (or worse, accept): sizes over IAM's
// limits, Pod Identity where it cannot work, one role name per account, one role per ServiceAccount.
// Errors stop the build; warnings travel with the plan.
import { INLINE_POLICIES_MAX, policyLength, trustPolicyTooLong } from "../iam/limits";
import { isWildcard } from "../iam/trust";
import type { Diagnostic } from "../config/diagnostics";
import type { ResolvedEnvironment } from "../config/resolve";
import { RULE_ID } from "../config/rule-ids";
import type { ClusterPlan, EnvironmentPlan, ExistingRolePlan, RolePlan } from "./types";

/** What IAM and EKS would refuse or silently widen about one role. */
export function checkRole(env: ResolvedEnvironment, role: RolePlan, clusters: readonly ClusterPlan[], sessionTagsDisabled: boolean): Diagnostic[] {
  const trusted = role.clusters.map((name) => clusters.find((c) => c.name === name)!);
  return [
    ...checkTrustLength(env, role),
    ...checkInlineLength(role),
    ...podIdentityFindings(env, { ...role, adopt: role.importId !== undefined }, trusted, sessionTagsDisabled),
  ];
}

function checkTrustLength(env: ResolvedEnvironment, role: RolePlan): Diagnostic[] {
  const tooLong = trustPolicyTooLong(role.name, role.trust, env.trustPolicyMaxLength);
  return tooLong ? [{ severity: "error", rule: RULE_ID.trustTooLarge, path: role.sourcePath, message: tooLong }] : [];
}

function checkInlineLength(role: RolePlan): Diagnostic[] {
  const inlineLength = role.inlinePolicies.reduce((sum, policy) => sum + policyLength(policy.document), 0);
  if (inlineLength <= INLINE_POLICIES_MAX) return [];
  return [{
    severity: "error",
    path: role.sourcePath,
    message: `the inline policies of role ${role.name} are ${inlineLength} characters, over IAM's limit of ${INLINE_POLICIES_MAX} per role; attach managed policies (policyArns) instead`,
  }];
}

/** What a Pod Identity check needs to know of a role, created here or existing (roleArn:). */
type PodIdentityUse = Pick<RolePlan | ExistingRolePlan, "sourcePath" | "name" | "identity" | "subjects"> & { readonly adopt: boolean };

/** Where the Pod Identity association of a role cannot work, or cannot be adopted. */
export function podIdentityFindings(env: ResolvedEnvironment, role: PodIdentityUse, trusted: readonly ClusterPlan[], sessionTagsDisabled: boolean): Diagnostic[] {
  if (role.identity === "irsa") return [];
  const findings = podIdentityClusterFindings(env, role, trusted);
  if (role.subjects.some(isWildcard)) {
    findings.push({ severity: "error", path: role.sourcePath, message: "EKS Pod Identity associations need an exact namespace and ServiceAccount name, not a wildcard" });
  }
  if (sessionTagsDisabled) {
    findings.push({
      severity: "warning",
      path: [...role.sourcePath, "disableSessionTags"],
      message: `session tags are disabled, so the trust of ${role.name} cannot check the cluster, namespace or ServiceAccount: any Pod Identity association in account(s) ${[...new Set(trusted.map((c) => c.accountId))].join(", ")} naming this role can use it`,
    });
  }
  if (role.adopt) {
    findings.push({
      severity: "warning",
      path: [...role.sourcePath, "adopt"],
      message: "EKS assigns Pod Identity association ids, so adopt cannot import an existing association: delete it (aws eks delete-pod-identity-association) just before the first apply, or that apply fails with ResourceInUseException",
    });
  }
  return findings;
}

/** Clusters where a Pod Identity association cannot work: Fargate, and clusters of another account. */
function podIdentityClusterFindings(env: ResolvedEnvironment, role: PodIdentityUse, clusters: readonly ClusterPlan[]): Diagnostic[] {
  const path = [...role.sourcePath, "identity"];
  return clusters.flatMap((cluster): Diagnostic[] => {
    if (cluster.accountId !== env.accountId) {
      const message = `cluster "${cluster.name}" is in account ${cluster.accountId}, and EKS Pod Identity only associates roles of the cluster's own account; use identity: irsa for it (its issuer is registered in ${env.accountId}) or narrow clusters:`;
      return [{ severity: "error", path, message }];
    }
    if (!cluster.fargate) return [];
    const message = `cluster "${cluster.name}" runs on Fargate, where EKS Pod Identity is not available`;
    return role.identity === "pod-identity"
      ? [{ severity: "error", path, message: `${message}; use irsa or narrow clusters:` }]
      : [{ severity: "warning", path, message: `${message}; pods there keep using IRSA` }];
  });
}

/** One ServiceAccount, one role: an addon or another entry must not take over a listed workload's subject. */
export function checkSubjects(roles: readonly (RolePlan | ExistingRolePlan)[]): Diagnostic[] {
  const findings: Diagnostic[] = [];
  const bySubject = new Map<string, RolePlan | ExistingRolePlan>();
  for (const role of roles) {
    for (const cluster of role.clusters) {
      for (const { namespace, name } of role.subjects) {
        const subject = `${namespace}/${name} on ${cluster}`;
        const other = bySubject.get(subject);
        if (other) findings.push({ severity: "error", path: role.sourcePath, message: `ServiceAccount ${subject} is also the subject of ${other.key}; one ServiceAccount has one role: remove one or set the addon's serviceAccountName` });
        else bySubject.set(subject, role);
      }
    }
  }
  return findings;
}

/** What the role-name check needs of an environment: kept for every environment while they are read one by one. */
export interface RoleNames {
  readonly name: string;
  readonly accountId: string;
  readonly roles: readonly NamedRole[];
}
type NamedRole = Pick<RolePlan, "name" | "key" | "sourcePath" | "subjects">;

export const roleNamesOf = (env: EnvironmentPlan): RoleNames => ({
  name: env.name,
  accountId: env.accountId,
  roles: env.roles.map(({ name, key, sourcePath, subjects }) => ({ name, key, sourcePath, subjects })),
});

/** A fix that works for the collision: the placeholder that tells the two roles apart. */
function collisionFix(first: NamedRole, second: NamedRole, acrossEnvironments: boolean): string {
  const sameEntry = first.sourcePath.join("/") === second.sourcePath.join("/");
  if (sameEntry && !acrossEnvironments) return `one roleName serves each cluster: put {cluster} in it (e.g. "{cluster}-${second.subjects[0].name}")`;
  if (acrossEnvironments) return 'put {env} in roleName, or give each environment its own roleNamePrefix ("{env}-" in defaults does it)';
  return "give one of them another roleName ({namespace} and {name} expand per entry)";
}

/** IAM role names are unique per account, whatever the path and across every stack deploying into it. */
export function checkRoleNames(environments: readonly RoleNames[]): Diagnostic[] {
  const findings: Diagnostic[] = [];
  const byName = new Map<string, { role: NamedRole; environment: string }>();
  for (const env of environments) {
    for (const role of env.roles) {
      const key = `${env.accountId}/${role.name.toLowerCase()}`;
      const first = byName.get(key);
      if (!first) {
        byName.set(key, { role, environment: env.name });
        continue;
      }
      const where = first.environment === env.name ? "" : ` in environment ${first.environment}`;
      findings.push({
        severity: "error",
        rule: RULE_ID.roleNameCollision,
        path: role.sourcePath,
        message: `role name ${role.name} is also the role name of ${first.role.key}${where}; IAM role names are unique per account (case-insensitive): ${collisionFix(first.role, role, first.environment !== env.name)}`,
      });
    }
  }
  return findings;
}
