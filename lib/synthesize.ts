// Environments -> the standard cdktf layout in one folder (stacks/<env>/cdk.tf[.json] and manifest.json),
// one cdktf App per environment, in worker threads when there is more than one core to use. Stacks share
// nothing (no cross-stack references), so each environment is synthesized alone into its own scratch
// folder, moved into place, and the manifest is assembled from the per-environment manifests with cdktf's
// own writer: the result is byte for byte what one App holding every stack writes.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { dirname, join } from "node:path";
import { Worker } from "node:worker_threads";
import { renderHcl } from "./hcl/render";
import type { EnvironmentPlan } from "./model/types";

export interface SynthesisOptions {
  /** Write cdk.tf (HCL, our renderer) instead of cdk.tf.json. */
  readonly hcl: boolean;
  /** Environments synthesized at once, each in its own worker thread; 1 = in this process. Default: `defaultJobs`. */
  readonly jobs?: number;
}

/** One stack's entry of manifest.json, as cdktf writes it. */
export interface StackManifest {
  readonly name: string;
  readonly synthesizedStackPath: string;
  readonly stackMetadataPath: string;
  readonly [key: string]: unknown;
}

/** What a worker is asked to do, and answers. */
export interface StackJob {
  readonly environment: EnvironmentPlan;
  /** Scratch folder of this environment alone (an App writes its own manifest.json there). */
  readonly scratch: string;
  readonly hcl: boolean;
}
export type StackJobResult = { readonly ok: true; readonly stack: StackManifest } | { readonly ok: false; readonly error: string };

/**
 * A worker costs about a third of a second to load cdktf and the provider bindings; below this many roles per
 * worker that is more than it saves, and one process is faster.
 */
const ROLES_PER_WORKER = 150;

/**
 * The number of workers worth starting: one per core, fewer for small fleets. Sized before any environment is
 * read, from the config's length: a role takes about 350 bytes of YAML.
 */
export function defaultJobs(environments: number, configBytes: number): number {
  return Math.max(1, Math.min(availableParallelism(), environments, Math.floor(configBytes / (350 * ROLES_PER_WORKER))));
}

/**
 * Synthesizes the environments into `folder` (created when missing; stack files and manifest.json replaced,
 * nothing else touched) and returns the stack files written, relative to it, in the environments' order.
 * The environments are taken one at a time as the workers free up: an iterable that reads them lazily holds
 * no more than `jobs` (+ 1 being read) of them in memory.
 */
export async function synthesizeEnvironments(environments: Iterable<EnvironmentPlan>, folder: string, options: SynthesisOptions): Promise<string[]> {
  mkdirSync(join(folder, "stacks"), { recursive: true });
  const scratchRoot = join(folder, ".irsa-scratch");
  let count = 0;
  const jobs = (function* (): Generator<StackJob> {
    for (const environment of environments) yield { environment, scratch: join(scratchRoot, String(count++)), hcl: options.hcl };
  })();
  try {
    const done: Array<{ job: Pick<StackJob, "scratch">; stack: StackManifest }> = [];
    const workers = options.jobs ?? 1;
    if (workers === 1) for (const job of jobs) done.push({ job, stack: synthesizeStack(job) });
    else done.push(...(await inWorkers(jobs, workers)));
    for (const { job, stack } of done) moveStack(job.scratch, folder, stack);
    const stacks = done.map((d) => d.stack);
    writeManifest(folder, stacks);
    return stacks.map((s) => s.synthesizedStackPath);
  } finally {
    rmSync(scratchRoot, { recursive: true, force: true });
  }
}

/** Moves the files of a stack's folder into place, leaving anything else there (.terraform/, lock files) alone. */
function moveStack(scratch: string, folder: string, stack: StackManifest): void {
  const stackFolder = dirname(stack.synthesizedStackPath);
  mkdirSync(join(folder, stackFolder), { recursive: true });
  for (const file of readdirSync(join(scratch, stackFolder))) renameSync(join(scratch, stackFolder, file), join(folder, stackFolder, file));
}

/** One environment as its own App into job.scratch (HCL rendered there too); returns its manifest entry. */
export function synthesizeStack(job: StackJob): StackManifest {
  // Loaded here: the parent of the workers never needs cdktf.
  const { writeStacks } = require("./app") as typeof import("./app");
  mkdirSync(job.scratch, { recursive: true });
  writeStacks([job.environment], job.scratch);
  const manifest = JSON.parse(readFileSync(join(job.scratch, "manifest.json"), "utf8")) as { stacks: Record<string, StackManifest> };
  const stack = manifest.stacks[job.environment.name];
  return job.hcl ? rewriteAsHcl(job.scratch, stack) : stack;
}

