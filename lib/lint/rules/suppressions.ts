// Suppressions that suppress nothing: a typo in the id, a rule that cannot be waived, or a fixed finding.
import { RULE_ID } from "../../config/rule-ids";
import type { LintRule } from "../types";

export const unusedSuppression: LintRule = {
  id: RULE_ID.unusedSuppression,
  name: "unused-suppression",
  severity: "warning",
  summary: "A `suppress:` entry names an unknown rule, a rule that cannot be suppressed, or a rule with no finding on that entry.",
  help: "Stale suppressions hide the next real finding of that rule. Remove the entry, or fix its rule id.",
};
