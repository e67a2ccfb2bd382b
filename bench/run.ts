// npm run bench [-- options]: fleet synth speed, memory and plan cost of `irsa synth`, against a bare cdktf
// program (bench/bare.ts) that synthesizes the same Terraform. Prints a table and rewrites the measured
// section of BENCHMARKS.md. Offline; not a jest test; CI does not run it.
//
// Options:
//   --sizes 1x50,10x200,20x500   fleets, E environments x N service accounts (default shown)
//   --target 10x200              the size the targets are checked at (default 10x200, else the middle size)
//   --runs 3                     runs per variant at sizes up to 2,000 service accounts (1 above that)
//   --budget 560                 seconds of measuring; a run predicted not to fit is skipped and reported.
//                                The order (see schedule()) puts what the targets need first.
//   --no-addons                  leave the four addons out of the generated fleets
//   --no-what-if                 skip the what-if rows: A precompiled JS (bench/precompile.ts), B A + no
//                                formatting of cdktf's per-token stack traces (bench/nostack.js)
//   --bare-hcl                   also time bare cdktf with its own HCL writer (hclOutput)
//   --rss time|wrapper           peak RSS from /usr/bin/time -v (default when present) or bench/measure.js
//   --no-write                   do not touch BENCHMARKS.md
//   --keep                       keep the temporary folder (fleets and outputs)
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus, freemem, loadavg, tmpdir, totalmem } from "node:os";
import { join, resolve } from "node:path";
import { stringify } from "yaml";
import { countSynthOutput, formatCounts, moduleEquivalent, resourceDiff, type StackCounts } from "./analyze";
import { fleetConfig, makeFleet, type Fleet } from "./fleet";
import { precompile } from "./precompile";

const ROOT = resolve(__dirname, "..");
const NODE = process.execPath;
/** Upstream controller policies (their sources: test/fixtures/reference-policies): what bare cdktf attaches to its addon roles. */
const REFERENCE_POLICIES = resolve(ROOT, "test", "fixtures", "reference-policies");

// ---------------------------------------------------------------------------------------------- options

/**
 * How `node bin/irsa.js` will run, by the rule it applies (bin/dist.js): the compiled dist/bin/irsa.js when it
 * is fresh; otherwise the TypeScript through ts-node. bare cdktf is run the same way (precompiled by
 * bench/precompile.ts, or through ts-node by bench/bare.js).
 */
function shippedMode(): "compiled" | "ts-node" {
  const { distIsFresh } = require("../bin/dist") as { distIsFresh(root: string): boolean };
  return distIsFresh(ROOT) ? "compiled" : "ts-node";
}

interface Size {
  readonly e: number;
  readonly n: number;
  readonly label: string;
}

interface Options {
  readonly sizes: readonly Size[];
  readonly target: Size;
  readonly runs: number;
  readonly budgetS: number;
  readonly addons: boolean;
  readonly whatIf: boolean;
  readonly bareHcl: boolean;
  readonly rss: "time" | "wrapper";
  readonly write: boolean;
  readonly keep: boolean;
}

const parseSize = (text: string): Size => {
  const m = /^(\d+)x(\d+)$/.exec(text.trim());
  if (!m) throw new Error(`--sizes: "${text}" is not ExN (e.g. 10x200)`);
  return { e: Number(m[1]), n: Number(m[2]), label: `${Number(m[1])}x${Number(m[2])}` };
};

function timeWorks(): boolean {
  if (!existsSync("/usr/bin/time")) return false;
  const probe = spawnSync("/usr/bin/time", ["-v", NODE, "-e", "0"], { encoding: "utf8" });
  return probe.status === 0 && /Maximum resident set size/.test(probe.stderr);
}

