// What the rules iterate over: every role with its environment and the config entry it came from, and
// every permission statement with the path a finding about it should name.
import { toArray, type PolicyStatement } from "../iam/policy";
import { USER_POLICY } from "../model/requests";
import type { Subject } from "../iam/trust";
import type { EnvironmentPlan, RolePlan } from "../model/types";
import type { PathSegment } from "../config/diagnostics";
import type { ResolvedEnvironment } from "../config/resolve";
import type { ServiceAccountSpec } from "../config/schema";
import type { LintContext } from "./types";

export interface RoleSite {
  readonly environment: EnvironmentPlan;
  readonly resolved: ResolvedEnvironment;
  readonly role: RolePlan;
  /** The serviceAccounts entry the role was asked for with; undefined for an addon's role. */
  readonly entry?: ServiceAccountSpec;
}

export interface StatementSite {
  readonly site: RoleSite;
  readonly statement: PolicyStatement;
  /** Written by the user (a serviceAccounts entry's `policy`), as opposed to an addon's upstream policy. */
  readonly userWritten: boolean;
  /** Path of the statement in the config; an addon's statements point at the addon. */
  readonly path: readonly PathSegment[];
}

export function roleSites(context: LintContext): RoleSite[] {
  return context.plan.environments.flatMap((environment) => {
    const resolved = context.config.environments.find((e) => e.name === environment.name)!;
    return environment.roles.map((role) => ({ environment, resolved, role, entry: role.entry }));
  });
}

export function statementSites(site: RoleSite): StatementSite[] {
  const { role, entry } = site;
  return role.inlinePolicies.flatMap((policy) => {
    const userWritten = entry?.policy !== undefined && role.addon === undefined && policy.name === USER_POLICY;
    return policy.document.Statement.map((statement, i) => ({
      site,
      statement,
      userWritten,
      path: userWritten ? [...role.sourcePath, "policy", "Statement", i] : role.sourcePath,
    }));
  });
}

export const allStatementSites = (context: LintContext) => roleSites(context).flatMap(statementSites);

/** Each value of Action (or another element) with the path of that value: `Action` or `Action[k]`. */
export function elementValues(site: StatementSite, element: "Action" | "NotAction" | "Resource" | "NotResource"): { value: string; path: readonly PathSegment[] }[] {
  const raw = site.statement[element];
  const values = toArray(raw);
  const at = (k: number) => (!site.userWritten ? site.path : Array.isArray(raw) ? [...site.path, element, k] : [...site.path, element]);
  return values.map((value, k) => ({ value, path: at(k) }));
}

/** Each subject of a role with the config path of its keys: `namespace`, or `subjects[i].namespace` for a shared role. */
export function subjectSites(role: RolePlan): { subject: Subject; pathOf: (key: keyof Subject) => readonly PathSegment[] }[] {
  return role.subjects.map((subject, i) => ({
    subject,
    pathOf: (key) => (role.subjects.length === 1 ? [...role.sourcePath, key] : [...role.sourcePath, "subjects", i, key]),
  }));
}

/** `role prod-orders-api (orders/api)`: how findings name a role. */
export const roleLabel = (role: RolePlan) => `role ${role.name} (${role.addon ? `addon ${role.addon.id}` : role.key})`;