/**
 * Replaces a stack's cdk.tf.json by cdk.tf (our renderer: cdktf's own HCL writer is wrong in places, see README)
 * beside the metadata.json cdktf-cli reads for an HCL stack: the stack's "//" metadata and its terraform block.
 */
function rewriteAsHcl(folder: string, stack: StackManifest): StackManifest {
  const jsonPath = join(folder, stack.synthesizedStackPath);
  const json = JSON.parse(readFileSync(jsonPath, "utf8")) as Record<string, unknown>;
  const hclPath = stack.synthesizedStackPath.replace(/cdk\.tf\.json$/, "cdk.tf");
  writeFileSync(join(folder, hclPath), renderHcl(json));
  writeFileSync(join(folder, stack.stackMetadataPath), `${JSON.stringify({ "//": json["//"], terraform: json.terraform }, null, 2)}\n`);
  rmSync(jsonPath);
  return { ...stack, synthesizedStackPath: hclPath };
}

/** cdktf's manifest writer (sorted keys, its own spacing), fed the per-environment entries. */
function writeManifest(folder: string, stacks: readonly StackManifest[]): void {
  const { Manifest } = require("cdktf/lib/manifest") as typeof import("cdktf/lib/manifest");
  const { version } = require("cdktf/package.json") as { version: string };
  const manifest = new Manifest(version, folder, false);
  for (const stack of stacks) (manifest.stacks as Record<string, unknown>)[stack.name] = stack;
  manifest.writeToFile();
}

/**
 * Runs the jobs on `count` worker threads (started at once, so that loading cdktf overlaps reading the first
 * environment), taking the next job only when a worker is free; results in job order.
 */
async function inWorkers(jobs: Iterable<StackJob>, count: number): Promise<Array<{ job: StackJob; stack: StackManifest }>> {
  const workers = Array.from({ length: count }, startWorker);
  const idle = [...workers];
  const waiting: Array<() => void> = [];
  const results: Array<{ job: StackJob; stack: StackManifest }> = [];
  const running: Promise<void>[] = [];
  let failure: unknown;
  const release = (worker: Worker) => {
    idle.push(worker);
    waiting.shift()?.();
  };
  try {
    for (const job of jobs) {
      while (idle.length === 0) await new Promise<void>((resolve) => waiting.push(resolve));
      if (failure) break;
      const worker = idle.pop()!;
      const slot = results.length;
      results.push({ job, stack: undefined as unknown as StackManifest });
      running.push(
        runOn(worker, job).then(
          (stack) => {
            results[slot].stack = stack;
            release(worker);
          },
          (error: unknown) => {
            failure ??= error;
            release(worker);
          },
        ),
      );
    }
    await Promise.all(running);
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  if (failure) throw failure;
  return results;
}

/** One job on one worker: its answer, or its failure (an error thrown there, or the worker dying). */
function runOn(worker: Worker, job: StackJob): Promise<StackManifest> {
  return new Promise((resolve, reject) => {
    const stopped = (code: number) => reject(new Error(`a synthesis worker stopped (exit code ${code}) while synthesizing environment ${job.environment.name}`));
    const settle = () => {
      worker.off("error", reject);
      worker.off("exit", stopped);
    };
    worker.once("message", (result: StackJobResult) => {
      settle();
      if (result.ok) resolve(result.stack);
      else reject(new Error(`synthesizing environment ${job.environment.name}: ${result.error}`));
    });
    worker.once("error", reject);
    worker.once("exit", stopped);
    worker.postMessage(job);
  });
}

/** The worker runs ./synthesize-worker: compiled JavaScript, or the TypeScript through ts-node (tests, no build). */
function startWorker(): Worker {
  const entry = join(__dirname, `synthesize-worker${__filename.slice(__filename.lastIndexOf("."))}`);
  if (!entry.endsWith(".ts")) return new Worker(entry);
  const tsconfig = join(__dirname, "..", "tsconfig.json");
  return new Worker(`require("ts-node").register({ transpileOnly: true, project: ${JSON.stringify(tsconfig)} }); require(${JSON.stringify(entry)});`, { eval: true });
}
