// A worker thread of lib/synthesize.ts: runs the jobs it is sent, one at a time.
import { parentPort } from "node:worker_threads";
import { ConfigError } from "./config/diagnostics";
import { runJob, type StackJob, type StackJobResult } from "./synthesize";

parentPort!.on("message", (job: StackJob) => {
  let result: StackJobResult;
  try {
    result = { ok: true, ...runJob(job) };
  } catch (error) {
    const unreadable = error instanceof ConfigError;
    result = { ok: false, unreadable, error: error instanceof Error ? (unreadable ? error.message : (error.stack ?? error.message)) : String(error) };
  }
  parentPort!.postMessage(result);
});
