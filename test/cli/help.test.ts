import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { config, ROOT, writeConfig } from "../support";
import { cli } from "./helpers";

const COMMANDS = ["synth", "validate", "explain", "check-token", "addons", "init", "schema"];

describe("--help", () => {
  it.each(COMMANDS)("%s --help prints usage and examples, exit 0", async (command) => {
    const result = await cli(command, "--help");
    expect(result.code).toBe(0);
    expect(result.out).toContain(`irsa ${command}`);
    expect(result.out).toContain("Examples:");
  });

  it("lists every command at the top level", async () => {
    const result = await cli("--help");
    for (const command of COMMANDS) expect(result.out).toMatch(new RegExp(`irsa ${command}\\b`));
    expect(result.out).toContain("Exit codes: 0 ok; 1 findings");
  });

  it("lists the rules with their severities in validate --help", async () => {
    const result = await cli("validate", "--help");
    expect(result.out).toMatch(/IRSA001\s+error\s+wildcard-subject/);
    expect(result.out).toMatch(/IRSA006\s+warning\s+write-on-any-resource/);
  });

  it("refuses an unknown command or option with exit 2", async () => {
    expect((await cli("frobnicate")).code).toBe(2);
    const result = await cli("validate", "--confg", "x.yaml");
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/Unknown argument: confg/);
  });
});

describe("bin/irsa.js (spawned)", () => {
  const run = (args: string[], env: NodeJS.ProcessEnv = {}) =>
    spawnSync(process.execPath, [join(ROOT, "bin", "irsa.js"), ...args], { encoding: "utf8", env: { ...process.env, ...env }, timeout: 60000 });

  it("exits 1 for an invalid config, 0 for a good one, 2 for a missing file, never with a stack trace", () => {
    const bad = run(["validate", "--config", writeConfig(config('  dev:\n    clusters: [{ name: dev, oidcIssuerUrl: "https://oidc.eks.us-west-2.amazonaws.com/id/AAAA" }]\n    serviceAccounts: [{ name: api, namespace: "*" }]\n'))]);
    expect(bad.status).toBe(1);
    expect(bad.stdout).toMatch(/error \[IRSA001\]: environments\.dev\.serviceAccounts\[0\]\.namespace/);
    const good = run(["validate", "--config", join(ROOT, "examples", "irsa.yaml")]);
    expect(good.status).toBe(0);
    const missing = run(["check-token", "--config", join(ROOT, "examples", "irsa.yaml"), "--env", "prod", "--role", "orders/orders-api", "--token", "/nonexistent.jwt"]);
    expect(missing.status).toBe(2);
    expect(missing.stderr.trim()).toBe("irsa: --token /nonexistent.jwt: cannot read: no such file");
    for (const output of [bad, good, missing]) expect(output.stdout + output.stderr).not.toMatch(/\n\s+at .*\(.*:\d+:\d+\)/);
  });

  it("prints no colour when NO_COLOR is set or stdout is not a TTY", () => {
    const result = run(["explain", "--config", join(ROOT, "examples", "irsa.yaml")], { NO_COLOR: "1" });
    expect(result.status).toBe(0);
    expect(result.stdout).not.toMatch(/\u001b\[/);
  });
});
