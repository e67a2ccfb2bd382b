// IAM size limits, counted as IAM counts them: characters without whitespace outside strings.
import type { PolicyDocument } from "./policy";

export const ROLE_NAME_MAX = 64;
/** A role's MaxSessionDuration (seconds); IAM's default is the minimum. */
export const SESSION_DURATION = { min: 3600, max: 43200 } as const;
/** A role's trust policy (IAM quota "Role trust policy length"): the default, and the most it can be raised to. */
export const TRUST_POLICY_LENGTH = { default: 2048, max: 8192 } as const;
/** Managed policies attached to one role (IAM quota "Managed policies per role"): the default, and the most it can be raised to. */
export const MANAGED_POLICIES_PER_ROLE = { default: 10, max: 25 } as const;
/** Aggregate size of all inline policies of one role. */
export const INLINE_POLICIES_MAX = 10240;

/** Canonical serialization: compact, keys in construction order. The bytes Terraform receives. */
export function policyJson(document: PolicyDocument): string {
  return JSON.stringify(document);
}

/** Compact JSON has no whitespace outside strings, so its length is what IAM counts. */
export function policyLength(document: PolicyDocument): number {
  return policyJson(document).length;
}

/** Why a trust policy would be refused at apply (undefined when it fits): one message for irsa.yaml and the constructs. */
export function trustPolicyTooLong(roleName: string, document: PolicyDocument, maxLength: number): string | undefined {
  const length = policyLength(document);
  if (length <= maxLength) return undefined;
  return `the trust policy of role ${roleName} is ${length} characters, over the limit of ${maxLength} (IAM's default quota is ${TRUST_POLICY_LENGTH.default}); trust fewer clusters or subjects, or raise the account's quota and set trustPolicyMaxLength`;
}
