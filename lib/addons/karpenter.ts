// Karpenter controller.
// Upstream: https://github.com/aws/karpenter-provider-aws/blob/main/website/content/en/preview/getting-started/getting-started-with-karpenter/cloudformation.yaml
// Since v1 the controller's permissions are six managed policies (NodeLifecycle, IAMIntegration, EKSIntegration,
// Interruption, ZonalShift, ResourceDiscovery); we render the same six documents with ${AWS::Partition},
// ${AWS::Region}, ${AWS::AccountId} and ${ClusterName} substituted, ${KarpenterNodeRole.Arn} replaced by the
// node role ARNs and ${KarpenterInterruptionQueue.Arn} by the interruption queue (that document only when a
// queue is given). Upstream writes one stack per cluster; for a role trusted by several clusters every
// statement naming ${ClusterName} is repeated per cluster (tag keys hold the name), and ARN lists name each cluster.
import { z } from "zod";
import { arn } from "../iam/arn";
import { policyDocument, type PolicyStatement } from "../iam/policy";
import type { AddonContext, NamedPolicy } from "./addon";
import { clusterArnOf, defineAddon, perCluster } from "./define";
import { arnOfKind, requiredArns } from "./options";

const UPSTREAM =
  "https://github.com/aws/karpenter-provider-aws/blob/main/website/content/en/preview/getting-started/getting-started-with-karpenter/cloudformation.yaml";

const options = z.strictObject({
  nodeRoleArns: requiredArns("nodeRoleArns", "iamRole"),
  interruptionQueueArn: arnOfKind("sqsQueue").optional(),
});
type KarpenterOptions = z.output<typeof options>;

const NODEPOOL_RESOURCE = { "aws:ResourceTag/karpenter.sh/nodepool": "*" } as const;
const NODEPOOL_REQUEST = { "aws:RequestTag/karpenter.sh/nodepool": "*" } as const;
const NODECLASS_RESOURCE = { "aws:ResourceTag/karpenter.k8s.aws/ec2nodeclass": "*" } as const;
const NODECLASS_REQUEST = { "aws:RequestTag/karpenter.k8s.aws/ec2nodeclass": "*" } as const;

/** ARN builders for the partition, account and region of the served cluster (Karpenter is a per-cluster controller). */
function arns(context: AddonContext) {
  const { partition, region, accountId } = context;
  return {
    ec2: (resource: string, account = "*") => arn({ partition, service: "ec2", region, account, resource }),
    instanceProfiles: arn({ partition, service: "iam", account: accountId, resource: "instance-profile/*" }),
    awsParameters: arn({ partition, service: "ssm", region, resource: "parameter/aws/service/*" }),
  };
}

const clusterArns = (context: AddonContext) => context.clusters.map((cluster) => clusterArnOf(context.partition, cluster));

