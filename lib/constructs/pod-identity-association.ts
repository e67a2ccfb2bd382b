// An EKS Pod Identity association of the plan, created in the cluster's account.
import { EksPodIdentityAssociation } from "@cdktf/provider-aws/lib/eks-pod-identity-association";
import type { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import type { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { Construct } from "constructs";
import type { PodIdentityAssociationPlan } from "../model/types";
import { literal } from "./literal";

export class PodIdentityAssociation extends Construct {
  constructor(scope: Construct, plan: PodIdentityAssociationPlan, role: IamRole, provider: AwsProvider | undefined) {
    super(scope, `pia-${plan.address}`);
    new EksPodIdentityAssociation(this, "association", {
      provider,
      clusterName: literal(plan.cluster),
      namespace: literal(plan.namespace),
      serviceAccount: literal(plan.serviceAccount),
      roleArn: role.arn,
      disableSessionTags: plan.disableSessionTags,
      targetRoleArn: literal(plan.targetRoleArn),
    }).overrideLogicalId(plan.address);
  }
}
