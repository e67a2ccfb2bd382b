// AWS regions and the partition each one belongs to. The list is AWS's own, as the AWS CDK publishes it in
// @aws-cdk/region-info (Apache-2.0, released with every CDK version, no dependencies): upgrading that package
// is how a new region arrives. We read its aws-entities module, the source its RegionInfo facts are built from,
// because the RegionInfo entry point loads megabytes of unrelated facts (test/iam/regions.test.ts keeps the two equal).
import { AWS_REGIONS, partitionInformation } from "@aws-cdk/region-info/lib/aws-entities";
import { PARTITIONS, type Partition } from "./arn";

/** The partition of a region AWS knows (also partitions this tool does not support, e.g. aws-iso); undefined otherwise. */
export function partitionOfRegion(region: string): string | undefined {
  return AWS_REGIONS.includes(region) ? partitionInformation(region).partition : undefined;
}

export const isPartition = (name: string | undefined): name is Partition => PARTITIONS.includes(name as Partition);

const regionsOf = (partition: Partition) => AWS_REGIONS.filter((region) => partitionOfRegion(region) === partition).sort();

/** The regions of each supported partition, sorted. */
export const REGIONS: Readonly<Record<Partition, readonly string[]>> = Object.fromEntries(PARTITIONS.map((partition) => [partition, regionsOf(partition)])) as Record<Partition, string[]>;

/** Every region of the supported partitions, sorted. */
export const SUPPORTED_REGIONS: readonly string[] = PARTITIONS.flatMap((partition) => REGIONS[partition]).sort();

/** DNS suffix of the partition's service endpoints: `amazonaws.com`, `amazonaws.com.cn`. */
export function dnsSuffix(partition: Partition): string {
  return partitionInformation(REGIONS[partition][0]).domainSuffix;
}

/** Why `region` cannot be used, or undefined when it is a region of a supported partition. */
export function regionProblem(region: string): string | undefined {
  const partition = partitionOfRegion(region);
  if (partition === undefined) return `"${region}" is not an AWS region`;
  if (!isPartition(partition)) return `"${region}" is in partition ${partition}, which is not supported (${PARTITIONS.join(", ")})`;
  return undefined;
}