function parseOptions(argv: readonly string[]): Options {
  const value = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const sizes = (value("--sizes") ?? "1x50,10x200,20x500").split(",").map(parseSize);
  sizes.sort((a, b) => a.e * a.n - b.e * b.n);
  const targetText = value("--target");
  const targetLabel = targetText ? parseSize(targetText).label : sizes.some((s) => s.label === "10x200") ? "10x200" : sizes[Math.floor(sizes.length / 2)].label;
  const target = sizes.find((s) => s.label === targetLabel);
  if (!target) throw new Error(`--target ${targetLabel} is not one of --sizes`);
  const rssOption = value("--rss");
  if (rssOption && rssOption !== "time" && rssOption !== "wrapper") throw new Error("--rss must be time or wrapper");
  const haveTime = timeWorks();
  if (rssOption === "time" && !haveTime) throw new Error("--rss time: /usr/bin/time -v is not available (apt-get install time)");
  return {
    sizes,
    target,
    runs: Number(value("--runs") ?? 3),
    budgetS: Number(value("--budget") ?? 560),
    addons: !argv.includes("--no-addons"),
    whatIf: !argv.includes("--no-what-if"),
    bareHcl: argv.includes("--bare-hcl"),
    rss: (rssOption as "time" | "wrapper" | undefined) ?? (haveTime ? "time" : "wrapper"),
    write: !argv.includes("--no-write"),
    keep: argv.includes("--keep"),
  };
}

// ------------------------------------------------------------------------------------------ measuring

type VariantId = "ours-json" | "ours-hcl" | "bare-json" | "bare-hcl" | "ours-js" | "bare-js" | "ours-js-nostack" | "bare-js-nostack";

const VARIANTS: Readonly<Record<VariantId, string>> = {
  "ours-json": "irsa synth",
  "ours-hcl": "irsa synth --hcl",
  "bare-json": "bare cdktf",
  "bare-hcl": "bare cdktf, cdktf HCL writer",
  "ours-js": "what-if A: irsa synth, precompiled JS",
  "bare-js": "what-if A: bare cdktf, precompiled JS",
  "ours-js-nostack": "what-if B: irsa synth, A + no token stack traces",
  "bare-js-nostack": "what-if B: bare cdktf, A + no token stack traces",
};

interface Run {
  readonly wallS: number;
  readonly rssMb?: number;
  readonly ok: boolean;
  readonly error?: string;
}

interface Measured {
  readonly size: Size;
  readonly variant: VariantId;
  readonly runs: Run[];
  skipped?: string;
}

interface SizeFiles {
  readonly size: Size;
  readonly fleet: Fleet;
  readonly configFile: string;
  readonly fleetFile: string;
  readonly serviceAccounts: number;
}

function commandFor(variant: VariantId, files: SizeFiles, out: string, bareAddons: boolean, dist: () => string, mode: "compiled" | "ts-node"): string[] {
  const ours = ["synth", "--config", files.configFile, "--out", out];
  const bare = ["--fleet", files.fleetFile, "--out", out, ...(bareAddons ? ["--addons", "--policies", REFERENCE_POLICIES] : [])];
  switch (variant) {
    case "ours-json":
      return [join(ROOT, "bin", "irsa.js"), ...ours];
    case "ours-hcl":
      return [join(ROOT, "bin", "irsa.js"), ...ours, "--hcl"];
    case "bare-json":
      return [mode === "compiled" ? join(dist(), "bench", "bare.js") : join(ROOT, "bench", "bare.js"), ...bare];
    case "bare-hcl":
      return [mode === "compiled" ? join(dist(), "bench", "bare.js") : join(ROOT, "bench", "bare.js"), ...bare, "--hcl"];
    case "ours-js":
      return [join(dist(), "bin", "irsa.js"), ...ours];
    case "bare-js":
      return [join(dist(), "bench", "bare.js"), ...bare];
    case "ours-js-nostack":
      return [join(ROOT, "bench", "nostack.js"), join(dist(), "bin", "irsa.js"), ...ours];
    case "bare-js-nostack":
      return [join(ROOT, "bench", "nostack.js"), join(dist(), "bench", "bare.js"), ...bare];
  }
}

