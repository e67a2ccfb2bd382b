// Roles as IAM sees them: names are unique per account, across every stack that deploys into it.
// The model refuses the collision (lib/model/build.ts) and tags it with this id.
import type { LintRule } from "../types";

export const roleNameCollision: LintRule = {
  id: "IRSA012",
  name: "role-name-collision",
  severity: "error",
  summary: "Two environments deploy a role of the same name into the same AWS account.",
  help:
    "IAM role names are unique per account (case-insensitive), whatever their path. Two stacks creating the same role fight over it: " +
    "the second apply fails, or a destroy of one environment deletes the other's role. Give one of them another roleName or roleNamePrefix. " +
    "Refused before linting, so it cannot be suppressed.",
};
