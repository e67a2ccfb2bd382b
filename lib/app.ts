// Plan -> cdktf App -> files. Used by main.ts (cdktf synth / deploy) and by `irsa synth`.
import { App } from "cdktf";
import { EnvironmentStack } from "../stacks/environment-stack";
import type { EnvironmentPlan } from "./model/types";

/**
 * Builds the stacks and writes them to `outdir`.
 *
 * skipValidation: cdktf's only app validations check provider presence (always true here) and run
 * `terraform version` for the cloud backend, which would make synthesis depend on a local binary.
 */
export function synthesizeApp(environments: readonly EnvironmentPlan[], outdir?: string): App {
  return withoutTokenTraces(() => {
    const app = new App({ outdir, skipValidation: true });
    for (const environment of environments) new EnvironmentStack(app, environment);
    app.synth();
    return app;
  });
}

/**
 * cdktf records a complete stack trace for every token it creates (cdktf/lib/tokens/private/stack-trace.js),
 * only to say where a token came from should it fail to resolve. Formatting those traces is about half the
 * time and memory of a large synth (BENCHMARKS.md). cdktf captures them into plain objects, never into a
 * thrown Error, so while we synthesize those are left unformatted and real errors keep their stacks.
 */
function withoutTokenTraces<T>(work: () => T): T {
  const previous = Error.prepareStackTrace;
  Error.prepareStackTrace = (target, frames) => {
    if (!(target instanceof Error)) return "";
    return previous ? previous(target, frames) : [String(target), ...frames.map((frame) => `    at ${frame}`)].join("\n");
  };
  try {
    return work();
  } finally {
    Error.prepareStackTrace = previous;
  }
}
