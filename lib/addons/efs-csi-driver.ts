// Amazon EFS CSI driver (EKS add-on aws-efs-csi-driver).
// Upstream: https://github.com/kubernetes-sigs/aws-efs-csi-driver/blob/master/docs/iam-policy-example.json
// Upstream scopes writes by tag, not by ARN (access points are created on demand), so every Resource is "*".
import { z } from "zod";
import type { PolicyStatement } from "../iam/policy";
import { defineAddon, mainPolicy } from "./define";

const UPSTREAM = "https://github.com/kubernetes-sigs/aws-efs-csi-driver/blob/master/docs/iam-policy-example.json";

const STATEMENTS: readonly PolicyStatement[] = [
  {
    Effect: "Allow",
    Action: [
      "elasticfilesystem:DescribeAccessPoints",
      "elasticfilesystem:DescribeFileSystems",
      "elasticfilesystem:DescribeMountTargets",
      "s3files:ListAccessPoints",
      "s3files:ListFileSystems",
      "ec2:DescribeAvailabilityZones",
    ],
    Resource: "*",
  },
  {
    Effect: "Allow",
    Action: ["elasticfilesystem:CreateAccessPoint", "s3files:CreateAccessPoint"],
    Resource: "*",
    Condition: { StringLike: { "aws:RequestTag/efs.csi.aws.com/cluster": "true" } },
  },
  {
    Effect: "Allow",
    Action: ["elasticfilesystem:TagResource", "s3files:TagResource"],
    Resource: "*",
    Condition: { StringLike: { "aws:ResourceTag/efs.csi.aws.com/cluster": "true" } },
  },
  {
    Effect: "Allow",
    Action: ["elasticfilesystem:DeleteAccessPoint", "s3files:DeleteAccessPoint"],
    Resource: "*",
    Condition: { StringEquals: { "aws:ResourceTag/efs.csi.aws.com/cluster": "true" } },
  },
];

export const efsCsiDriver = defineAddon({
  id: "efsCsiDriver",
  title: "Amazon EFS CSI driver",
  defaultNamespace: "kube-system",
  defaultServiceAccountName: "efs-csi-controller-sa",
  options: z.strictObject({}),
  upstream: UPSTREAM,
  install: { kind: "eks-addon", addonName: "aws-efs-csi-driver" },
  policies: () => mainPolicy(STATEMENTS),
});
