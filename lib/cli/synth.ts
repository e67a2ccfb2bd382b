// irsa synth: config -> plan -> Terraform files in --out (JSON, or HCL with --hcl). The cdktf app (main.ts)
// synthesizes through the same function, so both write the same files and say the same things.
import { readFleet } from "../model/fleet";
import { previousRoles, synthesizeTo, type SynthResult } from "../output";
import { defaultJobs, UnreadablePart, type BuiltEnvironment, type EnvironmentOutcome } from "../synthesize";
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

/**
 * Config -> plan -> stacks in `args.out`; the plan's warnings and the output's notes go to io.err. A config that
 * can be cut into environments (lib/config/split.ts) is read part by part where each is synthesized (in the
 * workers); a part that does not read alone makes the whole file be read here, and synthesis start over.
 */
export async function synthesizeConfig(args: SynthArgs, io: CliIo): Promise<SynthResult> {
  if (args.jobs !== undefined && !(Number.isInteger(args.jobs) && args.jobs >= 1)) throw new UsageError(`--jobs ${args.jobs}: must be a whole number of at least 1`);
  const fleet = readFleet(args.config);
  const names = args.env ?? [];
  const wanted = (name: string) => names.length === 0 || names.includes(name);
  const keep = fleet.names.filter((name) => !wanted(name));
  const selected = fleet.names.length - keep.length;
  const jobs = args.jobs ?? defaultJobs(selected, (fleet.bytes * selected) / fleet.names.length);
  const replaced: Diagnostic[] = [];
  /** Once every environment is synthesized, before anything is written into --out: what needs them all. */
  const check = (outcomes: readonly EnvironmentOutcome[], parts: boolean) => {
    if (parts) fleet.conclude(outcomes.map((o) => o.reading!));
    for (const name of names) if (!fleet.names.includes(name)) throw unknownEnvironment(fleet.file, fleet.names, name);
    for (const { built } of outcomes) if (built) replaced.push(...replacementWarnings(built, previousRoles(args.out, built.name, built.partition) ?? []));
  };
  const options = { hcl: args.hcl, jobs, keep };
  const byPlans = () => {
    const plans = (function* () {
      for (const plan of fleet.environments(wanted)) yield { plan };
    })();
    return synthesizeTo(args.out, plans, { ...options, bytes: { largest: fleet.bytes, total: fleet.bytes }, check: (outcomes) => check(outcomes, false) });
  };
  let result: SynthResult;
  if (fleet.parts) {
    const sources = fleet.parts.map((part) => ({ file: fleet.file, part, build: wanted(part.name) }));
    const bytes = { largest: Math.max(...sources.map((s) => s.part.text.length)), total: fleet.bytes };
    try {
      result = await synthesizeTo(args.out, sources, { ...options, bytes, check: (outcomes) => check(outcomes, true) });
    } catch (error) {
      if (!(error instanceof UnreadablePart)) throw error;
      result = await byPlans();
    }
  } else result = await byPlans();
  for (const warning of fleet.warnings) io.err(formatDiagnostic(fleet.file, warning));
  const locate = replaced.length ? fileLocator(fleet.file) : undefined;
  for (const warning of replaced) io.err(formatDiagnostic(fleet.file, { ...warning, ...locate!(warning.path) }));
  for (const note of result.notes) io.err(`irsa: ${note}`);
  return result;
}

/** A role the earlier synth in --out has at the same address under another name, path or account: Terraform replaces it. */
function replacementWarnings(env: BuiltEnvironment, previous: readonly RoleIdentity[]): Diagnostic[] {
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
