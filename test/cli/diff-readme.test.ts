// The README's irsa diff example is real output: the diff of test/fixtures/diff/irsa.yaml against examples/irsa.yaml.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "../support";
import { cli } from "./helpers";

it("the README shows exactly what irsa diff --format markdown prints for its example change", async () => {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  const shown = /<!-- irsa-diff-example[^\n]*-->\n([\s\S]*?)\n<!-- \/irsa-diff-example -->/.exec(readme)?.[1];
  const { code, out } = await cli("diff", "--config", join(ROOT, "test/fixtures/diff/irsa.yaml"), "--base", join(ROOT, "examples/irsa.yaml"), "--format", "markdown");
  expect(code).toBe(0);
  const printed = out
    .trimEnd()
    .replace(/^## irsa diff: .*$/m, "## irsa diff: `origin/main:irsa.yaml` → `irsa.yaml`")
    .replace(/AWS action catalog [^)]+\)/, /AWS action catalog [^)]+\)/.exec(shown ?? "")?.[0] ?? "");
  expect(shown).toBe(printed);
});
