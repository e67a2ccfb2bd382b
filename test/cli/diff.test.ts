import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { ConfigDiff } from "../../lib/analysis/diff";
import { diffPlans, isWildcardResource, violations } from "../../lib/analysis/diff";
import { RULE_ID } from "../../lib/config/rule-ids";
import { loadActionCatalog } from "../../lib/iam/catalog";
import { config, ISSUER_A, ISSUER_B, planOf, tempDir, writeConfig } from "../support";
import { cli } from "./helpers";

const OTHER_ISSUER = "https://oidc.eks.eu-west-1.amazonaws.com/id/EEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEE";

/** prod with two clusters (green optionally in another account) and a workload whose entry the test varies. */
const prod = (entry: string, extra = "", green = `{ name: green, oidcIssuerUrl: "${ISSUER_B}" }`) =>
  config(`  prod:
    clusters:
      - { name: blue, oidcIssuerUrl: "${ISSUER_A}" }
      - ${green}
    serviceAccounts:
      - ${entry}
      - { name: worker, namespace: jobs, clusters: [blue] }
${extra}`);

const BASE = prod(`{ name: api, namespace: orders, clusters: [blue], policy: { Statement: [{ Effect: Allow, Action: ["sqs:SendMessage"], Resource: ["arn:aws:sqs:us-west-2:111122223333:orders"] }] } }`);

async function diff(head: string, base = BASE, ...flags: string[]) {
  const result = await cli("diff", "--config", writeConfig(head), "--base", writeConfig(base), "--format", "json", ...flags);
  return { ...result, diff: result.out ? (JSON.parse(result.out) as ConfigDiff) : undefined };
}

