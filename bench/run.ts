// npm run bench [-- options]: issue 15's figures in one run. CLI start-up against `node -e 0`; fleet synthesis
// against a bare cdktf program (bench/bare.ts) that writes the same Terraform, on 2 cores and pinned to 1; time
// and peak memory against fleet size up to 100x500 (BENCHMARKS.svg); what `--env NAME` costs. Every ratio
// comes from paired runs (A and B back to back, order alternating, median of the per-pair ratios) so that
// other work on the machine cancels out. Rewrites the generated section of BENCHMARKS.md and BENCHMARKS.svg.
// Offline; not a jest test; CI does not run it.
//
// Options:
//   --only startup,target,sizes,env   sections to run (default: all)
//   --sizes 1x50,10x200,20x500,50x500,100x500
//                                 fleets for the growth table and plot, E environments x N service accounts
//   --target 10x200               the size of the paired synth rounds (default 10x200)
//   --rounds 5                    paired rounds at the target size
//   --startup-pairs 15            paired runs per start-up command
//   --runs 3                      runs per size up to 2,000 service accounts (1 above)
//   --bare-max 10000              largest fleet (service accounts) bare cdktf runs at: its memory grows with the
//                                 whole fleet (one App), about 3 GB at 100x500
//   --env env01                   the environment of the --env measurements (env01 is blue/green: 2 clusters)
//   --quick                       --sizes 1x50,10x200,20x500 --rounds 3 --startup-pairs 10
//   --no-write                    leave BENCHMARKS.md and BENCHMARKS.svg alone
//   --keep                        keep the temporary folder (fleets and outputs)
//   --save FILE                   also write the raw measurements as JSON
//   --from FILE                   measure nothing: write the report of measurements saved with --save
//   --ts-node                     measure even when dist/ is stale (bin/irsa.js then runs the TypeScript through
//                                 ts-node, which is not what ships); without it the bench asks for `npm run build`
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus, loadavg, release, tmpdir, totalmem } from "node:os";
import { join, resolve } from "node:path";
import { stringify } from "yaml";
import { countSynthOutput, formatCounts, moduleEquivalent, resourceDiff, type StackCounts } from "./analyze";
import { gnuTimeWorks, measure, timeOnce, type Run } from "./child";
import { clustersOf, fleetConfig, makeFleet, type Fleet } from "./fleet";
import { digestsLine, previousDigests, replaceGenerated, table } from "./markdown";
import { precompile } from "./precompile";
import { fmt, linearFit, marginalCost, median, pairedRatio } from "./stats";
import { chart } from "./svg";

const ROOT = resolve(__dirname, "..");
const IRSA = join(ROOT, "bin", "irsa.js");
const EXAMPLE = "examples/irsa.yaml";
/** Upstream controller policies: what bare cdktf attaches to its addon roles, as the catalog does. */
const REFERENCE_POLICIES = resolve(ROOT, "test", "fixtures", "reference-policies");
const BENCHMARKS_MD = join(ROOT, "BENCHMARKS.md");
const PLOT = "BENCHMARKS.svg";

/** Issue 15's targets. */
const TARGET = { help: 1.5, validate: 2, explain: 2, synth: 0.6, peakMb: 512, marginal: 1.3, hcl: 2 } as const;

// ---------------------------------------------------------------------------------------------- options

interface Size {
  readonly e: number;
  readonly n: number;
  readonly label: string;
  readonly serviceAccounts: number;
}

const SECTIONS = ["startup", "target", "sizes", "env"] as const;
type Section = (typeof SECTIONS)[number];

interface Options {
  readonly only: readonly Section[];
  readonly sizes: readonly Size[];
  readonly target: Size;
  readonly rounds: number;
  readonly startupPairs: number;
  readonly runs: number;
  readonly bareMax: number;
  readonly env: string;
  readonly write: boolean;
  readonly keep: boolean;
  readonly tsNode: boolean;
  readonly save?: string;
  readonly from?: string;
}

const parseSize = (text: string): Size => {
  const m = /^(\d+)x(\d+)$/.exec(text.trim());
  if (!m) throw new Error(`--sizes: "${text}" is not ExN (e.g. 10x200)`);
  const [e, n] = [Number(m[1]), Number(m[2])];
  return { e, n, label: `${e}x${n}`, serviceAccounts: e * n };
};

function parseOptions(argv: readonly string[]): Options {
  const value = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const quick = argv.includes("--quick");
  const only = (value("--only") ?? SECTIONS.join(",")).split(",").map((s) => s.trim()) as Section[];
  for (const s of only) if (!SECTIONS.includes(s)) throw new Error(`--only: "${s}" is not one of ${SECTIONS.join(", ")}`);
  const sizes = (value("--sizes") ?? (quick ? "1x50,10x200,20x500" : "1x50,10x200,20x500,50x500,100x500")).split(",").map(parseSize);
  sizes.sort((a, b) => a.serviceAccounts - b.serviceAccounts);
  const target = parseSize(value("--target") ?? "10x200");
  if (!sizes.some((s) => s.label === target.label)) sizes.push(target), sizes.sort((a, b) => a.serviceAccounts - b.serviceAccounts);
  const env = value("--env") ?? "env01";
  const envIndex = Number(/^env(\d+)$/.exec(env)?.[1] ?? NaN);
  const fewest = Math.min(target.e, sizes[sizes.length - 1].e);
  if (!(envIndex < fewest)) throw new Error(`--env: ${env} is not an environment of the ${target.label} and ${sizes[sizes.length - 1].label} fleets (env00 .. env${String(fewest - 1).padStart(2, "0")})`);
  return {
    only,
    sizes,
    target,
    rounds: Number(value("--rounds") ?? (quick ? 3 : 5)),
    startupPairs: Number(value("--startup-pairs") ?? (quick ? 10 : 15)),
    runs: Number(value("--runs") ?? 3),
    bareMax: Number(value("--bare-max") ?? 10000),
    env,
    write: !argv.includes("--no-write"),
    keep: argv.includes("--keep"),
    tsNode: argv.includes("--ts-node"),
    save: value("--save"),
    from: value("--from"),
  };
}