/** Runs `node SCRIPT ARGS` as a child: wall time from here, peak RSS from /usr/bin/time -v or bench/measure.js. */
function measureOnce(script: readonly string[], rss: Options["rss"], scratch: string): Run {
  const stats = join(scratch, `stats-${process.hrtime.bigint()}.txt`);
  const [file, args] =
    rss === "time" ? ["/usr/bin/time", ["-v", "-o", stats, NODE, ...script]] : [NODE, [join(ROOT, "bench", "measure.js"), stats, ...script]];
  const started = process.hrtime.bigint();
  const child = spawnSync(file, args, { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "ignore", "pipe"], maxBuffer: 64 * 1024 * 1024 });
  const wallS = Number(process.hrtime.bigint() - started) / 1e9;
  let rssKb: number | undefined;
  if (existsSync(stats)) {
    const text = readFileSync(stats, "utf8");
    rssKb = rss === "time" ? Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(text)?.[1]) : (JSON.parse(text) as { maxRssKb: number }).maxRssKb;
    rmSync(stats, { force: true });
  }
  const ok = child.status === 0;
  const lines = child.stderr.split("\n").filter((l) => /\S/.test(l) && !/^\s*(Command (being timed|exited)|at )/.test(l));
  const error = ok ? undefined : (lines.find((l) => /(error|Error|irsa:|heap)/.test(l)) ?? lines[0] ?? `exit ${child.status}`).trim().slice(0, 200);
  return { wallS, rssMb: rssKb !== undefined && Number.isFinite(rssKb) ? rssKb / 1024 : undefined, ok, error };
}

// ---------------------------------------------------------------------------------------------- stats

const sorted = (xs: readonly number[]) => [...xs].sort((a, b) => a - b);
const median = (xs: readonly number[]) => {
  const s = sorted(xs);
  if (!s.length) return NaN;
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const okRuns = (m: Measured | undefined) => (m ? m.runs.filter((r) => r.ok) : []);
const wallMedian = (m: Measured | undefined) => median(okRuns(m).map((r) => r.wallS));
const rssMax = (m: Measured | undefined) => Math.max(...okRuns(m).map((r) => r.rssMb ?? NaN));

/** Least squares t = a + b x, with R². */
function linearFit(points: readonly (readonly [number, number])[]) {
  const n = points.length;
  const mx = points.reduce((s, [x]) => s + x, 0) / n;
  const my = points.reduce((s, [, y]) => s + y, 0) / n;
  const sxx = points.reduce((s, [x]) => s + (x - mx) ** 2, 0);
  const sxy = points.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0);
  const b = sxy / sxx;
  const a = my - b * mx;
  const ssTot = points.reduce((s, [, y]) => s + (y - my) ** 2, 0);
  const ssRes = points.reduce((s, [x, y]) => s + (y - a - b * x) ** 2, 0);
  return { a, b, r2: ssTot === 0 ? 1 : 1 - ssRes / ssTot };
}

const fmt = (x: number, digits = 2) => (Number.isFinite(x) ? x.toFixed(digits) : "–");

// ------------------------------------------------------------------------------------------ the bench

interface Bench {
  readonly options: Options;
  readonly scratch: string;
  readonly files: Map<string, SizeFiles>;
  readonly measured: Map<string, Measured>;
  readonly counts: Map<string, StackCounts[]>;
  readonly bareCounts: Map<string, StackCounts[]>;
  readonly notes: string[];
  readonly started: number;
  readonly loadAtStart: readonly number[];
  /** How bin/irsa.js runs the CLI (and so how bare cdktf is run), decided once at the start. */
  readonly mode: "compiled" | "ts-node";
  /** Whether the generated fleets carry the addons block (turned off when irsa synth refuses it). */
  addons: boolean;
  bareAddons: boolean;
  addonRoles?: number;
}

const key = (size: Size, variant: VariantId) => `${size.label}/${variant}`;
const elapsedS = (bench: Bench) => (Date.now() - bench.started) / 1000;

function writeFleet(bench: Bench, size: Size): SizeFiles {
  const fleet = makeFleet(size.e, size.n, bench.addons);
  const configFile = join(bench.scratch, `irsa-${size.label}.yaml`);
  const fleetFile = join(bench.scratch, `fleet-${size.label}.json`);
  // No anchors: lib/config/load.ts caps alias expansions (maxAliasCount; it was 100 before 57a1663).
  writeFileSync(configFile, `# generated by bench/run.ts\n${stringify(fleetConfig(fleet), { aliasDuplicateObjects: false })}`);
  writeFileSync(fleetFile, JSON.stringify(fleet));
  const files = { size, fleet, configFile, fleetFile, serviceAccounts: size.e * size.n };
  bench.files.set(size.label, files);
  return files;
}

