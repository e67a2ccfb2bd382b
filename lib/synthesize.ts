// Environments -> the standard cdktf layout in one folder (stacks/<env>/cdk.tf[.json] and manifest.json),
// one cdktf App per environment, in worker threads when there is more than one core to use. A worker is handed
// an environment's part of the config and reads it itself (parsing, checking and modelling run in parallel too,
// and no plan is copied between threads); what the checks across environments need comes back. Stacks share
// nothing (no cross-stack references), so each environment is synthesized alone into its own scratch
// folder, moved into place, and the manifest is assembled from the per-environment manifests with cdktf's
// own writer: the result is byte for byte what one App holding every stack writes.
// Where `npm run build` made it, the job side (runJob and all it loads: the config reader, cdktf, the providers) runs
// from one file with a V8 code cache (dist/lib/synthesis.js, see synthesisBuild): a worker or this thread then
// starts synthesizing without resolving, reading and compiling ~600 CommonJS files.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { setFlagsFromString } from "node:v8";
import { createRequire } from "node:module";
import { dirname, extname, join } from "node:path";
import { Worker } from "node:worker_threads";
import { ConfigError } from "./config/diagnostics";
import type { EnvironmentPart } from "./config/split";
import { renderHcl } from "./hcl/render";
import { readPart, type EnvironmentReading } from "./model/fleet";
import type { EnvironmentPlan, RolePlan } from "./model/types";

export interface SynthesisOptions {
  /** Write cdk.tf (HCL, our renderer) instead of cdk.tf.json. */
  readonly hcl: boolean;
  /** Environments synthesized at once, each in its own worker thread; 1 = in this thread (for a config up to IN_THREAD_MAX_BYTES). Default: `defaultJobs`. */
  readonly jobs?: number;
  /**
   * Length in bytes of the largest environment's YAML (sizes the workers' heaps: workerHeapMb) and of the
   * config (decides whether one job at a time runs in a worker: IN_THREAD_MAX_BYTES).
   */
  readonly bytes?: { readonly largest: number; readonly total: number };
  /**
   * Given what every environment told (in order) once all are synthesized, before the manifest is written:
   * the checks across environments; throwing stops the synthesis.
   */
  readonly check?: (outcomes: readonly EnvironmentOutcome[]) => void;
}

/**
 * An environment to synthesize: its plan, or its part of the config, read (lib/model/fleet.ts readPart) where
 * it is synthesized, so that reading runs in parallel too and no plan is copied between threads. A part with
 * `build: false` is only read and checked (irsa synth --env names another environment).
 */
export type EnvironmentSource = { readonly plan: EnvironmentPlan } | { readonly file: string; readonly part: EnvironmentPart; readonly build: boolean };

/** What synthesis tells of an environment: a part's reading, and (when built) the roles its stack holds. */
export interface EnvironmentOutcome {
  readonly reading?: EnvironmentReading;
  readonly built?: BuiltEnvironment;
}
export interface BuiltEnvironment {
  readonly name: string;
  readonly partition: EnvironmentPlan["partition"];
  readonly roles: readonly Pick<RolePlan, "address" | "name" | "path" | "arn" | "key" | "sourcePath">[];
}

/** A part of the config that does not read alone (a ConfigError): the whole file's reading has the exact findings. */
export class UnreadablePart extends Error {}

/** One stack's entry of manifest.json, as cdktf writes it. */
export interface StackManifest {
  readonly name: string;
  readonly synthesizedStackPath: string;
  readonly stackMetadataPath: string;
  readonly [key: string]: unknown;
}

/** What a worker (or this thread) is asked to do, and answers: plain data, as it crosses threads and builds. */
export interface StackJob {
  readonly source: EnvironmentSource;
  /** Scratch folder of this environment alone (an App writes its own manifest.json there). */
  readonly scratch: string;
  /** Where the stack's files go once written (stacks/<env>/ of the synthesis's folder). */
  readonly folder: string;
  readonly hcl: boolean;
}
export interface JobDone {
  /** The stack's manifest entry; none for a part only read. */
  readonly stack?: StackManifest;
  readonly outcome: EnvironmentOutcome;
}
export type StackJobResult = ({ readonly ok: true } & JobDone) | { readonly ok: false; readonly unreadable: boolean; readonly error: string };

/**
 * A worker costs its own V8 and loading cdktf and the provider bindings (a third of a second from node_modules, when
 * this was measured; less from the synthesis build); below this many roles per worker that is more than it saves,
 * and one process is faster.
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
 * A worker's old-generation heap in MB for environments of up to `bytes` of YAML. Without a limit V8 lets a heap
 * fill with garbage to a few hundred MB before its first full collection, in every worker; with one it collects
 * as it nears it. Synthesizing an environment holds about 500 bytes of heap per byte of its YAML (the bench's
 * 500-service-account environment: 190 KB of YAML, under 100 MB of heap): twice that, and never under 256 MB. A
 * worker that runs out of heap all the same is replaced, and its environment synthesized in this thread.
 */
