// Amazon VPC CNI plugin (EKS add-on vpc-cni, DaemonSet aws-node).
// Upstream: the AWS managed policy AmazonEKS_CNI_Policy (IPv4) and the IPv6 policy of the EKS user guide,
// https://docs.aws.amazon.com/eks/latest/userguide/cni-iam-role.html (see also
// https://github.com/aws/amazon-vpc-cni-k8s/blob/master/docs/iam-policy.md).
import { z } from "zod";
import type { PolicyStatement } from "../iam/policy";
import { anyRegionArn, defineAddon, mainPolicy } from "./define";

const UPSTREAM = "https://docs.aws.amazon.com/eks/latest/userguide/cni-iam-role.html";

const ACTIONS = {
  ipv4: [
    "ec2:AssignPrivateIpAddresses",
    "ec2:AttachNetworkInterface",
    "ec2:CreateNetworkInterface",
    "ec2:DeleteNetworkInterface",
    "ec2:DescribeInstances",
    "ec2:DescribeTags",
    "ec2:DescribeNetworkInterfaces",
    "ec2:DescribeInstanceTypes",
    "ec2:DescribeSubnets",
    "ec2:DetachNetworkInterface",
    "ec2:ModifyNetworkInterfaceAttribute",
    "ec2:UnassignPrivateIpAddresses",
  ],
  ipv6: [
    "ec2:AssignIpv6Addresses",
    "ec2:DescribeInstances",
    "ec2:DescribeTags",
    "ec2:DescribeNetworkInterfaces",
    "ec2:DescribeInstanceTypes",
  ],
} as const;

export const vpcCni = defineAddon({
  id: "vpcCni",
  title: "Amazon VPC CNI",
  defaultNamespace: "kube-system",
  defaultServiceAccountName: "aws-node",
  options: z.strictObject({ ipFamily: z.enum(["ipv4", "ipv6"]).optional() }),
  upstream: UPSTREAM,
  install: { kind: "eks-addon", addonName: "vpc-cni" },
  policies: (options, context) => {
    const statements: readonly PolicyStatement[] = [
      { Sid: "AmazonEKSCNIPolicy", Effect: "Allow", Action: ACTIONS[options.ipFamily ?? "ipv4"], Resource: "*" },
      {
        Sid: "AmazonEKSCNIPolicyENITag",
        Effect: "Allow",
        Action: ["ec2:CreateTags"],
        Resource: [anyRegionArn(context.partition, "ec2", "network-interface/*")],
      },
    ];
    return mainPolicy(statements);
  },
});