/** Predicted wall time of one more run, from what was measured so far (0 = no idea: run it). */
function estimate(bench: Bench, size: Size, variant: VariantId): number {
  const same = wallMedian(bench.measured.get(key(size, variant)));
  if (Number.isFinite(same)) return same;
  const sas = size.e * size.n;
  const smaller = bench.options.sizes.filter((s) => s.e * s.n < sas).reverse();
  // the same variant at a smaller size of at least 500 service accounts (below that, startup dominates and the
  // per-account cost cannot be told apart), extrapolated per service account above the startup cost
  // (startup = this variant at the smallest size)
  const first = wallMedian(bench.measured.get(key(bench.options.sizes[0], variant)));
  for (const s of smaller) {
    const t = wallMedian(bench.measured.get(key(s, variant)));
    if (!Number.isFinite(t) || s.e * s.n < 500) continue;
    const startup = Number.isFinite(first) ? Math.min(first, t) : 0;
    return startup + ((t - startup) * sas) / (s.e * s.n);
  }
  // another variant at this size, scaled by the two variants' ratio at a smaller size
  const base = wallMedian(bench.measured.get(key(size, "ours-json")));
  for (const s of smaller) {
    const ratio = wallMedian(bench.measured.get(key(s, variant))) / wallMedian(bench.measured.get(key(s, "ours-json")));
    if (Number.isFinite(ratio) && Number.isFinite(base) && s.e * s.n >= 500) return base * ratio;
  }
  return Number.isFinite(base) ? base : 0;
}

/** One more run of a variant at a size, unless it is predicted not to fit in the budget (`force`: run anyway). */
function runJob(bench: Bench, size: Size, variant: VariantId, force = false): void {
  const k = key(size, variant);
  const measured = bench.measured.get(k) ?? { size, variant, runs: [] };
  bench.measured.set(k, measured);
  const predicted = estimate(bench, size, variant);
  if (!force && elapsedS(bench) + predicted * 1.1 > bench.options.budgetS) {
    if (!measured.runs.length) measured.skipped = `budget: ~${Math.round(predicted)} s predicted, ${Math.round(bench.options.budgetS - elapsedS(bench))} s left`;
    console.log(`  skip ${size.label.padEnd(7)} ${VARIANTS[variant]} (run ${measured.runs.length + 1}): ~${Math.round(predicted)} s would exceed the budget`);
    return;
  }
  const files = bench.files.get(size.label) ?? writeFleet(bench, size);
  const out = join(bench.scratch, `out-${size.label}-${variant}-${measured.runs.length}`);
  const run = measureOnce(commandFor(variant, files, out, bench.bareAddons, () => distDir(bench), bench.mode), bench.options.rss, bench.scratch);
  measured.runs.push(run);
  console.log(
    `  ${size.label.padEnd(7)} ${VARIANTS[variant].padEnd(50)} ${fmt(run.wallS).padStart(7)} s  ${fmt(run.rssMb ?? NaN, 0).padStart(5)} MB${run.ok ? "" : `  FAILED: ${run.error}`}`,
  );
  if (run.ok && measured.runs.length === 1 && (variant === "ours-json" || variant === "bare-json")) {
    const counts = countSynthOutput(out);
    (variant === "ours-json" ? bench.counts : bench.bareCounts).set(size.label, counts);
    if (variant === "ours-json" && bench.addonRoles === undefined) {
      const roles = counts.reduce((s, c) => s + (c.resources.aws_iam_role ?? 0), 0);
      bench.addonRoles = roles - files.serviceAccounts;
      bench.bareAddons = bench.addons && bench.addonRoles > 0;
    }
  }
  rmSync(out, { recursive: true, force: true });
}

/** The what-if "precompiled JS" tree, transpiled on first use. */
function distDir(bench: Bench): string {
  const dir = join(bench.scratch, "dist");
  if (!existsSync(dir)) {
    const files = precompile(ROOT, dir);
    console.log(`  (precompiled ${files} TypeScript files into ${dir})`);
  }
  return dir;
}

/** When the addons block is refused by the config schema, regenerate every fleet without it. */
function checkAddonsAccepted(bench: Bench): void {
  const first = bench.measured.get(key(bench.options.sizes[0], "ours-json"));
  const failure = first?.runs[0];
  if (!bench.addons || !failure || failure.ok || !/addons/.test(failure.error ?? "")) return;
  bench.notes.push(`The addons block was refused by irsa synth (${failure.error}); every fleet was regenerated without addons.`);
  bench.addons = false;
  bench.measured.clear();
  bench.files.clear();
  bench.counts.clear();
  bench.addonRoles = undefined;
  runJob(bench, bench.options.sizes[0], "ours-json", true);
}

