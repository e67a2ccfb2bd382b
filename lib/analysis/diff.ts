// `irsa diff` without the printing: two plans of the same config (base and head) compared through the model,
// per environment: roles added, removed or replaced; who gains or loses trust; which permissions are gained
// or lost (expanded through the action catalog, scoped by resource); ServiceAccounts and Pod Identity
// associations created, deleted or re-annotated; lint findings that are new. Plain data in a stable order.
import { formatPath, type Diagnostic } from "../config/diagnostics";
import { RULE_ID } from "../config/rule-ids";
import { arnAccount } from "../iam/arn";
import { hasGlob } from "../iam/glob";
import { toArray, type ConditionBlock, type PolicyStatement } from "../iam/policy";
import type { ActionCatalog } from "../iam/catalog";
import { roleReplacements, type ReplacementReason } from "../model/replacement";
import type { EnvironmentPlan, Plan, RolePlan } from "../model/types";
import { readTrust } from "./trust-reading";

/** One side of the comparison: a plan and the findings (plan warnings and lint) it produced. */
export interface DiffSide {
  /** How the side is named in the output: the config path, or `<revision>:<path>`. */
  readonly label: string;
  /** Null when the base revision has no config at that path: every role is new. */
  readonly plan: Plan | null;
  readonly findings: readonly Diagnostic[];
}

export interface RoleRef {
  readonly name: string;
  readonly key: string;
  readonly arn: string;
  readonly addon: string | null;
}

export interface RoleReplacementChange {
  readonly key: string;
  readonly before: RoleRef;
  readonly after: RoleRef;
  /** What forces Terraform to destroy and re-create the role (lib/model/replacement.ts). */
  readonly reasons: readonly ReplacementReason[];
}

export interface TrustChange {
  readonly role: string;
  readonly roleKey: string;
  readonly mechanism: "irsa" | "pod-identity" | "other";
  /** The cluster whose workloads may assume the role; an OIDC provider ARN or "-" when no cluster of the environment stands for it. */
  readonly cluster: string;
  /** The account the trusted workloads run in (the cluster's account). */
  readonly account: string;
  /** `system:serviceaccount:<namespace>:<name>`, `any Pod Identity association in <account>` or a principal. */
  readonly subject: string;
  readonly match: "exact" | "glob";
  readonly wildcard: boolean;
  readonly crossAccount: boolean;
}

export interface PermissionChange {
  readonly role: string;
  readonly roleKey: string;
  /** In `gained`: an Allow added or a Deny removed; in `lost`: an Allow removed or a Deny added. */
  readonly effect: "Allow" | "Deny";
  /** `action` (Action), `not-action` (NotAction: every action but this one), `managed-policy` (an attachment). */
  readonly kind: "action" | "not-action" | "managed-policy";
  /** The action pattern as written, or the managed policy's ARN. */
  readonly action: string;
  /** Distinct catalog actions the pattern reaches; null for a managed policy, NotAction or a service the catalog does not know. */
  readonly catalogActions: number | null;
  readonly accessLevels: Readonly<Record<string, number>>;
  /** The resources of this change (sorted); empty for a managed policy. */
  readonly resources: readonly string[];
  /** The resources are a NotResource list: everything else is granted. */
  readonly notResource: boolean;
  readonly condition: ConditionBlock | null;
  /** A `*`/`?` in the action, a NotAction/NotResource, or a resource that is `*` or wildcards a service, region, account or a whole resource type. */
  readonly wildcard: boolean;
  /** Accounts other than the role's own that the resources name. */
  readonly otherAccounts: readonly string[];
}

export interface ServiceAccountRef {
  readonly cluster: string;
  readonly namespace: string;
  readonly name: string;
}

export interface AnnotationChange {
  readonly key: string;
  readonly before: string | null;
  readonly after: string | null;
}

export interface FindingRef {
  readonly rule: string | null;
  readonly severity: Diagnostic["severity"];
  readonly path: string;
  readonly message: string;
}

