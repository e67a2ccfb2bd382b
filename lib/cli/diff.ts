// irsa diff: the config against a base (a file, or the same path at a git revision), through the model.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { basename, dirname } from "node:path";
import { diffPlans, violations, type DiffSide, type FailOn } from "../analysis/diff";
import { ConfigError, formatDiagnostic, type Diagnostic } from "../config/diagnostics";
import { parseConfig, readConfigFile, UsageError, type LoadedConfig } from "../config/load";
import { MAX_INPUT_BYTES } from "../config/read";
import { loadActionCatalog, type ActionCatalog } from "../iam/catalog";
import { actionPatterns } from "../model/actions";
import { lint } from "../lint/lint";
import { buildPlan } from "../model/build";
import type { Plan } from "../model/types";
import { DIFF_PRINTERS, type DiffFormat } from "./diff-report";
import { EXIT, type CliIo } from "./io";

export interface DiffArgs {
  readonly config: string;
  readonly base: string;
  readonly format: DiffFormat;
  readonly failOn: readonly FailOn[];
}

export function diffCommand(args: DiffArgs, io: CliIo): number {
  const head = parseConfig(readConfigFile(args.config), args.config);
  const headPlan = buildPlan(head);
  const base = readBase(args.base, args.config);
  const basePlan = base && planOfBase(base);
  const catalog = loadActionCatalog(actionPatterns(...(basePlan ? [basePlan, headPlan] : [headPlan])));
  const side = (label: string, config: LoadedConfig | null, plan: Plan | null): DiffSide => ({ label, plan, findings: config && plan ? findingsOf(config, plan, catalog) : [] });
  const diff = diffPlans(side(base?.file ?? `${args.base}:${basename(args.config)} (absent)`, base, basePlan), { ...side(args.config, head, headPlan), plan: headPlan }, catalog);
  for (const warning of headPlan.warnings) io.err(formatDiagnostic(headPlan.file, warning));
  io.out(DIFF_PRINTERS[args.format](diff, io));
  const found = violations(diff, args.failOn);
  for (const v of found) io.err(`irsa diff: --fail-on ${v.condition}: ${v.environment}: ${v.message}`);
  return found.length > 0 ? EXIT.findings : EXIT.ok;
}

/**
 * `--base` names a file when one exists at that path, else a git revision whose copy of the config is read
 * with git. Null when the revision has no config at that path (a config being added: everything is new).
 */
function readBase(base: string, configPath: string): LoadedConfig | null {
  if (existsSync(base)) return parseBase(readConfigFile(base), base);
  const git = (...gitArgs: string[]) => execFileSync("git", ["-C", dirname(configPath), ...gitArgs], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: MAX_INPUT_BYTES });
  try {
    git("rev-parse", "--verify", "--quiet", `${base}^{commit}`);
  } catch {
    throw new UsageError(`--base ${base}: neither a file nor a git revision of the repository holding ${configPath}`);
  }
  const spec = `${base}:./${basename(configPath)}`;
  try {
    git("cat-file", "-e", spec);
  } catch {
    return null;
  }
  let text: string;
  try {
    text = git("show", spec);
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code === "ENOBUFS" ? `larger than the input limit of ${MAX_INPUT_BYTES / 1024 / 1024} MiB` : firstLine(error);
    throw new UsageError(`--base ${base}: cannot read ${configPath} at that revision: ${why}`);
  }
  return parseBase(text, `${base}:${configPath}`);
}

/** The base config is an input, not the change under review: a base the tool refuses is unusable (exit 2). */
function parseBase(text: string, file: string): LoadedConfig {
  try {
    return parseConfig(text, file);
  } catch (error) {
    throw refusedBase(error, file);
  }
}

function planOfBase(config: LoadedConfig): Plan {
  try {
    return buildPlan(config);
  } catch (error) {
    throw refusedBase(error, config.file);
  }
}

function refusedBase(error: unknown, file: string): unknown {
  if (!(error instanceof ConfigError)) return error;
  const [first] = error.diagnostics;
  const more = error.diagnostics.length > 1 ? ` (and ${error.diagnostics.length - 1} more)` : "";
  return new UsageError(`--base: the base config is refused: ${formatDiagnostic(file, first)}${more}`);
}

const firstLine = (error: unknown) => (error instanceof Error ? error.message : String(error)).split("\n")[0];

function findingsOf(config: LoadedConfig, plan: Plan, catalog: ActionCatalog): Diagnostic[] {
  return [...plan.warnings, ...lint({ plan, config, catalog })];
}
