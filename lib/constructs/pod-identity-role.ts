// An IAM role for EKS Pod Identity: trusted by pods.eks.amazonaws.com, narrowed by the session tags EKS sets
// (cluster, namespace, ServiceAccount). Optionally trusted by IRSA tokens too, for `identity: both` or a migration.
import { Fn, Token } from "cdktf";
import type { Construct } from "constructs";
import { z } from "zod";
import * as field from "../config/fields";
import { PARTITION_PATTERN, type Partition } from "../iam/arn";
import { workloadTrust } from "../iam/trust";
import { oidcProvidersSchema, oidcTrust } from "./irsa-role";
import type { EksOidcProvider } from "./oidc-provider";
import { unlessToken } from "./props";
import { WorkloadRole, workloadRolePropsShape, type ServiceAccountSubject, type WorkloadRoleProps } from "./workload-role";

/** A cluster whose Pod Identity associations may use the role. */
export interface PodIdentityCluster {
  /** The cluster's ARN, `arn:aws:eks:<region>:<account>:cluster/<name>`, or a reference such as `cluster.arn`. */
  readonly clusterArn: string;
  /** The cluster's account (`aws:SourceAccount`): the role's account, as Pod Identity requires. @default - read from clusterArn */
  readonly accountId?: string;
}

export interface PodIdentityRoleProps extends WorkloadRoleProps {
  /** The clusters whose Pod Identity associations may use the role. At least one. */
  readonly clusters: readonly PodIdentityCluster[];
  /** The ServiceAccounts that may use it (exact names: an association names one ServiceAccount). At least one. */
  readonly serviceAccounts: readonly ServiceAccountSubject[];
  /**
   * Check the session tags EKS sets (cluster ARN, namespace, ServiceAccount). Without them only the account can be
   * checked: any association in it naming this role can use it. Turn off only with the association's
   * `disableSessionTags`. @default true
   */
  readonly sessionTags?: boolean;
  /** Also trust these clusters' IRSA tokens (one statement per provider): during a migration, or for both mechanisms. @default - none */
  readonly oidcProviders?: readonly EksOidcProvider[];
}

const ARN = new RegExp(`^arn:${PARTITION_PATTERN}:eks:[^:]+:(\\d{12}):cluster\\/.+$`);

const propsSchema = z.object({
  ...workloadRolePropsShape,
  clusters: z
    .array(z.object({ clusterArn: unlessToken(z.string().regex(ARN, "must be an EKS cluster ARN (arn:aws:eks:<region>:<account>:cluster/<name>)")), accountId: unlessToken(field.accountId.optional()) }), {
      error: "must list the clusters ({ clusterArn }) whose associations may use the role",
    })
    .min(1, "must list at least one cluster"),
  serviceAccounts: z
    .array(z.object({ namespace: unlessToken(field.namespaceName), name: unlessToken(field.serviceAccountName) }), { error: "must list the ServiceAccounts ({ namespace, name })" })
    .min(1, "must list at least one ServiceAccount"),
  oidcProviders: oidcProvidersSchema(0).optional(),
});

/** An IAM role for EKS Pod Identity: trusted by `pods.eks.amazonaws.com`, narrowed by the session tags EKS sets. */
export class PodIdentityRole extends WorkloadRole {
  /** The ServiceAccounts whose pods may use it. */
  readonly serviceAccounts: readonly ServiceAccountSubject[];

  constructor(scope: Construct, id: string, props: PodIdentityRoleProps) {
    super(scope, id, props, propsSchema, () => {
      const trustees = props.clusters.map((c) => ({ clusterArn: c.clusterArn, accountId: c.accountId ?? accountOf(c.clusterArn) }));
      const oidcProviders = props.oidcProviders ?? [];
      return {
        ...oidcTrust(oidcProviders),
        accountId: trustees[0].accountId,
        partition: partitionOf(props.clusters[0].clusterArn) ?? oidcTrust(oidcProviders).partition,
        document: workloadTrust({
          subjects: props.serviceAccounts,
          oidc: oidcProviders.map((p) => p.trustee),
          podIdentity: { trustees, sessionTags: props.sessionTags ?? true },
        }),
      };
    });
    this.serviceAccounts = props.serviceAccounts;
  }
}

/** The account field of an ARN: read now when known, by Terraform when a reference. */
const accountOf = (clusterArn: string) => (Token.isUnresolved(clusterArn) ? Fn.element(Fn.split(":", clusterArn), 4) : ARN.exec(clusterArn)![2]);

const partitionOf = (clusterArn: string) => (Token.isUnresolved(clusterArn) ? undefined : (ARN.exec(clusterArn)![1] as Partition));
