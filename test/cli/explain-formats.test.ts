// irsa explain --format mermaid | dot, judged by Mermaid's own parser and by Graphviz, and legible at size.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { GRAPH_ROLES_DRAWN } from "../../lib/cli/explain-graph";
import { TABLE_ROLES_DETAILED } from "../../lib/cli/explain";
import { config, EXAMPLES, ISSUER_A, ISSUER_B, ROOT, writeConfig } from "../support";
import { cli } from "./helpers";

/** One line per diagram: "ok" or what the drawing tool refused. */
function judge(kind: "mermaid" | "dot", diagrams: readonly string[]): string[] {
  const result = spawnSync(process.execPath, [join(ROOT, "test/cli/diagram-check.mjs"), kind], { input: diagrams.join("\0"), encoding: "utf8", timeout: 120_000 });
  return result.stdout.trim().split("\n");
}

/** Tricky labels: a wildcard subject, Pod Identity without session tags, a NotAction grant, `*`. */
const TRICKY = config(`  dev:
    clusters:
      - { name: blue, oidcIssuerUrl: "${ISSUER_A}" }
      - { name: green, oidcIssuerUrl: "${ISSUER_B}" }
    serviceAccounts:
      - { name: "*", namespace: "team-*", allowWildcard: true, createServiceAccount: false, clusters: [blue], policyArns: ["arn:aws:iam::aws:policy/ReadOnlyAccess"] }
      - { name: tagger, namespace: ops, identity: pod-identity, disableSessionTags: true }
      - name: admin
        namespace: ops
        suppress: [{ rule: IRSA004, reason: "break-glass \\"role\\" <reviewed> #1" }]
        policy: { Statement: [{ Effect: Allow, NotAction: ["iam:*"], Resource: "*" }, { Effect: Allow, Action: "*", Resource: "*" }] }
`);

/** An environment of 60 roles in 6 namespaces, on two clusters. */
const LARGE = config(`  big:
    clusters:
      - { name: blue, oidcIssuerUrl: "${ISSUER_A}" }
      - { name: green, oidcIssuerUrl: "${ISSUER_B}" }
    serviceAccounts:
${Array.from({ length: 60 }, (_, i) => `      - { name: app${i}, namespace: team${i % 6}, policy: { Statement: [{ Effect: Allow, Action: ["${i % 2 ? "sqs:SendMessage" : "s3:GetObject"}"], Resource: ["arn:aws:s3:::b${i}"] }] } }`).join("\n")}
`);

