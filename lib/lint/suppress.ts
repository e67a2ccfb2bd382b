// Per-entry suppressions (`suppress: [{ rule, reason }]`): a finding inside the entry whose rule is listed
// is kept, marked with the reason, and no longer fails the run. Suppressions that match nothing are reported.
import type { RolePlan } from "../model/types";
import type { Diagnostic, PathSegment } from "../config/diagnostics";
import { ruleById } from "./rules";
import { unusedSuppression } from "./rules/suppressions";
import type { Finding } from "./types";

const within = (path: readonly PathSegment[], prefix: readonly PathSegment[]) => prefix.every((segment, i) => path[i] === segment);

export interface UnusedSuppression extends Finding {
  /** Set when the entry also suppresses the unused-suppression rule itself. */
  readonly suppressedBecause?: string;
}

export function applySuppressions(findings: readonly Diagnostic[], roles: readonly RolePlan[]): { findings: Diagnostic[]; unused: UnusedSuppression[] } {
  const used = new Map<RolePlan, Set<number>>();
  const marked = findings.map((d) => {
    const role = roles.find((r) => r.suppressions.length > 0 && within(d.path, r.sourcePath));
    const k = role?.suppressions.findIndex((s) => s.rule === d.rule) ?? -1;
    if (!role || k < 0) return d;
    used.set(role, (used.get(role) ?? new Set()).add(k));
    return { ...d, suppressedBecause: role.suppressions[k].reason };
  });
  const unused = roles.flatMap((role) => {
    const waiver = role.suppressions.find((s) => s.rule === unusedSuppression.id);
    return role.suppressions.flatMap((s, k): UnusedSuppression[] => {
      if (used.get(role)?.has(k)) return [];
      const path = [...role.sourcePath, "suppress", k, "rule"];
      const rule = ruleById(s.rule);
      if (!rule) return [{ path, message: `${s.rule} is not a rule id of this version (see irsa validate --help)` }];
      if (rule.id === unusedSuppression.id) return [];
      if (!rule.check) return [{ path, message: `${s.rule} (${rule.name}) is enforced by the schema or the model and cannot be suppressed` }];
      return [{ path, message: `no ${s.rule} (${rule.name}) finding on this entry to suppress; remove the suppression` }];
    }).map((finding) => (waiver ? { ...finding, suppressedBecause: waiver.reason } : finding));
  });
  return { findings: marked, unused };
}
