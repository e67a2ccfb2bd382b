import { config, ISSUER_A, ISSUER_B, ISSUER_C, writeConfig } from "../support";
import { cli, newSigner, NOW_S, serviceAccountClaims, writeFile, type Signer } from "./helpers";

// Blue/green prod: billing-worker is trusted by both clusters, reports only by green, events is Pod Identity only.
const CONFIG = config(`  prod:
    clusters:
      - { name: blue, oidcIssuerUrl: "${ISSUER_A}" }
      - { name: green, oidcIssuerUrl: "${ISSUER_B}" }
    serviceAccounts:
      - { name: billing-worker, namespace: billing }
      - { name: reports, namespace: analytics, clusters: [green] }
      - { name: events, namespace: billing, identity: pod-identity }
`);

let blue: Signer;
let other: Signer;
let configFile: string;
let jwksFile: string;

beforeAll(async () => {
  blue = await newSigner("blue-key");
  other = await newSigner("blue-key"); // same kid, another key: a forgery
  configFile = writeConfig(CONFIG);
  jwksFile = writeFile("jwks.json", JSON.stringify(blue.jwks));
});

async function check(token: string, role = "billing/billing-worker", extra: string[] = ["--jwks", jwksFile]) {
  const tokenFile = writeFile("token.jwt", `${token}\n`);
  return cli("check-token", "--config", configFile, "--env", "prod", "--role", role, "--token", tokenFile, ...extra);
}

const billingWorker = (overrides = {}) => serviceAccountClaims(ISSUER_A, "billing", "billing-worker", overrides);