export function workerHeapMb(bytes: number): number {
  return Math.max(256, Math.ceil((1000 * bytes) / 2 ** 20));
}

/**
 * How much a function runs before V8 compiles it with its optimizing compiler: 8x the default of Node 20's V8
 * (66 KB; newer V8s have 132 KB). cdktf's
 * resolver and the zod and YAML parsers are optimized, deoptimized and optimized again many times over (cdktf's
 * resolve a dozen times in a 10x200 synth), each time on a background thread, and each worker compiles its own:
 * with two workers that was a third of the process's CPU, on the cores the workers need. With this budget only
 * what stays hot is optimized: the 10x200 bench synth with two workers took 0.85x the CPU, the threads doing the
 * work no more than before. Measured again with the synthesis build (paired, 10x200, two workers): without the
 * flag 1.3x the CPU, with half this budget 1.1x, with twice it the same. It is V8's flag for the whole process,
 * read by the isolates (workers) started after.
 */
const INTERRUPT_BUDGET = 4 * 132 * 1024;

/**
 * V8's flags for synthesis, set before any synthesis code is compiled (this thread's, the workers'). The build sets
 * them too before it makes the synthesis build's code cache: V8 takes a cache only under the flags it was made with.
 */
export function setSynthesisFlags(): void {
  setFlagsFromString(`--interrupt-budget=${INTERRUPT_BUDGET}`);
}

/**
 * Up to this much YAML, one job at a time runs in this thread. Above it, a worker runs them: its heap is limited
 * (workerHeapMb), this thread's is not, and V8 lets an unlimited heap fill with garbage to several hundred MB (the
 * bench's 100x500 fleet, 19 MB, peaked at 518 MB in one thread); starting a worker (at most a third of a second) is then
 * a few percent of the run.
 */
const IN_THREAD_MAX_BYTES = 4 * 2 ** 20;

/**
 * Synthesizes the environments into `folder` (created when missing; stack files and manifest.json replaced,
 * nothing else touched) and returns the stack files written, relative to it, in the environments' order. Each
 * stack's files are moved into place where and when it is synthesized (the worker's thread, alongside the others),
 * so a synthesis that fails may leave some there without a manifest: callers synthesize into a staging folder.
 * The environments are taken one at a time as the workers free up: an iterable that reads them lazily holds
 * no more than `jobs` (+ 1 being read) of them in memory. Throws UnreadablePart when a part does not read alone.
 */
export async function synthesizeEnvironments(environments: Iterable<EnvironmentSource>, folder: string, options: SynthesisOptions): Promise<string[]> {
  setSynthesisFlags();
  mkdirSync(join(folder, "stacks"), { recursive: true });
  const scratchRoot = join(folder, ".irsa-scratch");
  let count = 0;
  const jobs = (function* (): Generator<NumberedJob> {
    for (const source of environments) {
      const index = count++;
      yield { index, job: { source, scratch: join(scratchRoot, String(index)), folder, hcl: options.hcl } };
    }
  })();
  try {
    const done: JobDone[] = [];
    const workers = options.jobs ?? 1;
    const bytes = options.bytes ?? { largest: 0, total: 0 };
    if (workers === 1 && bytes.total <= IN_THREAD_MAX_BYTES) for (const { job } of jobs) done.push(inThisThread(job));
    else {
      // Parts all at hand start largest first: a large environment started last would leave the other workers idle.
      const queue = Array.isArray(environments) ? [...jobs].sort((a, b) => partLength(b.job) - partLength(a.job)) : jobs;
      const synthesized = inWorkers(queue, workers, workerHeapMb(bytes.largest));
      manifestWriter(); // loaded while the workers synthesize: this thread only waits for them
      done.push(...(await synthesized));
    }
    options.check?.(done.map((d) => d.outcome));
    const stacks = done.flatMap((d) => (d.stack ? [d.stack] : []));
    writeManifest(folder, stacks);
    return stacks.map((s) => s.synthesizedStackPath);
  } finally {
    rmSync(scratchRoot, { recursive: true, force: true });
  }
}

/**
 * One job: the environment read (a part) and, unless only read, synthesized as its own App into job.scratch (HCL
 * rendered there too), its stack's files moved into job.folder. Throws what reading or synthesis throws.
 */
