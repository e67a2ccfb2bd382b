// Amazon CloudWatch Observability (EKS add-on amazon-cloudwatch-observability: CloudWatch agent, Fluent Bit,
// Application Signals). Upstream: https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/install-CloudWatch-Observability-EKS-addon.html,
// which attaches the AWS managed policies CloudWatchAgentServerPolicy and AWSXrayWriteOnlyAccess; this is
// their union (the X-Ray write actions are already part of the agent policy).
import { z } from "zod";
import { arn } from "../iam/arn";
import { defineAddon, mainPolicy } from "./define";

const UPSTREAM = "https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/install-CloudWatch-Observability-EKS-addon.html";

const XRAY_WRITE_ONLY_ACTIONS = [
  "xray:PutTraceSegments",
  "xray:PutTelemetryRecords",
  "xray:GetSamplingRules",
  "xray:GetSamplingTargets",
  "xray:GetSamplingStatisticSummaries",
] as const;

const CLOUDWATCH_AGENT_SERVER_ACTIONS = [
  "cloudwatch:PutMetricData",
  "ec2:DescribeVolumes",
  "ec2:DescribeTags",
  "logs:PutLogEvents",
  "logs:PutRetentionPolicy",
  "logs:DescribeLogStreams",
  "logs:DescribeLogGroups",
  "logs:CreateLogStream",
  "logs:CreateLogGroup",
  ...XRAY_WRITE_ONLY_ACTIONS,
] as const;

export const cloudwatchObservability = defineAddon({
  id: "cloudwatchObservability",
  title: "Amazon CloudWatch Observability",
  defaultNamespace: "amazon-cloudwatch",
  defaultServiceAccountName: "cloudwatch-agent",
  options: z.strictObject({}),
  upstream: UPSTREAM,
  install: { kind: "eks-addon", addonName: "amazon-cloudwatch-observability" },
  policies: (_options, context) =>
    mainPolicy([
      { Sid: "CWACloudWatchServerPermissions", Effect: "Allow", Action: CLOUDWATCH_AGENT_SERVER_ACTIONS, Resource: "*" },
      {
        Sid: "CWASSMServerPermissions",
        Effect: "Allow",
        Action: ["ssm:GetParameter"],
        Resource: arn({
          partition: context.partition,
          service: "ssm",
          region: "*",
          account: "*",
          resource: "parameter/AmazonCloudWatch-*",
        }),
      },
    ]),
});
