// One environment with defaults merged and the built-in defaults applied: the validated spec the model reads.
import { canonicalIssuerUrl, eksIssuerRegion } from "../eks/issuer";
import type { Identity } from "../eks/service-account";
import type { Partition } from "../iam/arn";
import { MANAGED_POLICIES_PER_ROLE, SESSION_DURATION, TRUST_POLICY_LENGTH } from "../iam/limits";
import type { Subject } from "../iam/trust";
import type { PathSegment } from "./diagnostics";
import { mergeEnvironment } from "./merge";
import type { AddonsSpec, BackendSpec, ClusterSpec, EnvironmentSpec, ServiceAccountSpec, SettingsSpec } from "./schema";

export interface ResolvedEnvironment {
  readonly name: string;
  readonly path: readonly PathSegment[];
  /** Empty only when missing from both defaults and the environment: an error of the environment rules. */
  readonly accountId: string;
  readonly region: string;
  readonly partition: Partition;
  readonly rolePath: string;
  readonly roleNamePrefix: string;
  readonly permissionsBoundaryArn?: string;
  readonly maxSessionDuration: number;
  readonly tags: Readonly<Record<string, string>>;
  readonly backend: BackendSpec;
  readonly identity: Identity;
  readonly stsRegionalEndpoints?: boolean;
  readonly tokenExpiration?: number;
  readonly trustPolicyMaxLength: number;
  /** The account's "managed policies per role" quota. */
  readonly managedPoliciesPerRoleMax: number;
  readonly addons: AddonsSpec;
  /** Default of the entries' `adopt` (false when unset). */
  readonly adopt: boolean;
  /** Default of the created roles' `exclusivePolicies` (false when unset: existing stacks do not change). */
  readonly exclusivePolicies: boolean;
  readonly clusters: readonly ClusterSpec[];
  readonly serviceAccounts: readonly ServiceAccountSpec[];
}

export function resolveEnvironment(name: string, defaults: SettingsSpec | undefined, environment: EnvironmentSpec): ResolvedEnvironment {
  const merged = mergeEnvironment(defaults, environment);
  return {
    name,
    path: ["environments", name],
    accountId: merged.accountId ?? "",
    region: merged.region ?? "",
    partition: merged.partition ?? "aws",
    rolePath: merged.rolePath ?? "/",
    roleNamePrefix: merged.roleNamePrefix ?? "",
    permissionsBoundaryArn: merged.permissionsBoundaryArn,
    maxSessionDuration: merged.maxSessionDuration ?? SESSION_DURATION.min,
    tags: merged.tags ?? {},
    backend: merged.backend ?? { local: {} },
    identity: merged.identity ?? "irsa",
    stsRegionalEndpoints: merged.stsRegionalEndpoints,
    tokenExpiration: merged.tokenExpiration,
    trustPolicyMaxLength: merged.trustPolicyMaxLength ?? TRUST_POLICY_LENGTH.default,
    managedPoliciesPerRoleMax: merged.managedPoliciesPerRoleMax ?? MANAGED_POLICIES_PER_ROLE.default,
    addons: merged.addons ?? {},
    adopt: merged.adopt ?? false,
    exclusivePolicies: merged.exclusivePolicies ?? false,
    // IAM and STS compare issuers byte for byte: from here on only the canonical spelling exists.
    clusters: merged.clusters.map((cluster) => ({ ...cluster, oidcIssuerUrl: canonicalIssuerUrl(cluster.oidcIssuerUrl) })),
    serviceAccounts: merged.serviceAccounts ?? [],
  };
}

/** Region of a cluster: explicit, else read from an EKS issuer, else the environment's. */
export function clusterRegion(cluster: ClusterSpec, environment: ResolvedEnvironment): string {
  return cluster.region ?? eksIssuerRegion(cluster.oidcIssuerUrl) ?? environment.region;
}

export function clustersOf(sa: ServiceAccountSpec, environment: ResolvedEnvironment): readonly ClusterSpec[] {
  return sa.clusters ? environment.clusters.filter((c) => sa.clusters!.includes(c.name)) : environment.clusters;
}

/** The ServiceAccounts an entry names: its `subjects`, or its one name/namespace (the schema requires one form). */
export function subjectsOf(sa: Pick<ServiceAccountSpec, "subjects" | "namespace" | "name">): readonly Subject[] {
  return sa.subjects ?? [{ namespace: sa.namespace!, name: sa.name! }];
}
