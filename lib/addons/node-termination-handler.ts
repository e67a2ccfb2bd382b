// AWS Node Termination Handler, Queue Processor mode.
// Upstream: https://github.com/aws/aws-node-termination-handler#queue-processor (IAM policy of the
// "Set up IAM Policy" step). Upstream grants everything on "*"; we keep the describes there and scope
// the queue actions to the listed queues and CompleteLifecycleAction to this account's groups in this region.
import { z } from "zod";
import { autoScalingGroupsOf, defineAddon, mainPolicy } from "./define";
import { requiredArns } from "./options";

const UPSTREAM = "https://github.com/aws/aws-node-termination-handler#queue-processor";

export const nodeTerminationHandler = defineAddon({
  id: "nodeTerminationHandler",
  title: "AWS Node Termination Handler",
  defaultNamespace: "kube-system",
  defaultServiceAccountName: "aws-node-termination-handler",
  options: z.strictObject({ queueArns: requiredArns("queueArns", "sqsQueue") }),
  upstream: UPSTREAM,
  install: { kind: "helm", chart: "aws-node-termination-handler", repository: "https://aws.github.io/eks-charts" },
  policies: (options, context) =>
    mainPolicy([
      {
        Sid: "DescribeInstances",
        Effect: "Allow",
        Action: ["autoscaling:DescribeAutoScalingInstances", "autoscaling:DescribeTags", "ec2:DescribeInstances"],
        Resource: "*",
      },
      {
        Sid: "CompleteLifecycleActions",
        Effect: "Allow",
        Action: ["autoscaling:CompleteLifecycleAction"],
        Resource: autoScalingGroupsOf(context),
      },
      { Sid: "ConsumeListedQueues", Effect: "Allow", Action: ["sqs:DeleteMessage", "sqs:ReceiveMessage"], Resource: options.queueArns },
    ]),
});
