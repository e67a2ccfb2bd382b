// Running one program as the bench measures it: wall time from spawn to exit, CPU time and the peak memory of
// the whole process tree (a program that forks its work out would otherwise look as small as its parent).
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";

export interface Run {
  readonly wallS: number;
  /** user + system CPU seconds of the program and every child it waited for (/usr/bin/time), when known */
  readonly cpuS?: number;
  /** peak resident memory in MB: the larger of the biggest single process (/usr/bin/time) and the sampled sum over the process tree */
  readonly rssMb?: number;
  readonly ok: boolean;
  readonly error?: string;
}

const PAGE_BYTES = 4096;
const BASH = "/bin/bash";
const SAMPLE_MS = 100;

/** /usr/bin/time -f works here (GNU time): CPU and peak RSS of the child. */
export function gnuTimeWorks(): boolean {
  if (!existsSync("/usr/bin/time")) return false;
  const probe = spawnSync("/usr/bin/time", ["-f", "%M", process.execPath, "-e", "0"], { encoding: "utf8" });
  return probe.status === 0 && /^\d+\s*$/m.test(probe.stderr);
}

/** Parent pid of every process, from /proc (Linux); empty elsewhere. */
function parents(): Map<number, number[]> {
  const children = new Map<number, number[]>();
  let entries: string[];
  try {
    entries = readdirSync("/proc").filter((e) => /^\d+$/.test(e));
  } catch {
    return children;
  }
  for (const entry of entries) {
    try {
      // the command name (field 2) is in parentheses and may hold spaces: the parent pid follows the last ')'
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // the process ended between the listing and the read
    }
  }
  return children;
}

const rssBytes = (pid: number): number => {
  try {
    return Number(readFileSync(`/proc/${pid}/statm`, "utf8").split(" ")[1]) * PAGE_BYTES;
  } catch {
    return 0;
  }
};

/** Resident memory of a process and all its descendants, in bytes (0 where /proc is missing). */
function treeRss(root: number, skipRoot: boolean): number {
  const children = parents();
  let total = 0;
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop() as number;
    if (pid !== root || !skipRoot) total += rssBytes(pid);
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}

export interface RunOptions {
  readonly cwd: string;
  /** measure CPU and single-process peak RSS through /usr/bin/time -f */
  readonly gnuTime: boolean;
  /** pin the program to these CPUs (taskset -c), e.g. "0" */
  readonly cpus?: string;
  /** where /usr/bin/time writes its figures */
  readonly scratch: string;
}

/** Runs `node ...args` and measures it. */
export function measure(args: readonly string[], options: RunOptions): Promise<Run> {
  const stats = join(options.scratch, `time-${process.hrtime.bigint()}.txt`);
  const command = [...(options.cpus ? ["taskset", "-c", options.cpus] : []), process.execPath, ...args];
  const [file, ...rest] = options.gnuTime ? ["/usr/bin/time", "-f", "%U %S %M", "-o", stats, ...command] : command;
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    const child = spawn(file, rest, { cwd: options.cwd, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      if (stderr.length < 1 << 20) stderr += chunk;
    });
    let peakTree = 0;
    const sampler = setInterval(() => {
      if (child.pid) peakTree = Math.max(peakTree, treeRss(child.pid, options.gnuTime));
    }, SAMPLE_MS);
    child.on("close", (code, signal) => {
      clearInterval(sampler);
      const wallS = Number(process.hrtime.bigint() - started) / 1e9;
      let cpuS: number | undefined;
      let processPeakKb = 0;
      if (existsSync(stats)) {
        // GNU time writes "Command exited with non-zero status N" before the figures when the program fails
        const figures = readFileSync(stats, "utf8").trim().split("\n").pop()?.split(" ").map(Number) ?? [];
        if (figures.length === 3 && figures.every(Number.isFinite)) {
          cpuS = figures[0] + figures[1];
          processPeakKb = figures[2];
        }
        rmSync(stats, { force: true });
      }
      const peak = Math.max(processPeakKb * 1024, peakTree);
      const ok = code === 0;
      const lines = stderr.split("\n").filter((l) => /\S/.test(l) && !/^\s*at /.test(l));
      const error = ok ? undefined : (lines.find((l) => /(error|Error|irsa:|heap)/.test(l)) ?? lines[0] ?? `exit ${code ?? signal}`).trim().slice(0, 200);
      resolve({ wallS, cpuS, rssMb: peak > 0 ? peak / 2 ** 20 : undefined, ok, error });
    });
  });
}

/**
 * Wall and CPU seconds of `node ...args`, read by bash's \`time\` around the program alone (fork to exit,
 * millisecond resolution, bash's own start-up outside it): start-up times are tens of milliseconds, too short
 * for /usr/bin/time's centiseconds. Without bash, spawned directly and timed from here (no CPU).
 */
export function timeOnce(args: readonly string[], cwd: string): { wallS: number; cpuS?: number; ok: boolean } {
  if (existsSync(BASH)) {
    const child = spawnSync(BASH, ["-c", 'TIMEFORMAT="%3R %3U %3S"; time "$@" >/dev/null 2>&1', "timed", process.execPath, ...args], { cwd, encoding: "utf8" });
    const [wall, user, system] = child.stderr.trim().split("\n").pop()?.split(" ").map(Number) ?? [];
    if ([wall, user, system].every(Number.isFinite)) return { wallS: wall, cpuS: user + system, ok: child.status === 0 };
  }
  const started = process.hrtime.bigint();
  const child = spawnSync(process.execPath, args, { cwd, stdio: "ignore" });
  return { wallS: Number(process.hrtime.bigint() - started) / 1e9, ok: child.status === 0 };
}