export interface EnvironmentDiff {
  readonly name: string;
  readonly status: "added" | "removed" | "changed" | "unchanged";
  readonly accountId: string;
  readonly region: string;
  readonly roles: { readonly added: readonly RoleRef[]; readonly removed: readonly RoleRef[]; readonly replaced: readonly RoleReplacementChange[] };
  readonly trust: { readonly gained: readonly TrustChange[]; readonly lost: readonly TrustChange[] };
  readonly permissions: { readonly gained: readonly PermissionChange[]; readonly lost: readonly PermissionChange[] };
  readonly serviceAccounts: {
    readonly created: readonly ServiceAccountRef[];
    readonly deleted: readonly ServiceAccountRef[];
    readonly reannotated: readonly (ServiceAccountRef & { readonly annotations: readonly AnnotationChange[] })[];
  };
  readonly podIdentityAssociations: { readonly created: readonly ServiceAccountRef[]; readonly deleted: readonly ServiceAccountRef[] };
  /** Lint findings and plan warnings of the head that the base did not have, and those it no longer has. */
  readonly findings: { readonly new: readonly FindingRef[]; readonly resolved: readonly FindingRef[] };
}

export interface ConfigDiff {
  /** Bumped when a field changes meaning or disappears; new fields may be added without a bump. */
  readonly formatVersion: 1;
  readonly base: string;
  readonly head: string;
  readonly catalogVersion: string;
  readonly environments: readonly EnvironmentDiff[];
  /** New and resolved findings located outside any environment (in `defaults`, or the document itself). */
  readonly findings: EnvironmentDiff["findings"];
}

export function diffPlans(base: DiffSide, head: DiffSide & { readonly plan: Plan }, catalog: ActionCatalog): ConfigDiff {
  const before = base.plan?.environments ?? [];
  const after = head.plan.environments;
  const names = [...after.map((e) => e.name), ...before.map((e) => e.name).filter((n) => !after.some((e) => e.name === n))];
  return {
    formatVersion: 1,
    base: base.label,
    head: head.label,
    catalogVersion: catalog.version,
    environments: names.map((name) =>
      diffEnvironment(
        before.find((e) => e.name === name),
        after.find((e) => e.name === name),
        { base: findingsOf(base.findings, name), head: findingsOf(head.findings, name) },
        catalog,
      ),
    ),
    findings: findingChanges(findingsOf(base.findings, null), findingsOf(head.findings, null)),
  };
}

function diffEnvironment(
  base: EnvironmentPlan | undefined,
  head: EnvironmentPlan | undefined,
  findings: { base: readonly Diagnostic[]; head: readonly Diagnostic[] },
  catalog: ActionCatalog,
): EnvironmentDiff {
  const env = (head ?? base)!;
  const baseRoles = base?.roles ?? [];
  const headRoles = head?.roles ?? [];
  const trust = difference(trustAtoms(base, baseRoles), trustAtoms(head, headRoles), trustKey);
  const permissions = difference(permissionAtoms(base, baseRoles), permissionAtoms(head, headRoles), permissionKey);
  const serviceAccounts = difference(base?.serviceAccounts ?? [], head?.serviceAccounts ?? [], (sa) => sa.address);
  const associations = difference(base?.podIdentityAssociations ?? [], head?.podIdentityAssociations ?? [], (a) => a.address);
  const lint = findingChanges(findings.base, findings.head);
  const diff: Omit<EnvironmentDiff, "status"> = {
    name: env.name,
    accountId: env.accountId,
    region: env.region,
    roles: {
      added: headRoles.filter((r) => !baseRoles.some((b) => b.address === r.address)).map(roleRef),
      removed: baseRoles.filter((r) => !headRoles.some((h) => h.address === r.address)).map(roleRef),
      replaced: roleReplacements(baseRoles, headRoles).map((r) => ({
        key: headRoles.find((h) => h.address === r.address)!.key,
        before: roleRef(baseRoles.find((b) => b.address === r.address)!),
        after: roleRef(headRoles.find((h) => h.address === r.address)!),
        reasons: r.reasons,
      })),
    },
    trust: { gained: trust.added, lost: trust.removed },
    permissions: {
      // A Deny removed is a grant; a Deny added takes one away.
      gained: groupPermissions([...permissions.added.filter((p) => p.effect === "Allow"), ...permissions.removed.filter((p) => p.effect === "Deny")], catalog),
      lost: groupPermissions([...permissions.removed.filter((p) => p.effect === "Allow"), ...permissions.added.filter((p) => p.effect === "Deny")], catalog),
    },
    serviceAccounts: {
      created: serviceAccounts.added.map(serviceAccountRef),
      deleted: serviceAccounts.removed.map(serviceAccountRef),
      reannotated: (head?.serviceAccounts ?? []).flatMap((sa) => {
        const old = base?.serviceAccounts.find((b) => b.address === sa.address);
        const annotations = old ? annotationChanges(old.annotations, sa.annotations) : [];
        return annotations.length > 0 ? [{ ...serviceAccountRef(sa), annotations }] : [];
      }),
    },
    podIdentityAssociations: {
      created: associations.added.map((a) => ({ cluster: a.cluster, namespace: a.namespace, name: a.serviceAccount })),
      deleted: associations.removed.map((a) => ({ cluster: a.cluster, namespace: a.namespace, name: a.serviceAccount })),
    },
    findings: lint,
  };
  const changed = [diff.roles.added, diff.roles.removed, diff.roles.replaced, diff.trust.gained, diff.trust.lost, diff.permissions.gained, diff.permissions.lost, diff.serviceAccounts.created, diff.serviceAccounts.deleted, diff.serviceAccounts.reannotated, diff.podIdentityAssociations.created, diff.podIdentityAssociations.deleted, diff.findings.new, diff.findings.resolved].some((list) => list.length > 0);
  return { ...diff, status: !base ? "added" : !head ? "removed" : changed ? "changed" : "unchanged" };
}