/**
 * Priority order, each run only when it fits in what is left of the budget: what the targets need first
 * (every size once, bare and --hcl at the target size, repeats at the target size), then the largest size's
 * --hcl and bare runs, then everything else.
 */
function schedule(bench: Bench): void {
  const { sizes, target, runs, whatIf, bareHcl } = bench.options;
  const runsAt = (s: Size) => (s.e * s.n <= 2000 ? runs : 1);
  const largest = sizes[sizes.length - 1];
  const below = sizes.filter((s) => s !== largest || s === target);
  // What-if A (precompiled JS) is what ships once bin/irsa.js finds a fresh dist/: then only B is a what-if.
  const whatIfs: VariantId[] = bench.mode === "compiled" ? ["ours-js-nostack", "bare-js-nostack"] : ["ours-js", "bare-js", "ours-js-nostack", "bare-js-nostack"];
  console.log("pass 1: irsa synth, every size (always run)");
  runJob(bench, sizes[0], "ours-json", true);
  checkAddonsAccepted(bench);
  for (const s of sizes.slice(1)) runJob(bench, s, "ours-json", true);
  console.log("pass 2: bare cdktf and irsa synth --hcl up to the target size");
  for (const s of below) for (const v of ["bare-json", "ours-hcl"] as const) runJob(bench, s, v);
  if (whatIf) {
    console.log(`pass 3: what-ifs at the target size: ${whatIfs.join(", ")}`);
    for (const v of whatIfs) runJob(bench, target, v);
  }
  console.log(`pass 4: repeats at the target size ${target.label} (irsa synth and bare cdktf, interleaved)`);
  for (let i = 1; i < runsAt(target); i++) for (const v of ["ours-json", "bare-json"] as const) runJob(bench, target, v);
  if (largest !== target) {
    console.log(`pass 5: irsa synth --hcl and bare cdktf at the largest size ${largest.label}`);
    runJob(bench, largest, "ours-hcl");
    runJob(bench, largest, "bare-json");
  }
  console.log("pass 6: remaining repeats");
  for (const s of sizes) {
    for (let i = 1; i < runsAt(s); i++) {
      for (const v of ["ours-json", "bare-json", "ours-hcl"] as const) if (s !== target || v === "ours-hcl") runJob(bench, s, v);
    }
  }
  if (whatIf && largest !== target) {
    console.log(`pass 7: what-ifs at the largest size ${largest.label}`);
    for (const v of whatIfs) if (v.startsWith("ours")) runJob(bench, largest, v);
  }
  if (whatIf) {
    console.log("pass 8: what-if repeats at the target size");
    for (let i = 1; i < runsAt(target); i++) for (const v of whatIfs) runJob(bench, target, v);
  }
  if (bareHcl) {
    console.log("pass 9: bare cdktf with cdktf's HCL writer");
    for (const s of sizes) runJob(bench, s, "bare-hcl");
  }
}

// ---------------------------------------------------------------------------------------------- report

function machine(loadAtStart: readonly number[]): string[] {
  const git = spawnSync("git", ["rev-parse", "--short", "HEAD"], { cwd: ROOT, encoding: "utf8" });
  const dirty = spawnSync("git", ["status", "--porcelain", "--", "lib", "stacks", "bin"], { cwd: ROOT, encoding: "utf8" });
  return [
    `date: ${new Date().toISOString()}`,
    `machine: ${availableParallelism()} cores (nproc), ${cpus()[0]?.model ?? "unknown CPU"}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB memory (${(freemem() / 2 ** 30).toFixed(1)} GiB free at the end)`,
    `node ${process.version}, ${process.platform}/${process.arch}`,
    `load average (1 min) at start ${fmt(loadAtStart[0])}, at end ${fmt(loadavg()[0])}${Math.max(loadAtStart[0], loadavg()[0]) > availableParallelism() / 2 ? " — other work was running: timings are noisy" : ""}`,
    `code: ${git.stdout.trim() || "unknown commit"}${dirty.stdout.trim() ? " + uncommitted changes in lib/, stacks/ or bin/" : ""}`,
  ];
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  return [`| ${header.join(" | ")} |`, `|${header.map(() => "---").join("|")}|`, ...rows.map((r) => `| ${r.join(" | ")} |`)];
}

