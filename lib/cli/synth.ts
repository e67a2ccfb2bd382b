// irsa synth: config -> plan -> Terraform files in --out (JSON, or HCL with --hcl). The cdktf app (main.ts)
// synthesizes through the same function, so both write the same files and say the same things.
import { readFleet, type FleetReading } from "../model/fleet";
import type { EnvironmentPlan } from "../model/types";
import { previousRoles, synthesizeTo, type SynthResult } from "../output";
import { defaultJobs } from "../synthesize";
import { formatDiagnostic, type Diagnostic } from "../config/diagnostics";
import { fileLocator } from "../config/load";
import { arnAccount } from "../iam/arn";
import { roleReplacements, type ReplacementReason, type RoleIdentity } from "../model/replacement";
import { UsageError } from "../config/read";
import { relative } from "node:path";
import { EXIT, type CliIo } from "./io";
import { unknownEnvironment } from "./select";

export interface SynthArgs {
  readonly config: string;
  readonly out: string;
  readonly hcl: boolean;
  readonly env?: readonly string[];
  /** Environments synthesized at once (worker threads); default one per CPU for fleets worth it. */
  readonly jobs?: number;
}

export async function synthCommand(args: SynthArgs, io: CliIo): Promise<number> {
  const result = await synthesizeConfig(args, io);
  for (const file of result.stackFiles) io.out(`wrote ${displayPath(file)}`);
  return EXIT.ok;
}

/** Config -> plan -> stacks in `args.out`; the plan's warnings and the output's notes go to io.err. */
export async function synthesizeConfig(args: SynthArgs, io: CliIo): Promise<SynthResult> {
  if (args.jobs !== undefined && !(Number.isInteger(args.jobs) && args.jobs >= 1)) throw new UsageError(`--jobs ${args.jobs}: must be a whole number of at least 1`);
  const fleet = readFleet(args.config);
  const wanted = args.env?.length ? new Set(args.env) : undefined;
  const selected = wanted ? fleet.names.filter((name) => wanted.has(name)) : fleet.names;
  const keep = fleet.names.filter((name) => !selected.includes(name));
  const jobs = args.jobs ?? defaultJobs(selected.length, (fleet.bytes * selected.length) / fleet.names.length);
  const replaced: Diagnostic[] = [];
  const environments = checkingReplacements(selectedEnvironments(fleet, args.env ?? []), args.out, replaced);
  const result = await synthesizeTo(args.out, environments, { hcl: args.hcl, jobs, keep });
  for (const warning of fleet.warnings) io.err(formatDiagnostic(fleet.file, warning));
  const locate = replaced.length ? fileLocator(fleet.file) : undefined;
  for (const warning of replaced) io.err(formatDiagnostic(fleet.file, { ...warning, ...locate!(warning.path) }));
  for (const note of result.notes) io.err(`irsa: ${note}`);
  return result;
}

/** The --env environments (all without it), read one by one; a name the config lacks is refused once all are checked. */
function* selectedEnvironments(fleet: FleetReading, names: readonly string[]): Generator<EnvironmentPlan> {
  yield* fleet.environments(names.length ? (name) => names.includes(name) : undefined);
  for (const name of names) if (!fleet.names.includes(name)) throw unknownEnvironment(fleet.file, fleet.names, name);
}

/**
 * Each environment as it is handed to synthesis, compared first with its stack of the earlier synth in --out
 * (still in place: the new files are moved in only when all are written).
 */
function* checkingReplacements(environments: Iterable<EnvironmentPlan>, out: string, warnings: Diagnostic[]): Generator<EnvironmentPlan> {
  for (const env of environments) {
    warnings.push(...replacementWarnings(env, previousRoles(out, env.name, env.partition) ?? []));
    yield env;
  }
}

/** A role the earlier synth in --out has at the same address under another name, path or account: Terraform replaces it. */
function replacementWarnings(env: EnvironmentPlan, previous: readonly RoleIdentity[]): Diagnostic[] {
  const roles = new Map(env.roles.map((role) => [role.address, role]));
  return roleReplacements(previous, env.roles).map((replacement) => {
    const role = roles.get(replacement.address)!;
    const changed = replacement.reasons.map((reason) => `${reason} ${part(reason, replacement.before)} -> ${part(reason, replacement.after)}`);
    return {
      severity: "warning",
      path: role.sourcePath,
      message:
        `role ${role.key} of environment ${env.name} would be replaced (${changed.join(", ")}): Terraform destroys ${replacement.before.arn} and creates ${replacement.after.arn}, ` +
        "so running pods hold a role ARN that no longer exists until they restart; keep the earlier roleName/rolePath to update it in place",
    };
  });
}

const part = (reason: ReplacementReason, role: RoleIdentity) => (reason === "account" ? arnAccount(role.arn) : role[reason]);

const displayPath = (file: string) => {
  const rel = relative(process.cwd(), file);
  return rel.startsWith("..") ? file : rel;
};
