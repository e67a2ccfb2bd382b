// Roles as IAM sees them: names are unique per account, across every stack that deploys into it.
// The model refuses the collision (lib/model/checks.ts) and tags it with this id.
import { RULE_ID } from "../../config/rule-ids";
import type { LintRule } from "../types";

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
