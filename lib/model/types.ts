// The normalized plan: every value concrete, no cdktf objects. The renderer and the analysers read this.
import type { InstallMethod, NamedPolicy } from "../addons/addon";
import type { Identity } from "../eks/service-account";
import type { Partition } from "../iam/arn";
import type { PolicyDocument } from "../iam/policy";
import type { Subject } from "../iam/trust";
import type { Diagnostic, PathSegment } from "../config/diagnostics";
import type { ServiceAccountSpec } from "../config/schema";
import type { ServiceAccountIdentity } from "../eks/service-account";

export interface Plan {
  readonly file: string;
  readonly environments: readonly EnvironmentPlan[];
  /** Warnings found while building; errors stop the build instead. */
  readonly warnings: readonly Diagnostic[];
}

export interface EnvironmentPlan {
  readonly name: string;
  readonly accountId: string;
  readonly region: string;
  readonly partition: Partition;
  /** Largest trust policy the account accepts (its IAM quota), in characters. */
  readonly trustPolicyMaxLength: number;
  readonly backend: BackendPlan;
  readonly clusters: readonly ClusterPlan[];
  readonly roles: readonly RolePlan[];
  /** Roles named by `roleArn`: used, never created or changed here. */
  readonly existingRoles: readonly ExistingRolePlan[];
  readonly serviceAccounts: readonly ServiceAccountPlan[];
  readonly podIdentityAssociations: readonly PodIdentityAssociationPlan[];
  readonly addons: readonly AddonOutputPlan[];
}

/** What the stack tells the installer of a controller: the role, and the Helm values or EKS add-on to use it with. */
export interface AddonOutputPlan {
  /** The addon id, with `@<cluster>` for per-cluster roles. */
  readonly key: string;
  readonly roleAddress: string;
  readonly serviceAccount: string;
  readonly install: InstallMethod;
  readonly identity: Identity;
  /** YAML for `helm install -f`, for Helm-installed controllers. */
  readonly helmValues?: string;
}

export type BackendPlan =
  | { readonly kind: "local"; readonly path: string }
  | { readonly kind: "cloud"; readonly organization: string; readonly workspace: string; readonly project?: string; readonly hostname?: string }
  | {
      readonly kind: "s3";
      readonly bucket: string;
      readonly key: string;
      readonly region: string;
      readonly useLockfile: boolean;
      readonly dynamodbTable?: string;
      readonly encrypt: boolean;
    };

export interface ClusterPlan {
  readonly name: string;
  /** Terraform-safe local name, unique in the stack. */
  readonly address: string;
  readonly issuerUrl: string;
  readonly issuerHost: string;
  readonly oidcProvider: "create" | "existing";
  /** Known at synth: the provider always lives in the environment's account. */
  readonly oidcProviderArn: string;
  readonly accountId: string;
  readonly region: string;
  readonly arn: string;
  readonly fargate: boolean;
  /** Set when Terraform must reach the cluster through its own AWS provider (other account or region). */
  readonly awsProvider?: { readonly alias: string; readonly region: string; readonly accountId: string; readonly assumeRoleArn?: string };
  /** True when some ServiceAccount is created in it: only then is the kubernetes provider configured. */
  readonly hasServiceAccounts: boolean;
  /** Terraform import id of the existing OIDC provider (its ARN) when the cluster is adopted. */
  readonly importId?: string;
}

export interface RolePlan {
  /** Terraform-safe local name, unique and stable in the stack. */
  readonly address: string;
  /** `<namespace>/<name>`: the key of the role in the stack outputs. */
  readonly key: string;
  /** Where the role was asked for in the config, for diagnostics. */
  readonly sourcePath: readonly PathSegment[];
  readonly addon?: { readonly id: string; readonly title: string; readonly install: InstallMethod };
  /** The serviceAccounts entry the role was asked for with; absent for an addon's role. */
  readonly entry?: ServiceAccountSpec;
  /** Shown in the IAM console: who the role is for. */
  readonly description: string;
  readonly name: string;
  readonly path: string;
  readonly arn: string;
  readonly permissionsBoundaryArn?: string;
  readonly maxSessionDuration: number;
  readonly tags: Readonly<Record<string, string>>;
  /** The ServiceAccounts the role is for: one, or several sharing it (`subjects:`). */
  readonly subjects: readonly Subject[];
  readonly identity: Identity;
  /** Names of the clusters that may use the role. */
  readonly clusters: readonly string[];
  /** Clusters whose OIDC provider the trust names (the role must wait for them). */
  readonly oidcTrustClusters: readonly string[];
  readonly trust: PolicyDocument;
  readonly managedPolicies: readonly { readonly address: string; readonly arn: string; readonly importId?: string }[];
  readonly inlinePolicies: readonly (NamedPolicy & { readonly address: string; readonly importId?: string })[];
  /** Terraform import id of the existing role (its name) when the entry is adopted. */
  readonly importId?: string;
  /** The role's policies are exactly those above: others, attached outside the stack, are removed at apply. */
  readonly exclusivePolicies: boolean;
  readonly suppressions: readonly { readonly rule: string; readonly reason: string }[];
}

/** A role that exists outside this stack (`roleArn:`): its trust and policies are not managed here. */
export interface ExistingRolePlan {
  readonly key: string;
  readonly sourcePath: readonly PathSegment[];
  readonly name: string;
  readonly arn: string;
  readonly subjects: readonly Subject[];
  readonly identity: Identity;
  readonly clusters: readonly string[];
}

export interface ServiceAccountPlan {
  readonly address: string;
  /** The created role the ServiceAccount is for; undefined for an existing role (`roleArn:`). */
  readonly roleAddress?: string;
  /** The existing role's ARN, when roleAddress is undefined. */
  readonly existingRoleArn?: string;
  readonly cluster: string;
  readonly namespace: string;
  readonly name: string;
  /** What the annotations are made of: the role ARN (IRSA only) and the user's settings. */
  readonly identity: ServiceAccountIdentity;
  /** Every annotation, ours and the user's. */
  readonly annotations: Readonly<Record<string, string>>;
  readonly labels: Readonly<Record<string, string>>;
  /** Terraform import id (`namespace/name`) when the entry is adopted. */
  readonly importId?: string;
}

export interface PodIdentityAssociationPlan {
  readonly address: string;
  /** The created role; undefined for an existing role (`roleArn:`). */
  readonly roleAddress?: string;
  /** The existing role's ARN, when roleAddress is undefined. */
  readonly existingRoleArn?: string;
  readonly cluster: string;
  readonly namespace: string;
  readonly serviceAccount: string;
  readonly disableSessionTags?: boolean;
  readonly targetRoleArn?: string;
}
