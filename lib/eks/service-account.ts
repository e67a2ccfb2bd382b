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
  /** The aud of the projected token; the trust (and the OIDC provider's client ids) must accept it. */
  audience: "eks.amazonaws.com/audience",
} as const;

/** Projected token lifetimes (seconds) the webhook accepts; it silently uses its default for anything else. */
export const TOKEN_EXPIRATION = { min: 600, max: 86400 } as const;

export const isTokenExpiration = (seconds: number) => Number.isInteger(seconds) && seconds >= TOKEN_EXPIRATION.min && seconds <= TOKEN_EXPIRATION.max;

/** How a ServiceAccount's pods get their role: the inputs of its annotations. */
export interface ServiceAccountIdentity {
  /** The role the pods assume with IRSA; absent when they get it from an EKS Pod Identity association. */
  readonly roleArn?: string;
  readonly stsRegionalEndpoints?: boolean;
  readonly tokenExpiration?: number;
  /** The user's own annotations; ours are added beside them. */
  readonly annotations?: Readonly<Record<string, string>>;
}

/** Every annotation of the ServiceAccount: one definition for the model and the IrsaServiceAccount construct. */
export function serviceAccountAnnotations(identity: ServiceAccountIdentity): Record<string, string> {
  const annotations: Record<string, string> = { ...identity.annotations };
  if (identity.roleArn !== undefined) annotations[ANNOTATION.roleArn] = identity.roleArn;
  if (identity.stsRegionalEndpoints !== undefined) annotations[ANNOTATION.stsRegionalEndpoints] = String(identity.stsRegionalEndpoints);
  if (identity.tokenExpiration !== undefined) annotations[ANNOTATION.tokenExpiration] = String(identity.tokenExpiration);
  return annotations;
}
