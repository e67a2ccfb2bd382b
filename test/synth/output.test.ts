// irsa synth owns only the files it wrote: Terraform's working files and the user's files survive every re-synth,
// a folder it did not write is refused, and a failed run leaves the previous output as it was.
import fs, { chmodSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runCli } from "../../lib/cli/run";
import { OWNERSHIP_RECORD } from "../../lib/output";
import { captureIo, ROOT, tempDir, writeConfig } from "../support";
import { snapshot } from "./snapshot";

const EXAMPLE = join(ROOT, "examples/irsa.yaml");
const AS_ROOT = process.getuid?.() === 0;
/** chmod does not stop root: permission tests run where the suite runs as another user. */
const withoutRoot = AS_ROOT ? it.skip : it;

async function synth(...args: string[]) {
  const io = captureIo();
  const code = await runCli(["synth", ...args], io);
  return { code, stdout: io.stdout(), stderr: io.stderr() };
}

/** A saved plan as Terraform writes it: a zip archive whose first entry is "tfplan" (named freely). */
const PLAN = Buffer.concat([Buffer.from("PK\x03\x04"), Buffer.alloc(22), Buffer.from([6, 0, 0, 0]), Buffer.from("tfplan"), Buffer.from("...zip body...")]);

/** What Terraform and a user leave in an output: state, provider cache, lock file, plans, notes. */
function addWorkingFiles(out: string): void {
  for (const stack of ["prod", "staging"]) {
    const dir = join(out, "stacks", stack);
    writeFileSync(join(dir, `terraform.${stack}.tfstate`), `{"serial": 7, "stack": "${stack}"}`);
    writeFileSync(join(dir, `terraform.${stack}.tfstate.backup`), "{}");
    mkdirSync(join(dir, ".terraform/providers/registry.terraform.io"), { recursive: true });
    writeFileSync(join(dir, ".terraform/providers/registry.terraform.io/marker"), "binary");
    writeFileSync(join(dir, ".terraform.lock.hcl"), "# lock");
    writeFileSync(join(dir, "release-42"), PLAN);
    writeFileSync(join(dir, "NOTES.md"), "ours, not irsa's");
  }
  writeFileSync(join(out, "README.md"), "what this folder is");
}

