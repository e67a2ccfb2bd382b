// Who may assume a role, read back from its trust policy document (what Terraform will create), not from
// the config: one entry per Allow statement, with the principal, the subjects and the audiences it admits.
import { toArray, type ConditionBlock, type PolicyStatement } from "../iam/policy";
import { issuerHostOfProvider } from "../iam/arn";
import { POD_IDENTITY_SERVICE, POD_IDENTITY_TAG, serviceAccountSubject, SOURCE_ACCOUNT } from "../iam/trust";
import type { ClusterPlan } from "../model/types";

export type Mechanism = "irsa" | "pod-identity";

export interface WebIdentityTrustee {
  readonly mechanism: "irsa";
  readonly statement: number;
  readonly providerArn: string;
  /** The environment's cluster whose OIDC provider this is; null for a provider of no cluster here. */
  readonly cluster: string | null;
  readonly issuerUrl: string;
  /** `:sub` values as written; `match` says whether they are globs (StringLike) or exact. */
  readonly subjects: readonly string[];
  readonly match: "exact" | "glob";
  readonly audiences: readonly string[];
}

export interface PodIdentityTrustee {
  readonly mechanism: "pod-identity";
  readonly statement: number;
  readonly clusters: readonly string[];
  readonly sourceAccounts: readonly string[];
  /** Empty when session tags are disabled: any association naming the role in those accounts may use it. */
  readonly namespaces: readonly string[];
  readonly serviceAccounts: readonly string[];
  readonly subjects: readonly string[];
  readonly match: "exact" | "glob";
  readonly sessionTags: boolean;
}

export interface OtherTrustee {
  readonly mechanism: "other";
  readonly statement: number;
  readonly principal: string;
  readonly actions: readonly string[];
}

export type Trustee = WebIdentityTrustee | PodIdentityTrustee | OtherTrustee;

export function readTrust(statements: readonly PolicyStatement[], clusters: readonly ClusterPlan[]): Trustee[] {
  return statements.flatMap((statement, index): Trustee[] => {
    if (statement.Effect !== "Allow") return [];
    const principal = statement.Principal;
    if (principal !== undefined && principal !== "*") {
      const federated = toArray(principal.Federated);
      if (federated.length > 0) return federated.map((arn) => webIdentity(index, arn, statement.Condition ?? {}, clusters));
      if (toArray(principal.Service).includes(POD_IDENTITY_SERVICE)) return [podIdentity(index, statement.Condition ?? {}, clusters)];
    }
    const shown = principal === undefined || principal === "*" ? "*" : JSON.stringify(principal);
    return [{ mechanism: "other", statement: index, principal: shown, actions: toArray(statement.Action) }];
  });
}

function webIdentity(statement: number, providerArn: string, condition: ConditionBlock, clusters: readonly ClusterPlan[]): WebIdentityTrustee {
  const issuerHost = issuerHostOfProvider(providerArn) ?? providerArn;
  const sub = conditionValues(condition, `${issuerHost}:sub`);
  return {
    mechanism: "irsa",
    statement,
    providerArn,
    cluster: clusters.find((c) => c.oidcProviderArn === providerArn)?.name ?? null,
    issuerUrl: `https://${issuerHost}`,
    subjects: sub.values,
    match: sub.glob ? "glob" : "exact",
    audiences: conditionValues(condition, `${issuerHost}:aud`).values,
  };
}

function podIdentity(statement: number, condition: ConditionBlock, clusters: readonly ClusterPlan[]): PodIdentityTrustee {
  const clusterArns = conditionValues(condition, POD_IDENTITY_TAG.clusterArn).values;
  const namespaces = conditionValues(condition, POD_IDENTITY_TAG.namespace);
  const names = conditionValues(condition, POD_IDENTITY_TAG.serviceAccount);
  return {
    mechanism: "pod-identity",
    statement,
    clusters: clusterArns.map((arn) => clusters.find((c) => c.arn === arn)?.name ?? arn),
    sourceAccounts: conditionValues(condition, SOURCE_ACCOUNT).values,
    namespaces: namespaces.values,
    serviceAccounts: names.values,
    subjects: namespaces.values.flatMap((ns) => names.values.map((name) => serviceAccountSubject({ namespace: ns, name }))),
    match: namespaces.glob || names.glob ? "glob" : "exact",
    sessionTags: clusterArns.length + namespaces.values.length + names.values.length > 0,
  };
}

/** The values a condition key is tested against in any operator (key names are case-insensitive). */
function conditionValues(condition: ConditionBlock, key: string): { values: string[]; glob: boolean } {
  const values: string[] = [];
  let glob = false;
  for (const [operator, block] of Object.entries(condition)) {
    for (const [name, value] of Object.entries(block)) {
      if (name.toLowerCase() !== key.toLowerCase() || typeof value === "boolean") continue;
      values.push(...toArray(value));
      glob ||= /Like/.test(operator);
    }
  }
  return { values, glob };
}
