// Offline AssumeRoleWithWebIdentity: the checks STS makes on a projected ServiceAccount token, in order,
// stopping at the first that fails. The trust step evaluates the role's own trust document (lib/iam).
import type { JSONWebKeySet } from "jose";
import { evaluate, webIdentityRequest, type Mismatch } from "../iam/evaluate";
import { STS_AUDIENCE } from "../iam/trust";
import type { ClusterPlan, EnvironmentPlan, RolePlan } from "../model/types";
import { AnalysisError } from "./errors";
import { headerProblem, verifySignature, type DecodedToken } from "./token";

export type CheckName = "header" | "signature" | "claims" | "issuer" | "audience" | "expiry" | "not-before" | "trust";

export interface Check {
  readonly check: CheckName;
  /** "skipped": not run (the signature without a JWKS). Checks stop at the first failure. */
  readonly outcome: "pass" | "fail" | "skipped";
  readonly detail: string;
  /** On a failure: what the check expected and what the token has. */
  readonly expected?: readonly string[];
  readonly actual?: readonly string[];
}

export interface TokenVerdict {
  readonly allowed: boolean;
  readonly signatureVerified: boolean;
  readonly role: { readonly name: string; readonly key: string; readonly arn: string };
  readonly environment: string;
  /** The cluster the token's issuer belongs to, once known. */
  readonly cluster?: string;
  readonly subject?: string;
  /** Every check that ran, in order; the last one failed when refused. */
  readonly checks: readonly Check[];
  readonly failure?: Check;
}

export interface TokenCheckInput {
  readonly token: DecodedToken;
  /** Absent: the signature is not verified and the claims are taken as written. */
  readonly jwks?: JSONWebKeySet;
  readonly environment: EnvironmentPlan;
  readonly role: RolePlan;
  readonly now: Date;
}

export async function checkToken(input: TokenCheckInput): Promise<TokenVerdict> {
  const { token, environment, role, now } = input;
  const claims = token.claims;
  const checks: Check[] = [];
  const base = {
    role: { name: role.name, key: role.key, arn: role.arn },
    environment: environment.name,
    subject: typeof claims.sub === "string" ? claims.sub : undefined,
  };
  let cluster: ClusterPlan | undefined;
  const verdict = (): TokenVerdict => {
    const failure = checks.find((c) => c.outcome === "fail");
    const signatureVerified = checks.some((c) => c.check === "signature" && c.outcome === "pass");
    return { allowed: !failure, signatureVerified, ...base, cluster: cluster?.name, checks, ...(failure ? { failure } : {}) };
  };
  const run = (check: Check) => (checks.push(check), check.outcome !== "fail");

  if (!run(headerCheck(token, input.jwks !== undefined))) return verdict();
  if (!run(await signatureCheck(token, input.jwks))) return verdict();
  if (!run(claimsCheck(claims))) return verdict();
  cluster = environment.clusters.find((c) => c.issuerUrl === claims.iss);
  if (!run(issuerCheck(claims.iss, cluster, environment))) return verdict();
  if (!run(audienceCheck(claims.aud, cluster!))) return verdict();
  if (!run(expiryCheck(claims.exp, now))) return verdict();
  if (!run(notBeforeCheck(claims.nbf, now))) return verdict();
  run(trustCheck(role, cluster!, environment, claims));
  return verdict();
}

function headerCheck(token: DecodedToken, withJwks: boolean): Check {
  const problem = headerProblem(token.header, withJwks);
  if (problem) return { check: "header", outcome: "fail", detail: problem };
  return { check: "header", outcome: "pass", detail: `alg RS256${typeof token.header.kid === "string" ? `, kid "${token.header.kid}"` : ""}` };
}

/**
 * STS reads iss, sub and each aud as strings, exp and nbf as numbers. A token with a list for sub would otherwise
 * be judged as "any of these values", which STS never does: it refuses the token.
 */
