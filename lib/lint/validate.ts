// `irsa validate` without the printing: schema and model errors (with the rule ids they stand for), then
// the rule pack over the plan the renderer would render.
import { loadActionCatalog } from "../iam/catalog";
import { actionPatterns } from "../model/actions";
import { buildPlan } from "../model/build";
import type { Plan } from "../model/types";
import { ConfigError, hasErrors, type Diagnostic } from "../config/diagnostics";
import { parseConfig, readConfigFile, type LoadedConfig } from "../config/load";
import { lint } from "./lint";

export interface Validation {
  readonly file: string;
  /** Schema/model errors when the config was refused; otherwise the plan's warnings and the lint findings. */
  readonly diagnostics: readonly Diagnostic[];
  /** False when the schema or the model refused the config (no lint ran). */
  readonly linted: boolean;
  readonly plan?: Plan;
  /** Version of the AWS action catalog the rules used. */
  readonly catalogVersion?: string;
  readonly valid: boolean;
}

/** Throws UsageError when the file cannot be read (exit 2); every finding about its content is in the result. */
export function validateConfig(file: string): Validation {
  return validateConfigText(readConfigFile(file), file);
}

/** The same checks over a config held in memory (e.g. one `irsa import` is about to hand over). */
export function validateConfigText(text: string, file: string): Validation {
  let config: LoadedConfig;
  let plan: Plan;
  try {
    config = parseConfig(text, file);
    plan = buildPlan(config);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const diagnostics = sorted(error.diagnostics);
    return { file, diagnostics, linted: false, valid: false };
  }
  const catalog = loadActionCatalog(actionPatterns(plan));
  const diagnostics = sorted([...plan.warnings, ...lint({ plan, config, catalog })]);
  return { file, diagnostics, linted: true, plan, catalogVersion: catalog.version, valid: !hasErrors(diagnostics) };
}

/** By position in the file, then rule id: the order a reader scans the file in. Stable for equal keys. */
function sorted(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0) || (a.rule ?? "").localeCompare(b.rule ?? ""));
}
