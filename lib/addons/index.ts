// The controller catalog: every controller, in a stable order (the order of `irsa addons` and of the docs).
// Policies as data, below the config: the `addons:` block of irsa.yaml is built from it in lib/config/addons-schema.ts.
import type { ControllerAddon } from "./addon";
import { amazonManagedPrometheus } from "./amazon-managed-prometheus";
import { awsLoadBalancerController } from "./aws-load-balancer-controller";
import { certManager } from "./cert-manager";
import { cloudwatchObservability } from "./cloudwatch-observability";
import { clusterAutoscaler } from "./cluster-autoscaler";
import { ebsCsiDriver } from "./ebs-csi-driver";
import { efsCsiDriver } from "./efs-csi-driver";
import { externalDns } from "./external-dns";
import { externalSecrets } from "./external-secrets";
import { fsxLustreCsiDriver } from "./fsx-lustre-csi-driver";
import { karpenter } from "./karpenter";
import { mountpointS3CsiDriver } from "./mountpoint-s3-csi-driver";
import { nodeTerminationHandler } from "./node-termination-handler";
import { velero } from "./velero";
import { vpcCni } from "./vpc-cni";

export type { AddonContext, ClusterPlace, ControllerAddon, InstallMethod, NamedPolicy } from "./addon";

export const ADDONS: readonly ControllerAddon[] = [
  awsLoadBalancerController,
  ebsCsiDriver,
  efsCsiDriver,
  externalDns,
  clusterAutoscaler,
  karpenter,
  certManager,
  externalSecrets,
  vpcCni,
  velero,
  amazonManagedPrometheus,
  fsxLustreCsiDriver,
  mountpointS3CsiDriver,
  cloudwatchObservability,
  nodeTerminationHandler,
];

export function addonById(id: string): ControllerAddon | undefined {
  return ADDONS.find((addon) => addon.id === id);
}
