// Partition-aware ARN helpers. Every ARN we write goes through here so that aws-cn and aws-us-gov work.

/** The partitions this tool supports (their regions: ./regions.ts). */
export const PARTITIONS = ["aws", "aws-cn", "aws-us-gov"] as const;
export type Partition = (typeof PARTITIONS)[number];

/** A regular-expression group matching any supported partition, for ARN patterns. */
export const PARTITION_PATTERN = `(${PARTITIONS.join("|")})`;

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

/** The partition field of an ARN; undefined when the text is not an ARN. */
export function arnPartition(text: string): string | undefined {
  return /^arn:([^:]*):/.exec(text)?.[1];
}

/** The ARN IAM gives the OIDC provider of an issuer: `arn:<partition>:iam::<account>:oidc-provider/<issuer host>`. */
export function oidcProviderArn(partition: Partition, account: string, issuerHost: string): string {
  return arn({ partition, service: "iam", account, resource: `oidc-provider/${issuerHost}` });
}

/** The issuer host an OIDC provider ARN names (the prefix of its condition keys); undefined for another ARN. */
export function issuerHostOfProvider(providerArn: string): string | undefined {
  return /^arn:[^:]+:iam::[^:]*:oidc-provider\/(.+)$/.exec(providerArn)?.[1];
}

/** `arn:<partition>:iam::<account>:role<path><name>` -> its parts; undefined when it is not an IAM role ARN. */
export function roleArnParts(roleArn: string): { readonly account: string; readonly path: string; readonly name: string } | undefined {
  const match = /^arn:[\w-]+:iam::(\d{12}):role(\/(?:[\x21-\x7e]*\/)?)([\w+=,.@-]+)$/.exec(roleArn);
  return match ? { account: match[1], path: match[2], name: match[3] } : undefined;
}