/** Items only in `before` (removed) and only in `after` (added), each in its own list's order. */
function difference<T>(before: readonly T[], after: readonly T[], key: (item: T) => string): { added: T[]; removed: T[] } {
  const beforeKeys = new Set(before.map(key));
  const afterKeys = new Set(after.map(key));
  return { added: uniqueBy(after.filter((i) => !beforeKeys.has(key(i))), key), removed: uniqueBy(before.filter((i) => !afterKeys.has(key(i))), key) };
}

function uniqueBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => !seen.has(key(item)) && Boolean(seen.add(key(item))));
}

const roleRef = (role: RolePlan): RoleRef => ({ name: role.name, key: role.key, arn: role.arn, addon: role.addon?.id ?? null });

const serviceAccountRef = (sa: ServiceAccountRef): ServiceAccountRef => ({ cluster: sa.cluster, namespace: sa.namespace, name: sa.name });

function annotationChanges(before: Readonly<Record<string, string>>, after: Readonly<Record<string, string>>): AnnotationChange[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return keys.filter((k) => before[k] !== after[k]).map((key) => ({ key, before: before[key] ?? null, after: after[key] ?? null }));
}

/** Unsuppressed findings under `environments.<name>`; with null, those under no environment. */
function findingsOf(findings: readonly Diagnostic[], environment: string | null): Diagnostic[] {
  const inEnvironment = (d: Diagnostic) => (d.path[0] === "environments" && d.path.length > 1 ? String(d.path[1]) : null);
  return findings.filter((d) => d.suppressedBecause === undefined && inEnvironment(d) === environment);
}

/** A finding is the same in both configs when its rule and message are: its line and index may move. */
function findingChanges(base: readonly Diagnostic[], head: readonly Diagnostic[]): EnvironmentDiff["findings"] {
  const changes = difference(base.map(findingRef), head.map(findingRef), (f) => `${f.rule}\u0000${f.message}`);
  return { new: changes.added, resolved: changes.removed };
}

const findingRef = (d: Diagnostic): FindingRef => ({ rule: d.rule ?? null, severity: d.severity, path: formatPath(d.path), message: d.message });

// ---- trust: one atom per (role, mechanism, cluster, subject)

function trustAtoms(env: EnvironmentPlan | undefined, roles: readonly RolePlan[]): TrustChange[] {
  if (!env) return [];
  const accountOfCluster = (name: string | null) => env.clusters.find((c) => c.name === name)?.accountId;
  return roles.flatMap((role) =>
    readTrust(role.trust.Statement, env.clusters).flatMap((t): TrustChange[] => {
      const base = { role: role.name, roleKey: role.key };
      const atom = (mechanism: TrustChange["mechanism"], cluster: string, account: string, subject: string, match: "exact" | "glob", wildcard: boolean): TrustChange =>
        ({ ...base, mechanism, cluster, account, subject, match, wildcard, crossAccount: account !== env.accountId });
      if (t.mechanism === "irsa") {
        const account = accountOfCluster(t.cluster) ?? arnAccount(t.providerArn) ?? "";
        return t.subjects.map((s) => atom("irsa", t.cluster ?? t.providerArn, account, s, t.match, t.match === "glob" && hasGlob(s)));
      }
      if (t.mechanism === "pod-identity") {
        if (!t.sessionTags) return t.sourceAccounts.map((account) => atom("pod-identity", "-", account, `any Pod Identity association in ${account}`, "glob", true));
        return t.clusters.flatMap((cluster) =>
          t.subjects.map((s) => atom("pod-identity", cluster, accountOfCluster(cluster) ?? arnAccount(cluster) ?? t.sourceAccounts[0] ?? "", s, t.match, t.match === "glob" && hasGlob(s))),
        );
      }
      const account = arnAccount(t.principal) ?? "";
      return [atom("other", "-", account || "*", t.principal, "exact", t.principal === "*")];
    }),
  );
}

