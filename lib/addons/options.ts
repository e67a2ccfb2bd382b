// Option schemas shared by the controllers: lists of ARNs that scope a controller's permissions.
// Scoped resources never default to "*": a required list must name at least one ARN, and every ARN must be
// an ARN of the right service and resource type. The partition may be any of the three; the region and
// account must be concrete (no wildcard), so a scoped grant cannot silently widen to every account.
import { z } from "zod";
import { PARTITION_PATTERN } from "../iam/arn";
import { SUPPORTED_REGIONS } from "../iam/regions";

const REGION = `(${SUPPORTED_REGIONS.join("|")})`;
const ACCOUNT = "\\d{12}";
/** A name that may hold IAM wildcards (`*`, `?`) but is not only wildcards. */
const NOT_ONLY_WILDCARDS = "(?![*?]+$)";
const GLOB_NAME = (chars: string) => `${NOT_ONLY_WILDCARDS}[*?${chars}]+`;

interface ArnKind {
  /** "a Route 53 hosted zone ARN", used in messages. */
  readonly what: string;
  readonly example: string;
  readonly pattern: RegExp;
  /** The same ARN with a name of wildcards only (`secret:*`): right kind, but it names every resource. */
  readonly everything: RegExp;
}

const kind = (what: string, example: string, pattern: string): ArnKind => ({
  what,
  example,
  pattern: new RegExp(`^arn:${PARTITION_PATTERN}:${pattern}$`),
  everything: new RegExp(`^arn:${PARTITION_PATTERN}:${pattern.replace(NOT_ONLY_WILDCARDS, "")}$`),
});

export const ARN_KINDS = {
  hostedZone: kind("a Route 53 hosted zone ARN", "arn:aws:route53:::hostedzone/Z0123456789ABC", "route53:::hostedzone/[A-Z0-9]{1,32}"),
  kmsKey: kind(
    "a KMS key ARN",
    "arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
    `kms:${REGION}:${ACCOUNT}:key/(mrk-)?[a-f0-9-]{32,36}`
  ),
  secret: kind(
    "a Secrets Manager secret ARN",
    "arn:aws:secretsmanager:us-west-2:111122223333:secret:dev/orders-*",
    `secretsmanager:${REGION}:${ACCOUNT}:secret:${GLOB_NAME("A-Za-z0-9/_+=.@-")}`
  ),
  ssmParameter: kind(
    "an SSM parameter ARN",
    "arn:aws:ssm:us-west-2:111122223333:parameter/dev/*",
    `ssm:${REGION}:${ACCOUNT}:parameter/${GLOB_NAME("A-Za-z0-9/_.-")}`
  ),
  s3Bucket: kind("an S3 bucket ARN", "arn:aws:s3:::my-backups", "s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]"),
  sqsQueue: kind(
    "an SQS queue ARN",
    "arn:aws:sqs:us-west-2:111122223333:node-events",
    `sqs:${REGION}:${ACCOUNT}:[A-Za-z0-9_-]{1,80}(\\.fifo)?`
  ),
  iamRole: kind("an IAM role ARN", "arn:aws:iam::111122223333:role/KarpenterNodeRole-prod", `iam::${ACCOUNT}:role/[\\w+=,.@/-]{1,512}`),
  apsWorkspace: kind(
    "an Amazon Managed Service for Prometheus workspace ARN",
    "arn:aws:aps:us-west-2:111122223333:workspace/ws-0123abcd-4567-89ef-0123-456789abcdef",
    `aps:${REGION}:${ACCOUNT}:workspace/ws-[a-z0-9-]+`
  ),
} as const;

export type ArnKindName = keyof typeof ARN_KINDS;

/** One ARN of the given kind. */
export function arnOfKind(kindName: ArnKindName) {
  const { what, example, pattern, everything } = ARN_KINDS[kindName];
  return z.string().regex(pattern, {
    error: (issue) =>
      everything.test(String(issue.input))
        ? `"${String(issue.input)}" names every ${what.replace(/^an? /, "").replace(/ ARN$/, "")} of the account and region; list them, or a name prefix (e.g. ${example})`
        : `"${String(issue.input)}" is not ${what} (e.g. ${example})`,
  });
}

/** A list of ARNs the controller is scoped to; `key` names the option in messages. */
function arnList(key: string, kindName: ArnKindName) {
  const { what } = ARN_KINDS[kindName];
  return z
    .array(arnOfKind(kindName), {
      error: (issue) =>
        issue.input === undefined
          ? `${key} is required: list each ${what.replace(/^an? /, "")} this controller may use (scoped resources never default to "*")`
          : `${key} must be a list of ${what.replace(/^an? /, "")}s`,
    })
    .min(1, `${key} must list at least one ${what.replace(/^an? /, "")}`);
}

export const requiredArns = (key: string, kindName: ArnKindName) => arnList(key, kindName);
export const optionalArns = (key: string, kindName: ArnKindName) => arnList(key, kindName).optional();
