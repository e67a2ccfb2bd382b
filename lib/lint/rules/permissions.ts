// What a role may do: administrator-style grants, whole-service wildcards, writes on every resource, and
// actions the AWS catalog does not know.
import { globMatch, hasGlob } from "../../iam/glob";
import { closest } from "../../config/diagnostics";
import { serviceOf, writeAccess } from "../../iam/catalog";
import { RULE_ID } from "../../config/rule-ids";
import type { Finding, LintRule } from "../types";
import { allStatementSites, elementValues, roleLabel, roleSites, type StatementSite } from "../walk";

/** Actions that let the holder grant itself more: a wildcard covering any of them is as good as admin. */
const ESCALATION_ACTIONS = [
  "iam:PassRole",
  "iam:CreatePolicyVersion",
  "iam:SetDefaultPolicyVersion",
  "iam:AttachRolePolicy",
  "iam:AttachUserPolicy",
  "iam:AttachGroupPolicy",
  "iam:PutRolePolicy",
  "iam:PutUserPolicy",
  "iam:PutGroupPolicy",
  "iam:UpdateAssumeRolePolicy",
  "iam:CreateAccessKey",
  "iam:CreateLoginProfile",
  "iam:UpdateLoginProfile",
  "sts:AssumeRole",
];

const ADMIN_POLICIES = ["AdministratorAccess", "PowerUserAccess", "IAMFullAccess"];

/** The escalation action a pattern names exactly (wildcards over IAM are admin-action-wildcard's). */
const escalationAction = (pattern: string) => (hasGlob(pattern) ? undefined : ESCALATION_ACTIONS.find((action) => action.toLowerCase() === pattern.toLowerCase()));

/** `*`, or an ARN naming every role, user, group or policy (`arn:aws:iam::*:role/*`): a grant on any of them. */
const onEveryone = (resource: string) => resource === "*" || /^arn:[^:]*:(iam|sts)::[^:]*:(\*|(role|user|group|policy)\/\*)$/.test(resource);

/** Statements that reach every principal: Resource "*" or an every-role ARN, or NotResource. */
const everyResource = (site: StatementSite) => site.statement.NotResource !== undefined || elementValues(site, "Resource").some((r) => onEveryone(r.value));