const trustKey = (t: TrustChange) => [t.roleKey, t.mechanism, t.cluster, t.account, t.subject, t.match].join("\u0000");

// ---- permissions: one atom per (role, effect, action, resource, condition)

interface PermissionAtom {
  readonly role: string;
  readonly roleKey: string;
  readonly effect: "Allow" | "Deny";
  readonly kind: PermissionChange["kind"];
  readonly action: string;
  readonly resource: string | null;
  readonly notResource: boolean;
  readonly condition: ConditionBlock | null;
  readonly accountId: string;
}

function permissionAtoms(env: EnvironmentPlan | undefined, roles: readonly RolePlan[]): PermissionAtom[] {
  if (!env) return [];
  return roles.flatMap((role) => {
    const base = { role: role.name, roleKey: role.key, accountId: env.accountId };
    const managed = role.managedPolicies.map((p): PermissionAtom => ({ ...base, effect: "Allow", kind: "managed-policy", action: p.arn, resource: null, notResource: false, condition: null }));
    return [...managed, ...role.inlinePolicies.flatMap((p) => p.document.Statement.flatMap((s) => statementAtoms(s, base)))];
  });
}

function statementAtoms(statement: PolicyStatement, base: Pick<PermissionAtom, "role" | "roleKey" | "accountId">): PermissionAtom[] {
  const notResource = statement.NotResource !== undefined;
  const resources = toArray(notResource ? statement.NotResource : statement.Resource);
  const actions: [PermissionChange["kind"], string][] = [
    ...toArray(statement.Action).map((a): [PermissionChange["kind"], string] => ["action", a]),
    ...toArray(statement.NotAction).map((a): [PermissionChange["kind"], string] => ["not-action", a]),
  ];
  return actions.flatMap(([kind, action]) =>
    (resources.length ? resources : [null]).map((resource) => ({ ...base, effect: statement.Effect, kind, action, resource, notResource, condition: statement.Condition ?? null })),
  );
}

/** Actions compare case-insensitively, as IAM reads them; resources and conditions exactly. */
const permissionKey = (p: PermissionAtom) =>
  [p.roleKey, p.effect, p.kind, p.kind === "managed-policy" ? p.action : p.action.toLowerCase(), p.resource ?? "", String(p.notResource), canonicalJson(p.condition)].join("\u0000");

function groupPermissions(atoms: readonly PermissionAtom[], catalog: ActionCatalog): PermissionChange[] {
  const groups = new Map<string, PermissionAtom[]>();
  for (const atom of atoms) {
    const key = [atom.roleKey, atom.effect, atom.kind, atom.action, String(atom.notResource), canonicalJson(atom.condition)].join("\u0000");
    groups.set(key, [...(groups.get(key) ?? []), atom]);
  }
  return [...groups.values()].map((group) => {
    const [first] = group;
    const resources = [...new Set(group.flatMap((a) => (a.resource === null ? [] : [a.resource])))].sort();
    const reached = first.kind === "action" ? catalog.matching(first.action) : undefined;
    const accessLevels: Record<string, number> = {};
    for (const action of reached ?? []) accessLevels[action.accessLevel] = (accessLevels[action.accessLevel] ?? 0) + 1;
    return {
      role: first.role,
      roleKey: first.roleKey,
      effect: first.effect,
      kind: first.kind,
      action: first.action,
      catalogActions: reached ? reached.length : null,
      accessLevels: Object.fromEntries(Object.entries(accessLevels).sort(([a], [b]) => a.localeCompare(b))),
      resources,
      notResource: first.notResource,
      condition: first.condition,
      wildcard: first.kind === "not-action" || first.notResource || (first.kind === "action" && hasGlob(first.action)) || resources.some(isWildcardResource),
      otherAccounts: [...new Set(resources.map((r) => arnAccount(r) ?? "").filter((a) => /^\d{12}$/.test(a) && a !== first.accountId))].sort(),
    };
  });
}

