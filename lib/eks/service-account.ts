// What EKS reads on a ServiceAccount and how a workload gets credentials: the identity mechanisms and the
// annotations the EKS Pod Identity webhook understands.

/** How a workload's pods get the role: IRSA (OIDC web identity), EKS Pod Identity, or both (migration). */
export const IDENTITIES = ["irsa", "pod-identity", "both"] as const;
export type Identity = (typeof IDENTITIES)[number];

/** ServiceAccount annotations the EKS Pod Identity webhook reads (IRSA). */
export const ANNOTATION = {
  roleArn: "eks.amazonaws.com/role-arn",
  stsRegionalEndpoints: "eks.amazonaws.com/sts-regional-endpoints",
  tokenExpiration: "eks.amazonaws.com/token-expiration",
} as const;

/** Projected token lifetimes (seconds) the webhook accepts; it silently uses its default for anything else. */
export const TOKEN_EXPIRATION = { min: 600, max: 86400 } as const;

export const isTokenExpiration = (seconds: number) => Number.isInteger(seconds) && seconds >= TOKEN_EXPIRATION.min && seconds <= TOKEN_EXPIRATION.max;