function claimsCheck(claims: DecodedToken["claims"]): Check {
  const kind = (value: unknown) => (Array.isArray(value) ? "a list" : value === null ? "null" : `a ${typeof value}`);
  const wrong = [
    ...(["iss", "sub"] as const).filter((name) => claims[name] !== undefined && typeof claims[name] !== "string").map((name) => `${name} is ${kind(claims[name])}, not a string`),
    ...(claims.aud !== undefined && typeof claims.aud !== "string" && !(Array.isArray(claims.aud) && claims.aud.every((a) => typeof a === "string"))
      ? [`aud is ${kind(claims.aud)}${Array.isArray(claims.aud) ? " with entries that are not strings" : ""}, not a string or a list of strings`]
      : []),
    ...(["exp", "nbf"] as const).filter((name) => claims[name] !== undefined && typeof claims[name] !== "number").map((name) => `${name} is ${kind(claims[name])}, not a number of seconds`),
  ];
  if (wrong.length === 0) return { check: "claims", outcome: "pass", detail: "iss, sub and aud are strings; exp and nbf numbers" };
  return { check: "claims", outcome: "fail", detail: `${wrong.join("; ")}: STS refuses such a token` };
}

async function signatureCheck(token: DecodedToken, jwks: JSONWebKeySet | undefined): Promise<Check> {
  if (!jwks) return { check: "signature", outcome: "skipped", detail: "NOT verified: no --jwks given, so the checks below take the token's claims as written" };
  const result = await verifySignature(token, jwks);
  return result.ok
    ? { check: "signature", outcome: "pass", detail: `${token.header.alg} signature verified${result.kid ? ` with key "${result.kid}"` : ""}` }
    : { check: "signature", outcome: "fail", detail: result.reason };
}

function issuerCheck(iss: unknown, cluster: ClusterPlan | undefined, environment: EnvironmentPlan): Check {
  const issuers = environment.clusters.map((c) => `${c.issuerUrl} (${c.name})`);
  if (cluster) return { check: "issuer", outcome: "pass", detail: `${cluster.issuerUrl} is cluster ${cluster.name}` };
  const actual = typeof iss === "string" ? iss : undefined;
  const has = actual === undefined ? "the token has no iss claim" : `iss is ${actual}`;
  const withScheme = actual !== undefined && !/^[a-z][a-z0-9+.-]*:\/\//i.test(actual) ? environment.clusters.find((c) => c.issuerUrl === `https://${actual}`) : undefined;
  if (withScheme) {
    return {
      check: "issuer",
      outcome: "fail",
      detail: `${has}, without https://; STS compares iss with the provider URL ${withScheme.issuerUrl} (cluster ${withScheme.name}) byte for byte: the cluster's --service-account-issuer must be that URL`,
      expected: [withScheme.issuerUrl],
      actual: [actual!],
    };
  }
  return {
    check: "issuer",
    outcome: "fail",
    detail: `${has}; environment ${environment.name} has no cluster with that issuer (issuers: ${issuers.join(", ")})`,
    expected: environment.clusters.map((c) => c.issuerUrl),
    actual: actual === undefined ? [] : [actual],
  };
}

function audienceCheck(aud: unknown, cluster: ClusterPlan): Check {
  const audiences = typeof aud === "string" ? [aud] : Array.isArray(aud) ? aud.filter((a): a is string => typeof a === "string") : [];
  if (audiences.includes(STS_AUDIENCE)) return { check: "audience", outcome: "pass", detail: `aud includes ${STS_AUDIENCE}` };
  const has = audiences.length ? `aud is ${audiences.join(", ")}` : "the token has no aud claim";
  return {
    check: "audience",
    outcome: "fail",
    detail: `${has}; the OIDC provider of cluster ${cluster.name} accepts ${STS_AUDIENCE} (project the token with audience ${STS_AUDIENCE})`,
    expected: [STS_AUDIENCE],
    actual: audiences,
  };
}

const iso = (seconds: number) => new Date(seconds * 1000).toISOString().replace(".000Z", "Z");