function report(bench: Bench): { lines: string[]; failures: number } {
  const { options, measured } = bench;
  const lines: string[] = [];
  const m = (size: Size, v: VariantId) => measured.get(key(size, v));
  let failures = 0;

  lines.push("### Machine", "", ...machine(bench.loadAtStart).map((l) => `- ${l}`));
  lines.push(
    `- how the programs ran: ${
      bench.mode === "compiled"
        ? "bin/irsa.js ran the compiled dist/ (fresh `npm run build`); bare cdktf ran precompiled the same way (bench/precompile.ts)"
        : "bin/irsa.js ran the TypeScript through ts-node (no fresh dist/); bare cdktf ran the same way (bench/bare.js)"
    }${shippedMode() !== bench.mode ? " — sources changed during the run: bin/irsa.js would now run the other way" : ""}`,
    `- peak RSS: ${options.rss === "time" ? "`/usr/bin/time -v` (Maximum resident set size)" : "`process.resourceUsage().maxRSS` inside bench/measure.js"}; wall time: spawn to exit, from the parent`,
    `- fleets: E environments x N service accounts; even environments 1 cluster, odd ones blue/green (2 clusters)` +
      (bench.addons ? `; addons awsLoadBalancerController, externalDns, certManager, clusterAutoscaler in every environment (${bench.addonRoles ?? "?"} addon roles at ${options.sizes[0].label})` : "; addons off"),
    `- bare cdktf mirrors addons: ${bench.bareAddons ? `yes (upstream policies from test/fixtures/reference-policies${existsSync(REFERENCE_POLICIES) ? "" : " — missing here: a one-statement placeholder instead"})` : "no"}`,
    `- measuring took ${Math.round(elapsedS(bench))} s of a ${options.budgetS} s budget`,
    "",
  );

  // timings
  lines.push("### Synth time and peak memory", "");
  const rows: string[][] = [];
  for (const size of options.sizes) {
    for (const v of Object.keys(VARIANTS) as VariantId[]) {
      const x = m(size, v);
      if (!x) continue;
      const ok = okRuns(x);
      const failed = x.runs.filter((r) => !r.ok);
      failures += failed.length;
      const walls = ok.map((r) => r.wallS);
      rows.push([
        size.label,
        String(size.e * size.n),
        VARIANTS[v],
        x.skipped ? `skipped (${x.skipped})` : `${ok.length}${failed.length ? ` (+${failed.length} failed: ${failed[0].error})` : ""}`,
        fmt(median(walls)),
        walls.length ? fmt(Math.min(...walls)) : "–",
        walls.length ? fmt(Math.max(...walls)) : "–",
        fmt(rssMax(x), 0),
      ]);
    }
  }
  lines.push(...table(["size", "service accounts", "program", "runs", "median s", "min s", "max s", "peak RSS MB (max)"], rows), "");

  // ratios
  lines.push("### Ratios", "");
  const ratioRows = options.sizes.map((size) => {
    const ours = wallMedian(m(size, "ours-json"));
    return [
      size.label,
      fmt(ours / wallMedian(m(size, "bare-json"))),
      fmt(wallMedian(m(size, "ours-hcl")) / ours),
      fmt(rssMax(m(size, "ours-json")) / rssMax(m(size, "bare-json"))),
      fmt(wallMedian(m(size, "ours-js")) / wallMedian(m(size, "bare-js"))),
      fmt(wallMedian(m(size, "ours-js-nostack")) / wallMedian(m(size, "bare-js-nostack"))),
      fmt(wallMedian(m(size, "ours-js")) / ours),
      fmt(wallMedian(m(size, "ours-js-nostack")) / ours),
    ];
  });
  lines.push(
    ...table(
      ["size", "irsa / bare (time)", "--hcl / JSON (time)", "irsa / bare (peak RSS)", "A: irsa / bare", "B: irsa / bare", "A: irsa / shipped irsa", "B: irsa / shipped irsa"],
      ratioRows,
    ),
    "",
    "What-ifs are not what ships: A runs both programs from JavaScript transpiled once (bench/precompile.ts) instead of through ts-node; B also makes cdktf's per-token stack traces free (bench/nostack.js). See Findings below.",
    "",
  );

  // growth
  lines.push("### Growth with the number of service accounts", "");
  const growthRows: string[][] = [];
  for (const v of ["ours-json", "bare-json", "ours-hcl"] as VariantId[]) {
    const points = options.sizes.map((s) => [s.e * s.n, wallMedian(m(s, v))] as const).filter(([, t]) => Number.isFinite(t));
    if (points.length < 2) {
      growthRows.push([VARIANTS[v], "–", "–", "–", "–", "not enough sizes measured"]);
      continue;
    }
    const fit = linearFit(points);
    const slopes = points.slice(1).map(([x, t], i) => ((t - points[i][1]) / (x - points[i][0])) * 1000);
    const slopeRatio = slopes.length > 1 ? slopes[slopes.length - 1] / slopes[0] : NaN;
    const verdict = slopes.length > 1 ? (slopeRatio <= 1.3 ? "linear" : "superlinear") : "linear by 2 points (needs a 3rd size)";
    growthRows.push([
      VARIANTS[v],
      fmt(fit.a),
      fmt(fit.b * 1000),
      fmt(fit.r2, 4),
      slopes.map((s) => fmt(s)).join(" → "),
      `${verdict}${Number.isFinite(slopeRatio) ? ` (last/first marginal = ${fmt(slopeRatio)})` : ""}`,
    ]);
  }
  lines.push(
    ...table(["program", "fit: startup s", "fit: ms per service account", "R²", "marginal ms per service account, size to size", "verdict"], growthRows),
    "",
    "Fit over the sizes' medians, x = E·N. A marginal cost that stays flat from size to size is linear growth; one that rises is not.",
    "",
  );

  // plan cost
  lines.push("### Plan-time cost per stack", "");
  const planRows: string[][] = [];
  const remoteByKind = new Map<string, Set<number>>();
  for (const size of options.sizes) {
    const counts = bench.counts.get(size.label);
    const files = bench.files.get(size.label);
    if (!counts || !files) continue;
    const seen = new Set<string>();
    for (const c of counts) {
      const env = files.fleet.environments.find((e) => e.name === c.stack);
      const kind = `${env?.clusters.length ?? "?"} cluster${env?.clusters.length === 1 ? "" : "s"}`;
      remoteByKind.set(kind, (remoteByKind.get(kind) ?? new Set()).add(c.totalRemote));
      if (seen.has(kind)) continue;
      seen.add(kind);
      const module = moduleEquivalent(c);
      planRows.push([
        size.label,
        `${c.stack} (${kind})`,
        String(c.totalResources),
        formatCounts(c.resources),
        `${c.totalRemote}: ${formatCounts(c.remoteData)}`,
        String(c.totalLocal),
        String(module.totalResources),
        `${module.totalRemote} (${module.instances} x aws_caller_identity + ${c.totalRemote})`,
        String(module.totalLocal),
      ]);
    }
  }
  lines.push(
    ...table(
      ["size", "stack", "resources", "by type", "remote reads", "local data", "module-based: resources", "module-based: remote reads", "module-based: local data"],
      planRows,
    ),
    "",
    "Remote reads are data sources that call an AWS API when Terraform refreshes them (local ones: aws_iam_policy_document, aws_partition, aws_region, aws_eks_cluster_auth, aws_default_tags).",
    '"Module-based" is the same stack with one terraform-aws-modules `iam-role-for-service-accounts-eks` (v5) instance per role, see bench/analyze.ts.',
    "",
  );

  // equivalence of bare and ours
  const diffs: string[] = [];
  for (const size of options.sizes) {
    const ours = bench.counts.get(size.label);
    const bare = bench.bareCounts.get(size.label);
    if (!ours || !bare) continue;
    for (const o of ours) {
      const b = bare.find((x) => x.stack === o.stack);
      const diff = b ? resourceDiff(o, b) : "missing in bare";
      if (diff) diffs.push(`${size.label} ${o.stack}: ${diff}`);
    }
  }
  lines.push(
    "### Same Terraform?",
    "",
    diffs.length ? `Resource counts differ between irsa and bare (irsa vs bare):\n\n${diffs.slice(0, 10).map((d) => `- ${d}`).join("\n")}` : "irsa and bare produce the same number of resources of every type in every stack measured.",
    "",
  );

  // targets
  const t = options.target;
  const ratio = wallMedian(m(t, "ours-json")) / wallMedian(m(t, "bare-json"));
  const hcl = wallMedian(m(t, "ours-hcl")) / wallMedian(m(t, "ours-json"));
  const largest = options.sizes[options.sizes.length - 1];
  const rssLargest = Math.max(rssMax(m(largest, "ours-json")), rssMax(m(largest, "ours-hcl")));
  const rssLargestText = [m(largest, "ours-json"), m(largest, "ours-hcl")]
    .filter((x): x is Measured => !!x && okRuns(x).length > 0)
    .map((x) => `${VARIANTS[x.variant]} ${fmt(rssMax(x), 0)} MB`)
    .join(", ");
  const constant = [...remoteByKind.entries()];
  const verdict = (value: number, ok: boolean) => (Number.isFinite(value) ? (ok ? "**holds**" : "**fails**") : "not measured");
  const kinds = constant.map(([kind, set]) => `${kind}: ${[...set].join(", ")}`).join("; ");
  lines.push("### Targets", "");
  lines.push(
    ...table(
      ["target", "measured", "verdict"],
      [
        [`synth time at ${t.label} within 1.25x bare cdktf`, `${fmt(ratio)}x`, verdict(ratio, ratio <= 1.25)],
        [`--hcl at ${t.label} within 2x JSON`, `${fmt(hcl)}x`, verdict(hcl, hcl <= 2)],
        [`peak RSS at ${largest.label} under 1 GB (1024 MB), no out-of-memory`, rssLargestText || "–", verdict(rssLargest, rssLargest < 1024)],
        [
          "remote reads per stack constant in N",
          kinds || "–",
          constant.length && options.sizes.length > 1 ? (constant.every(([, set]) => set.size === 1) ? "**holds**" : "**fails**") : "not measured",
        ],
      ],
    ),
    "",
  );
  if (bench.notes.length) lines.push("### Notes", "", ...bench.notes.map((n) => `- ${n}`), "");
  return { lines, failures };
}

