// Trust policy builders, and the names trust policies are made of. Facts that decide their shape:
// - IAM ANDs the conditions of one statement, so each OIDC provider gets its own statement;
// - :aud is always pinned to sts.amazonaws.com beside :sub;
// - StringLike (a glob) only when the subject really is a wildcard.
import { hasGlob } from "./glob";
import { policyDocument, type PolicyDocument, type PolicyStatement } from "./policy";

export const STS_AUDIENCE = "sts.amazonaws.com";
export const WEB_IDENTITY_ACTION = "sts:AssumeRoleWithWebIdentity";
export const POD_IDENTITY_SERVICE = "pods.eks.amazonaws.com";
export const POD_IDENTITY_ACTIONS = ["sts:AssumeRole", "sts:TagSession"] as const;

/** The session tags EKS Pod Identity sets on the assumed session, as condition keys of the trust. */
export const POD_IDENTITY_TAG = {
  clusterArn: "aws:RequestTag/eks-cluster-arn",
  namespace: "aws:RequestTag/kubernetes-namespace",
  serviceAccount: "aws:RequestTag/kubernetes-service-account",
} as const;
export const SOURCE_ACCOUNT = "aws:SourceAccount";

/** The `sub` claim of a projected ServiceAccount token: `system:serviceaccount:<namespace>:<name>`. */
const SUBJECT_PREFIX = "system:serviceaccount:";

export interface Subject {
  readonly namespace: string;
  readonly name: string;
}

export interface OidcTrustee {
  readonly providerArn: string;
  /** Issuer URL without https://: the prefix of the provider's condition keys. */
  readonly issuerHost: string;
}

export interface PodIdentityTrustee {
  readonly accountId: string;
  readonly clusterArn: string;
}

export const isWildcard = (subject: Subject) => hasGlob(subject.namespace + subject.name);

export const serviceAccountSubject = (subject: Subject) => `${SUBJECT_PREFIX}${subject.namespace}:${subject.name}`;

/** The namespace and name of a `sub` claim (`system:serviceaccount:<namespace>:<name>`); undefined for another subject. */
export function subjectOf(sub: string): Subject | undefined {
  if (!sub.startsWith(SUBJECT_PREFIX)) return undefined;
  const rest = sub.slice(SUBJECT_PREFIX.length);
  const colon = rest.indexOf(":");
  return colon < 0 ? undefined : { namespace: rest.slice(0, colon), name: rest.slice(colon + 1) };
}

/**
 * The statement that lets one cluster's projected ServiceAccount tokens assume the role, for each of the
 * subjects (`:sub` lists them all: IAM matches any one value of a key). StringLike as soon as one is a glob;
 * it matches exact names exactly.
 */
export function webIdentityStatement(trustee: OidcTrustee, subjects: readonly Subject[]): PolicyStatement {
  const sub = { [`${trustee.issuerHost}:sub`]: single(subjects.map(serviceAccountSubject)) };
  const aud = { [`${trustee.issuerHost}:aud`]: STS_AUDIENCE };
  return {
    Effect: "Allow",
    Principal: { Federated: trustee.providerArn },
    Action: WEB_IDENTITY_ACTION,
    Condition: subjects.some(isWildcard) ? { StringEquals: aud, StringLike: sub } : { StringEquals: { ...sub, ...aud } },
  };
}

/**
 * The statement that lets EKS Pod Identity assume the role for one ServiceAccount on the given clusters.
 * With session tags disabled EKS sends no kubernetes-* tags, so only the source account can be checked.
 */
export function podIdentityStatement(trustees: readonly PodIdentityTrustee[], subject: Subject, sessionTags: boolean): PolicyStatement {
  const accounts = unique(trustees.map((t) => t.accountId));
  const condition: Record<string, string | readonly string[]> = { [SOURCE_ACCOUNT]: single(accounts) };
  if (sessionTags) {
    condition[POD_IDENTITY_TAG.clusterArn] = single(unique(trustees.map((t) => t.clusterArn)));
    condition[POD_IDENTITY_TAG.namespace] = subject.namespace;
    condition[POD_IDENTITY_TAG.serviceAccount] = subject.name;
  }
  return {
    Effect: "Allow",
    Principal: { Service: POD_IDENTITY_SERVICE },
    Action: [...POD_IDENTITY_ACTIONS],
    Condition: { [isWildcard(subject) && sessionTags ? "StringLike" : "StringEquals"]: condition },
  };
}

/**
 * Role chaining (Pod Identity `targetRoleArn`): EKS assumes the target role with the association role's session,
 * so the association role needs permission to assume it and to pass the session tags. The target role's trust
 * (in the other account) must admit the association role for the same two actions.
 */
export function assumeTargetRoleStatement(targetRoleArn: string): PolicyStatement {
  return { Sid: "AssumeTargetRole", Effect: "Allow", Action: [...POD_IDENTITY_ACTIONS], Resource: targetRoleArn };
}

export function trustPolicy(statements: readonly PolicyStatement[]): PolicyDocument {
  return policyDocument(statements);
}

/** Who may assume a workload role: the IRSA tokens of some clusters, EKS Pod Identity on some clusters, or both. */
export interface WorkloadTrust {
  readonly subjects: readonly Subject[];
  /** One statement per OIDC provider (IAM ANDs the conditions of one statement). */
  readonly oidc: readonly OidcTrustee[];
  readonly podIdentity?: { readonly trustees: readonly PodIdentityTrustee[]; readonly sessionTags: boolean };
}

/**
 * The trust policy of a workload role. Pod Identity gets one statement per subject: its namespace and
 * ServiceAccount are separate tags, and lists of both would also admit every cross pair.
 */
export function workloadTrust(trust: WorkloadTrust): PolicyDocument {
  const podIdentity = trust.podIdentity;
  return trustPolicy([
    ...trust.oidc.map((trustee) => webIdentityStatement(trustee, trust.subjects)),
    ...(podIdentity ? trust.subjects.map((subject) => podIdentityStatement(podIdentity.trustees, subject, podIdentity.sessionTags)) : []),
  ]);
}

const unique = (values: readonly string[]) => [...new Set(values)];
const single = (values: readonly string[]) => (values.length === 1 ? values[0] : values);
