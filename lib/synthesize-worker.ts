// A worker thread of lib/synthesize.ts: synthesizes the environments it is sent, one at a time.
import { parentPort } from "node:worker_threads";
import { synthesizeStack, type StackJob, type StackJobResult } from "./synthesize";

parentPort!.on("message", (job: StackJob) => {
  let result: StackJobResult;
  try {
    const stack = synthesizeStack(job);
    result = { ok: true, stack };
  } catch (error) {
    result = { ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  parentPort!.postMessage(result);
});