// ------------------------------------------------------------------------------------------ the bench

interface Files {
  readonly fleet: Fleet;
  readonly config: string;
  /** the bare program's input (written on first use) */
  bareFleet?: string;
  /** irsa.yaml of the --env environment alone */
  envAlone?: string;
}

/** One way of running a program, measured in the paired rounds at the target size. */
interface Variant {
  readonly id: string;
  readonly label: string;
  readonly args: (files: Files, out: string) => string[];
  readonly cpus?: string;
  /** its output is compared byte for byte with irsa synth's */
  readonly sameOutput?: boolean;
}

interface Bench {
  readonly options: Options;
  readonly scratch: string;
  readonly gnuTime: boolean;
  readonly files: Map<string, Files>;
  readonly loads: number[];
  readonly started: number;
  /** how the bare program runs: precompiled like dist/, or through ts-node like a stale checkout's CLI */
  readonly compiled: boolean;
  bareScript?: string;
}

const elapsed = (bench: Bench) => `${Math.round((Date.now() - bench.started) / 1000)} s`;

function shippedCompiled(): boolean {
  const { distIsFresh } = require("../bin/dist") as { distIsFresh(root: string): boolean };
  return distIsFresh(ROOT);
}

function filesFor(bench: Bench, size: Size): Files {
  const known = bench.files.get(size.label);
  if (known) return known;
  const fleet = makeFleet(size.e, size.n, true);
  const config = join(bench.scratch, `irsa-${size.label}.yaml`);
  // Block YAML, no anchors: what a templated estate looks like.
  writeFileSync(config, `# generated by bench/run.ts\n${stringify(fleetConfig(fleet), { aliasDuplicateObjects: false })}`);
  const files: Files = { fleet, config };
  bench.files.set(size.label, files);
  return files;
}

function bareFleet(bench: Bench, files: Files, size: Size): string {
  if (!files.bareFleet) {
    files.bareFleet = join(bench.scratch, `fleet-${size.label}.json`);
    writeFileSync(files.bareFleet, JSON.stringify(files.fleet));
  }
  return files.bareFleet;
}

function envAlone(bench: Bench, files: Files, size: Size): string {
  if (!files.envAlone) {
    files.envAlone = join(bench.scratch, `irsa-${size.label}-${bench.options.env}.yaml`);
    const alone = { environments: files.fleet.environments.filter((e) => e.name === bench.options.env) };
    writeFileSync(files.envAlone, `# generated by bench/run.ts\n${stringify(fleetConfig(alone), { aliasDuplicateObjects: false })}`);
  }
  return files.envAlone;
}

/** bench/bare.ts run the way bin/irsa.js runs the CLI: compiled when dist/ is fresh, else through ts-node. */
function bareScript(bench: Bench): string {
  if (!bench.bareScript) {
    if (bench.compiled) {
      const dir = join(bench.scratch, "dist");
      precompile(ROOT, dir);
      bench.bareScript = join(dir, "bench", "bare.js");
    } else bench.bareScript = join(ROOT, "bench", "bare.js");
  }
  return bench.bareScript;
}

let outCounter = 0;
const outDir = (bench: Bench, tag: string) => join(bench.scratch, `out-${tag}-${outCounter++}`);

async function run(bench: Bench, label: string, args: readonly string[], cpus?: string): Promise<Run> {
  bench.loads.push(loadavg()[0]);
  const result = await measure(args, { cwd: ROOT, gnuTime: bench.gnuTime, cpus, scratch: bench.scratch });
  console.log(
    `  ${label.padEnd(58)} ${fmt(result.wallS).padStart(7)} s  cpu ${fmt(result.cpuS ?? NaN).padStart(7)} s  ${fmt(result.rssMb ?? NaN, 0).padStart(5)} MB${result.ok ? "" : `  FAILED: ${result.error}`}`,
  );
  return result;
}

/** sha256 over every file under a folder: relative path and content, paths sorted. */
function folderDigest(dir: string): string {
  const hash = createHash("sha256");
  const walk = (rel: string): string[] =>
    readdirSync(join(dir, rel))
      .sort()
      .flatMap((name) => {
        const path = rel ? `${rel}/${name}` : name;
        return statSync(join(dir, path)).isDirectory() ? walk(path) : [path];
      });
  for (const path of walk("")) hash.update(`${path}\0`).update(readFileSync(join(dir, path))).update("\0");
  return hash.digest("hex").slice(0, 16);
}

// ------------------------------------------------------------------------------------------ start-up

interface StartupResult {
  readonly label: string;
  readonly walls: number[];
  readonly baseline: number[];
  readonly cpus: number[];
  readonly baselineCpus: number[];
  failures: number;
}

const STARTUP: readonly { label: string; args: string[]; target: number }[] = [
  { label: "irsa --help", args: ["--help"], target: TARGET.help },
  { label: `irsa validate --config ${EXAMPLE}`, args: ["validate", "--config", EXAMPLE], target: TARGET.validate },
  { label: `irsa explain --config ${EXAMPLE}`, args: ["explain", "--config", EXAMPLE], target: TARGET.explain },
];

