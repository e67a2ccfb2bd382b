// Writing a synthesized app to --out. irsa synth owns only the files it wrote, listed in an ownership record
// (OWNERSHIP_RECORD) beside manifest.json: a re-synth rewrites or removes those and nothing else, so Terraform's
// working files (state, .terraform/, the lock file, plans) and any file of the user stay byte for byte.
// The new files are synthesized into a temporary folder inside --out, then moved in one by one; should any
// step fail, every move is undone, so a failed run leaves the previous output as it was and no temporary folder.
import { closeSync, existsSync, lstatSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, readSync, renameSync, rmdirSync, rmSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { dirname, isAbsolute, join, normalize, relative, resolve, sep } from "node:path";
import type { Partition } from "./iam/arn";
import { roleArn } from "./model/names";
import type { RoleIdentity } from "./model/replacement";
import { fileErrorReason } from "./config/file-errors";
import { UsageError } from "./config/read";
import { synthesizeEnvironments, type EnvironmentSource, type SynthesisOptions } from "./synthesize";

/** The list of files irsa synth wrote in an output folder, relative to it. */
export const OWNERSHIP_RECORD = ".irsa-synth.json";
const MANIFEST = "manifest.json";
const STAGING_PREFIX = ".irsa-synth-tmp-";

export interface SynthOptions extends SynthesisOptions {
  /** Environments still configured but not synthesized this time (--env): their stack files stay as they are. */
  readonly keep?: readonly string[];
}

export interface SynthResult {
  readonly outDir: string;
  readonly stackFiles: readonly string[];
  /** What the user should know: stack folders kept because they hold files irsa synth did not write. */
  readonly notes: readonly string[];
}

interface StackManifest {
  readonly synthesizedStackPath: string;
  readonly stackMetadataPath?: string;
}
interface Manifest {
  readonly stacks: Record<string, StackManifest>;
}

/** Environments may come one at a time (lib/model/fleet.ts), as plans or parts of the config: they are synthesized as they come. */
export function synthesizeTo(outDir: string, environments: Iterable<EnvironmentSource>, options: SynthOptions): Promise<SynthResult> {
  const target = resolve(outDir);
  return withUsableErrors(target, async () => {
    const previous = claim(target);
    const created = firstMissing(target);
    mkdirSync(target, { recursive: true });
    const staging = mkdtempSync(join(target, STAGING_PREFIX));
    let committed = false;
    try {
      const stackPaths = await synthesizeEnvironments(environments, staging, options);
      const kept = keepStacks(staging, previous, options.keep ?? []);
      const written = listFiles(staging);
      const owned = [...new Set([...written, ...kept, OWNERSHIP_RECORD])].sort();
      writeFileSync(join(staging, OWNERSHIP_RECORD), recordText(owned));
      const removed = previous.owned.filter((file) => !owned.includes(file));
      commit(target, staging, [...written, OWNERSHIP_RECORD], removed, previous.owned);
      committed = true;
      const stackFiles = stackPaths.map((file) => join(target, file));
      return { outDir: target, stackFiles, notes: pruneFolders(target, removed, owned) };
    } finally {
      rmSync(staging, { recursive: true, force: true });
      if (!committed && created) rmSync(created, { recursive: true, force: true });
    }
  });
}

// --- Which files of --out are ours -------------------------------------------------------------------------

interface Previous {
  /** Files of an earlier synth, relative to --out (posix separators). */
  readonly owned: readonly string[];
  readonly manifest?: Manifest;
}

/**
 * What of --out an earlier synth wrote: the files its ownership record lists, or, for an output written before
 * the record existed, manifest.json and stacks/<name>/{cdk.tf.json,cdk.tf,metadata.json}. A folder holding
 * anything else and no record is not ours: refused.
 */
function claim(target: string): Previous {
  if (!existsSync(target)) return { owned: [] };
  if (!statSync(target).isDirectory()) throw new UsageError(`--out ${target}: not a folder`);
  for (const entry of readdirSync(target)) if (entry.startsWith(STAGING_PREFIX)) rmSync(join(target, entry), { recursive: true, force: true });
  const manifestPath = join(target, MANIFEST);
  const manifest = existsSync(manifestPath) ? tryManifest(manifestPath) : undefined;
  if (existsSync(join(target, OWNERSHIP_RECORD))) return { owned: readRecord(target), manifest };
  const entries = readdirSync(target);
  if (entries.length === 0) return { owned: [] };
  const foreign = (file: string) =>
    new UsageError(`--out ${target}: holds ${file}, which irsa synth did not write; refusing to write there (choose a new or empty folder, or move it)`);
  if (!manifest) throw foreign(entries.includes(MANIFEST) ? MANIFEST : entries.sort()[0]);
  const owned = [MANIFEST];
  for (const entry of entries.sort()) {
    if (entry === MANIFEST || isTerraformWorkingFile(target, entry)) continue;
    if (entry !== "stacks" || !lstatSync(join(target, entry)).isDirectory()) throw foreign(entry);
    for (const stack of readdirSync(join(target, "stacks")).sort()) {
      const folder = join(target, "stacks", stack);
      if (!lstatSync(folder).isDirectory()) throw foreign(`stacks/${stack}`);
      for (const file of readdirSync(folder).sort()) {
        if (LEGACY_STACK_FILES.has(file) && lstatSync(join(folder, file)).isFile()) owned.push(`stacks/${stack}/${file}`);
        else if (!isTerraformWorkingFile(folder, file)) throw foreign(`stacks/${stack}/${file}`);
      }
    }
  }
  return { owned, manifest };
}

const LEGACY_STACK_FILES = new Set(["cdk.tf.json", "cdk.tf", "metadata.json"]);

/**
 * What Terraform leaves in a working folder: .terraform/, the dependency lock file, local state (any
 * *.tfstate, its backups, workspaces in terraform.tfstate.d/, the lock info) and saved plans (recognised by
 * content: a zip archive whose first entry is "tfplan", whatever its name).
 */
export function isTerraformWorkingFile(folder: string, name: string): boolean {
  if ([".terraform", ".terraform.lock.hcl", "terraform.tfstate.d", ".terraform.tfstate.lock.info"].includes(name)) return true;
  if (/\.tfstate(\.\d+)?(\.backup)?$/.test(name)) return true;
  return isPlanFile(join(folder, name));
}

const PLAN_SIGNATURE = Buffer.from("PK\x03\x04");

function isPlanFile(path: string): boolean {
  if (!lstatSync(path).isFile()) return false;
  const head = Buffer.alloc(36);
  const fd = openSync(path, "r");
  try {
    readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  return head.subarray(0, 4).equals(PLAN_SIGNATURE) && head.subarray(30, 36).toString("latin1") === "tfplan";
}

function readRecord(target: string): string[] {
  const path = join(target, OWNERSHIP_RECORD);
  const bad = (why: string) => new UsageError(`${path}: ${why}; it lists the files irsa synth wrote here: restore it, or choose a new --out`);
  let files: unknown;
  try {
    files = (JSON.parse(readFileSync(path, "utf8")) as { files?: unknown }).files;
  } catch {
    throw bad("not valid JSON");
  }
  if (!Array.isArray(files) || !files.every((f): f is string => typeof f === "string")) throw bad("has no list of files");
  for (const file of files) {
    if (file === "" || isAbsolute(file) || normalize(file) !== file.split("/").join(sep) || file.split("/").includes("..")) throw bad(`lists ${JSON.stringify(file)}, not a path inside the folder`);
  }
  return files;
}

function recordText(files: readonly string[]): string {
  const note = "Files written by irsa synth (cdktf-irsa). A re-synth rewrites or removes only these; everything else here is left as it is.";
  return `${JSON.stringify({ "//": note, files }, null, 2)}\n`;
}

function tryManifest(path: string): Manifest | undefined {
  try {
    return readManifest(path);
  } catch {
    return undefined;
  }
}

function readManifest(path: string): Manifest {
  const manifest = JSON.parse(readFileSync(path, "utf8")) as Manifest;
  if (typeof manifest?.stacks !== "object" || manifest.stacks === null) throw new Error(`${path}: not a cdktf manifest`);
  return manifest;
}

/** With --env, the stacks of the other configured environments stay: their manifest entries and files carry over. */
function keepStacks(staging: string, previous: Previous, keep: readonly string[]): string[] {
  const manifestPath = join(staging, MANIFEST);
  const manifest = readManifest(manifestPath);
  const kept: string[] = [];
  for (const name of keep) {
    const stack = previous.manifest?.stacks[name];
    if (!stack || manifest.stacks[name]) continue;
    const files = [stack.synthesizedStackPath, stack.stackMetadataPath].filter((f): f is string => f !== undefined && previous.owned.includes(f));
    if (!files.includes(stack.synthesizedStackPath)) continue;
    manifest.stacks[name] = stack;
    kept.push(...files);
  }
  if (kept.length) writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  return kept;
}

// --- Moving the new files in, all or nothing ---------------------------------------------------------------

function commit(target: string, staging: string, written: readonly string[], removed: readonly string[], owned: readonly string[]): void {
  const backup = join(staging, ".previous");
  const undo: (() => void)[] = [];
  const moveAside = (file: string) => {
    const aside = join(backup, file);
    mkdirSync(dirname(aside), { recursive: true });
    renameSync(join(target, file), aside);
    undo.push(() => renameSync(aside, join(target, file)));
  };
  try {
    for (const file of written) {
      const dest = join(target, file);
      if (existsSync(dest) && file !== OWNERSHIP_RECORD && !owned.includes(file)) {
        throw new UsageError(`--out ${target}: ${file} exists and irsa synth did not write it; refusing to overwrite it (move it, or choose a new --out)`);
      }
      for (const dir of missingFolders(target, dirname(file))) {
        mkdirSync(join(target, dir));
        undo.push(() => rmdirSync(join(target, dir)));
      }
      if (existsSync(dest)) moveAside(file);
      renameSync(join(staging, file), dest);
      undo.push(() => unlinkSync(dest));
    }
    for (const file of removed) if (existsSync(join(target, file))) moveAside(file);
  } catch (error) {
    for (const step of undo.reverse()) {
      try {
        step();
      } catch {
        // keep undoing the rest: every step restores a different file
      }
    }
    throw error;
  }
}

/** The outermost folder of `path` that does not exist yet (mkdir -p would create it), if any. */
function firstMissing(path: string): string | undefined {
  let missing: string | undefined;
  for (let p = path; !existsSync(p); p = dirname(p)) missing = p;
  return missing;
}

/** Every file below a folder, relative to it with "/" separators. */
function listFiles(folder: string, prefix = ""): string[] {
  return readdirSync(join(folder, prefix), { withFileTypes: true }).flatMap((entry) => {
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    return entry.isDirectory() ? listFiles(folder, path) : [path];
  });
}

/** The folders on the way to `dir` (relative to target) that do not exist yet, outermost first. */
function missingFolders(target: string, dir: string): string[] {
  const missing: string[] = [];
  for (let d = dir; d !== "." && d !== "" && !existsSync(join(target, d)); d = dirname(d)) missing.unshift(d);
  return missing;
}

/** Folders left without a file of ours go when empty; one that still holds files of someone else stays, with a note. */
function pruneFolders(target: string, removed: readonly string[], owned: readonly string[]): string[] {
  const notes: string[] = [];
  const ours = new Set(owned.map((file) => dirname(file)));
  const folders = [...new Set(removed.map((file) => dirname(file)).filter((d) => d !== "." && !ours.has(d)))].sort().reverse();
  for (const folder of folders) {
    const path = join(target, folder);
    if (!existsSync(path)) continue;
    const left = readdirSync(path);
    if (left.length === 0) rmdirSync(path);
    else {
      const state = left.filter((f) => isTerraformWorkingFile(path, f));
      const what = state.length ? `Terraform working files (${state.join(", ")})` : `files irsa synth did not write (${left.join(", ")})`;
      notes.push(`kept ${relative(process.cwd(), path) || "."}: the environment is no longer synthesized, but the folder holds ${what}`);
    }
  }
  return notes;
}

/** Errors of the file system while writing --out are an unusable invocation (exit 2), in one line. */
async function withUsableErrors<T>(target: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const reason = fileErrorReason(error, "no such folder");
    if (reason === undefined) throw error;
    const { path } = error as NodeJS.ErrnoException;
    throw new UsageError(`--out ${target}: cannot write${path ? ` ${path}` : ""}: ${reason}`);
  }
}

// --- What an earlier synth in --out says about the roles (for the replacement warning) ----------------------

/**
 * The roles (address, name, path, ARN) of environment `name`'s stack as an earlier synth wrote it into --out,
 * JSON or HCL; undefined when there is none. The account is the stack's allowed account; the partition the
 * caller's (a partition never changes without the account).
 */
export function previousRoles(outDir: string, name: string, partition: Partition): RoleIdentity[] | undefined {
  const target = resolve(outDir);
  const manifestPath = join(target, MANIFEST);
  const stackPath = existsSync(manifestPath) ? tryManifest(manifestPath)?.stacks[name]?.synthesizedStackPath : undefined;
  if (!stackPath || !existsSync(join(target, stackPath))) return undefined;
  const text = readFileSync(join(target, stackPath), "utf8");
  const found = stackPath.endsWith(".json") ? rolesOfJson(text) : rolesOfHcl(text);
  if (!found) return undefined;
  return found.roles.map(({ address, roleName, path }) => ({ address, name: roleName, path, arn: roleArn(partition, found.account, path, roleName) }));
}

interface StackRoles {
  readonly account: string;
  readonly roles: readonly { readonly address: string; readonly roleName: string; readonly path: string }[];
}

function rolesOfJson(text: string): StackRoles | undefined {
  try {
    const stack = JSON.parse(text) as { provider?: { aws?: { alias?: string; allowed_account_ids?: string[] }[] }; resource?: { aws_iam_role?: Record<string, { name?: unknown; path?: unknown }> } };
    const account = stack.provider?.aws?.find((p) => p.alias === undefined)?.allowed_account_ids?.[0];
    if (account === undefined) return undefined;
    const roles = Object.entries(stack.resource?.aws_iam_role ?? {}).flatMap(([address, role]) =>
      typeof role.name === "string" ? [{ address, roleName: role.name, path: typeof role.path === "string" ? role.path : "/" }] : [],
    );
    return { account, roles };
  } catch {
    return undefined;
  }
}

/** Our renderer's HCL (lib/hcl/render.ts): one attribute per line, blocks closed at their own indentation. */
function rolesOfHcl(text: string): StackRoles | undefined {
  const blocks = [...text.matchAll(/^(provider|resource) "([^"]+)"(?: "([^"]+)")? \{\n([\s\S]*?)^\}/gm)];
  const attribute = (body: string, key: string) => new RegExp(`^  ${key} += (.+)$`, "m").exec(body)?.[1];
  const unquote = (value: string | undefined) => (value && /^"[^"\\$%]*"$/.test(value) ? value.slice(1, -1) : undefined);
  const provider = blocks.find(([, kind, type, , body]) => kind === "provider" && type === "aws" && attribute(body, "alias") === undefined);
  const account = /^\["(\d{12})"/.exec(provider ? attribute(provider[4], "allowed_account_ids") ?? "" : "")?.[1];
  if (account === undefined) return undefined;
  const roles = blocks
    .filter(([, kind, type]) => kind === "resource" && type === "aws_iam_role")
    .flatMap(([, , , address, body]) => {
      const roleName = unquote(attribute(body, "name"));
      return roleName ? [{ address, roleName, path: unquote(attribute(body, "path")) ?? "/" }] : [];
    });
  return { account, roles };
}
