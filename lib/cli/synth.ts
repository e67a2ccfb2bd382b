// irsa synth: config -> plan -> Terraform files in --out (JSON, or HCL with --hcl).
import { readFleet, type FleetReading } from "../model/fleet";
import type { EnvironmentPlan } from "../model/types";
import { synthesizeTo } from "../output";
import { defaultJobs } from "../synthesize";
import { formatDiagnostic } from "../config/diagnostics";
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
  if (args.jobs !== undefined && !(Number.isInteger(args.jobs) && args.jobs >= 1)) throw new UsageError(`--jobs ${args.jobs}: must be a whole number of at least 1`);
  const fleet = readFleet(args.config);
  const wanted = args.env?.length ? new Set(args.env) : undefined;
  const selected = wanted ? fleet.names.filter((name) => wanted.has(name)) : fleet.names;
  const keep = fleet.names.filter((name) => !selected.includes(name));
  const jobs = args.jobs ?? defaultJobs(selected.length, (fleet.bytes * selected.length) / fleet.names.length);
  const result = await synthesizeTo(args.out, selectedEnvironments(fleet, args.env ?? []), { hcl: args.hcl, jobs, keep });
  for (const warning of fleet.warnings) io.err(formatDiagnostic(fleet.file, warning));
  for (const file of result.stackFiles) io.out(`wrote ${displayPath(file)}`);
  for (const note of result.notes) io.err(`irsa: ${note}`);
  return EXIT.ok;
}

/** The --env environments (all without it), read one by one; a name the config lacks is refused once all are checked. */
function* selectedEnvironments(fleet: FleetReading, names: readonly string[]): Generator<EnvironmentPlan> {
  yield* fleet.environments(names.length ? (name) => names.includes(name) : undefined);
  for (const name of names) if (!fleet.names.includes(name)) throw unknownEnvironment(fleet.file, fleet.names, name);
}

const displayPath = (file: string) => {
  const rel = relative(process.cwd(), file);
  return rel.startsWith("..") ? file : rel;
};