describe("irsa check-token", () => {
  it("allows a correctly signed token for the right subject", async () => {
    const result = await check(await blue.sign(billingWorker()));
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^allowed: system:serviceaccount:billing:billing-worker from cluster blue may assume arn:aws:iam::111122223333:role\/prod-billing-billing-worker$/m);
    expect(result.out).toMatch(/ok\s+signature\s+RS256 signature verified with key "blue-key"/);
    expect(result.out).toMatch(/ok\s+trust/);
  });

  it("finds the role by its name as well as by <namespace>/<name>", async () => {
    expect((await check(await blue.sign(billingWorker()), "prod-billing-billing-worker")).code).toBe(0);
  });

  it("refuses a wrong sub, naming the subject the trust admits", async () => {
    const result = await check(await blue.sign(serviceAccountClaims(ISSUER_A, "billing", "reporter")));
    expect(result.code).toBe(1);
    expect(result.out).toContain("refused: sub is system:serviceaccount:billing:reporter; the trust admits system:serviceaccount:billing:billing-worker");
  });

  it("refuses a wrong aud", async () => {
    const result = await check(await blue.sign(billingWorker({ aud: ["https://kubernetes.default.svc"] })));
    expect(result.code).toBe(1);
    expect(result.out).toContain("refused: aud is https://kubernetes.default.svc; the OIDC provider of cluster blue accepts sts.amazonaws.com");
  });

  it("refuses an expired token, with the time it expired", async () => {
    const result = await check(await blue.sign(billingWorker({ iat: NOW_S - 7200, nbf: NOW_S - 7200, exp: NOW_S - 3600 })));
    expect(result.code).toBe(1);
    expect(result.out).toContain("refused: the token expired at 2030-01-01T11:00:00Z (60 min ago); now is 2030-01-01T12:00:00Z");
  });

  it("refuses a token that is not valid yet", async () => {
    const result = await check(await blue.sign(billingWorker({ nbf: NOW_S + 600 })));
    expect(result.code).toBe(1);
    expect(result.out).toContain("refused: the token is not valid before 2030-01-01T12:10:00Z");
  });

  it("refuses a token from another cluster's issuer when the role trusts only green", async () => {
    const result = await check(await blue.sign(serviceAccountClaims(ISSUER_A, "analytics", "reports")), "analytics/reports");
    expect(result.code).toBe(1);
    expect(result.out).toContain(`refused: the token comes from cluster blue (${ISSUER_A}); the trust of role prod-analytics-reports admits tokens from green only`);
  });

  it("refuses an issuer of no cluster of the environment", async () => {
    const result = await check(await blue.sign(billingWorker({ iss: ISSUER_C })));
    expect(result.code).toBe(1);
    expect(result.out).toContain(`refused: iss is ${ISSUER_C}; environment prod has no cluster with that issuer (issuers: ${ISSUER_A} (blue), ${ISSUER_B} (green))`);
  });

  it("refuses a signature from another key", async () => {
    const result = await check(await other.sign(billingWorker()));
    expect(result.code).toBe(1);
    expect(result.out).toMatch(/FAIL\s+signature/);
    expect(result.out).toContain('refused: the signature does not verify with the JWKS key of kid "blue-key"');
    expect(result.out).not.toMatch(/\btrust\b.*admits/); // stops at the first failing check
  });

  it("refuses a token whose kid is not in the JWKS", async () => {
    const stranger = await newSigner("stranger");
    const result = await check(await stranger.sign(billingWorker()));
    expect(result.code).toBe(1);
    expect(result.out).toContain('refused: no RS256 key in the JWKS matches the token\'s kid "stranger"');
  });

  it("says plainly that the signature was NOT verified without --jwks, and still runs the other checks", async () => {
    const good = await check(await other.sign(billingWorker()), "billing/billing-worker", []);
    expect(good.code).toBe(0);
    expect(good.out).toMatch(/WARN\s+signature\s+NOT verified: no --jwks given/);
    expect(good.out).toContain("allowed (signature NOT verified):");
    const bad = await check(await other.sign(serviceAccountClaims(ISSUER_A, "billing", "reporter")), "billing/billing-worker", []);
    expect(bad.code).toBe(1);
    expect(bad.out).toContain("refused: sub is system:serviceaccount:billing:reporter");
  });

  it("explains that a Pod Identity-only role admits no OIDC token", async () => {
    const result = await check(await blue.sign(serviceAccountClaims(ISSUER_A, "billing", "events")), "billing/events");
    expect(result.code).toBe(1);
    expect(result.out).toContain("refused: role prod-billing-events is for EKS Pod Identity only: its trust admits no OIDC token");
  });

  it("prints the verdict as JSON with --json", async () => {
    const result = await check(await blue.sign(serviceAccountClaims(ISSUER_A, "billing", "reporter")), "billing/billing-worker", ["--jwks", jwksFile, "--json"]);
    expect(result.code).toBe(1);
    const verdict = JSON.parse(result.out);
    expect(verdict).toMatchObject({ allowed: false, signatureVerified: true, cluster: "blue", failure: { check: "trust", expected: ["system:serviceaccount:billing:billing-worker"], actual: ["system:serviceaccount:billing:reporter"] } });
    expect(verdict.checks.map((c: { check: string }) => c.check)).toEqual(["header", "signature", "claims", "issuer", "audience", "expiry", "not-before", "trust"]);
  });

  it("takes the keys of the stack's addons output as --role (per-cluster controllers)", async () => {
    const withAddons = writeConfig(CONFIG.replace("    serviceAccounts:\n", "    addons: { clusterAutoscaler: {} }\n    serviceAccounts:\n"));
    const tokenFile = writeFile("token.jwt", await blue.sign(serviceAccountClaims(ISSUER_A, "kube-system", "cluster-autoscaler")));
    const run = (role: string) => cli("check-token", "--config", withAddons, "--env", "prod", "--role", role, "--token", tokenFile, "--jwks", jwksFile);
    const onBlue = await run("clusterAutoscaler@blue");
    expect(onBlue.code).toBe(0);
    expect(onBlue.out).toMatch(/^role prod-blue-kube-system-cluster-autoscaler \(kube-system\/cluster-autoscaler@blue\)/);
    const onGreen = await run("clusterAutoscaler@green");
    expect(onGreen.code).toBe(1);
    expect(onGreen.out).toContain("admits tokens from green only");
    const ambiguous = await run("clusterAutoscaler");
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.err).toMatch(/--role clusterAutoscaler: names 2 roles/);
  });

  describe("unusable input (exit 2, no stack trace)", () => {
    it.each([
      ["an unknown environment, with a did-you-mean", ["--env", "prd"], /--env prd: no such environment in .*; did you mean "prod"\?/],
      ["an unknown role, with a did-you-mean", ["--role", "billing/billing-wroker"], /--role billing\/billing-wroker: no role of environment prod .*did you mean "billing\/billing-worker"\?/],
      ["a missing token file", ["--token", "/nonexistent/token.jwt"], /--token \/nonexistent\/token.jwt: cannot read: no such file/],
      ["a missing JWKS file", ["--jwks", "/nonexistent/jwks.json"], /--jwks \/nonexistent\/jwks.json: cannot read: no such file/],
    ])("%s", async (_what, override, message) => {
      const tokenFile = writeFile("token.jwt", await blue.sign(billingWorker()));
      const args: Record<string, string> = { "--config": configFile, "--env": "prod", "--role": "billing/billing-worker", "--token": tokenFile, "--jwks": jwksFile };
      args[override[0]] = override[1];
      const result = await cli("check-token", ...Object.entries(args).flat());
      expect(result.code).toBe(2);
      expect(result.err).toMatch(message);
      expect(result.err).not.toMatch(/\n\s+at /);
    });

    it("a malformed token", async () => {
      const result = await check("not-a-jwt");
      expect(result.code).toBe(2);
      expect(result.err).toMatch(/token.jwt: not a JWT/);
    });

    it("a malformed JWKS", async () => {
      const result = await check(await blue.sign(billingWorker()), "billing/billing-worker", ["--jwks", writeFile("jwks.json", '{"keys": "nope"}')]);
      expect(result.code).toBe(2);
      expect(result.err).toMatch(/jwks.json: not a JWKS/);
    });

    it("a JWKS whose key cannot verify RS256 (one line, no internal error)", async () => {
      const { n: _n, ...withoutModulus } = blue.jwks.keys[0];
      const result = await check(await blue.sign(billingWorker()), "billing/billing-worker", ["--jwks", writeFile("jwks.json", JSON.stringify({ keys: [withoutModulus] }))]);
      expect(result.code).toBe(2);
      expect(result.err.trimEnd().split("\n")).toEqual([expect.stringMatching(/jwks\.json: keys\[0\] \(kid "blue-key"\) is unusable: an RSA key needs "n"/)]);
    });

    it("a JWKS that is not JSON", async () => {
      const result = await check(await blue.sign(billingWorker()), "billing/billing-worker", ["--jwks", writeFile("jwks.json", "{")]);
      expect(result.code).toBe(2);
      expect(result.err).toMatch(/jwks.json: not JSON/);
    });

    it("missing required options", async () => {
      const result = await cli("check-token", "--config", configFile);
      expect(result.code).toBe(2);
      expect(result.err).toMatch(/Missing required arguments?: env, role, token/);
    });
  });
});