function runJob(job: StackJob): JobDone {
  const { source } = job;
  const { plan, reading } = "plan" in source ? { plan: source.plan, reading: undefined } : readPart(source.file, source.part);
  if ("build" in source && !source.build) return { outcome: { reading } };
  const roles = plan.roles.map(({ address, name, path, arn, key, sourcePath }) => ({ address, name, path, arn, key, sourcePath }));
  return { stack: synthesizeStack(plan, job), outcome: { reading, built: { name: plan.name, partition: plan.partition, roles } } };
}

/**
 * runJob's outcome as plain data: what a worker answers, and what the synthesis build answers this thread (its
 * classes are not this thread's). With `rethrow` (in this thread), an error other than a part's ConfigError is
 * thrown as it is.
 */
export function jobResult(job: StackJob, rethrow = false): StackJobResult {
  try {
    return { ok: true, ...runJob(job) };
  } catch (error) {
    const unreadable = error instanceof ConfigError;
    if (rethrow && !unreadable) throw error;
    return { ok: false, unreadable, error: error instanceof Error ? (unreadable ? error.message : (error.stack ?? error.message)) : String(error) };
  }
}

/** A job's answer, or what it failed with: UnreadablePart for a part that does not read alone. */
function settled(job: StackJob, result: StackJobResult): JobDone {
  if (result.ok) return result;
  if (result.unreadable) throw new UnreadablePart(result.error);
  throw new Error(`synthesizing environment ${"plan" in job.source ? job.source.plan.name : job.source.part.name}: ${result.error}`);
}

function inThisThread(job: StackJob): JobDone {
  const build = synthesisBuild();
  return settled(job, (build ? loadSynthesisBuild(build).jobResult : jobResult)(job, true));
}

/** Moves the files of a stack's folder into place, leaving anything else there (.terraform/, lock files) alone. */
function moveStack(scratch: string, folder: string, stack: StackManifest): void {
  const stackFolder = dirname(stack.synthesizedStackPath);
  mkdirSync(join(folder, stackFolder), { recursive: true });
  for (const file of readdirSync(join(scratch, stackFolder))) renameSync(join(scratch, stackFolder, file), join(folder, stackFolder, file));
}

