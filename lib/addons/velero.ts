// Velero with the AWS plugin (S3 object store, EBS volume snapshots).
// Upstream: https://github.com/vmware-tanzu/velero-plugin-for-aws/blob/main/README.md#set-permissions-for-velero
// The bucket statements name each listed bucket instead of upstream's ${BUCKET} placeholder.
import { z } from "zod";
import { defineAddon, mainPolicy } from "./define";
import { requiredArns } from "./options";

const UPSTREAM = "https://github.com/vmware-tanzu/velero-plugin-for-aws/blob/main/README.md#set-permissions-for-velero";

export const velero = defineAddon({
  id: "velero",
  title: "Velero",
  defaultNamespace: "velero",
  // The Helm chart's ServiceAccount is "<release fullname>-server" (velero-server for release "velero").
  defaultServiceAccountName: "velero-server",
  options: z.strictObject({ bucketArns: requiredArns("bucketArns", "s3Bucket") }),
  upstream: UPSTREAM,
  install: { kind: "helm", chart: "velero", repository: "https://vmware-tanzu.github.io/helm-charts", serviceAccountValues: ["serviceAccount", "server"] },
  policies: (options) =>
    mainPolicy([
      {
        Sid: "ManageVolumeSnapshots",
        Effect: "Allow",
        Action: [
          "ec2:DescribeVolumes",
          "ec2:DescribeSnapshots",
          "ec2:CreateTags",
          "ec2:CreateVolume",
          "ec2:CreateSnapshot",
          "ec2:DeleteSnapshot",
        ],
        Resource: "*",
      },
      {
        Sid: "ReadWriteBackupObjects",
        Effect: "Allow",
        Action: ["s3:GetObject", "s3:DeleteObject", "s3:PutObject", "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts"],
        Resource: options.bucketArns.map((bucket) => `${bucket}/*`),
      },
      { Sid: "ListBackupBuckets", Effect: "Allow", Action: ["s3:ListBucket"], Resource: options.bucketArns },
    ]),
});