describe("irsa synth owns only the files it wrote", () => {
  it("keeps state, .terraform/, lock files, plans and the user's files byte for byte on every re-synth", async () => {
    const out = join(tempDir(), "cdktf.out");
    expect((await synth("--config", EXAMPLE, "--out", out)).code).toBe(0);
    addWorkingFiles(out);
    const theirs = Object.entries(snapshot(out)).filter(([path]) => !/cdk\.tf|manifest\.json|metadata\.json|\.irsa-synth\.json/.test(path));
    for (const args of [[], ["--hcl"], ["--env", "prod"], []]) {
      const result = await synth("--config", EXAMPLE, "--out", out, ...args);
      expect(result).toMatchObject({ code: 0, stderr: "" });
      expect(snapshot(out)).toMatchObject(Object.fromEntries(theirs));
    }
    const record = JSON.parse(readFileSync(join(out, OWNERSHIP_RECORD), "utf8"));
    expect(record.files).toEqual([OWNERSHIP_RECORD, "manifest.json", "stacks/prod/cdk.tf.json", "stacks/staging/cdk.tf.json"]);
  });

  it("creates folders with the usual mode and leaves the mode of existing ones alone", async () => {
    const parent = tempDir();
    const out = join(parent, "out");
    mkdirSync(out);
    chmodSync(out, 0o775);
    expect((await synth("--config", EXAMPLE, "--out", out)).code).toBe(0);
    expect(statSync(out).mode & 0o777).toBe(0o775);
    const usual = 0o777 & ~process.umask();
    expect(statSync(join(out, "stacks")).mode & 0o777).toBe(usual);
    expect(statSync(join(out, "stacks/prod")).mode & 0o777).toBe(usual);
    expect(readdirSync(out).filter((f) => f.startsWith(".irsa-synth-tmp"))).toEqual([]);
  });

  it("recognises an output written before the ownership record, state and all", async () => {
    const out = join(tempDir(), "cdktf.out");
    expect((await synth("--config", EXAMPLE, "--out", out, "--hcl")).code).toBe(0);
    fs.rmSync(join(out, OWNERSHIP_RECORD));
    addWorkingFiles(out);
    fs.rmSync(join(out, "README.md"));
    fs.rmSync(join(out, "stacks/prod/NOTES.md"));
    fs.rmSync(join(out, "stacks/staging/NOTES.md"));
    const state = readFileSync(join(out, "stacks/prod/terraform.prod.tfstate"), "utf8");
    expect((await synth("--config", EXAMPLE, "--out", out)).code).toBe(0);
    expect(readFileSync(join(out, "stacks/prod/terraform.prod.tfstate"), "utf8")).toBe(state);
    expect(readdirSync(join(out, "stacks/prod")).sort()).toEqual([".terraform", ".terraform.lock.hcl", "cdk.tf.json", "release-42", "terraform.prod.tfstate", "terraform.prod.tfstate.backup"]);
  });

  it.each([
    ["a folder with a manifest.json and other files (--out .)", { "manifest.json": '{"stacks": {}}', "irsa.yaml": "version: 1" }, /holds irsa\.yaml, which irsa synth did not write/],
    ["a folder with files but no manifest", { "main.tf": "" }, /holds main\.tf, which irsa synth did not write/],
    ["a manifest.json that is not cdktf's", { "manifest.json": '{"name": "app"}' }, /holds manifest\.json, which irsa synth did not write/],
    ["an old output with a file of the user in a stack folder", { "manifest.json": '{"stacks": {}}', "stacks/dev/cdk.tf.json": "{}", "stacks/dev/override.tf": "" }, /holds stacks\/dev\/override\.tf/],
  ])("refuses %s with exit 2, one line, nothing changed", async (_name, files, message) => {
    const out = tempDir();
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(join(out, file, ".."), { recursive: true });
      writeFileSync(join(out, file), text);
    }
    chmodSync(out, 0o755);
    const before = snapshot(out);
    const result = await synth("--config", EXAMPLE, "--out", out);
    expect(result.code).toBe(2);
    expect(result.stderr.trimEnd().split("\n")).toEqual([expect.stringMatching(message)]);
    expect(snapshot(out)).toEqual(before);
  });

  it("never overwrites a file it did not write, even in its own output", async () => {
    const out = join(tempDir(), "out");
    const prodOnly = ["--config", EXAMPLE, "--out", out, "--env", "prod"];
    expect((await synth(...prodOnly)).code).toBe(0);
    mkdirSync(join(out, "stacks/staging"));
    writeFileSync(join(out, "stacks/staging/cdk.tf.json"), "hand-written");
    const before = snapshot(out);
    const result = await synth("--config", EXAMPLE, "--out", out);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/stacks\/staging\/cdk\.tf\.json exists and irsa synth did not write it/);
    expect(snapshot(out)).toEqual(before);
  });

  it("removes the stack files of a removed environment and keeps its folder while it holds state, saying so", async () => {
    const out = join(tempDir(), "out");
    const config = readFileSync(EXAMPLE, "utf8");
    expect((await synth("--config", writeConfig(config), "--out", out)).code).toBe(0);
    writeFileSync(join(out, "stacks/staging/terraform.staging.tfstate"), "state");
    const withoutStaging = config.replace(/\n  staging:[\s\S]*?\n(?=  # Blue\/green)/, "\n");
    const result = await synth("--config", writeConfig(withoutStaging), "--out", out);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/^irsa: kept .*stacks\/staging: the environment is no longer synthesized, but the folder holds Terraform working files \(terraform\.staging\.tfstate\)\n$/);
    expect(readdirSync(join(out, "stacks/staging"))).toEqual(["terraform.staging.tfstate"]);
    fs.rmSync(join(out, "stacks/staging/terraform.staging.tfstate"));
    const prodOnly = config.replace(/\n  prod:[\s\S]*$/, "\n");
    expect((await synth("--config", writeConfig(prodOnly), "--out", out)).code).toBe(0);
    expect(readdirSync(join(out, "stacks"))).toEqual(["staging"]);
  });

  it("keeps the stacks of environments left out with --env", async () => {
    const out = join(tempDir(), "out");
    expect((await synth("--config", EXAMPLE, "--out", out)).code).toBe(0);
    const staging = readFileSync(join(out, "stacks/staging/cdk.tf.json"), "utf8");
    expect((await synth("--config", EXAMPLE, "--out", out, "--env", "prod", "--hcl")).code).toBe(0);
    const manifest = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8"));
    expect(Object.keys(manifest.stacks).sort()).toEqual(["prod", "staging"]);
    expect(manifest.stacks.prod.synthesizedStackPath).toBe("stacks/prod/cdk.tf");
    expect(readFileSync(join(out, "stacks/staging/cdk.tf.json"), "utf8")).toBe(staging);
  });
});