const BEGIN = "<!-- bench:begin (written by npm run bench; edit outside these markers) -->";
const END = "<!-- bench:end -->";

function writeBenchmarks(lines: readonly string[]): string {
  const file = join(ROOT, "BENCHMARKS.md");
  const generated = `${BEGIN}\n## Latest run\n\n${lines.join("\n")}\n${END}`;
  const existing = existsSync(file) ? readFileSync(file, "utf8") : "";
  const i = existing.indexOf(BEGIN);
  const j = existing.indexOf(END);
  const text =
    i >= 0 && j > i
      ? `${existing.slice(0, i)}${generated}${existing.slice(j + END.length)}`
      : `${existing || "# Benchmarks\n\nRun `npm run bench` (see bench/run.ts for options).\n\n"}${generated}\n`;
  writeFileSync(file, text);
  return file;
}

function main(): number {
  const options = parseOptions(process.argv.slice(2));
  mkdirSync(tmpdir(), { recursive: true });
  const scratch = mkdtempSync(join(tmpdir(), "cdktf-irsa-bench-"));
  const bench: Bench = {
    options,
    scratch,
    files: new Map(),
    measured: new Map(),
    counts: new Map(),
    bareCounts: new Map(),
    notes: [],
    started: Date.now(),
    loadAtStart: loadavg(),
    mode: shippedMode(),
    addons: options.addons,
    bareAddons: false,
  };
  console.log(`irsa synth runs ${bench.mode === "compiled" ? "the compiled dist/ (fresh build found)" : "through ts-node (no fresh dist/; npm run build)"}; bare cdktf runs the same way`);
  console.log(`cdktf-irsa bench: sizes ${options.sizes.map((s) => s.label).join(", ")}; target ${options.target.label}; budget ${options.budgetS} s; peak RSS via ${options.rss === "time" ? "/usr/bin/time -v" : "bench/measure.js"}; scratch ${scratch}`);
  try {
    schedule(bench);
    const { lines, failures } = report(bench);
    console.log(`\n${lines.join("\n")}`);
    if (options.write) console.log(`\nwrote ${writeBenchmarks(lines)}`);
    return failures ? 1 : 0;
  } finally {
    if (!options.keep) rmSync(scratch, { recursive: true, force: true });
  }
}

process.exitCode = main();
