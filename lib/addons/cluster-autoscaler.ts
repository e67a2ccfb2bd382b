// Cluster Autoscaler (AWS cloud provider).
// Upstream: https://github.com/kubernetes/autoscaler/blob/master/cluster-autoscaler/cloudprovider/aws/README.md#iam-policy
// ("Full Cluster Autoscaler Features Policy (Recommended)"). Upstream leaves the two write actions on "*";
// as its minimal policy suggests, we restrict them: to Auto Scaling groups of the cluster's account and region that carry
// k8s.io/cluster-autoscaler/<cluster>=owned, one statement per cluster (IAM ANDs the keys of one statement).
import { z } from "zod";
import { autoScalingGroupsIn, defineAddon, mainPolicy, perCluster } from "./define";

const UPSTREAM = "https://github.com/kubernetes/autoscaler/blob/master/cluster-autoscaler/cloudprovider/aws/README.md#iam-policy";

export const clusterAutoscaler = defineAddon({
  id: "clusterAutoscaler",
  title: "Cluster Autoscaler",
  defaultNamespace: "kube-system",
  defaultServiceAccountName: "cluster-autoscaler",
  options: z.strictObject({}),
  upstream: UPSTREAM,
  install: { kind: "helm", chart: "cluster-autoscaler", repository: "https://kubernetes.github.io/autoscaler", serviceAccountValues: ["rbac", "serviceAccount"] },
  scope: "cluster",
  policies: (_options, context) =>
    mainPolicy([
      {
        Sid: "DescribeScalingResources",
        Effect: "Allow",
        Action: [
          "autoscaling:DescribeAutoScalingGroups",
          "autoscaling:DescribeAutoScalingInstances",
          "autoscaling:DescribeLaunchConfigurations",
          "autoscaling:DescribeScalingActivities",
          "ec2:DescribeImages",
          "ec2:DescribeInstanceTypes",
          "ec2:DescribeLaunchTemplateVersions",
          "ec2:GetInstanceTypesFromInstanceRequirements",
          "eks:DescribeNodegroup",
        ],
        Resource: "*",
      },
      ...perCluster(context.clusters, (cluster) => [
        {
          Sid: "ScaleOwnedAutoScalingGroups",
          Effect: "Allow",
          Action: ["autoscaling:SetDesiredCapacity", "autoscaling:TerminateInstanceInAutoScalingGroup"],
          Resource: autoScalingGroupsIn(context.partition, cluster),
          Condition: { StringEquals: { [`aws:ResourceTag/k8s.io/cluster-autoscaler/${cluster.name}`]: "owned" } },
        },
      ]),
    ]),
});
