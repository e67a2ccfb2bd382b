// Small helpers the controller files share.
import type { z } from "zod";
import { arn, type Partition } from "../iam/arn";
import { policyDocument, type OneOrMany, type PolicyStatement } from "../iam/policy";
import type { AddonContext, ClusterPlace, ControllerAddon, NamedPolicy } from "./addon";

/** Typed identity: ties a controller's policies() to the output type of its options schema. */
export function defineAddon<Schema extends z.ZodObject>(
  addon: ControllerAddon<z.output<Schema>> & { readonly options: Schema }
): ControllerAddon<z.output<Schema>> & { readonly options: Schema } {
  return addon;
}

/** The one inline policy of a controller whose upstream is a single document. */
export function mainPolicy(statements: readonly PolicyStatement[]): readonly NamedPolicy[] {
  return [{ name: "main", document: policyDocument(statements) }];
}

/** `arn:<partition>:<service>:*:*:<resource>`, the any-region, any-account pattern upstream policies use. */
export function anyRegionArn(partition: Partition, service: string, resource: string): string {
  return arn({ partition, service, region: "*", account: "*", resource });
}

/** The ARN of a served cluster, where it runs. */
export const clusterArnOf = (partition: Partition, cluster: ClusterPlace) =>
  arn({ partition, service: "eks", region: cluster.region, account: cluster.accountId, resource: `cluster/${cluster.name}` });

/** Every Auto Scaling group of the account and region a cluster runs in. */
export const autoScalingGroupsIn = (partition: Partition, cluster: ClusterPlace) =>
  arn({ partition, service: "autoscaling", region: cluster.region, account: cluster.accountId, resource: "autoScalingGroup:*:autoScalingGroupName/*" });

/** Every Auto Scaling group of the places the served clusters run in (one string when they share one place). */
export function autoScalingGroupsOf(context: AddonContext): OneOrMany<string> {
  const groups = [...new Set(context.clusters.map((cluster) => autoScalingGroupsIn(context.partition, cluster)))];
  return groups.length === 1 ? groups[0] : groups;
}

/**
 * Statements that upstream writes for one cluster (tag keys or values holding the cluster name), repeated
 * for each cluster. IAM ANDs the conditions of one statement, so N clusters need N statements, never one
 * statement with N tag keys. With several clusters each Sid gets the cluster's position as suffix (Sids must
 * be unique and alphanumeric; cluster names may hold '-' and '_').
 */
export function perCluster(clusters: readonly ClusterPlace[], build: (cluster: ClusterPlace) => readonly PolicyStatement[]): PolicyStatement[] {
  return clusters.flatMap((cluster, index) =>
    build(cluster).map((statement) => (clusters.length > 1 && statement.Sid ? { ...statement, Sid: `${statement.Sid}Cluster${index + 1}` } : statement))
  );
}
