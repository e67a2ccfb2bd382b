// Suppressions that suppress nothing: a typo in the id, a rule that cannot be waived, or a fixed finding.
import type { LintRule } from "../types";

export const unusedSuppression: LintRule = {
  id: "IRSA013",
  name: "unused-suppression",
  severity: "warning",
  summary: "A `suppress:` entry names an unknown rule, a rule that cannot be suppressed, or a rule with no finding on that entry.",
  help: "Stale suppressions hide the next real finding of that rule. Remove the entry, or fix its rule id.",
};