function startup(bench: Bench): StartupResult[] {
  const baseline = ["-e", "0"];
  const results: StartupResult[] = STARTUP.map((c) => ({ label: c.label, walls: [], baseline: [], cpus: [], baselineCpus: [], failures: 0 }));
  // one unmeasured run of each: file cache, lazily written compile caches
  timeOnce(baseline, ROOT);
  for (const c of STARTUP) timeOnce([IRSA, ...c.args], ROOT);
  for (let i = 0; i < bench.options.startupPairs; i++) {
    STARTUP.forEach((c, k) => {
      bench.loads.push(loadavg()[0]);
      const runCommand = () => timeOnce([IRSA, ...c.args], ROOT);
      const runBaseline = () => timeOnce(baseline, ROOT);
      let command, base;
      if (i % 2 === 0) [command, base] = [runCommand(), runBaseline()];
      else [base, command] = [runBaseline(), runCommand()];
      results[k].walls.push(command.ok ? command.wallS : NaN);
      results[k].baseline.push(base.wallS);
      results[k].cpus.push(command.ok ? (command.cpuS ?? NaN) : NaN);
      results[k].baselineCpus.push(base.cpuS ?? NaN);
      if (!command.ok) results[k].failures++;
    });
  }
  for (const r of results) {
    const p = pairedRatio(r.walls, r.baseline);
    console.log(`  ${r.label.padEnd(58)} ${fmt(median(r.walls) * 1000, 0).padStart(5)} ms vs node -e 0 ${fmt(median(r.baseline) * 1000, 0)} ms: ${fmt(p.ratio)}x (${fmt(p.min)}-${fmt(p.max)})`);
  }
  return results;
}

// ------------------------------------------------------------------------------------ target rounds

const synthArgs = (config: string, out: string, ...extra: string[]) => [IRSA, "synth", "--config", config, "--out", out, ...extra];

function roundVariants(bench: Bench, size: Size): Variant[] {
  const env = bench.options.env;
  const bare = (files: Files, out: string) => [bareScript(bench), "--fleet", bareFleet(bench, files, size), "--out", out, "--addons", "--policies", REFERENCE_POLICIES];
  return [
    { id: "bare", label: "bare cdktf", args: bare },
    { id: "irsa", label: "irsa synth", args: (f, out) => synthArgs(f.config, out), sameOutput: true },
    { id: "irsa-jobs1", label: "irsa synth --jobs 1", args: (f, out) => synthArgs(f.config, out, "--jobs", "1"), sameOutput: true },
    { id: "bare-1cpu", label: "bare cdktf, 1 core (taskset -c 0)", args: bare, cpus: "0" },
    { id: "irsa-1cpu", label: "irsa synth, 1 core (taskset -c 0)", args: (f, out) => synthArgs(f.config, out), cpus: "0", sameOutput: true },
    { id: "irsa-hcl", label: "irsa synth --hcl", args: (f, out) => synthArgs(f.config, out, "--hcl") },
    { id: "irsa-env", label: `irsa synth --env ${env}`, args: (f, out) => synthArgs(f.config, out, "--env", env) },
    { id: "validate", label: "irsa validate (whole fleet)", args: (f) => [IRSA, "validate", "--config", f.config] },
    { id: "env-alone", label: `irsa synth of ${env} alone (a 1-environment fleet)`, args: (f, out) => synthArgs(envAlone(bench, f, size), out) },
  ];
}

interface TargetResult {
  readonly size: Size;
  readonly variants: readonly { readonly id: string; readonly label: string }[];
  /** runs[variant id][round] */
  readonly runs: Record<string, Run[]>;
  counts?: StackCounts[];
  bareCounts?: StackCounts[];
  /** variants whose output differed from irsa synth's first output */
  readonly differing: string[];
  /** the --env output's stack differs from the same stack of the whole fleet */
  envDiffers: boolean;
  digest?: string;
}

async function targetRounds(bench: Bench): Promise<TargetResult> {
  const size = bench.options.target;
  const files = filesFor(bench, size);
  const variants = roundVariants(bench, size);
  const result: TargetResult = { size, variants: variants.map(({ id, label }) => ({ id, label })), runs: Object.fromEntries(variants.map((v) => [v.id, []])), differing: [], envDiffers: false };
  let reference: string | undefined;
  let wholeEnvStack: Buffer | undefined;
  for (let round = 0; round < bench.options.rounds; round++) {
    console.log(`  round ${round + 1} of ${bench.options.rounds} (${elapsed(bench)})`);
    // alternate the order so that neither side of a pair is always the one after a heavy run
    const order = round % 2 === 0 ? variants : [...variants].reverse();
    for (const v of order) {
      const out = outDir(bench, v.id);
      const r = await run(bench, `${size.label} ${v.label}`, v.args(files, out), v.cpus);
      result.runs[v.id].push(r);
      if (r.ok && existsSync(out)) {
        if (v.id === "irsa" && !result.counts) result.counts = countSynthOutput(out);
        if (v.id === "bare" && !result.bareCounts) result.bareCounts = countSynthOutput(out);
        if (v.id === "irsa" && !wholeEnvStack) wholeEnvStack = readFileSync(join(out, "stacks", bench.options.env, "cdk.tf.json"));
        if (v.sameOutput) {
          const digest = folderDigest(out);
          reference ??= digest;
          if (digest !== reference && !result.differing.includes(v.label)) result.differing.push(v.label);
        }
        if (v.id === "irsa-env") {
          const own = join(out, "stacks", bench.options.env, "cdk.tf.json");
          if (!existsSync(own) || (wholeEnvStack && !readFileSync(own).equals(wholeEnvStack))) result.envDiffers = true;
        }
      }
      rmSync(out, { recursive: true, force: true });
    }
  }
  result.digest = reference;
  return result;
}

// ------------------------------------------------------------------------------------ fleet sizes

