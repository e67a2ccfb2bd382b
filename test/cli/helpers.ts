// Running the CLI in-process with a captured io (and a fixed clock), and signing real RS256 tokens.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { exportJWK, generateKeyPair, SignJWT, type JSONWebKeySet, type JWTPayload } from "jose";
import { runCli } from "../../lib/cli/run";
import { captureIo, tempDir } from "../support";

export const NOW = new Date("2030-01-01T12:00:00Z");
export const NOW_S = Math.floor(NOW.getTime() / 1000);

export interface CliResult {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

export async function cli(...argv: string[]): Promise<CliResult> {
  const io = { ...captureIo(), now: () => NOW };
  const code = await runCli(argv, io);
  return { code, out: io.stdout(), err: io.stderr() };
}

export interface Signer {
  readonly kid: string;
  readonly jwks: JSONWebKeySet;
  sign(claims: JWTPayload): Promise<string>;
}

export async function newSigner(kid: string): Promise<Signer> {
  const { publicKey, privateKey } = await generateKeyPair("RS256");
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: "RS256", use: "sig" };
  return {
    kid,
    jwks: { keys: [jwk] },
    sign: (claims) => new SignJWT(claims).setProtectedHeader({ alg: "RS256", kid }).sign(privateKey),
  };
}

/** The claims of a projected ServiceAccount token: an hour from NOW - 10 min. */
export const serviceAccountClaims = (issuer: string, namespace: string, name: string, overrides: JWTPayload = {}): JWTPayload => ({
  iss: issuer,
  sub: `system:serviceaccount:${namespace}:${name}`,
  aud: ["sts.amazonaws.com"],
  iat: NOW_S - 600,
  nbf: NOW_S - 600,
  exp: NOW_S + 3000,
  "kubernetes.io": { namespace, serviceaccount: { name, uid: "6b1c5f0e-0000-4000-8000-000000000000" } },
  ...overrides,
});

export function writeFile(name: string, content: string, dir = tempDir()): string {
  const file = join(dir, name);
  writeFileSync(file, content);
  return file;
}
