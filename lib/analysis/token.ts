// Projected ServiceAccount tokens and JWKS documents: parsing (unusable input is an AnalysisError) and
// RS256 signature verification with jose, as STS does it with the keys of the issuer's JWKS.
import { compactVerify, createLocalJWKSet, decodeJwt, decodeProtectedHeader, errors, type JSONWebKeySet, type JWTPayload, type ProtectedHeaderParameters } from "jose";
import { createPublicKey, type JsonWebKey } from "node:crypto";
import { AnalysisError } from "./errors";

export interface DecodedToken {
  readonly compact: string;
  readonly header: ProtectedHeaderParameters;
  readonly claims: JWTPayload;
}

/** The token file holds one compact JWS (surrounding whitespace allowed, as `kubectl create token` prints it). */
export function decodeToken(text: string, source: string): DecodedToken {
  const compact = text.trim();
  if (!/^[\w-]+\.[\w-]+\.[\w-]*$/.test(compact)) throw new AnalysisError(`${source}: not a JWT (expected three base64url parts separated by '.')`);
  try {
    return { compact, header: decodeProtectedHeader(compact), claims: decodeJwt(compact) };
  } catch (error) {
    throw new AnalysisError(`${source}: malformed JWT: ${(error as Error).message}`);
  }
}

export function parseJwks(text: string, source: string): JSONWebKeySet {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new AnalysisError(`${source}: not JSON: ${(error as Error).message}`);
  }
  const keys = (value as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(keys) || keys.some((k) => typeof k !== "object" || k === null || typeof (k as { kty?: unknown }).kty !== "string")) {
    throw new AnalysisError(`${source}: not a JWKS (expected {"keys": [{"kty": ..., ...}]}, as served at <issuer>/keys)`);
  }
  keys.forEach((key: Record<string, unknown>, i) => {
    const problem = rsaKeyProblem(key);
    if (problem) throw new AnalysisError(`${source}: keys[${i}]${typeof key.kid === "string" ? ` (kid "${key.kid}")` : ""} is unusable: ${problem}`);
  });
  if (!keys.some((key) => key.kty === "RSA")) throw new AnalysisError(`${source}: has no RSA key; EKS signs ServiceAccount tokens with RS256`);
  return value as JSONWebKeySet;
}

/** RFC 7518 3.3: RS256 keys have a modulus of at least 2048 bits (256 bytes); jose and STS refuse smaller ones. */
const RS256_MIN_MODULUS_BYTES = 256;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

/** Why an RSA key of a JWKS cannot verify an RS256 signature; other key types are left to the lookup by kid. */
function rsaKeyProblem(key: Record<string, unknown>): string | undefined {
  if (key.kty !== "RSA") return undefined;
  for (const member of ["n", "e"]) {
    if (typeof key[member] !== "string" || !BASE64URL.test(key[member] as string)) return `an RSA key needs "${member}" as a base64url string`;
  }
  let bits: number | undefined;
  try {
    bits = createPublicKey({ key: { kty: "RSA", n: key.n, e: key.e } as JsonWebKey, format: "jwk" }).asymmetricKeyDetails?.modulusLength;
  } catch (error) {
    return `not an RSA public key (${(error as Error).message})`;
  }
  const minimum = RS256_MIN_MODULUS_BYTES * 8;
  return bits === undefined || bits < minimum ? `its modulus has ${bits ?? "an unknown number of"} bits; RS256 needs at least ${minimum}` : undefined;
}

/** What STS refuses on the header alone, before any key is looked at; undefined when the header is acceptable. */
export function headerProblem(header: ProtectedHeaderParameters, withJwks: boolean): string | undefined {
  const { alg, kid, crit } = header;
  if (alg !== "RS256") return `the header says alg ${alg === undefined ? "(none)" : JSON.stringify(alg)}; STS accepts only ${TOKEN_ALGORITHMS.join(", ")}-signed tokens from an OIDC provider`;
  if (crit !== undefined) return `the header has crit ${JSON.stringify(crit)}: extensions a verifier must understand, which STS does not`;
  if (withJwks && typeof kid !== "string") return "the header has no kid, so no key of the JWKS can be chosen (EKS always names the signing key)";
  return undefined;
}

export type SignatureResult = { readonly ok: true; readonly kid?: string } | { readonly ok: false; readonly reason: string };

/** STS accepts RS256 only for EKS issuers. */
export const TOKEN_ALGORITHMS = ["RS256"];

export async function verifySignature(token: DecodedToken, jwks: JSONWebKeySet): Promise<SignatureResult> {
  const { alg, kid } = token.header;
  if (!alg || !TOKEN_ALGORITHMS.includes(alg)) return { ok: false, reason: `the token is signed with ${alg ?? "no algorithm"}; STS accepts ${TOKEN_ALGORITHMS.join(", ")}` };
  const keyName = kid ? `kid "${kid}"` : "no kid";
  let keySet: ReturnType<typeof createLocalJWKSet>;
  try {
    keySet = createLocalJWKSet(jwks);
  } catch (error) {
    throw new AnalysisError(`the JWKS is unusable: ${(error as Error).message}`);
  }
  try {
    await compactVerify(token.compact, keySet, { algorithms: TOKEN_ALGORITHMS });
    return { ok: true, kid };
  } catch (error) {
    if (error instanceof errors.JWKSMultipleMatchingKeys) return (await anyKeyVerifies(token, error)) ? { ok: true, kid } : { ok: false, reason: `no key of the JWKS verifies the signature (token has ${keyName})` };
    if (error instanceof errors.JWKSNoMatchingKey) return { ok: false, reason: `no ${alg} key in the JWKS matches the token's ${keyName}: it was signed by another issuer, or the JWKS is not this cluster's` };
    if (error instanceof errors.JWSSignatureVerificationFailed) return { ok: false, reason: `the signature does not verify with the JWKS key of ${keyName}: the token was signed with another key (forged, or from another cluster)` };
    if (error instanceof errors.JOSEError) throw new AnalysisError(`cannot verify the token: ${error.message}`);
    throw error;
  }
}

/** No kid and several candidate keys: jose hands back each candidate (its documented pattern). */
async function anyKeyVerifies(token: DecodedToken, error: errors.JWKSMultipleMatchingKeys): Promise<boolean> {
  for await (const key of error as unknown as AsyncIterable<Parameters<typeof compactVerify>[1]>) {
    try {
      await compactVerify(token.compact, key as never, { algorithms: TOKEN_ALGORITHMS });
      return true;
    } catch {
      // try the next candidate
    }
  }
  return false;
}