interface SizeResult {
  readonly size: Size;
  readonly irsa: Run[];
  readonly bare: Run[];
  readonly bareSkipped?: string;
  counts?: StackCounts[];
  bareCounts?: StackCounts[];
  digest?: string;
}

async function sizes(bench: Bench, target: TargetResult | undefined): Promise<SizeResult[]> {
  const results: SizeResult[] = [];
  for (const size of bench.options.sizes) {
    if (target && size.label === target.size.label) {
      results.push({ size, irsa: target.runs.irsa ?? [], bare: target.runs.bare ?? [], counts: target.counts, bareCounts: target.bareCounts, digest: target.digest });
      continue;
    }
    console.log(`  ${size.label} (${elapsed(bench)})`);
    const files = filesFor(bench, size);
    const runs = size.serviceAccounts <= 2000 ? bench.options.runs : 1;
    const withBare = size.serviceAccounts <= bench.options.bareMax;
    const result: SizeResult = { size, irsa: [], bare: [], bareSkipped: withBare ? undefined : `above --bare-max ${bench.options.bareMax}` };
    for (let i = 0; i < runs; i++) {
      const out = outDir(bench, "irsa");
      result.irsa.push(await run(bench, `${size.label} irsa synth`, synthArgs(files.config, out)));
      if (i === 0 && existsSync(join(out, "manifest.json"))) {
        result.counts = countSynthOutput(out);
        result.digest = folderDigest(out);
      }
      rmSync(out, { recursive: true, force: true });
      if (!withBare) continue;
      const bareOut = outDir(bench, "bare");
      result.bare.push(await run(bench, `${size.label} bare cdktf`, [bareScript(bench), "--fleet", bareFleet(bench, files, size), "--out", bareOut, "--addons", "--policies", REFERENCE_POLICIES]));
      if (i === 0 && existsSync(join(bareOut, "manifest.json"))) result.bareCounts = countSynthOutput(bareOut);
      rmSync(bareOut, { recursive: true, force: true });
    }
    results.push(result);
    // the large fleets' files are big: keep only what a later section needs
    if (size !== bench.options.sizes[bench.options.sizes.length - 1]) bench.files.delete(size.label);
  }
  return results;
}

// ---------------------------------------------------------------------------------------- --env

interface EnvResult {
  readonly size: Size;
  readonly env: Run;
  readonly validate: Run;
  readonly alone: Run;
  readonly whole?: Run;
}

async function envAtLargest(bench: Bench, sized: readonly SizeResult[]): Promise<EnvResult> {
  const size = bench.options.sizes[bench.options.sizes.length - 1];
  const files = filesFor(bench, size);
  console.log(`  ${size.label} (${elapsed(bench)})`);
  const env = bench.options.env;
  const out = outDir(bench, "env");
  const result: EnvResult = {
    size,
    env: await run(bench, `${size.label} irsa synth --env ${env}`, synthArgs(files.config, out, "--env", env)),
    validate: await run(bench, `${size.label} irsa validate (whole fleet)`, [IRSA, "validate", "--config", files.config]),
    alone: await run(bench, `${size.label} irsa synth of ${env} alone`, synthArgs(envAlone(bench, files, size), `${out}-alone`)),
    whole: sized.find((s) => s.size.label === size.label)?.irsa[0],
  };
  rmSync(out, { recursive: true, force: true });
  rmSync(`${out}-alone`, { recursive: true, force: true });
  return result;
}

// ---------------------------------------------------------------------------------------------- report

const okWalls = (runs: readonly Run[]) => runs.map((r) => (r.ok ? r.wallS : NaN));
const okCpus = (runs: readonly Run[]) => runs.map((r) => (r.ok ? (r.cpuS ?? NaN) : NaN));
const peak = (runs: readonly Run[]) => Math.max(-Infinity, ...runs.filter((r) => r.ok && r.rssMb !== undefined).map((r) => r.rssMb as number));
const failures = (runs: readonly Run[]) => runs.filter((r) => !r.ok);
const verdict = (value: number, holds: boolean) => (Number.isFinite(value) ? (holds ? "**holds**" : "**does not hold**") : "not measured");

/** The command line as the report shows it: without --save FILE, whose path is this machine's. */
function shownArgs(argv: readonly string[]): string[] {
  const i = argv.indexOf("--save");
  return i < 0 ? [...argv] : [...argv.slice(0, i), ...argv.slice(i + 2)];
}

function machine(bench: Bench): string[] {
  const git = (...args: string[]) => spawnSync("git", args, { cwd: ROOT, encoding: "utf8" }).stdout.trim();
  const dirty = git("status", "--porcelain", "--", "lib", "stacks", "bin", "main.ts", "index.ts");
  const loads = bench.loads.filter(Number.isFinite);
  const cores = availableParallelism();
  return [
    `measuring took ${elapsed(bench)}: \`${["npm run bench", ...shownArgs(process.argv.slice(2))].join(" ").replace("npm run bench ", "npm run bench -- ")}\``,
    `date: ${new Date().toISOString()}`,
    `machine: ${cores} cores available (${cpus().length} CPUs), ${cpus()[0]?.model ?? "unknown CPU"}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB memory, Linux ${release()}`,
    `node ${process.version}`,
    `load average (1 min) sampled before each run, the bench's own program included (one or two threads): min ${fmt(Math.min(...loads))}, median ${fmt(median(loads))}, max ${fmt(Math.max(...loads))}` +
      (median(loads) > cores ? ` — the machine was busier than the bench alone: absolute times are noisy, the paired ratios much less so` : ""),
    `code: ${git("rev-parse", "--short", "HEAD") || "unknown commit"}${dirty ? " + uncommitted changes" : ""}; ${
      bench.compiled ? "bin/irsa.js ran the compiled dist/ (fresh `npm run build`), bare cdktf ran precompiled the same way" : "no fresh dist/: bin/irsa.js and bare cdktf ran through ts-node"
    }`,
    `peak RSS: ${bench.gnuTime ? "the larger of `/usr/bin/time` (biggest single process) and " : ""}the sum over the process tree sampled every 100 ms from /proc; CPU: user + system from ${bench.gnuTime ? "`/usr/bin/time`" : "(not measured: no GNU time)"}; wall: spawn to exit`,
    `fleets (bench/fleet.ts): E environments x N service accounts; even environments 1 cluster, odd ones blue/green (2 clusters); addons awsLoadBalancerController, externalDns, certManager, clusterAutoscaler in every environment`,
  ];
}

