// Small helpers the controller files share.
import type { z } from "zod";
import { arn, type Partition } from "../iam/arn";
import { policyDocument, type PolicyStatement } from "../iam/policy";
import type { AddonContext, ControllerAddon, NamedPolicy } from "./addon";

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

/** An ARN in the environment's own partition, region and account. */
export function localArn(context: AddonContext, service: string, resource: string): string {
  return arn({ partition: context.partition, service, region: context.region, account: context.accountId, resource });
}

/** Every Auto Scaling group of the environment's account and region. */
export const autoScalingGroupsOf = (context: AddonContext) => localArn(context, "autoscaling", "autoScalingGroup:*:autoScalingGroupName/*");

/**
 * Statements that upstream writes for one cluster (tag keys or values holding the cluster name), repeated
 * for each cluster. IAM ANDs the conditions of one statement, so N clusters need N statements, never one
 * statement with N tag keys. With several clusters each Sid gets the cluster's position as suffix (Sids must
 * be unique and alphanumeric; cluster names may hold '-' and '_').
 */
export function perCluster(clusterNames: readonly string[], build: (clusterName: string) => readonly PolicyStatement[]): PolicyStatement[] {
  return clusterNames.flatMap((clusterName, index) =>
    build(clusterName).map((statement) =>
      clusterNames.length > 1 && statement.Sid ? { ...statement, Sid: `${statement.Sid}Cluster${index + 1}` } : statement
    )
  );
}
