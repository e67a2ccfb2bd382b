// The construct library: what a cdktf app imports (the package's main entry re-exports this).
export { EksOidcProvider, type EksOidcProviderProps } from "./oidc-provider";
export { WorkloadRole, existingRole, type IWorkloadRole, type RoleAdoption, type ServiceAccountSubject, type WorkloadRoleProps } from "./workload-role";
export { IrsaRole, type IrsaRoleProps } from "./irsa-role";
export { PodIdentityRole, type PodIdentityCluster, type PodIdentityRoleProps } from "./pod-identity-role";
export { IrsaServiceAccount, type IrsaServiceAccountProps } from "./service-account";
export { PodIdentityAssociation, type PodIdentityAssociationProps } from "./pod-identity-association";
export {
  AwsLoadBalancerControllerRole,
  ClusterAutoscalerRole,
  ControllerRole,
  EbsCsiDriverRole,
  ExternalDnsRole,
  type ControllerRoleBaseProps,
  type ControllerRoleProps,
  type EbsCsiDriverRoleProps,
  type ExternalDnsRoleProps,
} from "./controller-role";
export type { PolicyDocument, PolicyStatement } from "../iam/policy";
export type { OidcTrustee } from "../iam/trust";
export type { Partition } from "../iam/arn";