describe("irsa explain --format mermaid | dot", () => {
  it("draws every example and the tricky labels as diagrams Mermaid and Graphviz accept", async () => {
    const files = [...EXAMPLES, writeConfig(TRICKY), writeConfig(LARGE)];
    for (const kind of ["mermaid", "dot"] as const) {
      const diagrams = await Promise.all(files.map(async (file) => (await cli("explain", "--config", file, "--format", kind)).out));
      expect(judge(kind, diagrams)).toEqual(files.map(() => "ok"));
    }
  });

  it("the judges refuse a broken diagram (control)", () => {
    expect(judge("mermaid", ['flowchart LR\n  a(["x"] --> b'])[0]).toMatch(/Parse error/);
    expect(judge("dot", ["digraph { a -> }"])[0]).toMatch(/syntax error/);
  });

  it("draws clusters holding namespaces holding ServiceAccounts, then roles and the services they use", async () => {
    const { code, out } = await cli("explain", "--config", EXAMPLES.find((f) => f.endsWith("irsa.yaml"))!, "--env", "prod", "--format", "mermaid");
    expect(code).toBe(0);
    expect(out).toMatch(/^flowchart LR\n/);
    const green = out.slice(out.indexOf('["cluster prod-green"]'));
    expect(green.slice(0, green.indexOf("\n    end\n"))).toMatch(/\n\s+subgraph \w+\["namespace analytics"\]\n\s+\w+\(\["reports"\]\)\n/);
    const reports = /(\w+)\(\["reports"\]\)/.exec(out)![1];
    const role = /(\w+)\["prod-analytics-reports"\]/.exec(out)![1];
    const athena = /(\w+)\[\("athena"\)\]/.exec(out)![1];
    expect(out).toContain(`${reports} -->|"IRSA"| ${role}`);
    expect(out).toContain(`${role} -->|"2 actions"| ${athena}`);
  });

  it("marks every-action grants and escapes labels for each language", async () => {
    const file = writeConfig(TRICKY);
    const mermaid = (await cli("explain", "--config", file, "--format", "mermaid")).out;
    expect(mermaid).toMatch(/(\w+)\{\{"\* every action"\}\}/);
    expect(mermaid).toMatch(/\{\{"every action except iam:\*"\}\}/);
    expect(mermaid).toMatch(/\(\["\* \(session tags disabled\)"\]\)/);
    expect(mermaid).toMatch(/class \w+,\w+ warning/);
    const dot = (await cli("explain", "--config", file, "--format", "dot")).out;
    expect(dot).toMatch(/^digraph irsa \{/);
    expect(dot).toContain('label="cluster blue"');
  });

  it(`summarises an environment of more than ${GRAPH_ROLES_DRAWN} roles per namespace`, async () => {
    const { out } = await cli("explain", "--config", writeConfig(LARGE), "--format", "mermaid");
    expect(out).toContain(`%% big: 60 roles, more than ${GRAPH_ROLES_DRAWN}: drawn per namespace`);
    expect(out).toContain('(["namespace team0: 10 ServiceAccounts, 10 roles"])');
    expect(out).not.toContain("big-team0-app0");
    expect(out).toMatch(/-->\|"10 roles"\|/);
    expect(out.split("\n").length).toBeLessThan(60);
  });
});

describe("irsa explain --format table at size, --role, --json", () => {
  it(`groups by namespace and leaves out details above ${TABLE_ROLES_DETAILED} roles; --role shows one`, async () => {
    const file = writeConfig(LARGE);
    const { out } = await cli("explain", "--config", file);
    expect(out).toMatch(/^ {2}NAMESPACE +ROLE /m);
    expect(out).toMatch(/^ {2}team0 +big-team0-app0 /m);
    expect(out).toMatch(/^ {2} +big-team0-app6 /m);
    expect(out).toContain(`(60 roles: details omitted above ${TABLE_ROLES_DETAILED}`);
    expect(out).not.toContain("assumed by");
    const one = await cli("explain", "--config", file, "--role", "team3/app9");
    expect(one.code).toBe(0);
    expect(one.out).toContain("assumed by");
    expect(one.out).toContain("big-team3-app9");
    expect(one.out).not.toContain("big-team0-app0");
    const none = await cli("explain", "--config", file, "--role", "nobody");
    expect(none).toMatchObject({ code: 2, err: "irsa: --role nobody: no role has this name, <namespace>/<name> key, addon id or addons output key\n" });
  });

  it("--role takes a key of the addons output (a per-cluster controller's role)", async () => {
    const file = writeConfig(config(`  prod:
    clusters:
      - { name: blue, oidcIssuerUrl: "${ISSUER_A}" }
      - { name: green, oidcIssuerUrl: "${ISSUER_B}" }
    addons: { clusterAutoscaler: {} }
`));
    const green = await cli("explain", "--config", file, "--role", "clusterAutoscaler@green", "--format", "json");
    expect(green.code).toBe(0);
    expect(JSON.parse(green.out).environments[0].roles.map((r: { key: string }) => r.key)).toEqual(["kube-system/cluster-autoscaler@green"]);
  });

  it("--json is --format json; with another --format it is refused", async () => {
    const file = writeConfig(TRICKY);
    expect((await cli("explain", "--config", file, "--json")).out).toBe((await cli("explain", "--config", file, "--format", "json")).out);
    expect(await cli("explain", "--config", file, "--json", "--format", "dot")).toMatchObject({ code: 2, err: "irsa: --json and --format dot disagree: give one\n" });
  });
});

it("the README shows exactly what explain --format mermaid prints for examples/irsa.yaml's staging", async () => {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  const shown = /<!-- irsa-explain-example[^\n]*-->\n```mermaid\n([\s\S]*?)\n```\n<!-- \/irsa-explain-example -->/.exec(readme)?.[1];
  const { out } = await cli("explain", "--config", join(ROOT, "examples/irsa.yaml"), "--env", "staging", "--format", "mermaid");
  expect(shown).toBe(out.trimEnd());
});
