import { config, ISSUER_A, ISSUER_B, writeConfig } from "../support";
import { cli } from "./helpers";

const BLUE_GREEN = config(`  prod:
    clusters:
      - { name: blue, oidcIssuerUrl: "${ISSUER_A}" }
      - { name: green, oidcIssuerUrl: "${ISSUER_B}" }
    serviceAccounts:
      - name: orders-api
        namespace: orders
        policyArns: ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"]
        policy:
          Statement:
            - { Effect: Allow, Action: ["sqs:SendMessage", "sqs:Get*"], Resource: ["arn:aws:sqs:us-west-2:111122223333:orders"] }
      - { name: reports, namespace: analytics, clusters: [green], identity: both }
  dev:
    clusters:
      - { name: dev, oidcIssuerUrl: "https://oidc.eks.us-west-2.amazonaws.com/id/DDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDD" }
`);

describe("irsa explain", () => {
  let file: string;
  beforeAll(() => {
    file = writeConfig(BLUE_GREEN);
  });

  it("--json lists, for a blue/green role, both issuers and its subject", async () => {
    const result = await cli("explain", "--config", file, "--env", "prod", "--json");
    expect(result.code).toBe(0);
    const explanation = JSON.parse(result.out);
    expect(explanation.formatVersion).toBe(1);
    expect(explanation.environments.map((e: { name: string }) => e.name)).toEqual(["prod"]);
    const [orders, reports] = explanation.environments[0].roles;
    expect(orders).toMatchObject({
      name: "prod-orders-orders-api",
      arn: "arn:aws:iam::111122223333:role/prod-orders-orders-api",
      key: "orders/orders-api",
      source: "environments.prod.serviceAccounts[0]",
      mechanisms: ["irsa"],
      clusters: ["blue", "green"],
      issuerUrls: [ISSUER_A, ISSUER_B],
      subjects: ["system:serviceaccount:orders:orders-api"],
    });
    expect(orders.trust).toEqual([
      expect.objectContaining({ mechanism: "irsa", statement: 0, cluster: "blue", issuerUrl: ISSUER_A, match: "exact", audiences: ["sts.amazonaws.com"] }),
      expect.objectContaining({ mechanism: "irsa", statement: 1, cluster: "green", issuerUrl: ISSUER_B }),
    ]);
    expect(orders.permissions).toMatchObject({
      managedPolicies: ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"],
      services: [{ service: "sqs", actions: ["sqs:SendMessage"], wildcards: ["sqs:Get*"], catalogActions: expect.any(Number) }],
      allActions: false,
      anyResource: false,
    });
    expect(orders.permissions.services[0].catalogActions).toBeGreaterThan(2);
    expect(reports).toMatchObject({ mechanisms: ["irsa", "pod-identity"], clusters: ["green"], issuerUrls: [ISSUER_B], subjects: ["system:serviceaccount:analytics:reports"] });
    expect(reports.podIdentityAssociations).toEqual([{ cluster: "green", namespace: "analytics", serviceAccount: "reports" }]);
  });

  it("--json is stable: the same config gives the same bytes", async () => {
    const first = await cli("explain", "--config", file, "--json");
    const second = await cli("explain", "--config", file, "--json");
    expect(first.out).toBe(second.out);
  });

  it("prints an aligned table per environment, then each role", async () => {
    const result = await cli("explain", "--config", file, "--env", "prod");
    expect(result.code).toBe(0);
    const lines = result.out.split("\n");
    const header = lines.find((l) => l.includes("ROLE") && l.includes("SUBJECTS"))!;
    const row = lines.find((l) => /^  orders +prod-orders-orders-api  /.test(l))!;
    expect(row.indexOf("system:serviceaccount:orders:orders-api")).toBe(header.indexOf("SUBJECTS"));
    expect(row.indexOf("blue, green")).toBe(header.indexOf("CLUSTERS"));
    expect(result.out).toContain("IRSA + Pod Identity");
    expect(result.out).toMatch(/IRSA\s+green\s+https:\/\/oidc\.eks\.us-west-2\.amazonaws\.com\/id\/B{32}\s+system:serviceaccount:analytics:reports/);
    expect(result.out).toMatch(/Pod Identity\s+green\s+account 111122223333\s+system:serviceaccount:analytics:reports/);
    expect(result.out).toMatch(/sqs\s+1\s+sqs:Get\*\s+\d+ \(/);
    expect(result.out).not.toMatch(/\u001b\[/); // no colour off a TTY
  });

  it("says when an environment has no roles", async () => {
    const result = await cli("explain", "--config", file, "--env", "dev");
    expect(result.out).toContain("(no roles)");
  });

  it("colours only when io.color is set", async () => {
    const { runCli } = await import("../../lib/cli/run");
    const { captureIo } = await import("../support");
    const io = { ...captureIo(), color: true };
    await runCli(["explain", "--config", file, "--env", "prod"], io);
    expect(io.stdout()).toMatch(/\u001b\[1mprod\u001b\[22m/);
  });

  it("exits 2 for an unknown --env, with a did-you-mean", async () => {
    const result = await cli("explain", "--config", file, "--env", "prdo");
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/--env prdo: no such environment in .*irsa\.yaml; did you mean "prod"\?/);
  });

  it("exits 1 with the config's errors for an invalid config", async () => {
    const result = await cli("explain", "--config", writeConfig(config('  dev:\n    clusters: [{ name: dev, oidcIssuerUrl: "http://insecure" }]\n')));
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/environments\.dev\.clusters\[0\]\.oidcIssuerUrl: must use https/);
  });
});