function nodeLifecycle(context: AddonContext): readonly PolicyStatement[] {
  const { ec2 } = arns(context);
  const taggedOnLaunch = ["fleet/*", "instance/*", "volume/*", "network-interface/*", "launch-template/*", "spot-instances-request/*"].map(
    (resource) => ec2(resource)
  );
  return [
    {
      Sid: "AllowScopedEC2InstanceAccessActions",
      Effect: "Allow",
      Resource: [
        ec2("image/*", ""),
        ec2("snapshot/*", ""),
        ec2("security-group/*"),
        ec2("subnet/*"),
        ec2("capacity-reservation/*"),
        ec2("placement-group/*"),
      ],
      Action: ["ec2:RunInstances", "ec2:CreateFleet"],
    },
    ...perCluster(context.clusters, ({ name }): PolicyStatement[] => {
      const owned = `kubernetes.io/cluster/${name}`;
      return [
        {
          Sid: "AllowScopedEC2LaunchTemplateAccessActions",
          Effect: "Allow",
          Resource: ec2("launch-template/*"),
          Action: ["ec2:RunInstances", "ec2:CreateFleet"],
          Condition: { StringEquals: { [`aws:ResourceTag/${owned}`]: "owned" }, StringLike: NODEPOOL_RESOURCE },
        },
        {
          Sid: "AllowScopedEC2InstanceActionsWithTags",
          Effect: "Allow",
          Resource: taggedOnLaunch,
          Action: ["ec2:RunInstances", "ec2:CreateFleet", "ec2:CreateLaunchTemplate"],
          Condition: {
            StringEquals: { [`aws:RequestTag/${owned}`]: "owned", "aws:RequestTag/eks:eks-cluster-name": name },
            StringLike: NODEPOOL_REQUEST,
          },
        },
        {
          Sid: "AllowScopedResourceCreationTagging",
          Effect: "Allow",
          Resource: taggedOnLaunch,
          Action: "ec2:CreateTags",
          Condition: {
            StringEquals: {
              [`aws:RequestTag/${owned}`]: "owned",
              "aws:RequestTag/eks:eks-cluster-name": name,
              "ec2:CreateAction": ["RunInstances", "CreateFleet", "CreateLaunchTemplate"],
            },
            StringLike: NODEPOOL_REQUEST,
          },
        },
        {
          Sid: "AllowScopedResourceTagging",
          Effect: "Allow",
          Resource: ec2("instance/*"),
          Action: "ec2:CreateTags",
          Condition: {
            StringEquals: { [`aws:ResourceTag/${owned}`]: "owned" },
            StringLike: NODEPOOL_RESOURCE,
            StringEqualsIfExists: { "aws:RequestTag/eks:eks-cluster-name": name },
            "ForAllValues:StringEquals": { "aws:TagKeys": ["eks:eks-cluster-name", "karpenter.sh/nodeclaim", "Name"] },
          },
        },
        {
          Sid: "AllowScopedDeletion",
          Effect: "Allow",
          Resource: [ec2("instance/*"), ec2("launch-template/*")],
          Action: ["ec2:TerminateInstances", "ec2:DeleteLaunchTemplate"],
          Condition: { StringEquals: { [`aws:ResourceTag/${owned}`]: "owned" }, StringLike: NODEPOOL_RESOURCE },
        },
      ];
    }),
  ];
}

function iamIntegration(options: KarpenterOptions, context: AddonContext): readonly PolicyStatement[] {
  const { instanceProfiles } = arns(context);
  const region = context.region;
  return [
    {
      Sid: "AllowPassingInstanceRole",
      Effect: "Allow",
      Resource: options.nodeRoleArns,
      Action: "iam:PassRole",
      Condition: { StringEquals: { "iam:PassedToService": ["ec2.amazonaws.com", "ec2.amazonaws.com.cn"] } },
    },
    ...perCluster(context.clusters, ({ name }): PolicyStatement[] => {
      const requestTags = {
        [`aws:RequestTag/kubernetes.io/cluster/${name}`]: "owned",
        "aws:RequestTag/eks:eks-cluster-name": name,
        "aws:RequestTag/topology.kubernetes.io/region": region,
      };
      const resourceTags = {
        [`aws:ResourceTag/kubernetes.io/cluster/${name}`]: "owned",
        "aws:ResourceTag/topology.kubernetes.io/region": region,
      };
      return [
        {
          Sid: "AllowScopedInstanceProfileCreationActions",
          Effect: "Allow",
          Resource: instanceProfiles,
          Action: ["iam:CreateInstanceProfile"],
          Condition: { StringEquals: requestTags, StringLike: NODECLASS_REQUEST },
        },
        {
          Sid: "AllowScopedInstanceProfileTagActions",
          Effect: "Allow",
          Resource: instanceProfiles,
          Action: ["iam:TagInstanceProfile"],
          Condition: {
            StringEquals: { ...resourceTags, ...requestTags },
            StringLike: { ...NODECLASS_RESOURCE, ...NODECLASS_REQUEST },
          },
        },
        {
          Sid: "AllowScopedInstanceProfileActions",
          Effect: "Allow",
          Resource: instanceProfiles,
          Action: ["iam:AddRoleToInstanceProfile", "iam:RemoveRoleFromInstanceProfile", "iam:DeleteInstanceProfile"],
          Condition: { StringEquals: resourceTags, StringLike: NODECLASS_RESOURCE },
        },
      ];
    }),
  ];
}

