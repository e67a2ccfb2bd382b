// Roles as IAM sees them: names are unique per account, across every stack that deploys into it.
// The model refuses the collision (lib/model/checks.ts) and tags it with this id.
import { RULE_ID } from "../../config/rule-ids";
import { MANAGED_POLICIES_PER_ROLE } from "../../iam/limits";
import type { LintRule } from "../types";
import { roleLabel, roleSites } from "../walk";

export const roleNameCollision: LintRule = {
  id: RULE_ID.roleNameCollision,
  name: "role-name-collision",
  severity: "error",
  summary: "Two environments deploy a role of the same name into the same AWS account.",
  help:
    "IAM role names are unique per account (case-insensitive), whatever their path. Two stacks creating the same role fight over it: " +
    "the second apply fails, or a destroy of one environment deletes the other's role. Give one of them another roleName or roleNamePrefix. " +
    "Refused before linting, so it cannot be suppressed.",
};

export const managedPolicyQuota: LintRule = {
  id: RULE_ID.managedPolicyQuota,
  name: "managed-policy-quota",
  severity: "error",
  summary: `A role has more managed policies than the account's quota (${MANAGED_POLICIES_PER_ROLE.default} by default, ${MANAGED_POLICIES_PER_ROLE.max} at most).`,
  help:
    `IAM refuses the attachment over the "Managed policies per role" quota, so the apply fails half-way. Merge policies (an inline policy, or ` +
    `one customer managed policy), or raise the account's quota (up to ${MANAGED_POLICIES_PER_ROLE.max}) and set managedPoliciesPerRoleMax to it.`,
  check: (context) =>
    roleSites(context).flatMap(({ role, resolved }) => {
      const count = role.managedPolicies.length;
      const limit = resolved.managedPoliciesPerRoleMax;
      if (count <= limit) return [];
      const raise = limit < MANAGED_POLICIES_PER_ROLE.max ? `; or raise the quota and set managedPoliciesPerRoleMax (up to ${MANAGED_POLICIES_PER_ROLE.max})` : "";
      return [{ path: [...role.sourcePath, "policyArns"], message: `${roleLabel(role)} has ${count} managed policies, over the quota of ${limit}: merge some into one policy${raise}` }];
    }),
};
