// Names that must be stable across runs and machines: role names and Terraform addresses.
import { createHash } from "node:crypto";
import { ROLE_NAME_MAX } from "../iam/limits";

const HASH_LENGTH = 8;

const shortHash = (value: string) => createHash("sha256").update(value).digest("hex").slice(0, HASH_LENGTH);

/** `{prefix}{env}-{namespace}-{name}`, kept within IAM's 64 characters by a stable hash suffix. */
export function defaultRoleName(prefix: string, environment: string, namespace: string, name: string): string {
  const full = `${prefix}${environment}-${namespace}-${name}`.replace(/[^\w+=,.@-]/g, "_");
  if (full.length <= ROLE_NAME_MAX) return full;
  return `${full.slice(0, ROLE_NAME_MAX - HASH_LENGTH - 1)}-${shortHash(full)}`;
}

/**
 * A Terraform local name from parts: letters, digits, '_' and '-', starting with a letter or '_'.
 * Parts are joined with "__", which no DNS-1123 name can produce ('.' becomes a single '_'),
 * so two subjects never share an address.
 */
export function terraformName(...parts: readonly string[]): string {
  const joined = parts.map((p) => p.replace(/[^A-Za-z0-9_-]/g, (c) => (c === "*" ? "STAR" : c === "?" ? "QM" : "_"))).join("__");
  return /^[A-Za-z_]/.test(joined) ? joined : `_${joined}`;
}

export function roleArn(partition: string, accountId: string, path: string, name: string): string {
  return `arn:${partition}:iam::${accountId}:role${path}${name}`;
}
