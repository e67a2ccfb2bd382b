// `irsa explain` without the printing: per role, who may assume it (read from its trust document) and
// what it may do (read from its policies). Plain data, stable order: the plan's.
import { loadActionCatalog, type ActionCatalog } from "../iam/catalog";
import { actionPatterns } from "../model/actions";
import type { EnvironmentPlan, Plan, RolePlan } from "../model/types";
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
}

export interface EnvironmentExplanation {
  readonly name: string;
  readonly accountId: string;
  readonly region: string;
  readonly roles: readonly RoleExplanation[];
}

export interface Explanation {
  /** Bumped when a field changes meaning or disappears; new fields may be added without a bump. */
  readonly formatVersion: 1;
  readonly file: string;
  readonly catalogVersion: string;
  readonly environments: readonly EnvironmentExplanation[];
}

export async function explainPlan(plan: Plan, environments: readonly EnvironmentPlan[] = plan.environments): Promise<Explanation> {
  const catalog = await loadActionCatalog(actionPatterns(plan));
  return {
    formatVersion: 1,
    file: plan.file,
    catalogVersion: catalog.version,
    environments: environments.map((env) => ({
      name: env.name,
      accountId: env.accountId,
      region: env.region,
      roles: env.roles.map((role) => explainRole(env, role, catalog)),
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
    serviceAccounts: env.serviceAccounts.filter((sa) => sa.roleAddress === role.address).map(({ cluster, namespace, name }) => ({ cluster, namespace, name })),
    podIdentityAssociations: env.podIdentityAssociations
      .filter((a) => a.roleAddress === role.address)
      .map(({ cluster, namespace, serviceAccount }) => ({ cluster, namespace, serviceAccount })),
    permissions: summarisePermissions(role, catalog),
  };
}

const unique = <T>(values: readonly T[]) => [...new Set(values)];