interface Report {
  readonly markdown: string[];
  readonly svg?: string;
  readonly failed: number;
}

/** What a run measured, as plain data: --save writes it, --from reads it back. */
interface Results {
  readonly options: Options;
  readonly machine: string[];
  /** the commit measured */
  readonly commit: string;
  readonly start?: StartupResult[];
  readonly target?: TargetResult;
  readonly sized?: SizeResult[];
  readonly env?: EnvResult;
}

function report({ options: o, machine: machineLines, commit, start, target, sized, env }: Results): Report {
  const lines: string[] = [];
  const targets: string[][] = [];
  let failed = 0;
  const previous = existsSync(BENCHMARKS_MD) ? previousDigests(readFileSync(BENCHMARKS_MD, "utf8")) : undefined;

  // start-up
  const startupRows: string[][] = [];
  for (const [k, r] of (start ?? []).entries()) {
    const p = pairedRatio(r.walls, r.baseline);
    failed += r.failures;
    const cpu = pairedRatio(r.cpus, r.baselineCpus);
    startupRows.push([r.label, String(p.pairs), fmt(median(r.walls) * 1000, 0), fmt(median(r.baseline) * 1000, 0), `**${fmt(p.ratio)}x**`, `${fmt(p.min)}-${fmt(p.max)}`, `${fmt(cpu.ratio)}x`]);
    targets.push([`\`${r.label}\` within ${STARTUP[k].target}x \`node -e 0\``, `${fmt(p.ratio)}x`, verdict(p.ratio, p.ratio <= STARTUP[k].target)]);
  }

  // target rounds
  const ratio = (a: string, b: string, of: (runs: readonly Run[]) => number[] = okWalls) =>
    target ? pairedRatio(of(target.runs[a] ?? []), of(target.runs[b] ?? [])) : pairedRatio([], []);
  const synth = ratio("irsa", "bare");
  const synthCpu = ratio("irsa", "bare", okCpus);
  const oneCore = ratio("irsa-1cpu", "bare-1cpu");
  const jobs1 = ratio("irsa", "irsa-jobs1");
  const hcl = ratio("irsa-hcl", "irsa");
  const envVsWhole = ratio("irsa-env", "irsa");
  const envBound = target
    ? pairedRatio(
        okWalls(target.runs["irsa-env"] ?? []),
        okWalls(target.runs.validate ?? []).map((v, i) => v + okWalls(target.runs["env-alone"] ?? [])[i]),
      )
    : pairedRatio([], []);
  if (target) {
    targets.push([
      `\`irsa synth\` ${o.target.label} within ${TARGET.synth}x bare cdktf (2 cores)`,
      `${fmt(synth.ratio)}x (pairs ${fmt(synth.min)}-${fmt(synth.max)}; CPU ${fmt(synthCpu.ratio)}x)`,
      verdict(synth.ratio, synth.ratio <= TARGET.synth),
    ]);
    const counts = target.counts && target.bareCounts ? sameCounts(target.counts, target.bareCounts) : ["not compared"];
    targets.push([
      `output byte-identical however it is run (default workers, \`--jobs 1\`, 1 core; the \`--env ${o.env}\` stack = the whole fleet's); bare cdktf writes the same resources`,
      [
        target.differing.length ? `differs: ${target.differing.join(", ")}` : "identical",
        target.envDiffers ? `the --env ${o.env} stack differs` : `--env ${o.env} stack identical`,
        counts.length ? `resource counts differ: ${counts.join("; ")}` : "same resource counts per type in every stack",
      ].join("; "),
      target.differing.length || target.envDiffers || counts.length ? "**does not hold**" : "**holds**",
    ]);
    targets.push([`\`irsa synth --hcl\` ${o.target.label} within ${TARGET.hcl}x JSON`, `${fmt(hcl.ratio)}x`, verdict(hcl.ratio, hcl.ratio <= TARGET.hcl)]);
  }
  const largest = sized?.[sized.length - 1];
  if (largest) {
    const p = peak(largest.irsa);
    targets.push([`\`irsa synth\` ${largest.size.label} (${largest.size.serviceAccounts.toLocaleString("en")} roles) peak RSS under ${TARGET.peakMb} MB`, `${fmt(p, 0)} MB`, verdict(p, p < TARGET.peakMb)]);
  }
  const at = (label: string) => sized?.find((s) => s.size.label === label);
  const ref = at(o.target.label);
  const small = sized?.[0] !== ref ? sized?.[0] : undefined;
  const growthOf = (of: (runs: readonly Run[]) => number[]) =>
    ref && largest && largest !== ref
      ? marginalCost(
          small ? { x: small.size.serviceAccounts, t: median(of(small.irsa)) } : undefined,
          { x: ref.size.serviceAccounts, t: median(of(ref.irsa)) },
          { x: largest.size.serviceAccounts, t: median(of(largest.irsa)) },
        )
      : undefined;
  const growth = growthOf(okWalls);
  // CPU seconds do not depend on what else ran at the moment each size was measured (the sizes are not paired)
  const growthCpu = growthOf(okCpus);
  if (growth && largest && ref) {
    targets.push([
      `marginal cost per service account ${ref.size.label} → ${largest.size.label} within ${TARGET.marginal}x (see Growth)`,
      `${fmt(growth.slopeRatio)}x the marginal cost up to ${ref.size.label}${small ? ` (from ${small.size.label})` : ""}; ${fmt(growth.againstAverage)}x ${ref.size.label}'s average cost; in CPU time ${fmt(growthCpu?.slopeRatio ?? NaN)}x`,
      verdict(growth.slopeRatio, growth.slopeRatio <= TARGET.marginal),
    ]);
  }
  if (env) {
    const bound = env.validate.wallS + env.alone.wallS;
    const r = env.env.ok && env.validate.ok && env.alone.ok ? env.env.wallS / bound : NaN;
    targets.push([
      `\`--env ${o.env}\` costs what that environment costs: at most validating the whole fleet + synthesizing ${o.env} alone`,
      `${env.size.label}: ${fmt(env.env.wallS)} s = ${fmt(r)}x of ${fmt(env.validate.wallS)} + ${fmt(env.alone.wallS)} s${env.whole?.ok ? `; ${fmt(env.env.wallS / env.whole.wallS)}x the whole fleet's synth` : ""}${target ? `; ${o.target.label}: ${fmt(envBound.ratio)}x (paired)` : ""}`,
      verdict(r, r <= 1),
    ]);
  }
  const remote = new Map<string, Set<number>>();
  for (const s of sized ?? []) {
    for (const c of s.counts ?? []) {
      const clusters = clustersOf(c.stack);
      const kind = `${clusters} cluster${clusters === 1 ? "" : "s"}`;
      remote.set(kind, (remote.get(kind) ?? new Set()).add(c.totalRemote));
    }
  }
  if (remote.size && (sized?.length ?? 0) > 1) {
    targets.push([
      "remote reads per stack constant in N (plan-time cost)",
      [...remote].map(([kind, set]) => `${kind}: ${[...set].join(", ")}`).join("; "),
      [...remote.values()].every((set) => set.size === 1) ? "**holds**" : "**does not hold**",
    ]);
  }

  lines.push("## Latest run", "", "### Machine", "", ...machineLines.map((l) => `- ${l}`));
  const digests = new Map((sized ?? []).filter((s) => s.digest).map((s) => [s.size.label, s.digest as string]));
  if (!digests.size && target?.digest) digests.set(o.target.label, target.digest);
  if (digests.size) lines.push(digestsLine(digests, commit));
  if (digests.size && previous) {
    const compared = [...digests].filter(([size]) => previous.digests.has(size));
    const changed = compared.filter(([size, d]) => previous.digests.get(size) !== d).map(([size]) => size);
    lines.push(
      `- output against the previous run (code ${previous.commit}): ${
        !compared.length ? "no size in common" : changed.length ? `**differs** at ${changed.join(", ")} (a change of the fleets in bench/fleet.ts also changes it)` : `identical at ${compared.map(([s]) => s).join(", ")}`
      }`,
    );
  }
  lines.push("", "### Targets (issue 15)", "", ...table(["target", "measured", "verdict"], targets), "");

  if (start) {
    lines.push(
      "### Start-up",
      "",
      `Each command paired with \`node -e 0\` ${o.startupPairs} times (back to back, order alternating, after one unmeasured run of each), timed by bash's \`time\` around the program; the ratio is the median of the per-pair ratios. The target is on wall time; the CPU ratio (user + system) is less disturbed by other work on the machine.`,
      "",
      ...table(["command", "pairs", "median ms", "`node -e 0` median ms", "ratio (wall)", "pair ratios min-max", "ratio (CPU)"], startupRows),
      "",
    );
  }

  if (target) {
    const rows = target.variants.map((v) => {
      const runs = target.runs[v.id] ?? [];
      const f = failures(runs);
      failed += f.length;
      const vsBare = v.id.endsWith("1cpu") ? ratio(v.id, "bare-1cpu") : ratio(v.id, "bare");
      return [
        v.label,
        `${runs.length - f.length}${f.length ? ` (+${f.length} failed: ${f[0].error})` : ""}`,
        fmt(median(okWalls(runs))),
        fmt(median(okCpus(runs))),
        fmt(peak(runs), 0),
        v.id === "bare" || v.id === "bare-1cpu" ? "1" : fmt(vsBare.ratio),
      ];
    });
    lines.push(
      `### Synthesis at ${o.target.label} (${o.target.serviceAccounts.toLocaleString("en")} service accounts), paired rounds`,
      "",
      `${o.rounds} rounds; each runs every program below once, in this order or its reverse (alternating), so that every ratio is a median of per-round ratios. "1 core" pins the program with \`taskset -c 0\` (node then sees one CPU: irsa synthesizes one environment at a time).`,
      "",
      ...table(["program", "runs", "median s", "median CPU s", "peak RSS MB", "/ bare cdktf on as many cores (paired)"], rows),
      "",
      "How the ratio scales with cores:",
      "",
      `- on 2 cores: irsa synth / bare cdktf = **${fmt(synth.ratio)}x** wall (CPU ${fmt(synthCpu.ratio)}x: what the second core buys is the difference)`,
      `- on 1 core (both pinned): irsa synth / bare cdktf = **${fmt(oneCore.ratio)}x**`,
      `- irsa synth with its default workers / \`--jobs 1\` on 2 cores = ${fmt(jobs1.ratio)}x`,
      `- bare cdktf runs in one JavaScript thread (V8's garbage collector helpers aside), so a second core helps it little; irsa can use one only by synthesizing environments in worker threads (at most ${o.target.e} here), which costs CPU of its own (compare the CPU column).` +
        (Number.isFinite(oneCore.ratio) && Number.isFinite(synth.ratio)
          ? oneCore.ratio < synth.ratio
            ? " In this run the ratio was lower on one core than on two: the workers cost more than the second core gave back on this machine."
            : " In this run the second core brought the ratio down."
          : ""),
      "",
      `\`--env ${o.env}\` at ${o.target.label}: ${fmt(envVsWhole.ratio)}x the whole fleet's synth; ${fmt(envBound.ratio)}x of (validate the whole fleet + synth ${o.env} alone), paired.`,
      "",
    );
  }

  if (sized) {
    const rows: string[][] = [];
    for (const s of sized) {
      for (const [name, runs, skipped] of [
        ["irsa synth", s.irsa, undefined],
        ["bare cdktf", s.bare, s.bareSkipped],
      ] as const) {
        if (skipped) {
          rows.push([s.size.label, s.size.serviceAccounts.toLocaleString("en"), name, `skipped (${skipped})`, "–", "–", "–", "–"]);
          continue;
        }
        const f = failures(runs);
        if (s.size.label !== o.target.label) failed += f.length;
        const w = okWalls(runs);
        rows.push([
          s.size.label,
          s.size.serviceAccounts.toLocaleString("en"),
          name,
          `${runs.length - f.length}${f.length ? ` (+${f.length} failed: ${f[0].error})` : ""}`,
          fmt(median(w)),
          fmt(median(okCpus(runs))),
          fmt(peak(runs), 0),
          fmt((median(w) / s.size.serviceAccounts) * 1000),
        ]);
      }
    }
    lines.push(
      "### Time and memory against fleet size",
      "",
      `![synth time and peak memory against the number of service accounts](${PLOT})`,
      "",
      ...table(["size", "service accounts", "program", "runs", "median s", "median CPU s", "peak RSS MB", "ms per service account"], rows),
      "",
    );
    const points = sized.map((s) => [s.size.serviceAccounts, median(okWalls(s.irsa))] as const).filter(([, t]) => Number.isFinite(t));
    const fit = linearFit(points);
    lines.push("### Growth", "");
    if (growth && ref && largest) {
      lines.push(
        `Marginal cost per service account, the verdict above: (t(${largest.size.label}) − t(${ref.size.label})) / (${largest.size.serviceAccounts} − ${ref.size.serviceAccounts}) = ${fmt(growth.marginalPast * 1000, 3)} ms` +
          (small ? `, against the marginal cost up to ${ref.size.label}, (t(${ref.size.label}) − t(${small.size.label})) / (${ref.size.serviceAccounts} − ${small.size.serviceAccounts}) = ${fmt(growth.marginalUpTo * 1000, 3)} ms: **${fmt(growth.slopeRatio)}x**.` : "."),
        "Both are differences of two fleet sizes, so the fixed start-up (node, loading cdktf, the workers) cancels out of each; a ratio of 1 is exactly linear growth. " +
          `Against ${ref.size.label}'s average cost t/${ref.size.serviceAccounts} = ${fmt((median(okWalls(ref.irsa)) / ref.size.serviceAccounts) * 1000, 3)} ms, which still carries the start-up, the same marginal cost is ${fmt(growth.againstAverage)}x; ` +
          `the average costs compare ${fmt(growth.averageRatio)}x (${largest.size.label} over ${ref.size.label}, the measure issue 15 quoted).`,
        "",
        `The sizes are measured one after the other, not paired, so a change of load between them moves these wall-time ratios; CPU time (user + system, all threads) does not depend on it: in CPU seconds the same ratios are ${fmt(growthCpu?.slopeRatio ?? NaN)}x (marginal against marginal), ${fmt(growthCpu?.againstAverage ?? NaN)}x (against the average) and ${fmt(growthCpu?.averageRatio ?? NaN)}x (averages).`,
        "",
      );
    }
    if (points.length >= 2) lines.push(`Least-squares line over the sizes' medians: t = ${fmt(fit.a)} s + ${fmt(fit.b * 1000, 3)} ms × service accounts, R² ${fmt(fit.r2, 4)}.`, "");

    const planRows: string[][] = [];
    const bareDiffs: string[] = [];
    for (const s of sized) {
      if (s.counts && s.bareCounts) bareDiffs.push(...sameCounts(s.counts, s.bareCounts).map((d) => `${s.size.label} ${d}`));
      const seen = new Set<number>();
      for (const c of s.counts ?? []) {
        const clusters = clustersOf(c.stack);
        if (seen.has(clusters)) continue;
        seen.add(clusters);
        const m = moduleEquivalent(c);
        planRows.push([s.size.label, `${c.stack} (${clusters} cluster${clusters === 1 ? "" : "s"})`, String(c.totalResources), formatCounts(c.resources), `${c.totalRemote}: ${formatCounts(c.remoteData)}`, String(m.totalResources), `${m.totalRemote} (${m.instances} x aws_caller_identity + ${c.totalRemote})`]);
      }
    }
    lines.push(
      "### Same Terraform?",
      "",
      bareDiffs.length
        ? `Resource counts differ between irsa and bare cdktf (irsa vs bare):\n\n${bareDiffs.slice(0, 10).map((d) => `- ${d}`).join("\n")}`
        : `irsa synth and bare cdktf write the same number of resources of every type in every stack, at every size both ran.`,
      "",
      "### Plan-time cost per stack",
      "",
      ...table(["size", "stack", "resources", "by type", "remote reads", "module-based: resources", "module-based: remote reads"], planRows),
      "",
      'Remote reads are data sources that call an AWS API when Terraform refreshes them. "Module-based" is the same stack with one terraform-aws-modules `iam-role-for-service-accounts-eks` (v5) instance per role (bench/analyze.ts).',
      "",
    );
  }
  if (env) {
    lines.push(
      `### \`--env\` at ${env.size.label}`,
      "",
      ...table(
        ["run", "s", "CPU s", "peak RSS MB"],
        [
          [`irsa synth --env ${o.env}`, env.env],
          ["irsa validate (whole fleet)", env.validate],
          [`irsa synth of ${o.env} alone`, env.alone],
          ...(env.whole ? [["irsa synth (whole fleet)", env.whole] as const] : []),
        ].map(([name, r]) => [name as string, (r as Run).ok ? fmt((r as Run).wallS) : `failed: ${(r as Run).error}`, fmt((r as Run).cpuS ?? NaN), fmt((r as Run).rssMb ?? NaN, 0)]),
      ),
      "",
      "One run each (the largest fleet is expensive): read as an order of magnitude; the paired figure at the target size is above.",
      "",
    );
    failed += [env.env, env.validate, env.alone].filter((r) => !r.ok).length;
  }

  const svg = sized?.length ? plot(sized) : undefined;
  return { markdown: lines, svg, failed };
}

