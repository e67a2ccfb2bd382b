import { defaultRoleName, terraformName } from "../../lib/model/names";
import { policyLength } from "../../lib/iam/limits";
import { config, errorsOf, ISSUER_A, ISSUER_B, ISSUER_C, planOf } from "../support";

const blueGreen = (serviceAccounts: string, settings = "") => config(`  prod:
${settings}    clusters:
      - { name: blue, oidcIssuerUrl: "${ISSUER_A}", oidcProvider: existing }
      - { name: green, oidcIssuerUrl: "${ISSUER_B}" }
    serviceAccounts:
${serviceAccounts}
`);

describe("the model", () => {
  it("names roles {env}-{namespace}-{name} and keeps long names within 64 characters by a stable hash", () => {
    expect(defaultRoleName("", "prod", "orders", "api")).toBe("prod-orders-api");
    const long = defaultRoleName("acme-", "production", "a".repeat(40), "b".repeat(40));
    expect(long).toHaveLength(64);
    expect(long).toMatch(/^acme-production-a+-[0-9a-f]{8}$/);
    expect(defaultRoleName("acme-", "production", "a".repeat(40), "b".repeat(40))).toBe(long);
    expect(defaultRoleName("acme-", "production", "a".repeat(40), `${"b".repeat(39)}c`)).not.toBe(long);
  });

  it("gives Terraform addresses that cannot collide between subjects", () => {
    expect(terraformName("a-b", "c")).not.toBe(terraformName("a", "b-c"));
    expect(terraformName("web", "api.v1")).not.toBe(terraformName("web", "api-v1"));
    expect(terraformName("1team", "x")).toMatch(/^_/);
  });

  it("trusts every cluster of a blue/green environment with one statement per OIDC provider", () => {
    const plan = planOf(blueGreen("      - { name: api, namespace: web }"));
    const [role] = plan.environments[0].roles;
    expect(role.clusters).toEqual(["blue", "green"]);
    expect(role.trust.Statement).toHaveLength(2);
    expect(role.trust.Statement.map((s) => (s.Principal as { Federated: string }).Federated)).toEqual([
      "arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-west-2.amazonaws.com/id/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
      "arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-west-2.amazonaws.com/id/BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB",
    ]);
    expect(role.trust.Statement[1].Condition).toEqual({
      StringEquals: {
        "oidc.eks.us-west-2.amazonaws.com/id/BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB:sub": "system:serviceaccount:web:api",
        "oidc.eks.us-west-2.amazonaws.com/id/BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB:aud": "sts.amazonaws.com",
      },
    });
    const sas = plan.environments[0].serviceAccounts;
    expect(sas.map((s) => [s.cluster, s.annotations["eks.amazonaws.com/role-arn"]])).toEqual([
      ["blue", "arn:aws:iam::111122223333:role/prod-web-api"],
      ["green", "arn:aws:iam::111122223333:role/prod-web-api"],
    ]);
  });

  it("narrows a role and its ServiceAccounts to the clusters listed", () => {
    const plan = planOf(blueGreen("      - { name: api, namespace: web, clusters: [green] }"));
    const env = plan.environments[0];
    expect(env.roles[0].clusters).toEqual(["green"]);
    expect(env.serviceAccounts.map((s) => s.cluster)).toEqual(["green"]);
    // Only clusters with ServiceAccounts get a kubernetes provider (and its remote read).
    expect(env.clusters.map((c) => [c.name, c.hasServiceAccounts])).toEqual([["blue", false], ["green", true]]);
  });

  it("creates no ServiceAccount when a Helm chart owns it, but still the role", () => {
    const env = planOf(blueGreen("      - { name: api, namespace: web, createServiceAccount: false }")).environments[0];
    expect(env.roles).toHaveLength(1);
    expect(env.serviceAccounts).toHaveLength(0);
  });

  it("writes the optional annotations, labels, path, boundary, session duration and merged tags", () => {
    const plan = planOf(
      blueGreen(
        "      - { name: api, namespace: web, stsRegionalEndpoints: true, tokenExpiration: 7200, labels: { team: web }, tags: { app: api }, maxSessionDuration: 7200, annotations: { example.com/x: y } }",
        "    rolePath: /eks/\n    permissionsBoundaryArn: arn:aws:iam::111122223333:policy/boundary\n    tags: { env: prod }\n",
      ),
    );
    const [role] = plan.environments[0].roles;
    expect(role).toMatchObject({
      name: "prod-web-api",
      path: "/eks/",
      arn: "arn:aws:iam::111122223333:role/eks/prod-web-api",
      permissionsBoundaryArn: "arn:aws:iam::111122223333:policy/boundary",
      maxSessionDuration: 7200,
      tags: { app: "api", env: "prod" },
    });
    expect(plan.environments[0].serviceAccounts[0]).toMatchObject({
      annotations: {
        "eks.amazonaws.com/role-arn": "arn:aws:iam::111122223333:role/eks/prod-web-api",
        "eks.amazonaws.com/sts-regional-endpoints": "true",
        "eks.amazonaws.com/token-expiration": "7200",
        "example.com/x": "y",
      },
      labels: { team: "web" },
    });
  });

  it("uses StringLike only for a wildcard subject that allows it", () => {
    const [role] = planOf(blueGreen('      - { name: "*", namespace: jobs, allowWildcard: true, createServiceAccount: false, clusters: [blue] }')).environments[0].roles;
    expect(role.trust.Statement[0].Condition).toEqual({
      StringEquals: { "oidc.eks.us-west-2.amazonaws.com/id/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA:aud": "sts.amazonaws.com" },
      StringLike: { "oidc.eks.us-west-2.amazonaws.com/id/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA:sub": "system:serviceaccount:jobs:*" },
    });
  });

  it("expands {env} in backends and defaults S3 locking to the lock file", () => {
    const yaml = config(`  prod:
    backend: { s3: { bucket: acme-state, key: "irsa/{env}.tfstate" } }
    clusters: [{ name: c, oidcIssuerUrl: "${ISSUER_A}" }]
  dev:
    backend: { cloud: { organization: acme, workspace: "irsa-{env}", project: eks } }
    clusters: [{ name: d, oidcIssuerUrl: "${ISSUER_B}" }]
  qa:
    clusters: [{ name: q, oidcIssuerUrl: "${ISSUER_C}" }]
`);
    expect(planOf(yaml).environments.map((e) => e.backend)).toEqual([
      { kind: "s3", bucket: "acme-state", key: "irsa/prod.tfstate", region: "us-west-2", useLockfile: true, dynamodbTable: undefined, encrypt: true },
      { kind: "cloud", organization: "acme", workspace: "irsa-dev", project: "eks" },
      { kind: "local", path: "terraform.qa.tfstate" },
    ]);
  });

  it("refuses two entries that map to one role name", () => {
    const lines = errorsOf(blueGreen("      - { name: api, namespace: web }\n      - { name: other, namespace: web, roleName: prod-web-api }"));
    expect(lines.join("\n")).toMatch(/environments\.prod\.serviceAccounts\[1\]: role name prod-web-api is also the role name of web\/api/);
  });

  it("refuses at synth a trust policy over IAM's 2048-character quota, naming the role, its length and the limit", () => {
    const clusters = Array.from({ length: 8 }, (_, i) => `      - { name: c${i}, oidcIssuerUrl: "https://oidc.eks.us-west-2.amazonaws.com/id/${String(i).repeat(32)}" }`).join("\n");
    const yaml = config(`  prod:\n    clusters:\n${clusters}\n    serviceAccounts:\n      - { name: api, namespace: web }\n`);
    const [line] = errorsOf(yaml);
    expect(line).toMatch(/serviceAccounts\[0\]: the trust policy of role prod-web-api is \d+ characters, over the limit of 2048/);
    // A raised quota, declared in the config, lets it through.
    const raised = planOf(yaml.replace("  prod:\n", "  prod:\n    trustPolicyMaxLength: 4096\n"));
    expect(policyLength(raised.environments[0].roles[0].trust)).toBeGreaterThan(2048);
  });

  it("reaches a cluster in another account or region through its own AWS provider", () => {
    const yaml = config(`  prod:
    clusters:
      - { name: home, oidcIssuerUrl: "${ISSUER_A}" }
      - { name: away, oidcIssuerUrl: "https://oidc.eks.eu-central-1.amazonaws.com/id/BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB", accountId: "444455556666", providerRoleArn: "arn:aws:iam::444455556666:role/tf" }
    serviceAccounts:
      - { name: api, namespace: web }
`);
    const [home, away] = planOf(yaml).environments[0].clusters;
    expect(home.awsProvider).toBeUndefined();
    expect(away).toMatchObject({
      region: "eu-central-1",
      accountId: "444455556666",
      arn: "arn:aws:eks:eu-central-1:444455556666:cluster/away",
      // The OIDC provider is registered in the role's account, whatever account runs the cluster.
      oidcProviderArn: "arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-central-1.amazonaws.com/id/BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB",
      awsProvider: { alias: "away", region: "eu-central-1", accountId: "444455556666", assumeRoleArn: "arn:aws:iam::444455556666:role/tf" },
    });
  });

  it("writes every ARN in the environment's partition (aws-cn)", () => {
    const yaml = `version: 1
environments:
  cn:
    accountId: "111122223333"
    region: cn-north-1
    partition: aws-cn
    clusters: [{ name: c, oidcIssuerUrl: "https://oidc.eks.cn-north-1.amazonaws.com.cn/id/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" }]
    addons: { externalDns: { hostedZoneArns: ["arn:aws-cn:route53:::hostedzone/Z0123"] } }
    serviceAccounts:
      - { name: api, namespace: web, identity: both, policyArns: ["arn:aws-cn:iam::aws:policy/ReadOnlyAccess"] }
`;
    const env = planOf(yaml).environments[0];
    expect(env.clusters[0]).toMatchObject({
      region: "cn-north-1",
      oidcProviderArn: "arn:aws-cn:iam::111122223333:oidc-provider/oidc.eks.cn-north-1.amazonaws.com.cn/id/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
      arn: "arn:aws-cn:eks:cn-north-1:111122223333:cluster/c",
    });
    const role = env.roles.find((r) => r.key === "web/api")!;
    expect(role.arn).toBe("arn:aws-cn:iam::111122223333:role/cn-web-api");
    const text = JSON.stringify(env);
    expect(text).not.toMatch(/arn:aws:/);
    expect(text).not.toMatch(/arn:aws-us-gov:/);
  });

  it("refuses an ARN of another partition, naming where it is", () => {
    const yaml = config(`  prod:
    clusters: [{ name: c, oidcIssuerUrl: "${ISSUER_A}" }]
    serviceAccounts:
      - { name: api, namespace: web, policyArns: ["arn:aws-cn:iam::aws:policy/ReadOnlyAccess"] }
`);
    expect(errorsOf(yaml).join("\n")).toMatch(/environments\.prod\.serviceAccounts\[0\]\.policyArns\[0\]: "arn:aws-cn:iam::aws:policy\/ReadOnlyAccess" is in partition "aws-cn", but the environment is in "aws"/);
  });
});
