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

/** The number of workers worth starting for these environments: one per core, fewer for small fleets. */
export function defaultJobs(environments: readonly EnvironmentPlan[]): number {
  const roles = environments.reduce((n, e) => n + e.roles.length, 0);
  return Math.max(1, Math.min(availableParallelism(), environments.length, Math.floor(roles / ROLES_PER_WORKER)));
}

/**
 * Synthesizes the environments into `folder` (created when missing; stack files and manifest.json replaced,
 * nothing else touched) and returns the stack files written, relative to it, in the environments' order.
 */
export async function synthesizeEnvironments(environments: readonly EnvironmentPlan[], folder: string, options: SynthesisOptions): Promise<string[]> {
  const jobs = Math.max(1, Math.min(options.jobs ?? defaultJobs(environments), environments.length));
  mkdirSync(join(folder, "stacks"), { recursive: true });
  const scratchRoot = join(folder, ".irsa-scratch");
  const job = (environment: EnvironmentPlan, i: number): StackJob => ({ environment, scratch: join(scratchRoot, String(i)), hcl: options.hcl });
  try {
    const stacks = jobs === 1 ? environments.map((e, i) => synthesizeStack(job(e, i))) : await inWorkers(environments.map(job), jobs);
    stacks.forEach((stack, i) => moveStack(job(environments[i], i).scratch, folder, stack));
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
  const { synthesizeApp } = require("./app") as typeof import("./app");
  mkdirSync(job.scratch, { recursive: true });
  synthesizeApp([job.environment], job.scratch);
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

/** Runs the jobs on `count` worker threads, each taking the next job when it is done; results in job order. */
function inWorkers(jobs: readonly StackJob[], count: number): Promise<StackManifest[]> {
  return new Promise((resolve, reject) => {
    const results: StackManifest[] = new Array(jobs.length);
    const running = new Set<Worker>();
    let next = 0;
    let done = 0;
    const stop = (worker: Worker) => {
      if (running.delete(worker)) void worker.terminate();
    };
    const fail = (error: Error) => {
      for (const worker of [...running]) stop(worker);
      reject(error);
    };
    const feed = (worker: Worker) => {
      if (next >= jobs.length) {
        stop(worker);
        return;
      }
      const index = next++;
      worker.once("message", (result: StackJobResult) => {
        if (!result.ok) {
          fail(new Error(`synthesizing environment ${jobs[index].environment.name}: ${result.error}`));
          return;
        }
        results[index] = result.stack;
        if (++done === jobs.length) resolve(results);
        feed(worker);
      });
      worker.postMessage(jobs[index]);
    };
    for (let i = 0; i < count; i++) {
      const worker = startWorker();
      running.add(worker);
      worker.on("error", fail);
      worker.on("exit", (code) => running.has(worker) && fail(new Error(`a synthesis worker stopped (exit code ${code})`)));
      feed(worker);
    }
  });
}

/** The worker runs ./synthesize-worker: compiled JavaScript, or the TypeScript through ts-node (tests, no build). */
function startWorker(): Worker {
  const entry = join(__dirname, `synthesize-worker${__filename.slice(__filename.lastIndexOf("."))}`);
  if (!entry.endsWith(".ts")) return new Worker(entry);
  const tsconfig = join(__dirname, "..", "tsconfig.json");
  return new Worker(`require("ts-node").register({ transpileOnly: true, project: ${JSON.stringify(tsconfig)} }); require(${JSON.stringify(entry)});`, { eval: true });
}
