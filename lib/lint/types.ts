// The shape of a lint rule and what it reads: the plan the renderer reads, plus the resolved spec.
import type { Plan } from "../model/types";
import type { PathSegment, Severity } from "../config/diagnostics";
import type { LoadedConfig } from "../config/load";
import type { ActionCatalog } from "../iam/catalog";

/** A finding before the runner stamps the rule id, the severity and the location on it. */
export interface Finding {
  readonly path: readonly PathSegment[];
  readonly message: string;
}

export interface LintContext {
  readonly plan: Plan;
  readonly config: LoadedConfig;
  readonly catalog: ActionCatalog;
}

export interface LintRule {
  /** Stable id (IRSA001...): used in suppressions and as SARIF ruleId. Never reused. */
  readonly id: string;
  /** kebab-case name, e.g. `wildcard-subject`. */
  readonly name: string;
  readonly severity: Severity;
  /** One line: SARIF shortDescription and the `validate --help` rule list. */
  readonly summary: string;
  /** Why it matters and how to fix it: SARIF fullDescription / help. */
  readonly help: string;
  /** Findings on a plan that was built. */
  readonly check?: (context: LintContext) => readonly Finding[];
}