describe("a failed write leaves the previous output as it was", () => {
  afterEach(() => jest.restoreAllMocks());

  it.each([1, 2, 4, 6])("undoes every move when rename %i of the commit fails, and leaves no temporary folder", async (failing) => {
    const parent = tempDir();
    const out = join(parent, "out");
    expect((await synth("--config", EXAMPLE, "--out", out)).code).toBe(0);
    addWorkingFiles(out);
    const before = snapshot(out);
    const rename = fs.renameSync;
    let calls = 0;
    jest.spyOn(fs, "renameSync").mockImplementation((from, to) => {
      if (++calls === failing) throw Object.assign(new Error("EACCES: permission denied"), { code: "EACCES", path: String(to) });
      return rename(from, to);
    });
    const result = await synth("--config", EXAMPLE, "--out", out, "--hcl");
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^irsa: --out .*: cannot write .*: permission denied\n$/);
    jest.restoreAllMocks();
    expect(snapshot(out)).toEqual(before);
    expect(readdirSync(parent)).toEqual(["out"]);
  });

  it("refuses an --out that names a file, or lies below one", async () => {
    const file = join(tempDir(), "file");
    writeFileSync(file, "x");
    for (const out of [file, join(file, "out")]) {
      const result = await synth("--config", EXAMPLE, "--out", out);
      expect(result.code).toBe(2);
      expect(result.stderr.trimEnd().split("\n")).toEqual([expect.stringMatching(/^irsa: --out .*(not a folder|a parent is not a folder)$/)]);
    }
    expect(readFileSync(file, "utf8")).toBe("x");
  });

  it("creates nothing when synthesis fails in a new folder", async () => {
    const parent = tempDir();
    jest.spyOn(fs, "renameSync").mockImplementation(() => {
      throw Object.assign(new Error("EROFS"), { code: "EROFS" });
    });
    expect((await synth("--config", EXAMPLE, "--out", join(parent, "a/b/out"))).code).toBe(2);
    expect(readdirSync(parent)).toEqual([]);
  });

  withoutRoot("exits 2 with one line under a read-only parent, or over an unwritable previous output", async () => {
    const parent = tempDir();
    chmodSync(parent, 0o555);
    const result = await synth("--config", EXAMPLE, "--out", join(parent, "out"));
    expect(result).toMatchObject({ code: 2, stderr: expect.stringMatching(/^irsa: --out .*: permission denied\n$/) });
    chmodSync(parent, 0o755);
    const out = join(parent, "out");
    expect((await synth("--config", EXAMPLE, "--out", out)).code).toBe(0);
    chmodSync(join(out, "stacks/prod"), 0o555);
    const before = snapshot(out);
    expect((await synth("--config", EXAMPLE, "--out", out)).code).toBe(2);
    expect(snapshot(out)).toEqual(before);
    chmodSync(join(out, "stacks/prod"), 0o755);
  });
});
