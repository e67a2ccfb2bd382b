// Reading a config one environment at a time gives what reading it whole gives: the same plans, the same
// warnings at the same file:line, and for a refused config the same findings.
import { join } from "node:path";
import { ConfigError } from "../../lib/config/diagnostics";
import { loadConfig } from "../../lib/config/load";
import { splitEnvironments } from "../../lib/config/split";
import { buildPlan } from "../../lib/model/build";
import { readFleet, readPart } from "../../lib/model/fleet";
import { config, EXAMPLES, ROOT, writeConfig } from "../support";

const issuer = (n: number) => `https://oidc.eks.us-west-2.amazonaws.com/id/${String(n).repeat(32)}`;

/** Three environments; the second has a cluster in another account without providerRoleArn (a warning). */
const fleetYaml = (extra = "") =>
  config(
    ["prod", "dev", "qa"]
      .map(
        (env, i) => `  # ${env}
  ${env}:
    clusters:
      - { name: ${env}-a, oidcIssuerUrl: "${issuer(i)}"${i === 1 ? ', accountId: "444455556666"' : ""} }
    serviceAccounts:
      - { name: api, namespace: orders, policyArns: ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"] }
      - name: worker
        namespace: jobs${i === 2 ? extra : ""}
`,
      )
      .join(""),
  ) + "# the end\n";

function whole(file: string) {
  const plan = buildPlan(loadConfig(file));
  return { environments: plan.environments, warnings: plan.warnings };
}

function byParts(file: string, wanted?: (name: string) => boolean) {
  const fleet = readFleet(file);
  const environments = [...fleet.environments(wanted)];
  return { environments, warnings: fleet.warnings };
}

const messages = (work: () => unknown): string => {
  try {
    work();
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error("expected a ConfigError");
};

describe("readFleet", () => {
  it("cuts a block-style config into one document per environment", () => {
    const parts = splitEnvironments(fleetYaml())!;
    expect(parts.map((p) => p.name)).toEqual(["prod", "dev", "qa"]);
    expect(parts[1].text).toContain("dev-a");
    expect(parts[1].text).not.toMatch(/prod-a|qa-a/);
    expect(parts[1].text).toMatch(/^version: 1\ndefaults:/);
  });

  it("gives the plans and warnings (file:line) of the whole-file reading", () => {
    const file = writeConfig(fleetYaml());
    const expected = whole(file);
    expect(expected.warnings.length).toBeGreaterThan(0);
    expect(byParts(file)).toEqual(expected);
    expect(byParts(file, (name) => name === "qa").environments).toEqual(expected.environments.filter((e) => e.name === "qa"));
  });

  it.each(EXAMPLES.map((f) => [f.slice(ROOT.length + 1), f]))("reads %s as a whole-file reading does", (_name, file) => {
    expect(byParts(file)).toEqual(whole(file));
  });

  it.each([
    ["a schema error in one environment", "\n        tokenExpiration: 5"],
    ["a YAML error in one environment", "\n        labels: { a: [ }"],
    ["an alias to another environment's anchor", "\n        labels: *nowhere"],
  ])("refuses %s with the whole-file findings", (_what, extra) => {
    const file = writeConfig(fleetYaml(extra));
    expect(messages(() => byParts(file))).toBe(messages(() => whole(file)));
  });

  it("refuses a role name taken in another environment of the account, as the whole-file reading does", () => {
    const file = writeConfig(fleetYaml().replace(/name: worker\n/g, "name: worker\n        roleName: shared-worker\n"));
    expect(messages(() => byParts(file))).toMatch(/IRSA012/);
    expect(messages(() => byParts(file))).toBe(messages(() => whole(file)));
  });

  it("gives the same when its parts are read one by one elsewhere (readPart) and concluded here", () => {
    const file = writeConfig(fleetYaml());
    const fleet = readFleet(file);
    const read = fleet.parts!.map((part) => readPart(file, part));
    fleet.conclude(read.map((r) => structuredClone(r.reading)));
    expect({ environments: read.map((r) => r.plan), warnings: fleet.warnings }).toEqual(whole(file));

    const clash = writeConfig(fleetYaml().replace(/name: worker\n/g, "name: worker\n        roleName: shared-worker\n"));
    const fleetWithClash = readFleet(clash);
    const readings = fleetWithClash.parts!.map((part) => readPart(clash, part).reading);
    expect(messages(() => fleetWithClash.conclude(readings))).toBe(messages(() => whole(clash)));
  });

  it("reads a config it cannot cut (flow style, one environment) whole", () => {
    expect(splitEnvironments(`version: 1\nenvironments: { a: {}, b: {} }\n`)).toBeUndefined();
    expect(splitEnvironments(config(`  solo:\n    clusters: [{ name: a, oidcIssuerUrl: "${issuer(1)}" }]\n`))).toBeUndefined();
    const file = join(ROOT, "examples", "irsa.yaml");
    expect(readFleet(file).names).toEqual(whole(file).environments.map((e) => e.name));
  });
});
