// The stacks of every example, byte for byte as committed in test/golden: a refactor that changes an address or a
// byte of the Terraform shows here. A deliberate change of output regenerates them (UPDATE_GOLDEN=1 npx jest golden)
// and the diff of test/golden is reviewed with it.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { runCli } from "../../lib/cli/run";
import { captureIo, EXAMPLES, ROOT, tempDir } from "../support";

const GOLDEN = join(ROOT, "test", "golden");
const update = process.env.UPDATE_GOLDEN === "1";

describe.each(EXAMPLES.map((f) => [basename(f, ".yaml"), f]))("golden stacks of %s", (example, file) => {
  it.each([["json"], ["hcl"]])("%s output is byte-identical to test/golden", async (format) => {
    const out = join(tempDir(), "out");
    const io = captureIo();
    expect(await runCli(["synth", "--config", file, "--out", out, ...(format === "hcl" ? ["--hcl"] : [])], io)).toBe(0);
    const manifest = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8")) as { stacks: Record<string, { synthesizedStackPath: string }> };
    for (const [stack, { synthesizedStackPath }] of Object.entries(manifest.stacks)) {
      const actual = readFileSync(join(out, synthesizedStackPath), "utf8");
      const golden = join(GOLDEN, example, `${stack}.${format === "hcl" ? "tf" : "tf.json"}`);
      if (update) {
        mkdirSync(join(GOLDEN, example), { recursive: true });
        writeFileSync(golden, actual);
      }
      expect(actual).toBe(readFileSync(golden, "utf8"));
    }
  });
});
