// Roles as IAM sees them: names are unique per account, across every stack that deploys into it.
import type { Finding, LintRule } from "../types";
import { roleSites, type RoleSite } from "../walk";
import { formatPath } from "../../spec/diagnostics";

export const roleNameCollision: LintRule = {
  id: "IRSA012",
  name: "role-name-collision",
  severity: "error",
  summary: "Two environments deploy a role of the same name into the same AWS account.",
  help:
    "IAM role names are unique per account (case-insensitive), whatever their path. Two stacks creating the same role fight over it: " +
    "the second apply fails, or a destroy of one environment deletes the other's role. Give one of them another roleName or roleNamePrefix.",
  check: (context) => {
    const first = new Map<string, RoleSite>();
    const findings: Finding[] = [];
    for (const site of roleSites(context)) {
      const key = `${site.environment.accountId}/${site.role.name.toLowerCase()}`;
      const earlier = first.get(key);
      if (!earlier) first.set(key, site);
      else if (earlier.environment.name !== site.environment.name) {
        findings.push({
          path: site.role.sourcePath,
          message: `role ${site.role.name} is also created by environment ${earlier.environment.name} (${formatPath(earlier.role.sourcePath)}) in account ${site.environment.accountId}; both stacks would manage one IAM role`,
        });
      }
    }
    return findings;
  },
};
