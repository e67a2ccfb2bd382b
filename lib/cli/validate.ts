// irsa validate: prints a Validation as text, JSON or SARIF; exit 1 while an unsuppressed error remains.
import { validateConfig, type Validation } from "../lint/validate";
import { formatDiagnostic, formatPath, type Diagnostic } from "../config/diagnostics";
import { EXIT, type CliIo } from "./io";
import { toSarif } from "./sarif";
import { styleFor } from "./style";

export type ValidateFormat = "text" | "json" | "sarif";

export interface ValidateArgs {
  readonly config: string;
  readonly format: ValidateFormat;
}

export function validateCommand(args: ValidateArgs, io: CliIo): number {
  const validation = validateConfig(args.config);
  const print = { text: printText, json: printJson, sarif: printSarif }[args.format];
  print(validation, io);
  return validation.valid ? EXIT.ok : EXIT.findings;
}

export function summarise(diagnostics: readonly Diagnostic[]) {
  const active = diagnostics.filter((d) => d.suppressedBecause === undefined);
  return {
    errors: active.filter((d) => d.severity === "error").length,
    warnings: active.filter((d) => d.severity === "warning").length,
    suppressed: diagnostics.length - active.length,
  };
}

function printText(validation: Validation, io: CliIo): void {
  const style = styleFor(io);
  for (const d of validation.diagnostics) {
    const line = formatDiagnostic(validation.file, d);
    const at = line.indexOf(`: ${d.severity}`) + 2;
    const severity = d.suppressedBecause !== undefined ? style.dim(d.severity) : d.severity === "error" ? style.red(d.severity) : style.yellow(d.severity);
    io.out(line.slice(0, at) + severity + line.slice(at + d.severity.length));
  }
  const { errors, warnings, suppressed } = summarise(validation.diagnostics);
  const counts = [plural(errors, "error"), plural(warnings, "warning"), ...(suppressed ? [`${suppressed} suppressed`] : [])].join(", ");
  const roles = validation.plan ? validation.plan.environments.reduce((n, e) => n + e.roles.length, 0) : 0;
  const scope = validation.plan ? ` (${plural(roles, "role")} in ${plural(validation.plan.environments.length, "environment")})` : " (refused before linting)";
  io.out(validation.valid ? style.green(`${validation.file}: valid${scope}; ${counts}`) : style.red(`${validation.file}: invalid${scope}; ${counts}`));
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

function printJson(validation: Validation, io: CliIo): void {
  const report = {
    file: validation.file,
    valid: validation.valid,
    linted: validation.linted,
    summary: summarise(validation.diagnostics),
    ...(validation.catalogVersion ? { catalogVersion: validation.catalogVersion } : {}),
    diagnostics: validation.diagnostics.map((d) => ({
      severity: d.severity,
      rule: d.rule ?? null,
      path: formatPath(d.path),
      line: d.line ?? null,
      column: d.column ?? null,
      message: d.message,
      suppressed: d.suppressedBecause !== undefined,
      ...(d.suppressedBecause !== undefined ? { suppressedBecause: d.suppressedBecause } : {}),
    })),
  };
  io.out(JSON.stringify(report, null, 2));
}

function printSarif(validation: Validation, io: CliIo): void {
  io.out(JSON.stringify(toSarif(validation), null, 2));
}
