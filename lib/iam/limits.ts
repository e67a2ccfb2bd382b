// IAM size limits, counted as IAM counts them: characters without whitespace outside strings.
import type { PolicyDocument } from "./policy";

export const ROLE_NAME_MAX = 64;
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
