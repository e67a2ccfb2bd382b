// Names that must be stable across runs and machines: role names and Terraform addresses.
import { ROLE_NAME_MAX } from "../iam/limits";
import { PLACEHOLDER, type ROLE_NAME_PLACEHOLDERS } from "../config/fields";

const HASH_LENGTH = 8;

// node:crypto is loaded on the first hash (a long name, colliding addresses): loading it cost every start ~4 ms.
const fullHash = (value: string) => (require("node:crypto") as typeof import("node:crypto")).createHash("sha256").update(value).digest("hex");
const shortHash = (value: string) => fullHash(value).slice(0, HASH_LENGTH);

/** What the placeholders of a roleName or roleNamePrefix stand for, for one role. */
export type RoleNameValues = Readonly<Record<(typeof ROLE_NAME_PLACEHOLDERS)[number], string | undefined>>;

/** `{env}`, `{cluster}`, `{namespace}`, `{name}` replaced; a placeholder without a value (no single cluster) stays. */
export function expandRoleName(template: string, values: RoleNameValues): string {
  return template.replace(PLACEHOLDER, (placeholder, key: keyof RoleNameValues) => values[key] ?? placeholder);
}

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

/** One resource of a kind whose Terraform addresses must be unique within a stack. */
export interface AddressCandidate {
  /** The readable address it gets when no other resource claims the same one. */
  readonly natural: string;
  /** What tells it apart from every other resource of its kind (an ARN, a name). */
  readonly identity: string;
  /** The one resource the natural address names exactly (e.g. a policy at the root path whose name needed no change). */
  readonly exact: boolean;
}

/**
 * Addresses unique for any set of distinct identities, decided without regard to order. A resource keeps its
 * natural address unless another claims the same one; then the exact one (if alone) keeps it and the others get
 * a hash of their identity appended (longer hashes should even those meet).
 */
export function uniqueAddresses(candidates: readonly AddressCandidate[]): string[] {
  const addresses = candidates.map((c) => c.natural);
  for (const length of [HASH_LENGTH, 16, 64]) {
    const claims = new Map<string, number[]>();
    addresses.forEach((address, i) => claims.set(address, [...(claims.get(address) ?? []), i]));
    const shared = [...claims.values()].filter((group) => group.length > 1);
    if (shared.length === 0) return addresses;
    for (const group of shared) {
      const exact = group.filter((i) => candidates[i].exact);
      for (const i of group) {
        if (exact.length === 1 && exact[0] === i) continue;
        addresses[i] = `${candidates[i].natural}_${fullHash(candidates[i].identity).slice(0, length)}`;
      }
    }
  }
  throw new Error("unreachable: distinct identities have distinct full hashes");
}

/**
 * Addresses of a role's managed policy attachments: `<role>__<PolicyName>`, the account joining in when the name
 * alone is ambiguous (aws vs customer policy); policies whose names meet once paths are dropped or characters
 * replaced (team.read, team_read) are told apart by uniqueAddresses.
 */
export function attachmentAddresses(roleAddress: string, policyArns: readonly string[]): string[] {
  return uniqueAddresses(
    policyArns.map((policyArn) => {
      const [, , , , account, resource] = policyArn.split(":");
      const name = resource.split("/").pop()!;
      return { natural: terraformName(roleAddress, account === "aws" ? name : `${account}-${name}`), identity: policyArn, exact: resource === `policy/${name}` && isPlainName(name) };
    }),
  );
}

/** Addresses of a role's inline policies: `<role>__<name>`, told apart by uniqueAddresses where names meet. */
export function inlinePolicyAddresses(roleAddress: string, names: readonly string[]): string[] {
  return uniqueAddresses(names.map((name) => ({ natural: terraformName(roleAddress, name), identity: name, exact: isPlainName(name) })));
}

/** A name that stands in an address as it is. */
const isPlainName = (name: string) => /^[A-Za-z0-9_-]+$/.test(name);

export function roleArn(partition: string, accountId: string, path: string, name: string): string {
  return `arn:${partition}:iam::${accountId}:role${path}${name}`;
}
