// What a role may do, summarised from its attached policies: per service the actions as written, the
// wildcards, and (where the AWS catalog knows the service) how many catalog actions they reach by access level.
import { hasGlob } from "../iam/glob";
import { policyLength } from "../iam/limits";
import { toArray } from "../iam/policy";
import { serviceOf, type ActionCatalog } from "../iam/catalog";
import type { RolePlan } from "../model/types";

export interface ServiceGrant {
  readonly service: string;
  /** Exact actions allowed, as written (sorted, unique). */
  readonly actions: readonly string[];
  /** Allowed patterns with `*` or `?`. */
  readonly wildcards: readonly string[];
  /** Distinct catalog actions the allowed actions and wildcards reach; null when the catalog does not know the service. */
  readonly catalogActions: number | null;
  /** Those catalog actions by access level (Read, List, Write, ...). */
  readonly accessLevels: Readonly<Record<string, number>>;
}

export interface PermissionSummary {
  readonly managedPolicies: readonly string[];
  readonly inlinePolicies: readonly { readonly name: string; readonly statements: number; readonly characters: number }[];
  readonly services: readonly ServiceGrant[];
  /** Some Allow grants `*` / `*:*`: every action of every service. */
  readonly allActions: boolean;
  /** Actions excluded by an Allow with NotAction (which grants everything else); empty when none. */
  readonly allActionsExcept: readonly string[];
  /** Some Allow applies to Resource "*" (or uses NotResource). */
  readonly anyResource: boolean;
  readonly denyStatements: number;
  readonly permissionsBoundaryArn: string | null;
}

export function summarisePermissions(role: RolePlan, catalog?: ActionCatalog): PermissionSummary {
  const statements = role.inlinePolicies.flatMap((p) => p.document.Statement);
  const allows = statements.filter((s) => s.Effect === "Allow");
  const patterns = allows.flatMap((s) => toArray(s.Action));
  const byService = new Map<string, string[]>();
  for (const pattern of patterns) {
    const service = serviceOf(pattern);
    if (service === "*") continue;
    const listed = byService.get(service);
    if (listed) listed.push(pattern);
    else byService.set(service, [pattern]);
  }
  return {
    managedPolicies: role.managedPolicies.map((p) => p.arn),
    inlinePolicies: role.inlinePolicies.map((p) => ({ name: p.name, statements: p.document.Statement.length, characters: policyLength(p.document) })),
    services: [...byService.keys()].sort().map((service) => serviceGrant(service, byService.get(service)!, catalog)),
    allActions: patterns.some((p) => serviceOf(p) === "*"),
    allActionsExcept: allows.flatMap((s) => toArray(s.NotAction)),
    anyResource: allows.some((s) => s.NotResource !== undefined || toArray(s.Resource).includes("*")),
    denyStatements: statements.length - allows.length,
    permissionsBoundaryArn: role.permissionsBoundaryArn ?? null,
  };
}

function serviceGrant(service: string, patterns: readonly string[], catalog?: ActionCatalog): ServiceGrant {
  const reached = new Map<string, string>();
  let known = catalog !== undefined;
  for (const pattern of patterns) {
    const matches = catalog?.matching(pattern);
    if (matches === undefined) known = false;
    for (const action of matches ?? []) reached.set(action.name, action.accessLevel);
  }
  const accessLevels: Record<string, number> = {};
  for (const level of [...reached.values()].sort()) accessLevels[level] = (accessLevels[level] ?? 0) + 1;
  return {
    service,
    actions: sortedUnique(patterns.filter((p) => !hasGlob(p))),
    wildcards: sortedUnique(patterns.filter(hasGlob)),
    catalogActions: known ? reached.size : null,
    accessLevels: known ? accessLevels : {},
  };
}

const sortedUnique = (values: readonly string[]) => [...new Set(values)].sort();
