// One temporary folder per test run, removed at its end: everything the tests, cdktf (Testing.app's
// cdktf.outdir.* folders), the CLI and terraform write to the temp dir lands in it, so a run leaves nothing
// behind. Jest's globalSetup sets TMPDIR before the workers start, and they and their child processes inherit it.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const OWN = "IRSA_TEST_TMPDIR";

export function createRunTempDir(): void {
  const dir = mkdtempSync(join(tmpdir(), "irsa-test-run-"));
  process.env[OWN] = dir;
  process.env.TMPDIR = dir;
}

export function removeRunTempDir(): void {
  const dir = process.env[OWN];
  if (dir) rmSync(dir, { recursive: true, force: true });
}
