// Role-name placeholders: {env}, {cluster}, {namespace}, {name} in roleName and roleNamePrefix, expanded per role
// and checked after expansion; the role-name collision's hint names a fix that works.
import { config, errorsOf, ISSUER_A, ISSUER_B, planOf } from "../support";

const blueGreen = (entries: string, envExtra = "", defaults?: string) =>
  config(
    `  prod:
${envExtra}    clusters:
      - { name: blue, oidcIssuerUrl: "${ISSUER_A}" }
      - { name: green, oidcIssuerUrl: "${ISSUER_B}" }
    serviceAccounts:
${entries || "      - { name: api, namespace: web }"}
`,
    defaults,
  );

const names = (yaml: string) => planOf(yaml).environments.flatMap((e) => e.roles.map((r) => `${r.key} ${r.name}`));

describe("role-name placeholders", () => {
  it("expands {env}, {namespace} and {name} in roleName", () => {
    expect(names(blueGreen('      - { name: api, namespace: web, roleName: "{env}-{namespace}-{name}-app" }'))).toEqual(["web/api prod-web-api-app"]);
  });

  it("expands {cluster} for an entry narrowed to one cluster, and refuses it for a role of two clusters", () => {
    expect(names(blueGreen('      - { name: api, namespace: web, clusters: [green], roleName: "{cluster}-api" }'))).toEqual(["web/api green-api"]);
    expect(errorsOf(blueGreen('      - { name: api, namespace: web, roleName: "{cluster}-api" }')).join("\n")).toMatch(
      /serviceAccounts\[0\]\.roleName: \{cluster\} stands for the one cluster a role serves, but web\/api is trusted by blue, green/,
    );
  });

  it("gives a per-cluster controller one name per cluster with {cluster}; without it IRSA012's hint says so", () => {
    const fixed = blueGreen("", '    addons: { clusterAutoscaler: { roleName: "autoscaler" } }\n');
    const lines = errorsOf(fixed);
    expect(lines.join("\n")).toMatch(/\[IRSA012\].*role name autoscaler is also the role name of kube-system\/cluster-autoscaler@blue.*put \{cluster\} in it/);
    const perCluster = blueGreen("", '    addons: { clusterAutoscaler: { roleName: "{cluster}-autoscaler" } }\n');
    expect(names(perCluster)).toEqual(["web/api prod-web-api", "kube-system/cluster-autoscaler@blue blue-autoscaler", "kube-system/cluster-autoscaler@green green-autoscaler"]);
  });

  it("expands roleNamePrefix per environment, which IRSA012's hint proposes for two environments of one account", () => {
    const twoEnvironments = (prefix: string) =>
      config(
        `  staging:
    clusters: [{ name: s, oidcIssuerUrl: "${ISSUER_A}" }]
    serviceAccounts: [{ name: api, namespace: web, roleName: "${prefix}web-api" }]
  prod:
    clusters: [{ name: p, oidcIssuerUrl: "${ISSUER_B}" }]
    serviceAccounts: [{ name: api, namespace: web, roleName: "${prefix}web-api" }]
`,
      );
    expect(errorsOf(twoEnvironments("")).join("\n")).toMatch(/in environment staging; .*put \{env\} in roleName, or give each environment its own roleNamePrefix/);
    expect(names(twoEnvironments("{env}-"))).toEqual(["web/api staging-web-api", "web/api prod-web-api"]);
    const withPrefix = blueGreen("", "", 'accountId: "111122223333"\n  region: us-west-2\n  roleNamePrefix: "eks-{env}-"');
    expect(names(withPrefix)).toEqual(["web/api eks-prod-prod-web-api"]);
  });

  it("checks the pattern and IAM's 64 characters after expansion", () => {
    const long = "n".repeat(60);
    expect(errorsOf(blueGreen(`      - { name: ${long}, namespace: web, roleName: "{env}-{name}" }`)).join("\n")).toMatch(
      /serviceAccounts\[0\]\.roleName: expands to "prod-n+" for web\/n+: 65 characters, over the limit of 64/,
    );
    expect(errorsOf(blueGreen('      - { name: "api-*", namespace: web, allowWildcard: true, createServiceAccount: false, roleName: "{name}" }')).join("\n")).toMatch(
      /roleName: expands to "api-\*" for web\/api-\*, but a role name may contain only letters, digits and \+=,\.@_-/,
    );
  });

  it("refuses an unknown placeholder in the schema", () => {
    expect(errorsOf(blueGreen('      - { name: api, namespace: web, roleName: "{environment}-api" }')).join("\n")).toMatch(
      /roleName: unknown placeholder \{environment\}; use \{env\}, \{cluster\}, \{namespace\}, \{name\}/,
    );
  });
});