/** Per-stack resource differences between irsa's and bare's counts (empty when the same). */
function sameCounts(ours: readonly StackCounts[], bare: readonly StackCounts[]): string[] {
  return ours.map((o) => {
    const b = bare.find((x) => x.stack === o.stack);
    const diff = b ? resourceDiff(o, b) : "missing in bare";
    return diff ? `${o.stack}: ${diff}` : "";
  }).filter(Boolean);
}

function plot(sized: readonly SizeResult[]): string {
  const points = (pick: (s: SizeResult) => readonly Run[], value: (runs: readonly Run[]) => number) =>
    sized.map((s) => [s.size.serviceAccounts, value(pick(s))] as [number, number]).filter(([, y]) => Number.isFinite(y) && y > 0);
  const programs = (value: (runs: readonly Run[]) => number) => [
    { name: "irsa synth", color: "#1f77b4", points: points((s) => s.irsa, value) },
    { name: "bare cdktf", color: "#7f7f7f", dashed: true, points: points((s) => s.bare, value) },
  ];
  const cpu = { name: "irsa synth, CPU s", color: "#9ecae1", dashed: true, points: points((s) => s.irsa, (runs) => median(okCpus(runs))) };
  return chart("irsa synth and bare cdktf against fleet size (bench/fleet.ts fleets, E environments x N service accounts)", [
    { title: "Synth time (median)", xLabel: "service accounts", yLabel: "seconds", series: [...programs((runs) => median(okWalls(runs))), cpu] },
    {
      title: "Peak memory (RSS of the process tree)",
      xLabel: "service accounts",
      yLabel: "MB",
      series: programs(peak),
      limits: [{ name: `target ${TARGET.peakMb} MB`, y: TARGET.peakMb, color: "#d62728" }],
    },
  ]);
}

