import { exportJWK, generateKeyPair, SignJWT } from "jose";
import { checkToken } from "../../lib/analysis/check-token";
import { AnalysisError } from "../../lib/analysis/errors";
import { explainRole } from "../../lib/analysis/explain";
import { summarisePermissions } from "../../lib/analysis/permissions";
import { decodeToken, parseJwks } from "../../lib/analysis/token";
import { readTrust } from "../../lib/analysis/trust-reading";
import { policyDocument } from "../../lib/iam/policy";
import { config, ISSUER_A, ISSUER_B, planOf } from "../support";
import { NOW, NOW_S, serviceAccountClaims } from "../cli/helpers";

const plan = planOf(
  config(`  prod:
    clusters:
      - { name: blue, oidcIssuerUrl: "${ISSUER_A}" }
      - { name: green, oidcIssuerUrl: "${ISSUER_B}" }
    serviceAccounts:
      - { name: api, namespace: web }
      - { name: jobs, namespace: batch, identity: pod-identity, disableSessionTags: true }
      - name: admin
        namespace: ops
        policy:
          Statement:
            - { Effect: Allow, Action: "*", Resource: "*" }
            - { Effect: Allow, NotAction: ["iam:*"], Resource: "arn:aws:s3:::x" }
            - { Effect: Deny, Action: ["s3:DeleteBucket"], Resource: "*" }
`),
);
const env = plan.environments[0];
const [api, jobs, admin] = env.roles;

describe("reading trust documents", () => {
  it("reads one IRSA trustee per OIDC provider, with its cluster, issuer, subject and audience", () => {
    expect(readTrust(api.trust.Statement, env.clusters)).toEqual([
      expect.objectContaining({ mechanism: "irsa", cluster: "blue", issuerUrl: ISSUER_A, subjects: ["system:serviceaccount:web:api"], match: "exact", audiences: ["sts.amazonaws.com"] }),
      expect.objectContaining({ mechanism: "irsa", cluster: "green", issuerUrl: ISSUER_B }),
    ]);
  });

  it("reads a Pod Identity trust without session tags as admitting any association in the account", () => {
    expect(readTrust(jobs.trust.Statement, env.clusters)).toEqual([
      { mechanism: "pod-identity", statement: 0, clusters: [], sourceAccounts: ["111122223333"], namespaces: [], serviceAccounts: [], subjects: [], match: "exact", sessionTags: false },
    ]);
  });

  it("reports a provider of no cluster of the environment, globs, other principals, and skips Deny", () => {
    const trust = readTrust(
      [
        { Effect: "Allow", Principal: { Federated: "arn:aws:iam::111122223333:oidc-provider/example.com/id/X" }, Action: "sts:AssumeRoleWithWebIdentity", Condition: { StringLike: { "example.com/id/X:sub": "system:serviceaccount:*:api" } } },
        { Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:root" }, Action: "sts:AssumeRole" },
        { Effect: "Deny", Principal: "*", Action: "sts:AssumeRole" },
      ],
      env.clusters,
    );
    expect(trust).toEqual([
      expect.objectContaining({ mechanism: "irsa", cluster: null, issuerUrl: "https://example.com/id/X", subjects: ["system:serviceaccount:*:api"], match: "glob", audiences: [] }),
      { mechanism: "other", statement: 1, principal: '{"AWS":"arn:aws:iam::111122223333:root"}', actions: ["sts:AssumeRole"] },
    ]);
  });

  it("explains a Pod Identity role by its associations and no issuer", () => {
    expect(explainRole(env, jobs)).toMatchObject({ mechanisms: ["pod-identity"], issuerUrls: [], subjects: [], serviceAccounts: [{ cluster: "blue" }, { cluster: "green" }] });
  });
});

describe("summarising permissions", () => {
  it("reports everything-grants, NotAction and Deny statements; without a catalog it counts nothing", () => {
    expect(summarisePermissions(admin)).toMatchObject({
      allActions: true,
      allActionsExcept: ["iam:*"],
      anyResource: true,
      denyStatements: 1,
      services: [],
      inlinePolicies: [{ name: "inline", statements: 3 }],
    });
  });
});

describe("checking a token", () => {
  const token = (claims = serviceAccountClaims(ISSUER_A, "web", "api")) => {
    const body = Buffer.from(JSON.stringify(claims)).toString("base64url");
    return decodeToken(`${Buffer.from('{"alg":"RS256","kid":"k"}').toString("base64url")}.${body}.c2ln`, "token.jwt");
  };

  it("turns an evaluator exception (an unknown operator) into an AnalysisError", async () => {
    const broken = { ...api, trust: policyDocument([{ Effect: "Allow", Principal: { Federated: env.clusters[0].oidcProviderArn }, Action: "sts:AssumeRoleWithWebIdentity", Condition: { StringEqualz: { x: "y" } } }]) };
    await expect(checkToken({ token: token(), environment: env, role: broken, now: NOW })).rejects.toThrow(new AnalysisError('cannot evaluate the trust policy of role prod-web-api: unsupported condition operator "StringEqualz"'));
  });

  it("refuses a token without exp", async () => {
    const { exp: _exp, ...claims } = serviceAccountClaims(ISSUER_A, "web", "api");
    const verdict = await checkToken({ token: token(claims), environment: env, role: api, now: NOW });
    expect(verdict.failure).toMatchObject({ check: "expiry", detail: "the token has no exp claim; STS refuses tokens without an expiry" });
  });

  it("verifies a token without kid against a JWKS of several keys", async () => {
    const pairs = await Promise.all([generateKeyPair("RS256"), generateKeyPair("RS256")]);
    const jwks = parseJwks(JSON.stringify({ keys: await Promise.all(pairs.map(async (p) => ({ ...(await exportJWK(p.publicKey)), alg: "RS256" }))) }), "jwks.json");
    const signed = await new SignJWT(serviceAccountClaims(ISSUER_A, "web", "api")).setProtectedHeader({ alg: "RS256" }).sign(pairs[1].privateKey);
    const verdict = await checkToken({ token: decodeToken(signed, "t"), jwks, environment: env, role: api, now: NOW });
    expect(verdict).toMatchObject({ allowed: true, signatureVerified: true, cluster: "blue", subject: "system:serviceaccount:web:api" });
  });

  it("refuses a token signed with another algorithm than RS256", async () => {
    const { privateKey, publicKey } = await generateKeyPair("ES256");
    const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid: "e", alg: "ES256" }] };
    const signed = await new SignJWT({ ...serviceAccountClaims(ISSUER_A, "web", "api"), exp: NOW_S + 60 }).setProtectedHeader({ alg: "ES256", kid: "e" }).sign(privateKey);
    const verdict = await checkToken({ token: decodeToken(signed, "t"), jwks, environment: env, role: api, now: NOW });
    expect(verdict.failure).toMatchObject({ check: "signature", detail: "the token is signed with ES256; STS accepts RS256" });
  });
});
