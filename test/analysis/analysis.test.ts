import { generateKeyPairSync } from "node:crypto";
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
  const token = (claims: Record<string, unknown> = serviceAccountClaims(ISSUER_A, "web", "api")) => {
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

  it("verifies a token against the right one of several JWKS keys sharing its kid", async () => {
    const pairs = await Promise.all([generateKeyPair("RS256"), generateKeyPair("RS256")]);
    const jwks = parseJwks(JSON.stringify({ keys: await Promise.all(pairs.map(async (p) => ({ ...(await exportJWK(p.publicKey)), kid: "k", alg: "RS256" }))) }), "jwks.json");
    const signed = await new SignJWT(serviceAccountClaims(ISSUER_A, "web", "api")).setProtectedHeader({ alg: "RS256", kid: "k" }).sign(pairs[1].privateKey);
    const verdict = await checkToken({ token: decodeToken(signed, "t"), jwks, environment: env, role: api, now: NOW });
    expect(verdict).toMatchObject({ allowed: true, signatureVerified: true, cluster: "blue", subject: "system:serviceaccount:web:api" });
  });

  describe("refuses on the header alone, with or without a JWKS", () => {
    const unsigned = (header: Record<string, unknown>) => {
      const part = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
      return decodeToken(`${part(header)}.${part(serviceAccountClaims(ISSUER_A, "web", "api"))}.c2ln`, "t");
    };
    it.each([
      ["alg none", { alg: "none" }, 'the header says alg "none"; STS accepts only RS256'],
      ["HS256", { alg: "HS256", kid: "k" }, 'the header says alg "HS256"'],
      ["PS256", { alg: "PS256", kid: "k" }, 'the header says alg "PS256"'],
      ["no alg", { kid: "k" }, "the header says alg (none)"],
      ["crit", { alg: "RS256", kid: "k", crit: ["exp"] }, 'the header has crit ["exp"]'],
    ])("%s", async (_what, header, detail) => {
      for (const jwks of [undefined, { keys: [] }]) {
        const verdict = await checkToken({ token: unsigned(header), jwks, environment: env, role: api, now: NOW });
        expect(verdict).toMatchObject({ allowed: false, signatureVerified: false, failure: { check: "header" } });
        expect(verdict.failure!.detail).toContain(detail);
        expect(verdict.checks).toHaveLength(1);
      }
    });

    it("a missing kid when a JWKS is given (and not without one)", async () => {
      const verdict = await checkToken({ token: unsigned({ alg: "RS256" }), jwks: { keys: [] }, environment: env, role: api, now: NOW });
      expect(verdict.failure).toMatchObject({ check: "header", detail: expect.stringContaining("the header has no kid") });
      expect((await checkToken({ token: unsigned({ alg: "RS256" }), environment: env, role: api, now: NOW })).allowed).toBe(true);
    });
  });

  it.each([
    ["sub as a list", { sub: ["system:serviceaccount:web:api"] }, "sub is a list, not a string"],
    ["iss as a number", { iss: 7 }, "iss is a number, not a string"],
    ["aud with a non-string entry", { aud: ["sts.amazonaws.com", 1] }, "aud is a list with entries that are not strings"],
    ["exp as a string", { exp: String(NOW_S + 600) }, "exp is a string, not a number of seconds"],
  ])("refuses %s, which STS refuses (the evaluator alone would read a list as any of its values)", async (_what, override, detail) => {
    const verdict = await checkToken({ token: token({ ...serviceAccountClaims(ISSUER_A, "web", "api"), ...override }), environment: env, role: api, now: NOW });
    expect(verdict.allowed).toBe(false);
    expect(verdict.failure).toMatchObject({ check: "claims", detail: expect.stringContaining(detail) });
  });

  it("hints at the missing https:// of an iss that names a cluster's issuer", async () => {
    const verdict = await checkToken({ token: token(serviceAccountClaims(ISSUER_A.replace("https://", ""), "web", "api")), environment: env, role: api, now: NOW });
    expect(verdict.failure).toMatchObject({ check: "issuer", expected: [ISSUER_A] });
    expect(verdict.failure!.detail).toContain(`without https://; STS compares iss with the provider URL ${ISSUER_A} (cluster blue)`);
  });

  it.each([
    ["an RSA key without n", (jwk: Record<string, unknown>) => ({ ...jwk, n: undefined }), /keys\[0\] \(kid "k"\) is unusable: an RSA key needs "n" as a base64url string/],
    ["a 1024-bit modulus", () => ({ ...generateKeyPairSync("rsa", { modulusLength: 1024 }).publicKey.export({ format: "jwk" }), kid: "k" }), /keys\[0\] \(kid "k"\) is unusable: its modulus has 1024 bits; RS256 needs at least 2048/],
    ["no RSA key", async () => ({ ...(await exportJWK((await generateKeyPair("ES256")).publicKey)), kid: "k" }), /jwks\.json: has no RSA key/],
  ])("refuses as unusable input a JWKS with %s", async (_what, change, message) => {
    const jwk = { ...(await exportJWK((await generateKeyPair("RS256")).publicKey)), kid: "k" };
    const text = JSON.stringify({ keys: [await change(jwk)] });
    expect(() => parseJwks(text, "jwks.json")).toThrow(AnalysisError);
    expect(() => parseJwks(text, "jwks.json")).toThrow(message);
  });

  it("refuses a token signed with another algorithm than RS256", async () => {
    const { privateKey, publicKey } = await generateKeyPair("ES256");
    const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid: "e", alg: "ES256" }] };
    const signed = await new SignJWT({ ...serviceAccountClaims(ISSUER_A, "web", "api"), exp: NOW_S + 60 }).setProtectedHeader({ alg: "ES256", kid: "e" }).sign(privateKey);
    const verdict = await checkToken({ token: decodeToken(signed, "t"), jwks, environment: env, role: api, now: NOW });
    expect(verdict.failure).toMatchObject({ check: "header", detail: expect.stringContaining('the header says alg "ES256"; STS accepts only RS256') });
  });
});