const managedPolicyName = (policyArn: string) => (/^arn:[^:]+:iam::aws:policy\//.test(policyArn) ? policyArn.split("/").pop()! : undefined);

const allows = (site: StatementSite) => site.statement.Effect === "Allow";

function adminGrant(pattern: string): string | undefined {
  if (serviceOf(pattern) === "*") return `"${pattern}" grants every action of every service`;
  if (!hasGlob(pattern)) return undefined;
  const covered = ESCALATION_ACTIONS.filter((action) => globMatch(pattern, action, { ignoreCase: true }));
  return covered.length > 0 ? `"${pattern}" grants ${covered.join(", ")}, which let the role give itself any permission` : undefined;
}

export const adminActions: LintRule = {
  id: RULE_ID.adminActions,
  name: "admin-action-wildcard",
  severity: "error",
  summary: "A policy allows `*`, `*:*`, `iam:*`-style wildcards or NotAction: administrator access or a path to it.",
  help:
    "`*` and `*:*` grant everything; a wildcard over IAM (`iam:*`, `iam:Put*`, `iam:Pass*`) or `sts:*` lets the workload grant itself anything; " +
    "Allow with NotAction grants every action not listed. Name the actions the workload calls.",
  // The schema refuses "*:*" (not "<service>:<Action>"); say which rule that is.
  check: (context) =>
    allStatementSites(context)
      .filter(allows)
      .flatMap((site): Finding[] => {
        const notAction = elementValues(site, "NotAction");
        if (notAction.length > 0) {
          return [{ path: notAction[0].path, message: `an Allow with NotAction in ${roleLabel(site.site.role)} grants every action except ${notAction.map((a) => `"${a.value}"`).join(", ")}` }];
        }
        return elementValues(site, "Action").flatMap(({ value, path }) => {
          const why = adminGrant(value);
          return why ? [{ path, message: `${roleLabel(site.site.role)}: ${why}` }] : [];
        });
      }),
};

export const serviceWildcard: LintRule = {
  id: RULE_ID.serviceWildcard,
  name: "service-wide-wildcard",
  severity: "warning",
  summary: "A policy allows every action of one service (`s3:*`).",
  help: "A whole-service wildcard grants destructive and administrative actions the workload never calls (for s3: DeleteBucket, PutBucketPolicy). List the actions.",
  check: (context) =>
    allStatementSites(context)
      .filter((site) => allows(site) && site.userWritten)
      .flatMap((site) =>
        elementValues(site, "Action")
          .filter(({ value }) => /^[^:*?]+:\*$/.test(value) && adminGrant(value) === undefined)
          .map(({ value, path }) => ({ path, message: `${roleLabel(site.site.role)}: "${value}" grants every ${serviceOf(value)} action` })),
      ),
};

export const adminManagedPolicy: LintRule = {
  id: RULE_ID.adminManagedPolicy,
  name: "admin-managed-policy",
  severity: "error",
  summary: "AdministratorAccess, PowerUserAccess or IAMFullAccess is attached to a workload role.",
  help: "These AWS managed policies give a pod (and anyone who can run a pod with its ServiceAccount) control of the account. Attach a scoped policy.",
  check: (context) =>
    roleSites(context).flatMap(({ role, entry }) =>
      role.managedPolicies
        .filter((p) => ADMIN_POLICIES.includes(managedPolicyName(p.arn) ?? ""))
        .map((p) => {
          const index = entry?.policyArns?.indexOf(p.arn) ?? -1;
          return {
            path: index >= 0 ? [...role.sourcePath, "policyArns", index] : role.sourcePath,
            message: `${roleLabel(role)} has ${p.arn.split("/").pop()} attached (${p.arn})`,
          };
        }),
    ),
};

export const writeOnAnyResource: LintRule = {
  id: RULE_ID.writeOnAnyResource,
  name: "write-on-any-resource",
  severity: "warning",
  summary: 'A user-written policy allows write actions on Resource "*".',
  help:
    'Write, Tagging and Permissions-management actions on "*" reach every resource of the account. Name the resources (ARNs). ' +
    "Access levels come from the AWS action catalog; actions it does not know are judged by their verb (Put..., Delete...). " +
    'Actions that accept only "*" (no resource-level permissions in the catalog) are not reported.',
  check: (context) =>
    allStatementSites(context)
      .filter((site) => allows(site) && site.userWritten && (site.statement.NotResource !== undefined || elementValues(site, "Resource").some((r) => r.value === "*")))
      .flatMap((site) =>
        // Escalation actions on "*" are privilege-escalation's, an error: not reported twice.
        elementValues(site, "Action").filter(({ value }) => escalationAction(value) === undefined).flatMap(({ value, path }) => {
          const access = writeAccess(value, context.catalog);
          if (access.actions.length === 0) return [];
          const how =
            access.source === "verb"
              ? "looks like a write by its verb; the AWS action catalog does not know it"
              : hasGlob(value)
                ? `grants ${access.actions.length} write action(s) per the AWS action catalog: ${summarise(access.actions)}`
                : "a write action per the AWS action catalog";
          const where = site.statement.NotResource !== undefined ? "every resource but the NotResource list" : 'Resource "*"';
          return [{ path, message: `${roleLabel(site.site.role)}: "${value}" on ${where} (${how})` }];
        }),
      ),
};

const summarise = (names: readonly string[]) => (names.length <= 3 ? names.join(", ") : `${names.slice(0, 3).join(", ")} and ${names.length - 3} more`);

export const unknownAction: LintRule = {
  id: RULE_ID.unknownAction,
  name: "unknown-action",
  severity: "warning",
  summary: "A user-written policy names an action (or service prefix) that the AWS action catalog does not know.",
  help:
    "IAM accepts unknown actions silently and the workload gets AccessDenied at run time. Usually a typo (`s3:GetObjects`). " +
    "If the action is newer than the catalog, suppress the finding with a reason.",
  check: (context) =>
    allStatementSites(context)
      .filter((site) => site.userWritten)
      .flatMap((site) =>
        [...elementValues(site, "Action"), ...elementValues(site, "NotAction")].flatMap(({ value, path }) => {
          const service = serviceOf(value);
          if (service === "*" || !context.catalog.isUnknown(value)) return [];
          if (context.catalog.matching(value) === undefined) {
            const suggestion = closest(service, context.catalog.services);
            return [{ path, message: `"${value}": "${service}" is not a service prefix in the AWS action catalog${suggestion ? `; did you mean "${suggestion}"?` : ""}` }];
          }
          const suggestion = hasGlob(value) ? undefined : closest(value, (context.catalog.matching(`${service}:*`) ?? []).map((a) => a.name));
          return [{ path, message: `"${value}" matches no ${service} action in the AWS action catalog${suggestion ? `; did you mean "${suggestion}"?` : ""}` }];
        }),
      ),
};

export const privilegeEscalation: LintRule = {
  id: RULE_ID.privilegeEscalation,
  name: "privilege-escalation",
  severity: "error",
  summary: "A user-written policy allows an IAM privilege-escalation action (iam:PassRole, iam:AttachRolePolicy, sts:AssumeRole, ...) on every resource.",
  help:
    "iam:PassRole on * hands any role (an admin one too) to a service the workload controls; iam:AttachRolePolicy, iam:PutRolePolicy or " +
    "iam:CreatePolicyVersion on * let it give any role (with iam:CreateRole, a new one) any permission; sts:AssumeRole on * becomes every role " +
    "that trusts the account. Name the roles or policies (ARNs), and for iam:PassRole add an iam:PassedToService condition.",
  check: (context) =>
    allStatementSites(context)
      .filter((site) => allows(site) && site.userWritten && everyResource(site))
      .flatMap((site) => {
        const actions = elementValues(site, "Action");
        const createsRoles = actions.some(({ value }) => value.toLowerCase() === "iam:createrole");
        return actions.flatMap(({ value, path }) => {
          const action = escalationAction(value);
          if (!action) return [];
          const where = site.statement.NotResource !== undefined ? "every resource but the NotResource list" : `${elementValues(site, "Resource").find((r) => onEveryone(r.value))!.value}`;
          const withCreate = createsRoles && /^iam:(Attach|Put)RolePolicy$/.test(action) ? " (with iam:CreateRole: a new role with any permission)" : "";
          return [{ path, message: `${roleLabel(site.site.role)}: ${action} on ${where} lets the workload escalate its privileges${withCreate}` }];
        });
      }),
};

export const fullAccessManagedPolicy: LintRule = {
  id: RULE_ID.fullAccessManagedPolicy,
  name: "full-access-managed-policy",
  severity: "warning",
  summary: "An AWS managed *FullAccess policy is attached to a workload role.",
  help:
    "AWS's *FullAccess policies (AmazonS3FullAccess, AmazonDynamoDBFullAccess, ...) grant every action of a service on every resource of the " +
    "account: every bucket, table or queue, other teams' too. Attach a policy scoped to the workload's resources (policy: or your own managed policy).",
  check: (context) =>
    roleSites(context).flatMap(({ role, entry }) =>
      role.managedPolicies
        .filter((p) => managedPolicyName(p.arn)?.endsWith("FullAccess") && !ADMIN_POLICIES.includes(managedPolicyName(p.arn)!))
        .map((p) => {
          const index = entry?.policyArns?.indexOf(p.arn) ?? -1;
          return {
            path: index >= 0 ? [...role.sourcePath, "policyArns", index] : role.sourcePath,
            message: `${roleLabel(role)} has ${managedPolicyName(p.arn)} attached: every action of the service on every resource of the account`,
          };
        }),
    ),
};
