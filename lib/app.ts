// Plan -> cdktf App -> files. Used by main.ts (cdktf synth / deploy) and by `irsa synth`.
import { App } from "cdktf";
import { EnvironmentStack } from "../stacks/environment-stack";
import type { EnvironmentPlan } from "./model/types";

export interface AppOptions {
  readonly outdir?: string;
  readonly hcl?: boolean;
}

/**
 * skipValidation: cdktf's only app validations check provider presence (always true here) and run
 * `terraform version` for the cloud backend, which would make synthesis depend on a local binary.
 */
export function buildApp(environments: readonly EnvironmentPlan[], options: AppOptions = {}): App {
  const app = new App({ outdir: options.outdir, hclOutput: options.hcl ?? false, skipValidation: true });
  for (const environment of environments) new EnvironmentStack(app, environment);
  return app;
}