function eksIntegration(context: AddonContext): readonly PolicyStatement[] {
  return [
    {
      Sid: "AllowAPIServerEndpointDiscovery",
      Effect: "Allow",
      Resource: clusterArns(context),
      Action: "eks:DescribeCluster",
    },
  ];
}

function interruption(queueArn: string): readonly PolicyStatement[] {
  return [
    {
      Sid: "AllowInterruptionQueueActions",
      Effect: "Allow",
      Resource: queueArn,
      Action: ["sqs:DeleteMessage", "sqs:GetQueueUrl", "sqs:ReceiveMessage"],
    },
  ];
}

function zonalShift(context: AddonContext): readonly PolicyStatement[] {
  return [
    {
      Sid: "AllowZonalShiftStatusReadOnly",
      Effect: "Allow",
      Resource: "*",
      Action: ["arc-zonal-shift:GetManagedResource"],
      Condition: { StringEquals: { "arc-zonal-shift:ResourceIdentifier": clusterArns(context) } },
    },
  ];
}

function resourceDiscovery(context: AddonContext): readonly PolicyStatement[] {
  const { instanceProfiles, awsParameters } = arns(context);
  return [
    {
      Sid: "AllowRegionalReadActions",
      Effect: "Allow",
      Resource: "*",
      Action: [
        "ec2:DescribeCapacityReservations",
        "ec2:DescribeImages",
        "ec2:DescribeInstances",
        "ec2:DescribeInstanceStatus",
        "ec2:DescribeInstanceTypeOfferings",
        "ec2:DescribeInstanceTypes",
        "ec2:DescribeLaunchTemplates",
        "ec2:DescribePlacementGroups",
        "ec2:DescribeSecurityGroups",
        "ec2:DescribeSpotPriceHistory",
        "ec2:DescribeSubnets",
      ],
      Condition: { StringEquals: { "aws:RequestedRegion": context.region } },
    },
    { Sid: "AllowSSMReadActions", Effect: "Allow", Resource: awsParameters, Action: "ssm:GetParameter" },
    { Sid: "AllowPricingReadActions", Effect: "Allow", Resource: "*", Action: "pricing:GetProducts" },
    { Sid: "AllowUnscopedInstanceProfileListAction", Effect: "Allow", Resource: "*", Action: "iam:ListInstanceProfiles" },
    { Sid: "AllowInstanceProfileReadActions", Effect: "Allow", Resource: instanceProfiles, Action: "iam:GetInstanceProfile" },
  ];
}

export const karpenter = defineAddon({
  id: "karpenter",
  title: "Karpenter",
  defaultNamespace: "kube-system",
  defaultServiceAccountName: "karpenter",
  options,
  upstream: UPSTREAM,
  install: { kind: "helm", chart: "karpenter", repository: "oci://public.ecr.aws/karpenter" },
  scope: "cluster",
  policies: (opts, context): readonly NamedPolicy[] => {
    const documents: [string, readonly PolicyStatement[] | undefined][] = [
      ["node-lifecycle", nodeLifecycle(context)],
      ["iam-integration", iamIntegration(opts, context)],
      ["eks-integration", eksIntegration(context)],
      ["interruption", opts.interruptionQueueArn === undefined ? undefined : interruption(opts.interruptionQueueArn)],
      ["zonal-shift", zonalShift(context)],
      ["resource-discovery", resourceDiscovery(context)],
    ];
    return documents.flatMap(([name, statements]) => (statements ? [{ name, document: policyDocument(statements) }] : []));
  },
});
