// Mountpoint for Amazon S3 CSI driver (EKS add-on aws-mountpoint-s3-csi-driver).
// Upstream: https://github.com/awslabs/mountpoint-s3/blob/main/doc/CONFIGURATION.md#iam-permissions, as the EKS user
// guide applies it to the driver (https://docs.aws.amazon.com/eks/latest/userguide/s3-csi-create.html):
// full access to the objects of the listed buckets.
import { z } from "zod";
import { defineAddon, mainPolicy } from "./define";
import { requiredArns } from "./options";

const UPSTREAM = "https://github.com/awslabs/mountpoint-s3/blob/main/doc/CONFIGURATION.md#iam-permissions";

export const mountpointS3CsiDriver = defineAddon({
  id: "mountpointS3CsiDriver",
  title: "Mountpoint for Amazon S3 CSI driver",
  defaultNamespace: "kube-system",
  defaultServiceAccountName: "s3-csi-driver-sa",
  options: z.strictObject({ bucketArns: requiredArns("bucketArns", "s3Bucket") }),
  upstream: UPSTREAM,
  install: { kind: "eks-addon", addonName: "aws-mountpoint-s3-csi-driver" },
  policies: (options) =>
    mainPolicy([
      { Sid: "MountpointFullBucketAccess", Effect: "Allow", Action: ["s3:ListBucket"], Resource: options.bucketArns },
      {
        Sid: "MountpointFullObjectAccess",
        Effect: "Allow",
        Action: ["s3:GetObject", "s3:PutObject", "s3:AbortMultipartUpload", "s3:DeleteObject"],
        Resource: options.bucketArns.map((bucket) => `${bucket}/*`),
      },
    ]),
});
