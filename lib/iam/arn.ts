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

/** The account field of an ARN (`arn:aws:s3:::b` has none: ""); undefined when the text is not an ARN. */
export function arnAccount(text: string): string | undefined {
  const fields = text.split(":");
  return fields.length >= 6 && fields[0] === "arn" ? fields[4] : undefined;
}
