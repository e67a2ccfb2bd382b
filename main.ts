// cdktf app entry for `cdktf synth` / `cdktf deploy <env>`. The config is IRSA_CONFIG, else irsa.yaml,
// else the example. It writes exactly as `irsa synth` does (lib/output.ts), into the folder cdktf-cli names.
import { existsSync } from "node:fs";
import { processIo } from "./lib/cli/io";
import { reportError } from "./lib/cli/run";
import { formatDiagnostic } from "./lib/config/diagnostics";
import { readFleet } from "./lib/model/fleet";
import { synthesizeTo } from "./lib/output";
import { defaultJobs } from "./lib/synthesize";

const configFile = process.env.IRSA_CONFIG ?? (existsSync("irsa.yaml") ? "irsa.yaml" : "examples/irsa.yaml");
// cdktf-cli asks for HCL through this variable; cdktf's own HCL writer is replaced by ours (see README).
const hcl = process.env.SYNTH_HCL_OUTPUT === "true" || process.env.SYNTH_HCL_OUTPUT === "1";
delete process.env.SYNTH_HCL_OUTPUT;

async function main(): Promise<void> {
  const fleet = readFleet(configFile);
  const jobs = defaultJobs(fleet.names.length, fleet.bytes);
  const result = await synthesizeTo(process.env.CDKTF_OUTDIR ?? "cdktf.out", fleet.environments(), { hcl, jobs });
  for (const warning of fleet.warnings) console.error(formatDiagnostic(fleet.file, warning));
  for (const note of result.notes) console.error(note);
}

main().catch((error: unknown) => {
  process.exit(reportError(error, processIo()));
});
