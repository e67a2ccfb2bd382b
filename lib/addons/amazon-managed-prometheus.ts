// Amazon Managed Service for Prometheus: a Prometheus server (or collector) that remote-writes to a workspace,
// and/or a client that queries it.
// Upstream: https://docs.aws.amazon.com/prometheus/latest/userguide/set-up-irsa.html, with the actions of the AWS
// managed policies AmazonPrometheusRemoteWriteAccess and AmazonPrometheusQueryAccess, scoped to the listed
// workspaces instead of "*".
import { z } from "zod";
import type { PolicyStatement } from "../iam/policy";
import { defineAddon, mainPolicy } from "./define";
import { requiredArns } from "./options";

const UPSTREAM = "https://docs.aws.amazon.com/prometheus/latest/userguide/set-up-irsa.html";

const REMOTE_WRITE_ACTIONS = ["aps:RemoteWrite"] as const;
const QUERY_ACTIONS = ["aps:GetLabels", "aps:GetMetricMetadata", "aps:GetSeries", "aps:QueryMetrics"] as const;

export const amazonManagedPrometheus = defineAddon({
  id: "amazonManagedPrometheus",
  title: "Amazon Managed Service for Prometheus",
  defaultNamespace: "prometheus",
  defaultServiceAccountName: "amp-iamproxy-ingest-service-account",
  options: z.strictObject({
    workspaceArns: requiredArns("workspaceArns", "apsWorkspace"),
    /** What the workload does with the workspaces; remoteWrite (ingestion) when absent. */
    access: z.enum(["remoteWrite", "query", "remoteWriteAndQuery"]).optional(),
  }),
  upstream: UPSTREAM,
  install: { kind: "helm", chart: "prometheus", repository: "https://prometheus-community.github.io/helm-charts", serviceAccountValues: ["serviceAccounts", "server"] },
  policies: (options) => {
    const access = options.access ?? "remoteWrite";
    const statements: PolicyStatement[] = [];
    if (access !== "query") {
      statements.push({ Sid: "RemoteWrite", Effect: "Allow", Action: REMOTE_WRITE_ACTIONS, Resource: options.workspaceArns });
    }
    if (access !== "remoteWrite") {
      statements.push({ Sid: "Query", Effect: "Allow", Action: QUERY_ACTIONS, Resource: options.workspaceArns });
    }
    return mainPolicy(statements);
  },
});