/**
 * `*`; an ARN that wildcards its partition, service, region or account; or one that wildcards a whole
 * resource type (`arn:aws:sqs:us-east-1:1111:*`, `...:table/*`, `arn:aws:s3:::*`). A name prefix
 * (`table/orders-*`) or the objects of one named bucket (`arn:aws:s3:::b/*`) is a scope, not a wildcard.
 */
export function isWildcardResource(resource: string): boolean {
  const fields = resource.split(":");
  if (fields.length < 6 || fields[0] !== "arn") return hasGlob(resource);
  const [, partition, service, region, account, ...rest] = fields;
  if ([partition, service, region, account].some(hasGlob)) return true;
  const segments = rest.join(":").split(/[/:]/);
  const onlyGlob = (segment: string | undefined) => segment !== undefined && /^[*?]+$/.test(segment);
  // S3 names the bucket first; other services name a resource type, then the resource.
  return service === "s3" ? hasGlob(segments[0]) : hasGlob(segments[0]) || (segments.length === 2 && onlyGlob(segments[1]));
}

/** JSON with sorted keys: equal conditions written in another key order compare equal. */
function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(",")}}`;
}

// ---- --fail-on: what a team forbids in a change

export const FAIL_ON = ["new-wildcard", "new-escalation", "new-cross-account", "role-replaced"] as const;
export type FailOn = (typeof FAIL_ON)[number];

export interface Violation {
  readonly condition: FailOn;
  readonly environment: string;
  /** One line: what in the change meets the condition. */
  readonly message: string;
}

/** The rule pack's judgement of privilege escalation: `new-escalation` is a new finding of it, never a second opinion. */
const ESCALATION_RULE = RULE_ID.privilegeEscalation;

/** What in the change meets the given conditions, in environment order. */
export function violations(diff: ConfigDiff, conditions: readonly FailOn[]): Violation[] {
  const outside = conditions.includes("new-escalation") ? diff.findings.new.filter((f) => f.rule === ESCALATION_RULE) : [];
  return [...outside.map((f) => ({ condition: "new-escalation" as const, environment: "(config)", message: `${f.path}: ${f.message}` })), ...diff.environments.flatMap((env) => {
    const found = (condition: FailOn, messages: readonly string[]) => (conditions.includes(condition) ? messages.map((message) => ({ condition, environment: env.name, message })) : []);
    const grants = env.permissions.gained.filter((p) => p.effect === "Allow");
    return [
      ...found("new-wildcard", [
        ...env.trust.gained.filter((t) => t.wildcard).map((t) => `role ${t.role} trusts ${t.subject}`),
        ...grants.filter((p) => p.wildcard).map((p) => `role ${p.role} may ${describeGrant(p)}`),
      ]),
      ...found("new-escalation", env.findings.new.filter((f) => f.rule === ESCALATION_RULE).map((f) => `${f.path}: ${f.message}`)),
      ...found("new-cross-account", [
        ...env.trust.gained.filter((t) => t.crossAccount).map((t) => `role ${t.role} trusts ${t.subject} of cluster ${t.cluster} in account ${t.account}`),
        ...grants.filter((p) => p.otherAccounts.length > 0).map((p) => `role ${p.role} may ${describeGrant(p)} in account ${p.otherAccounts.join(", ")}`),
      ]),
      ...found("role-replaced", env.roles.replaced.map((r) => `role ${r.key} is replaced (${r.reasons.join(", ")} changed): ${r.before.arn} -> ${r.after.arn}`)),
    ];
  })];
}

/** `s3:* on arn:aws:s3:::b, arn:aws:s3:::b/*` */
export function describeGrant(p: PermissionChange): string {
  if (p.kind === "managed-policy") return `use managed policy ${p.action}`;
  const action = p.kind === "not-action" ? `every action except ${p.action}` : p.action;
  const resources = p.resources.length === 0 ? "" : p.notResource ? ` on every resource except ${p.resources.join(", ")}` : ` on ${p.resources.join(", ")}`;
  return `${action}${resources}${p.condition ? " (conditional)" : ""}`;
}
