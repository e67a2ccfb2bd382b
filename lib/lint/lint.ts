// Runs the rule pack over a built plan: every rule's findings, located, suppressions applied.
import type { Diagnostic } from "../config/diagnostics";
import { RULES } from "./rules";
import { unusedSuppression } from "./rules/suppressions";
import { applySuppressions } from "./suppress";
import type { Finding, LintContext, LintRule } from "./types";

export function lint(context: LintContext): Diagnostic[] {
  const stamp = (rule: LintRule) => (f: Finding): Diagnostic => ({
    severity: rule.severity,
    rule: rule.id,
    path: f.path,
    message: f.message,
    ...context.config.locate(f.path),
  });
  const raw = unique(RULES.flatMap((rule) => (rule.check?.(context) ?? []).map(stamp(rule))));
  const roles = context.plan.environments.flatMap((e) => e.roles);
  const { findings, unused } = applySuppressions(raw, roles);
  return [...findings, ...unused.map((u) => ({ ...stamp(unusedSuppression)(u), ...(u.suppressedBecause !== undefined ? { suppressedBecause: u.suppressedBecause } : {}) }))];
}

function unique(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = `${d.rule}\u0000${d.path.join("\u0000")}\u0000${d.message}`;
    return !seen.has(key) && Boolean(seen.add(key));
  });
}

