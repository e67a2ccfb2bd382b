// An EKS Pod Identity association: pods of one ServiceAccount on one cluster get the role, without annotation.
import { EksPodIdentityAssociation } from "@cdktf/provider-aws/lib/eks-pod-identity-association";
import type { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Construct } from "constructs";
import { z } from "zod";
import * as field from "../config/fields";
import { literal } from "./literal";
import { checkProps, unlessToken } from "./props";
import type { IWorkloadRole } from "./workload-role";

export interface PodIdentityAssociationProps {
  /** Name of the EKS cluster (a literal or a reference such as `cluster.name`). */
  readonly clusterName: string;
  /** Namespace of the ServiceAccount. */
  readonly namespace: string;
  /** Name of the ServiceAccount. */
  readonly serviceAccount: string;
  /** The role: a PodIdentityRole of the cluster's account, or existingRole(arn). */
  readonly role: IWorkloadRole;
  /** Leave out the session tags; the role's trust must then not check them (PodIdentityRole `sessionTags: false`). @default false */
  readonly disableSessionTags?: boolean;
  /** A role in another account that EKS assumes next with the first role's credentials. @default - none */
  readonly targetRoleArn?: string;
  /** AWS provider of the cluster's account and region. @default - the stack's default aws provider */
  readonly provider?: AwsProvider;
  /** Terraform local name (`aws_eks_pod_identity_association.<localName>`). @default - cdktf's name from the construct path */
  readonly localName?: string;
}

const propsSchema = z.object({
  clusterName: unlessToken(field.clusterName),
  namespace: unlessToken(field.namespaceName),
  serviceAccount: unlessToken(field.serviceAccountName),
  targetRoleArn: unlessToken(field.roleArn.optional()),
});

/** Gives the pods of one ServiceAccount on one cluster a role through EKS Pod Identity (`aws_eks_pod_identity_association`). */
export class PodIdentityAssociation extends Construct {
  /** The association resource. */
  readonly association: EksPodIdentityAssociation;

  constructor(scope: Construct, id: string, props: PodIdentityAssociationProps) {
    super(scope, id);
    checkProps(this, props, propsSchema);
    this.association = new EksPodIdentityAssociation(this, "association", {
      provider: props.provider,
      clusterName: literal(props.clusterName),
      namespace: literal(props.namespace),
      serviceAccount: literal(props.serviceAccount),
      // The created role by reference (the association waits for it); an existing one by its ARN.
      roleArn: props.role.role?.arn ?? literal(props.role.roleArn),
      disableSessionTags: props.disableSessionTags,
      targetRoleArn: literal(props.targetRoleArn),
    });
    if (props.localName) this.association.overrideLogicalId(props.localName);
  }
}
