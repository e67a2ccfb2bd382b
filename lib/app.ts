// Plan -> cdktf App -> files. Used by main.ts (cdktf synth / deploy) and by `irsa synth`.
import { App } from "cdktf";
import { TokenMap } from "cdktf/lib/tokens/private/token-map";
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
 * Writes the stacks to `outdir` like synthesizeApp, then lets go of the App (see releasingTokens): for a
 * process that synthesizes one environment after another and keeps only the files.
 */
export function writeStacks(environments: readonly EnvironmentPlan[], outdir: string): void {
  releasingTokens(() => synthesizeApp(environments, outdir));
}

/** TokenMap's private state (cdktf/lib/tokens/private/token-map.js), as cdktf 0.21 keeps it. */
interface TokenMapState {
  readonly stringTokenMap: Map<string, unknown>;
  readonly numberTokenMap: Map<number, unknown>;
  readonly tokenCounter: number;
}

/**
 * cdktf registers every token it creates in one process-wide map (TokenMap.instance(), held in
 * global.__cdktfTokenMap) and never removes one, so every App a process builds stays reachable through its
 * tokens until the process ends: memory grows with each environment synthesized, and so does the work of every
 * full garbage collection. Once an App's files are written nothing resolves its tokens again, so the entries
 * registered during `work` are deleted afterwards (thrown or not). Tokens registered before stay. The counter
 * is not reset: a token string that outlived its App (say, cached at module level) then fails to resolve loudly
 * ("Unrecognized token key") instead of naming a later App's token. Should cdktf keep its map differently, nothing
 * is released (test/synth/release.test.ts fails on such a cdktf).
 */
function releasingTokens<T>(work: () => T): T {
  const map = TokenMap.instance() as unknown as TokenMapState;
  const first = map.tokenCounter;
  try {
    return work();
  } finally {
    if (map.stringTokenMap instanceof Map && map.numberTokenMap instanceof Map && typeof first === "number") {
      // A string key is `<display hint>.<counter>` (TokenMap.registerStringKey); a number key is the counter.
      for (const key of map.stringTokenMap.keys()) if (Number(key.slice(key.lastIndexOf(".") + 1)) >= first) map.stringTokenMap.delete(key);
      for (const key of map.numberTokenMap.keys()) if (key >= first) map.numberTokenMap.delete(key);
    }
  }
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
