// `irsa explain` without the printing: per role, who may assume it (read from its trust document) and
// what it may do (read from its policies). Plain data, stable order: the plan's.
import { loadActionCatalog, type ActionCatalog } from "../iam/catalog";
import { actionPatterns } from "../model/actions";
import type { EnvironmentPlan, ExistingRolePlan, Plan, RolePlan } from "../model/types";
import { serviceAccountSubject } from "../iam/trust";
import { formatPath } from "../config/diagnostics";
import { summarisePermissions, type PermissionSummary } from "./permissions";
import { readTrust, type Mechanism, type Trustee } from "./trust-reading";

export interface RoleExplanation {
  readonly name: string;
  readonly arn: string;
  /** `<namespace>/<name>`, the role's key in the stack outputs. */
  readonly key: string;
  /** Where in the config the role was asked for. */
  readonly source: string;
  readonly addon: string | null;
  readonly mechanisms: readonly Mechanism[];
  readonly clusters: readonly string[];
  readonly issuerUrls: readonly string[];
  readonly subjects: readonly string[];
  readonly trust: readonly Trustee[];
  /** ServiceAccount objects the stack creates for the role, per cluster. */
  readonly serviceAccounts: readonly { readonly cluster: string; readonly namespace: string; readonly name: string }[];
  readonly podIdentityAssociations: readonly { readonly cluster: string; readonly namespace: string; readonly serviceAccount: string }[];
  readonly permissions: PermissionSummary;
  /** The first apply imports the existing role (and what the entry lists) instead of creating it. */
  readonly adopted: boolean;
  /** Policies attached to the role outside the stack are removed at apply. */
  readonly exclusivePolicies: boolean;
}

/** A role named by `roleArn`: used here, but its trust and policies are managed elsewhere. */
export interface ExistingRoleExplanation {
  readonly name: string;
  readonly arn: string;
  readonly key: string;
  readonly source: string;
  readonly clusters: readonly string[];
  readonly subjects: readonly string[];
  readonly mechanisms: readonly Mechanism[];
  readonly serviceAccounts: RoleExplanation["serviceAccounts"];
  readonly podIdentityAssociations: RoleExplanation["podIdentityAssociations"];
  /** Why explain cannot say who may assume it. */
  readonly trust: string;
}

export interface EnvironmentExplanation {
  readonly name: string;
  readonly accountId: string;
  readonly region: string;
  readonly roles: readonly RoleExplanation[];
  readonly existingRoles: readonly ExistingRoleExplanation[];
}

export interface Explanation {
  /** Bumped when a field changes meaning or disappears; new fields may be added without a bump. */
  readonly formatVersion: 1;
  readonly file: string;
  readonly catalogVersion: string;
  readonly environments: readonly EnvironmentExplanation[];
}

export function explainPlan(plan: Plan, environments: readonly EnvironmentPlan[] = plan.environments): Explanation {
  const catalog = loadActionCatalog(actionPatterns(plan));
  return {
    formatVersion: 1,
    file: plan.file,
    catalogVersion: catalog.version,
    environments: environments.map((env) => ({
      name: env.name,
      accountId: env.accountId,
      region: env.region,
      roles: env.roles.map((role) => explainRole(env, role, catalog)),
      existingRoles: env.existingRoles.map((role) => explainExistingRole(env, role)),
    })),
  };
}

export function explainRole(env: EnvironmentPlan, role: RolePlan, catalog?: ActionCatalog): RoleExplanation {
  const trust = readTrust(role.trust.Statement, env.clusters);
  const admitting = trust.filter((t): t is Exclude<Trustee, { mechanism: "other" }> => t.mechanism !== "other");
  return {
    name: role.name,
    arn: role.arn,
    key: role.key,
    source: formatPath(role.sourcePath),
    addon: role.addon?.id ?? null,
    mechanisms: unique(admitting.map((t): Mechanism => t.mechanism)),
    clusters: unique(admitting.flatMap((t) => (t.mechanism === "irsa" ? (t.cluster ? [t.cluster] : []) : t.clusters))),
    issuerUrls: unique(trust.flatMap((t) => (t.mechanism === "irsa" ? [t.issuerUrl] : []))),
    subjects: unique(admitting.flatMap((t) => t.subjects)),
    trust,
    ...objectsOf(env, (o) => o.roleAddress === role.address),
    permissions: summarisePermissions(role, catalog),
    adopted: role.importId !== undefined,
    exclusivePolicies: role.exclusivePolicies,
  };
}

export const EXISTING_ROLE_TRUST = "not managed here: the role exists outside this stack (roleArn), so its trust policy, not this config, decides who may assume it";

export function explainExistingRole(env: EnvironmentPlan, role: ExistingRolePlan): ExistingRoleExplanation {
  return {
    name: role.name,
    arn: role.arn,
    key: role.key,
    source: formatPath(role.sourcePath),
    clusters: role.clusters,
    subjects: role.subjects.map(serviceAccountSubject),
    mechanisms: role.identity === "both" ? ["irsa", "pod-identity"] : [role.identity],
    // The objects of an existing role carry no role address: matched by subject (one role per ServiceAccount and cluster).
    ...objectsOf(env, (o) => o.roleAddress === undefined && role.clusters.includes(o.cluster) && role.subjects.some((s) => s.namespace === o.namespace && s.name === o.name)),
    trust: EXISTING_ROLE_TRUST,
  };
}

/** The ServiceAccounts and Pod Identity associations the stack creates for one role. */
function objectsOf(env: EnvironmentPlan, ofRole: (o: { roleAddress?: string; cluster: string; namespace: string; name: string }) => boolean) {
  return {
    serviceAccounts: env.serviceAccounts.filter(ofRole).map(({ cluster, namespace, name }) => ({ cluster, namespace, name })),
    podIdentityAssociations: env.podIdentityAssociations
      .filter((a) => ofRole({ ...a, name: a.serviceAccount }))
      .map(({ cluster, namespace, serviceAccount }) => ({ cluster, namespace, serviceAccount })),
  };
}

const unique = <T>(values: readonly T[]) => [...new Set(values)];