describe("irsa diff", () => {
  it("reports no change, and exits 0 under every --fail-on, for the same config", async () => {
    const { code, diff: d } = await diff(BASE, BASE, "--fail-on", "new-wildcard,new-cross-account,role-replaced");
    expect(code).toBe(0);
    expect(d!.environments.map((e) => e.status)).toEqual(["unchanged"]);
  });

  it("names a new trust, a new wildcard grant expanded through the catalog, and a new ServiceAccount", async () => {
    const head = prod(`{ name: api, namespace: orders, policy: { Statement: [{ Effect: Allow, Action: ["sqs:SendMessage", "s3:*"], Resource: ["arn:aws:sqs:us-west-2:111122223333:orders"] }] } }`);
    const { code, diff: d, err } = await diff(head, BASE, "--fail-on", "new-wildcard");
    expect(code).toBe(1);
    expect(err).toMatch(/--fail-on new-wildcard: prod: role prod-orders-api may s3:\* on arn:aws:sqs/);
    const [env] = d!.environments;
    expect(env.trust.gained).toEqual([
      expect.objectContaining({ role: "prod-orders-api", mechanism: "irsa", cluster: "green", subject: "system:serviceaccount:orders:api", crossAccount: false, wildcard: false }),
    ]);
    const [s3] = env.permissions.gained;
    expect(s3).toMatchObject({ action: "s3:*", effect: "Allow", resources: ["arn:aws:sqs:us-west-2:111122223333:orders"], wildcard: true });
    expect(s3.catalogActions).toBeGreaterThan(100);
    expect(Object.values(s3.accessLevels).reduce((a, b) => a + b, 0)).toBe(s3.catalogActions);
    expect(env.permissions.lost).toEqual([]);
    expect(env.serviceAccounts.created).toEqual([{ cluster: "green", namespace: "orders", name: "api" }]);
    expect(env.findings.new.map((f) => f.rule)).toContain("IRSA010");
  });

  it("fails on a role replaced by a rename, with both ARNs and the re-annotated ServiceAccount", async () => {
    const head = BASE.replace("{ name: api, namespace: orders,", "{ name: api, namespace: orders, roleName: orders-api,");
    const { code, diff: d, err } = await diff(head, BASE, "--fail-on", "role-replaced");
    expect(code).toBe(1);
    expect(err).toContain("role orders/api is replaced (name changed): arn:aws:iam::111122223333:role/prod-orders-api -> arn:aws:iam::111122223333:role/orders-api");
    const [env] = d!.environments;
    expect(env.roles.replaced).toEqual([expect.objectContaining({ key: "orders/api", reasons: ["name"] })]);
    expect(env.roles.added).toEqual([]);
    expect(env.serviceAccounts.reannotated).toEqual([
      { cluster: "blue", namespace: "orders", name: "api", annotations: [{ key: "eks.amazonaws.com/role-arn", before: "arn:aws:iam::111122223333:role/prod-orders-api", after: "arn:aws:iam::111122223333:role/orders-api" }] },
    ]);
    expect((await diff(head, BASE, "--fail-on", "new-wildcard")).code).toBe(0);
  });

  it("fails on new trust from a cluster of another account and on a grant naming another account", async () => {
    const green = `{ name: green, oidcIssuerUrl: "${OTHER_ISSUER}", accountId: "444455556666", region: eu-west-1 }`;
    const base = prod(`{ name: api, namespace: orders, clusters: [blue] }`, "", green);
    const trust = await diff(prod(`{ name: api, namespace: orders }`, "", green), base, "--fail-on", "new-cross-account");
    expect(trust.code).toBe(1);
    expect(trust.diff!.environments[0].trust.gained).toEqual([expect.objectContaining({ cluster: "green", account: "444455556666", crossAccount: true })]);
    const grant = await diff(prod(`{ name: api, namespace: orders, clusters: [blue], policy: { Statement: [{ Effect: Allow, Action: sts:AssumeRole, Resource: "arn:aws:iam::999988887777:role/x" }] } }`, "", green), base, "--fail-on", "new-cross-account");
    expect(grant.code).toBe(1);
    expect(grant.err).toContain("in account 999988887777");
  });

  it("lists removals as lost: a removed role, its trust, its grants and its ServiceAccount", async () => {
    const head = prod(`{ name: api, namespace: orders, clusters: [blue] }`).replace(/\n\s+- \{ name: worker[^\n]+/, "");
    const { code, diff: d } = await diff(head, BASE, "--fail-on", "new-wildcard,new-cross-account,role-replaced");
    expect(code).toBe(0);
    const [env] = d!.environments;
    expect(env.roles.removed.map((r) => r.key)).toEqual(["jobs/worker"]);
    expect(env.trust.lost.map((t) => t.roleKey)).toEqual(["jobs/worker"]);
    expect(env.permissions.lost).toEqual([expect.objectContaining({ roleKey: "orders/api", action: "sqs:SendMessage" })]);
    expect(env.serviceAccounts.deleted).toEqual([{ cluster: "blue", namespace: "jobs", name: "worker" }]);
  });

  it("fails new-escalation on a grant the rule pack reports as privilege escalation, and only on a new one", async () => {
    const escalating = prod(`{ name: api, namespace: orders, clusters: [blue], policy: { Statement: [{ Effect: Allow, Action: ["iam:PassRole"], Resource: "*" }] } }`);
    const found = await diff(escalating, BASE, "--fail-on", "new-escalation");
    expect(found.code).toBe(1);
    expect(found.diff!.environments[0].findings.new.map((f) => f.rule)).toContain(RULE_ID.privilegeEscalation);
    expect(found.err).toMatch(/--fail-on new-escalation: prod: environments\.prod\.serviceAccounts\[0\]/);
    expect((await diff(escalating, escalating, "--fail-on", "new-escalation")).code).toBe(0);
    expect((await diff(BASE.replace('"sqs:SendMessage"', '"sqs:SendMessage", "sqs:ReceiveMessage"'), BASE, "--fail-on", "new-escalation")).code).toBe(0);
  });

  it("reads --base as a git revision when no such file exists, and treats a config new at that revision as all added", async () => {
    const repo = tempDir("irsa-diff-git-");
    const git = (...args: string[]) => execFileSync("git", ["-C", repo, "-c", "user.name=t", "-c", "user.email=t@example.com", ...args], { stdio: "pipe" });
    git("init", "-q");
    mkdirSync(join(repo, "infra"));
    const file = join(repo, "infra", "irsa.yaml");
    writeFileSync(join(repo, "README"), "x");
    git("add", ".");
    git("commit", "-qm", "first");
    writeFileSync(file, BASE);
    git("add", ".");
    git("commit", "-qm", "config");
    writeFileSync(file, BASE.replace("{ name: worker, namespace: jobs, clusters: [blue] }", "{ name: worker, namespace: jobs }"));
    const changed = await cli("diff", "--config", file, "--base", "HEAD", "--format", "json");
    expect(changed.code).toBe(0);
    const d = JSON.parse(changed.out) as ConfigDiff;
    expect(d.base).toBe(`HEAD:${file}`);
    expect(d.environments[0].trust.gained).toEqual([expect.objectContaining({ roleKey: "jobs/worker", cluster: "green" })]);
    const added = JSON.parse((await cli("diff", "--config", file, "--base", "HEAD~1", "--format", "json")).out) as ConfigDiff;
    expect(added.environments[0].status).toBe("added");
    expect(added.environments[0].roles.added.map((r) => r.key)).toEqual(["orders/api", "jobs/worker"]);
    writeFileSync(file, "version: 2\n");
    git("commit", "-qam", "a config this version refuses");
    writeFileSync(file, BASE);
    const refused = await cli("diff", "--config", file, "--base", "HEAD");
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(new RegExp(`^irsa: --base: the base config is refused: HEAD:${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:1:10: error: version: must be 1`));
    const unknown = await cli("diff", "--config", file, "--base", "no-such-branch");
    expect(unknown.code).toBe(2);
    expect(unknown.err).toBe(`irsa: --base no-such-branch: neither a file nor a git revision of the repository holding ${file}\n`);
  });

  it("refuses an unknown --fail-on condition and a refused base with exit 2, an invalid head with exit 1", async () => {
    const bad = await cli("diff", "--config", writeConfig(BASE), "--base", writeConfig(BASE), "--fail-on", "new-wildcard,everything");
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("--fail-on everything: not a condition; use new-wildcard, new-escalation, new-cross-account, role-replaced");
    const refused = await cli("diff", "--config", writeConfig(BASE), "--base", writeConfig("version: 2\n"));
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/^irsa: --base: the base config is refused: .*irsa\.yaml:1:10: error: version: must be 1/);
    const invalid = await cli("diff", "--config", writeConfig("version: 2\n"), "--base", writeConfig(BASE));
    expect(invalid.code).toBe(1);
  });

  it("prints Markdown with the grants before the removals, escaping what would break a table", async () => {
    const head = prod(`{ name: api, namespace: orders, annotations: { "example.com/note": "a|b" } }`).replace(/\n\s+- \{ name: worker[^\n]+/, "");
    const { code, out } = await cli("diff", "--config", writeConfig(head), "--base", writeConfig(BASE), "--format", "markdown");
    expect(code).toBe(0);
    expect(out).toMatch(/^## irsa diff: /);
    const order = ["#### Trust gained", "#### Roles removed", "#### Trust lost", "#### Permissions lost", "#### Kubernetes objects"].map((h) => out.indexOf(h));
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(out).toContain("`a\\|b`");
    const text = await cli("diff", "--config", writeConfig(head), "--base", writeConfig(BASE));
    expect(text.out).toMatch(/\+ +trust +prod-orders-api +IRSA +green +system:serviceaccount:orders:api/);
  });
});

describe("wildcard resources", () => {
  it.each([
    ["*", true],
    ["arn:aws:s3:::*", true],
    ["arn:aws:sqs:*:111122223333:orders", true],
    ["arn:aws:dynamodb:us-west-2:111122223333:table/*", true],
    ["arn:aws:s3:::exports/*", false],
    ["arn:aws:dynamodb:us-west-2:111122223333:table/orders-*", false],
    ["arn:aws:sqs:us-west-2:111122223333:orders", false],
  ])("%s -> %s", (resource, expected) => expect(isWildcardResource(resource)).toBe(expected));
});

describe("irsa diff at size", () => {
  /** An environment of n roles, each with its own queue. */
  const many = (n: number) =>
    config(`  big:
    clusters: [{ name: blue, oidcIssuerUrl: "${ISSUER_A}" }]
    serviceAccounts:
${Array.from({ length: n }, (_, i) => `      - { name: app${i}, namespace: team${i % 7}, policy: { Statement: [{ Effect: Allow, Action: ["sqs:SendMessage", "sqs:ReceiveMessage"], Resource: ["arn:aws:sqs:us-west-2:111122223333:queue-${i}"] }] } }`).join("\n")}
`);

  it("keeps a Markdown comment under GitHub's limit by showing fewer rows, and the JSON complete and stable", async () => {
    const head = writeConfig(many(400));
    const base = writeConfig(config(`  other:\n    clusters: [{ name: x, oidcIssuerUrl: "${ISSUER_B}" }]\n`));
    const markdown = await cli("diff", "--config", head, "--base", base, "--format", "markdown");
    expect(markdown.code).toBe(0);
    expect(markdown.out.length).toBeLessThan(60_000);
    expect(markdown.out).toMatch(/… and \d+ more \(`--format json` lists all\)/);
    const json = await cli("diff", "--config", head, "--base", base, "--format", "json");
    const d = JSON.parse(json.out) as ConfigDiff;
    expect(d.environments.map((e) => [e.name, e.status])).toEqual([["big", "added"], ["other", "removed"]]);
    expect(d.environments[0].roles.added).toHaveLength(400);
    expect(d.environments[0].permissions.gained).toHaveLength(800);
    expect((await cli("diff", "--config", head, "--base", base, "--format", "json")).out).toBe(json.out);
  });
});

describe("findings outside environments", () => {
  it("are compared too, and a new one of the privilege-escalation rule fails new-escalation", async () => {
    const plan = planOf(BASE);
    const catalog = loadActionCatalog([]);
    const finding = (rule: string) => ({ severity: "error" as const, rule, path: ["defaults", "tags"], message: "a finding about defaults" });
    const d = diffPlans({ label: "base", plan, findings: [] }, { label: "head", plan, findings: [finding(RULE_ID.privilegeEscalation)] }, catalog);
    expect(d.environments.map((e) => e.status)).toEqual(["unchanged"]);
    expect(d.findings.new).toEqual([{ rule: RULE_ID.privilegeEscalation, severity: "error", path: "defaults.tags", message: "a finding about defaults" }]);
    expect(violations(d, ["new-escalation"])).toEqual([{ condition: "new-escalation", environment: "(config)", message: "defaults.tags: a finding about defaults" }]);
    const other = diffPlans({ label: "base", plan, findings: [] }, { label: "head", plan, findings: [finding(RULE_ID.serviceWildcard)] }, catalog);
    expect(violations(other, ["new-escalation"])).toEqual([]);
  });
});
