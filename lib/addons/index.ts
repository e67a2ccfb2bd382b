// The controller catalog: every controller, in a stable order (the order of `irsa addons` and of the docs),
// and the full per-addon options schema of irsa.yaml (`addons.<id>`).
import { z } from "zod";
import { identity, namespaceName, roleName, serviceAccountName, strictObject } from "../config/fields";
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

export type { AddonContext, ControllerAddon, InstallMethod, NamedPolicy } from "./addon";

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

/** Keys every addon takes besides its own scoping keys. */
export const COMMON_ADDON_SHAPE = {
  namespace: namespaceName.optional(),
  serviceAccountName: serviceAccountName.optional(),
  createServiceAccount: z.boolean().optional(),
  roleName: roleName.optional(),
  /** irsa (default) | pod-identity | both; EKS managed add-ons support Pod Identity too. */
  identity: identity.optional(),
};

export type CommonAddonOptions = z.output<z.ZodObject<typeof COMMON_ADDON_SHAPE>>;

const COMMON_KEYS = Object.keys(COMMON_ADDON_SHAPE);

/**
 * The schema of `addons.<id>`: the addon's own keys plus the common ones, strict (unknown keys get a
 * did-you-mean against all of them). The addon's own cross-key checks (object-level refinements, such as
 * "at least one of") are re-run on its own keys; the field checks are already part of the merged shape.
 */
export function addonOptionsSchema(addon: ControllerAddon) {
  return strictObject({ ...COMMON_ADDON_SHAPE, ...addon.options.shape }).superRefine((value, context) => {
    const own = Object.fromEntries(Object.entries(value).filter(([key]) => !COMMON_KEYS.includes(key)));
    const result = addon.options.safeParse(own);
    for (const issue of result.error?.issues ?? []) {
      if (issue.path.length === 0) context.addIssue({ code: "custom", message: issue.message, input: value });
    }
  });
}

/** The schema of the whole `addons:` block: each catalog id, optional. */
export function addonsBlockSchema() {
  return strictObject(Object.fromEntries(ADDONS.map((addon) => [addon.id, addonOptionsSchema(addon).optional()])));
}
