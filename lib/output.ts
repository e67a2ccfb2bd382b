// Writing a synthesized app to --out: into a temporary folder beside it, swapped in only when
// everything succeeded, so a failed run leaves the previous output byte-for-byte untouched.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { synthesizeApp } from "./app";
import { renderHcl } from "./hcl/render";
import type { EnvironmentPlan } from "./model/types";
import { UsageError } from "./config/load";

export interface SynthOptions {
  readonly hcl: boolean;
}

export interface SynthResult {
  readonly outDir: string;
  readonly stackFiles: readonly string[];
}

export function synthesizeTo(outDir: string, environments: readonly EnvironmentPlan[], options: SynthOptions): SynthResult {
  const target = resolve(outDir);
  refuseForeignFolder(target);
  mkdirSync(dirname(target), { recursive: true });
  const staging = mkdtempSync(join(dirname(target), `.${basename(target)}.irsa-tmp-`));
  try {
    synthesizeApp(environments, staging);
    const stackFiles = options.hcl ? convertToHcl(staging) : listStackFiles(staging);
    swapIn(staging, target);
    return { outDir: target, stackFiles: stackFiles.map((f) => join(target, f)) };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/** Rewrites every stack of a synthesized folder as cdk.tf (our renderer) and drops cdk.tf.json. */
export function convertToHcl(folder: string): string[] {
  const manifestPath = join(folder, "manifest.json");
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as { stacks: Record<string, { synthesizedStackPath: string }> };
  const files: string[] = [];
  for (const stack of Object.values(manifest.stacks)) {
    const jsonPath = join(folder, stack.synthesizedStackPath);
    const hclPath = stack.synthesizedStackPath.replace(/cdk\.tf\.json$/, "cdk.tf");
    writeFileSync(join(folder, hclPath), renderHcl(JSON.parse(readFileSync(jsonPath, "utf8"))));
    rmSync(jsonPath);
    stack.synthesizedStackPath = hclPath;
    files.push(hclPath);
  }
  writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  return files;
}

function listStackFiles(folder: string): string[] {
  const manifest = JSON.parse(readFileSync(join(folder, "manifest.json"), "utf8")) as { stacks: Record<string, { synthesizedStackPath: string }> };
  return Object.values(manifest.stacks).map((s) => s.synthesizedStackPath);
}

/** --out names a folder we replace whole: never one that is not a previous synth output. */
function refuseForeignFolder(target: string): void {
  if (!existsSync(target)) return;
  const entries = readdirSync(target);
  if (entries.length > 0 && !entries.includes("manifest.json")) {
    throw new UsageError(`${target}: refusing to replace a folder that is not a synth output (no manifest.json); choose another --out`);
  }
}

function swapIn(staging: string, target: string): void {
  const previous = `${staging}.previous`;
  const hadPrevious = existsSync(target);
  if (hadPrevious) renameSync(target, previous);
  try {
    renameSync(staging, target);
  } catch (error) {
    if (hadPrevious) renameSync(previous, target);
    throw error;
  }
  rmSync(previous, { recursive: true, force: true });
}
