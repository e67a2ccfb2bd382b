// cdktf app entry for `cdktf synth` / `cdktf deploy <env>`. The config is IRSA_CONFIG, else irsa.yaml,
// else the example. It synthesizes through `irsa synth`'s own path (lib/cli/synth.ts), into the folder cdktf-cli names.
import { existsSync } from "node:fs";
import { processIo } from "./lib/cli/io";
import { reportError } from "./lib/cli/run";
import { synthesizeConfig } from "./lib/cli/synth";

const configFile = process.env.IRSA_CONFIG ?? (existsSync("irsa.yaml") ? "irsa.yaml" : "examples/irsa.yaml");
// cdktf-cli asks for HCL through this variable; cdktf's own HCL writer is replaced by ours (see README).
const hcl = process.env.SYNTH_HCL_OUTPUT === "true" || process.env.SYNTH_HCL_OUTPUT === "1";
delete process.env.SYNTH_HCL_OUTPUT;

const io = processIo();
synthesizeConfig({ config: configFile, out: process.env.CDKTF_OUTDIR ?? "cdktf.out", hcl }, io).catch((error: unknown) => {
  process.exit(reportError(error, io));
});