function synthesizeStack(environment: EnvironmentPlan, { scratch, folder, hcl }: StackJob): StackManifest {
  // Loaded here: the parent of the workers never needs cdktf.
  const { writeStacks } = require("./app") as typeof import("./app");
  mkdirSync(scratch, { recursive: true });
  writeStacks([environment], scratch);
  const manifest = JSON.parse(readFileSync(join(scratch, "manifest.json"), "utf8")) as { stacks: Record<string, StackManifest> };
  const stack = hcl ? rewriteAsHcl(scratch, manifest.stacks[environment.name]) : manifest.stacks[environment.name];
  moveStack(scratch, folder, stack);
  rmSync(scratch, { recursive: true, force: true });
  return stack;
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

/** cdktf's manifest writer (sorted keys, its own spacing). */
const manifestWriter = () => (require("cdktf/lib/manifest") as typeof import("cdktf/lib/manifest")).Manifest;

/** cdktf's manifest writer fed the per-environment entries. */
function writeManifest(folder: string, stacks: readonly StackManifest[]): void {
  const Manifest = manifestWriter();
  const { version } = require("cdktf/package.json") as { version: string };
  const manifest = new Manifest(version, folder, false);
  for (const stack of stacks) (manifest.stacks as Record<string, unknown>)[stack.name] = stack;
  manifest.writeToFile();
}

/** A job and its place among the environments. */
interface NumberedJob {
  readonly index: number;
  readonly job: StackJob;
}

const partLength = (job: StackJob) => ("part" in job.source ? job.source.part.text.length : 0);

/**
 * Runs the jobs on `count` worker threads (started at once, so that loading cdktf overlaps reading the first
 * environment), taking the next job only when a worker is free; each result at its job's index. A worker that
 * runs out of its `heapMb` is replaced, and its job run in this thread (with the process's own, larger heap).
 */
async function inWorkers(jobs: Iterable<NumberedJob>, count: number, heapMb: number): Promise<JobDone[]> {
  const workers = Array.from({ length: count }, () => startWorker(heapMb));
  const idle = [...workers];
  const waiting: Array<() => void> = [];
  const results: JobDone[] = [];
  const running: Promise<void>[] = [];
  let failure: unknown;
  const release = (worker: Worker) => {
    idle.push(worker);
    waiting.shift()?.();
  };
  try {
    for (const { index, job } of jobs) {
      while (idle.length === 0) await new Promise<void>((resolve) => waiting.push(resolve));
      if (failure) break;
      const worker = idle.pop()!;
      running.push(
        runOn(worker, job).then(
          (result) => {
            results[index] = result;
            release(worker);
          },
          (error: unknown) => {
            if ((error as { code?: string }).code !== "ERR_WORKER_OUT_OF_MEMORY") {
              failure ??= error;
              return release(worker);
            }
            const replacement = startWorker(heapMb);
            workers[workers.indexOf(worker)] = replacement;
            try {
              results[index] = inThisThread(job);
            } catch (inThread) {
              failure ??= inThread;
            }
            release(replacement);
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
function runOn(worker: Worker, job: StackJob): Promise<JobDone> {
  return new Promise((resolve, reject) => {
    const stopped = (code: number) =>
      reject(new Error(`a synthesis worker stopped (exit code ${code}) while synthesizing environment ${"plan" in job.source ? job.source.plan.name : job.source.part.name}`));
    const settle = () => {
      worker.off("error", reject);
      worker.off("exit", stopped);
    };
    worker.once("message", (result: StackJobResult) => {
      settle();
      try {
        resolve(settled(job, result));
      } catch (error) {
        reject(error);
      }
    });
    worker.once("error", (error) => {
      settle();
      reject(error);
    });
    worker.once("exit", stopped);
    worker.postMessage(job);
  });
}

/** The synthesis build: the bundle and its code cache (scripts/build-cli.js). */
interface SynthesisBuild {
  readonly file: string;
  readonly cache: string;
}

/**
 * The synthesis build in `folder` as its synthesis.json describes it, when that holds the versions of cdktf,
 * constructs and the providers that are installed: the build has its own copies of these peer dependencies, and
 * with other versions installed synthesis runs from those, so that `irsa synth` writes what `cdktf synth` does.
 */
export function synthesisBuildIn(folder: string): SynthesisBuild | undefined {
  const described = join(folder, "synthesis.json");
  const installed = createRequire(described);
  try {
    const build = JSON.parse(readFileSync(described, "utf8")) as { file: string; cache: string; packages: Record<string, string> };
    for (const [name, version] of Object.entries(build.packages)) if ((installed(`${name}/package.json`) as { version: string }).version !== version) return undefined;
    return { file: join(folder, build.file), cache: join(folder, build.cache) };
  } catch {
    return undefined;
  }
}

let besideThisModule: { readonly build?: SynthesisBuild } | undefined;

/**
 * The synthesis build beside the compiled code (dist/lib), looked for once per process (every job in this thread
 * and every worker asks); none for the TypeScript (tests, a checkout without a build).
 */
function synthesisBuild(): SynthesisBuild | undefined {
  besideThisModule ??= { build: __filename.endsWith(".ts") ? undefined : synthesisBuildIn(__dirname) };
  return besideThisModule.build;
}

/**
 * The launcher's loader of one-file builds with their code cache (bin/compiled.js, run before any of dist/ is
 * loaded, so it lives there), from dist/lib.
 */
const LAUNCHER = () => join(__dirname, "..", "..", "bin", "compiled.js");

let loadedBuild: { jobResult: typeof jobResult } | undefined;

/** The synthesis build's exports (this module's, bundled), loaded once. */
function loadSynthesisBuild(build: SynthesisBuild): { jobResult: typeof jobResult } {
  type Launcher = { loadBundle(file: string, cache: string): { exports: { jobResult: typeof jobResult } } };
  loadedBuild ??= (require(LAUNCHER()) as Launcher).loadBundle(build.file, build.cache).exports;
  return loadedBuild;
}

/**
 * A worker answering jobs with jobResult: from the synthesis build when there is one, else from this module
 * (compiled JavaScript, or the TypeScript through ts-node: tests, a checkout without a build).
 */
function startWorker(heapMb: number): Worker {
  const build = synthesisBuild();
  // This module as tsc wrote it (or its TypeScript): from the CLI's one-file build, __filename is that file.
  const self = join(__dirname, `synthesize${extname(__filename)}`);
  const tsconfig = join(__dirname, "..", "tsconfig.json");
  const load = build
    ? `require(${JSON.stringify(LAUNCHER())}).loadBundle(${JSON.stringify(build.file)}, ${JSON.stringify(build.cache)}).exports`
    : `require(${JSON.stringify(self)})`;
  const serve = [
    self.endsWith(".ts") ? `require("ts-node").register({ transpileOnly: true, project: ${JSON.stringify(tsconfig)} });` : "",
    `const { parentPort } = require("node:worker_threads");`,
    `const { jobResult } = ${load};`,
    `parentPort.on("message", (job) => parentPort.postMessage(jobResult(job)));`,
  ].join("\n");
  return new Worker(serve, { eval: true, resourceLimits: { maxOldGenerationSizeMb: heapMb } });
}
