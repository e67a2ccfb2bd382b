// Amazon FSx for Lustre CSI driver.
// Upstream: https://github.com/kubernetes-sigs/aws-fsx-csi-driver/blob/master/docs/install.md
// (the explicit policy of "Set up driver permissions"; the page's IRSA example attaches the much wider
// AWS managed AmazonFSxFullAccess instead).
import { z } from "zod";
import { arn } from "../iam/arn";
import { defineAddon, mainPolicy } from "./define";

const UPSTREAM = "https://github.com/kubernetes-sigs/aws-fsx-csi-driver/blob/master/docs/install.md";

export const fsxLustreCsiDriver = defineAddon({
  id: "fsxLustreCsiDriver",
  title: "Amazon FSx for Lustre CSI driver",
  defaultNamespace: "kube-system",
  defaultServiceAccountName: "fsx-csi-controller-sa",
  options: z.strictObject({}),
  upstream: UPSTREAM,
  install: { kind: "helm", chart: "aws-fsx-csi-driver", repository: "https://kubernetes-sigs.github.io/aws-fsx-csi-driver" },
  policies: (_options, context) =>
    mainPolicy([
      {
        Sid: "S3DataRepositoryServiceLinkedRole",
        Effect: "Allow",
        Action: ["iam:CreateServiceLinkedRole", "iam:AttachRolePolicy", "iam:PutRolePolicy"],
        Resource: arn({
          partition: context.partition,
          service: "iam",
          account: "*",
          resource: "role/aws-service-role/s3.data-source.lustre.fsx.amazonaws.com/*",
        }),
      },
      {
        Sid: "FsxServiceLinkedRole",
        Effect: "Allow",
        Action: "iam:CreateServiceLinkedRole",
        Resource: "*",
        Condition: { StringLike: { "iam:AWSServiceName": ["fsx.amazonaws.com"] } },
      },
      {
        Sid: "ManageFileSystems",
        Effect: "Allow",
        Action: [
          "s3:ListBucket",
          "fsx:CreateFileSystem",
          "fsx:DeleteFileSystem",
          "fsx:DescribeFileSystems",
          "fsx:TagResource",
          "fsx:UpdateFileSystem",
        ],
        Resource: ["*"],
      },
    ]),
});