function relative(seconds: number, now: Date): string {
  const delta = Math.round(seconds - now.getTime() / 1000);
  const span = Math.abs(delta) >= 7200 ? `${Math.round(Math.abs(delta) / 3600)} h` : Math.abs(delta) >= 120 ? `${Math.round(Math.abs(delta) / 60)} min` : `${Math.abs(delta)} s`;
  return delta >= 0 ? `in ${span}` : `${span} ago`;
}

function expiryCheck(exp: unknown, now: Date): Check {
  if (typeof exp !== "number") return { check: "expiry", outcome: "fail", detail: "the token has no exp claim; STS refuses tokens without an expiry", expected: ["exp"], actual: [] };
  const nowIso = now.toISOString().replace(/\.\d{3}Z$/, "Z");
  if (now.getTime() < exp * 1000) return { check: "expiry", outcome: "pass", detail: `expires ${iso(exp)} (${relative(exp, now)})` };
  return { check: "expiry", outcome: "fail", detail: `the token expired at ${iso(exp)} (${relative(exp, now)}); now is ${nowIso}`, expected: [`exp after ${nowIso}`], actual: [iso(exp)] };
}

function notBeforeCheck(nbf: unknown, now: Date): Check {
  if (typeof nbf !== "number") return { check: "not-before", outcome: "pass", detail: "no nbf claim" };
  if (now.getTime() >= nbf * 1000) return { check: "not-before", outcome: "pass", detail: `valid since ${iso(nbf)}` };
  return { check: "not-before", outcome: "fail", detail: `the token is not valid before ${iso(nbf)} (${relative(nbf, now)}); check the clocks`, expected: [`nbf before ${now.toISOString()}`], actual: [iso(nbf)] };
}

function trustCheck(role: RolePlan, cluster: ClusterPlan, environment: EnvironmentPlan, claims: DecodedToken["claims"]): Check {
  const request = webIdentityRequest(cluster.oidcProviderArn, { sub: claims.sub, aud: claims.aud });
  let evaluation: ReturnType<typeof evaluate>;
  try {
    evaluation = evaluate(role.trust, request);
  } catch (error) {
    throw new AnalysisError(`cannot evaluate the trust policy of role ${role.name}: ${(error as Error).message}`);
  }
  if (evaluation.decision === "allow") return { check: "trust", outcome: "pass", detail: `the trust of role ${role.name} admits ${claims.sub} from cluster ${cluster.name}` };
  const reason = evaluation.reason!;
  return { check: "trust", outcome: "fail", detail: explainMismatch(reason, role, cluster, environment), expected: reason.expected, actual: reason.actual ?? [] };
}

/** The evaluator's mismatch in the words of a token: sub, aud, and clusters instead of provider ARNs. */
function explainMismatch(reason: Mismatch, role: RolePlan, cluster: ClusterPlan, environment: EnvironmentPlan): string {
  const claim = reason.kind === "condition" ? /:(sub|aud)$/.exec(reason.key ?? "")?.[1] : undefined;
  if (claim) {
    const actual = reason.actual?.join(", ") ?? "absent";
    const glob = /Like/.test(reason.operator ?? "") ? " (glob)" : "";
    return `${claim} is ${actual}; the trust admits ${reason.expected.join(" or ")}${glob}`;
  }
  if (reason.kind === "principal") {
    const providers = reason.expected.filter((p) => p.startsWith("Federated ")).map((p) => p.slice("Federated ".length));
    if (providers.length === 0) return `role ${role.name} is for EKS Pod Identity only: its trust admits no OIDC token (principals: ${reason.expected.join(", ")})`;
    const trusted = providers.map((arn) => environment.clusters.find((c) => c.oidcProviderArn === arn)?.name ?? arn);
    return `the token comes from cluster ${cluster.name} (${cluster.issuerUrl}); the trust of role ${role.name} admits tokens from ${trusted.join(", ")} only`;
  }
  return reason.message;
}
