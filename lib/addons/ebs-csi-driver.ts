// Amazon EBS CSI driver (EKS add-on aws-ebs-csi-driver).
// Upstream: https://github.com/kubernetes-sigs/aws-ebs-csi-driver/blob/master/docs/AmazonEBSCSIDriverPolicyV2.json
// (the AWS managed policy service-role/AmazonEBSCSIDriverPolicyV2, which docs/install.md now points to;
// docs/example-iam-policy.json is the older, wider document). Customer managed KMS keys for encrypted volumes:
// the key policy of https://docs.aws.amazon.com/eks/latest/userguide/ebs-csi.html, as a second document.
import { z } from "zod";
import type { Partition } from "../iam/arn";
import { policyDocument, type PolicyStatement } from "../iam/policy";
import type { NamedPolicy } from "./addon";
import { anyRegionArn, defineAddon } from "./define";
import { optionalArns } from "./options";

const UPSTREAM = "https://github.com/kubernetes-sigs/aws-ebs-csi-driver/blob/master/docs/AmazonEBSCSIDriverPolicyV2.json";

const MANAGED = { StringEquals: { "ec2:ResourceTag/ebs.csi.aws.com/cluster": "true" } } as const;
const CREATED_MANAGED = { StringEquals: { "aws:RequestTag/ebs.csi.aws.com/cluster": "true" } } as const;
const CSI_MIGRATED = { StringLike: { "ec2:ResourceTag/kubernetes.io/created-for/pvc/name": "*" } } as const;

function statements(partition: Partition): readonly PolicyStatement[] {
  const ec2 = (resource: string) => anyRegionArn(partition, "ec2", resource);
  const volumes = ec2("volume/*");
  const snapshots = ec2("snapshot/*");
  const volumeIds = ec2("volume/vol-*");
  const manageVolumeActions = ["ec2:ModifyVolume", "ec2:AttachVolume", "ec2:DetachVolume", "ec2:DeleteVolume"];
  return [
    {
      Sid: "ReadOnlyDescribeOperations",
      Effect: "Allow",
      Action: [
        "ec2:DescribeAvailabilityZones",
        "ec2:DescribeInstances",
        "ec2:DescribeInstanceTypes",
        "ec2:DescribeSnapshots",
        "ec2:DescribeVolumes",
        "ec2:DescribeVolumesModifications",
        "ec2:DescribeVolumeStatus",
      ],
      Resource: "*",
    },
    {
      Sid: "CreateAndCopyVolumesWithManagedTag",
      Effect: "Allow",
      Action: ["ec2:CreateVolume", "ec2:CopyVolumes"],
      Resource: volumes,
      Condition: CREATED_MANAGED,
    },
    { Sid: "CopyManagedVolumes", Effect: "Allow", Action: ["ec2:CopyVolumes"], Resource: volumeIds, Condition: MANAGED },
    { Sid: "CopyCSIMigratedVolumes", Effect: "Allow", Action: ["ec2:CopyVolumes"], Resource: volumeIds, Condition: CSI_MIGRATED },
    {
      Sid: "CreateSnapshotsWithManagedTag",
      Effect: "Allow",
      Action: ["ec2:CreateSnapshot"],
      Resource: snapshots,
      Condition: CREATED_MANAGED,
    },
    { Sid: "CreateSnapshotsFromManagedVolumes", Effect: "Allow", Action: ["ec2:CreateSnapshot"], Resource: volumes, Condition: MANAGED },
    { Sid: "ManageManagedVolumes", Effect: "Allow", Action: manageVolumeActions, Resource: volumes, Condition: MANAGED },
    { Sid: "ManageCSIMigratedVolumes", Effect: "Allow", Action: manageVolumeActions, Resource: volumes, Condition: CSI_MIGRATED },
    {
      Sid: "CreateVolumesFromAndEnableFSROnManagedSnapshots",
      Effect: "Allow",
      Action: ["ec2:CreateVolume", "ec2:EnableFastSnapshotRestores"],
      Resource: snapshots,
      Condition: MANAGED,
    },
    {
      Sid: "AttachDetachVolumesToAnyInstance",
      Effect: "Allow",
      Action: ["ec2:AttachVolume", "ec2:DetachVolume"],
      Resource: ec2("instance/*"),
    },
    {
      Sid: "DeleteAndLockManagedSnapshots",
      Effect: "Allow",
      Action: ["ec2:DeleteSnapshot", "ec2:LockSnapshot"],
      Resource: snapshots,
      Condition: MANAGED,
    },
    {
      Sid: "TagResourcesOnCreation",
      Effect: "Allow",
      Action: ["ec2:CreateTags"],
      Resource: [volumes, snapshots],
      Condition: { StringEquals: { "ec2:CreateAction": ["CreateVolume", "CreateSnapshot", "CopyVolumes"] } },
    },
    {
      Sid: "ModifyTagsOnManagedVolumes",
      Effect: "Allow",
      Action: ["ec2:CreateTags", "ec2:DeleteTags"],
      Resource: volumes,
      Condition: {
        ...MANAGED,
        Null: { "aws:TagKeys": "false" },
        "ForAllValues:StringNotEquals": {
          "aws:TagKeys": ["ebs.csi.aws.com/cluster", "ebs.csi.aws.com/cluster-name", "kubernetes.io/created-for/pvc/name"],
        },
      },
    },
  ];
}

/** Encrypted volumes with customer managed keys: EBS uses the key through grants on the driver's behalf. */
function kmsStatements(keyArns: readonly string[]): readonly PolicyStatement[] {
  return [
    {
      Sid: "CreateGrantsForEbs",
      Effect: "Allow",
      Action: ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"],
      Resource: keyArns,
      Condition: { Bool: { "kms:GrantIsForAWSResource": "true" } },
    },
    {
      Sid: "UseKeysForEbs",
      Effect: "Allow",
      Action: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],
      Resource: keyArns,
    },
  ];
}

export const ebsCsiDriver = defineAddon({
  id: "ebsCsiDriver",
  title: "Amazon EBS CSI driver",
  defaultNamespace: "kube-system",
  defaultServiceAccountName: "ebs-csi-controller-sa",
  options: z.strictObject({ kmsKeyArns: optionalArns("kmsKeyArns", "kmsKey") }),
  upstream: UPSTREAM,
  install: { kind: "eks-addon", addonName: "aws-ebs-csi-driver" },
  policies: (options, context): readonly NamedPolicy[] => [
    { name: "main", document: policyDocument(statements(context.partition)) },
    ...(options.kmsKeyArns ? [{ name: "kms", document: policyDocument(kmsStatements(options.kmsKeyArns)) }] : []),
  ],
});
