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
 * cdktf records a complete stack trace for every token it creates (cdktf/lib/tokens/private/stack-trace.js sets
 * Error.stackTraceLimit to the maximum, then captures), only to say where a token came from should it fail to
 * resolve. Capturing and formatting those traces was half the time and memory of a large synth (BENCHMARKS.md).
 * While we synthesize, Error.stackTraceLimit is an accessor: V8 reads the limit as a data property only, finds
 * none and captures nothing, and cdktf's assignment is ignored. An internal error thrown meanwhile keeps its
 * message but has no stack.
 */
function withoutTokenTraces<T>(work: () => T): T {
  const limit = Object.getOwnPropertyDescriptor(Error, "stackTraceLimit");
  Object.defineProperty(Error, "stackTraceLimit", { configurable: true, get: () => 0, set: () => undefined });
  try {
    return work();
  } finally {
    if (limit) Object.defineProperty(Error, "stackTraceLimit", limit);
    else delete (Error as { stackTraceLimit?: number }).stackTraceLimit;
  }
}
