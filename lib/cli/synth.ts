// irsa synth: config -> plan -> Terraform files in --out (JSON, or HCL with --hcl).
import { buildPlan } from "../model/build";
import { synthesizeTo } from "../output";
import { formatDiagnostic } from "../config/diagnostics";
import { UsageError } from "../config/read";
import { loadConfig } from "../config/load";
import { relative } from "node:path";
import { EXIT, type CliIo } from "./io";
import { selectEnvironment } from "./select";

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
  const plan = buildPlan(loadConfig(args.config));
  const selected = args.env?.length ? [...new Set(args.env)].map((name) => selectEnvironment(plan, name)) : plan.environments;
  for (const warning of plan.warnings) io.err(formatDiagnostic(plan.file, warning));
  const keep = plan.environments.map((env) => env.name).filter((name) => !selected.some((env) => env.name === name));
  const result = await synthesizeTo(args.out, selected, { hcl: args.hcl, jobs: args.jobs, keep });
  for (const file of result.stackFiles) io.out(`wrote ${displayPath(file)}`);
  for (const note of result.notes) io.err(`irsa: ${note}`);
  return EXIT.ok;
}

const displayPath = (file: string) => {
  const rel = relative(process.cwd(), file);
  return rel.startsWith("..") ? file : rel;
};
