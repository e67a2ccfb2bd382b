// Partition-aware ARN helpers. Every ARN we write goes through here so that aws-cn and aws-us-gov work.

export type Partition = "aws" | "aws-cn" | "aws-us-gov";

export const PARTITIONS: readonly Partition[] = ["aws", "aws-cn", "aws-us-gov"];

export interface ArnParts {
  readonly partition: Partition;
  readonly service: string;
  readonly region?: string;
  readonly account?: string;
  readonly resource: string;
}

export function arn(parts: ArnParts): string {
  return `arn:${parts.partition}:${parts.service}:${parts.region ?? ""}:${parts.account ?? ""}:${parts.resource}`;
}