async function measureAll(options: Options): Promise<Results> {
  const scratch = mkdtempSync(join(tmpdir(), "cdktf-irsa-bench-"));
  const bench: Bench = { options, scratch, gnuTime: gnuTimeWorks(), files: new Map(), loads: [], started: Date.now(), compiled: shippedCompiled() };
  console.log(
    `cdktf-irsa bench: ${options.only.join(", ")}; sizes ${options.sizes.map((s) => s.label).join(", ")}; target ${options.target.label}; ` +
      `${bench.compiled ? "compiled dist/" : "ts-node (no fresh dist/: npm run build)"}; scratch ${scratch}`,
  );
  try {
    let start: StartupResult[] | undefined;
    let target: TargetResult | undefined;
    let sized: SizeResult[] | undefined;
    let env: EnvResult | undefined;
    if (options.only.includes("startup")) {
      console.log(`start-up, ${options.startupPairs} pairs per command (${elapsed(bench)})`);
      start = startup(bench);
    }
    if (options.only.includes("target")) {
      console.log(`paired rounds at ${options.target.label} (${elapsed(bench)})`);
      target = await targetRounds(bench);
    }
    if (options.only.includes("sizes")) {
      console.log(`fleet sizes (${elapsed(bench)})`);
      sized = await sizes(bench, target);
    }
    if (options.only.includes("env")) {
      console.log(`--env at the largest size (${elapsed(bench)})`);
      env = await envAtLargest(bench, sized ?? []);
    }
    const commit = spawnSync("git", ["rev-parse", "--short", "HEAD"], { cwd: ROOT, encoding: "utf8" }).stdout.trim();
    return { options, machine: machine(bench), commit, start, target, sized, env };
  } finally {
    if (!options.keep) rmSync(scratch, { recursive: true, force: true });
  }
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  if (!options.from && !shippedCompiled() && !options.tsNode) {
    console.error("dist/ is missing or older than a source file, so bin/irsa.js would run the TypeScript through ts-node: not what ships. Run `npm run build` first (or pass --ts-node to measure that anyway).");
    return 2;
  }
  const results: Results = options.from ? (JSON.parse(readFileSync(options.from, "utf8")) as Results) : await measureAll(options);
  if (options.save) writeFileSync(options.save, `${JSON.stringify(results, null, 1)}\n`);
  const result = report(results);
  console.log(`\n${result.markdown.join("\n")}`);
  if (options.write) {
    writeFileSync(BENCHMARKS_MD, replaceGenerated(readFileSync(BENCHMARKS_MD, "utf8"), result.markdown.join("\n")));
    if (result.svg) writeFileSync(join(ROOT, PLOT), result.svg);
    console.log(`\nwrote BENCHMARKS.md${result.svg ? ` and ${PLOT}` : ""}`);
  }
  return result.failed ? 1 : 0;
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 2;
  },
);
