// Field-level schemas shared by the config schema and the addon options. Messages say what is expected.
import { z } from "zod";
import { readIssuerUrl } from "../eks/issuer";
import { IDENTITIES, isTokenExpiration, TOKEN_EXPIRATION } from "../eks/service-account";
import { PARTITION_PATTERN, PARTITIONS } from "../iam/arn";
import { ROLE_NAME_MAX, SESSION_DURATION } from "../iam/limits";
import { regionProblem, SUPPORTED_REGIONS } from "../iam/regions";
import { hasGlob } from "../iam/glob";
import { closest, didYouMean } from "./diagnostics";
import { RULE_ID } from "./rule-ids";

/** A strict object whose unknown keys get a did-you-mean against its own keys. */
export function strictObject<Shape extends z.core.$ZodLooseShape>(shape: Shape) {
  const known = Object.keys(shape);
  return z.strictObject(shape, {
    error: (issue) => {
      if (issue.code !== "unrecognized_keys") return undefined;
      const keys = issue.keys as string[];
      return keys.length === 1
        ? `unknown key${didYouMean(keys[0], known)}`
        : `unknown keys ${keys.map((k) => `"${k}"`).join(", ")}; expected only: ${known.join(", ")}`;
    },
  });
}

export const accountId = z
  .string({ error: "must be a quoted 12-digit AWS account id (YAML reads unquoted digits as a number)" })
  .regex(/^\d{12}$/, "must be a 12-digit AWS account id");

export const region = z
  .string()
  .superRefine((value, ctx) => {
    const problem = regionProblem(value);
    const suggestion = problem && closest(value, SUPPORTED_REGIONS);
    if (problem) ctx.addIssue({ code: "custom", message: `${problem}${suggestion ? `; did you mean "${suggestion}"?` : " (e.g. us-west-2)"}` });
  })
  // Editors offer the list; the refinement above says what is wrong with anything else.
  .meta({ enum: [...SUPPORTED_REGIONS] });

export const partition = z.enum(PARTITIONS);

/** DNS-1123 label: Kubernetes namespaces. */
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** DNS-1123 subdomain: ServiceAccount names. */
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export const namespaceName = z
  .string()
  .max(63, "must be at most 63 characters (DNS-1123 label)")
  .regex(DNS_LABEL, "must be a DNS-1123 label: lower-case letters, digits and '-', starting and ending alphanumeric");

export const serviceAccountName = z
  .string()
  .max(253, "must be at most 253 characters (DNS-1123 subdomain)")
  .regex(DNS_SUBDOMAIN, "must be a DNS-1123 subdomain: lower-case letters, digits, '-' and '.'");

/**
 * A namespace or ServiceAccount name that may be a glob (`*`, `?`) when the entry says allowWildcard.
 * Whether a wildcard is allowed is checked where allowWildcard is known (the service account refinement).
 */
export const subjectPattern = (kind: "namespace" | "name") =>
  z.string().superRefine((value, ctx) => {
    if (/[()|[\]{}+^$\\]/.test(value)) {
      ctx.addIssue({
        code: "custom",
        message: `"${value}" looks like a regular expression; IAM StringLike is a glob that knows only * and ?, so this would match only itself literally`,
        params: { rule: RULE_ID.regexInGlob },
      });
      return;
    }
    const literal = value.replace(/[*?]/g, "a");
    const schema = kind === "namespace" ? namespaceName : serviceAccountName;
    const result = schema.safeParse(literal);
    if (!result.success) ctx.addIssue({ code: "custom", message: result.error.issues[0].message });
  });

/** IRSA001: a glob subject admits every matching ServiceAccount, so it must be asked for (allowWildcard). */
export function refineWildcardSubject(
  subject: { readonly namespace: string; readonly name: string },
  allowWildcard: boolean | undefined,
  ctx: z.RefinementCtx,
  at: readonly (string | number)[] = [],
): void {
  if (allowWildcard) return;
  for (const key of ["namespace", "name"] as const) {
    if (hasGlob(subject[key])) {
      ctx.addIssue({
        code: "custom",
        path: [...at, key],
        message: `"${subject[key]}" is a wildcard subject (StringLike), which admits every matching ServiceAccount; set allowWildcard: true on this entry if that is intended`,
        params: { rule: RULE_ID.wildcardSubject },
      });
    }
  }
}

/** EKS cluster names: 1-100 characters, alphanumeric first, then letters, digits, '-' and '_'. */
export const clusterName = z
  .string()
  .regex(/^[0-9A-Za-z][A-Za-z0-9\-_]{0,99}$/, "must be an EKS cluster name: letters, digits, '-' and '_', at most 100");

/** Refused unless canonical or unambiguously normalisable (lib/eks/issuer.ts); the config rules warn about the latter. */
export const issuerUrl = z.string().superRefine((value, ctx) => {
  const reading = readIssuerUrl(value);
  if (!reading.ok) ctx.addIssue({ code: "custom", message: reading.problem });
});

export function arnOf(service: string, what: string, resourcePattern = /.+/) {
  return z.string().superRefine((value, ctx) => {
    const match = new RegExp(`^arn:${PARTITION_PATTERN}:([a-z0-9-]+):([a-z0-9-]*):(\\d{12}|aws)?:(.+)$`).exec(value);
    if (!match || match[2] !== service || !resourcePattern.test(match[5])) {
      ctx.addIssue({ code: "custom", message: `"${value}" is not ${what}` });
    }
  });
}

export const managedPolicyArn = arnOf("iam", "an IAM policy ARN (arn:aws:iam::<account|aws>:policy/<name>)", /^policy\//);
export const roleArn = arnOf("iam", "an IAM role ARN (arn:aws:iam::<account>:role/<name>)", /^role(\/[\x21-\x7e]*)?\/[\w+=,.@-]+$/);

/** IAM role paths: "/" or "/segment/.../". */
export const rolePath = z
  .string()
  .max(512)
  .regex(/^\/([\x21-\x7e]+\/)?$/, 'must be "/" or start and end with "/" (e.g. /eks/workloads/)');

export const roleName = z
  .string()
  .max(ROLE_NAME_MAX, `must be at most ${ROLE_NAME_MAX} characters (IAM role name limit)`)
  .regex(/^[\w+=,.@-]+$/, "may contain only letters, digits and +=,.@_-");

export const ROLE_NAME_PREFIX_MAX = 32;
export const roleNamePrefix = z.string().max(ROLE_NAME_PREFIX_MAX).regex(/^[\w+=,.@-]*$/, "may contain only letters, digits and +=,.@_-");

/** Placeholders of roleName and roleNamePrefix in irsa.yaml, expanded per role by the model (lib/model/names.ts). */
export const ROLE_NAME_PLACEHOLDERS = ["env", "cluster", "namespace", "name"] as const;
export const PLACEHOLDER = /\{([^{}]*)\}/g;
const hasPlaceholder = (value: string) => value.match(PLACEHOLDER) !== null;

/**
 * A roleName or roleNamePrefix of irsa.yaml: the literal rules, or, with placeholders, known placeholders around
 * allowed characters; the expanded name's pattern and length are checked per role, after expansion.
 */
export const roleNameTemplate = (literal: typeof roleName | typeof roleNamePrefix) =>
  z.string().superRefine((value, ctx) => {
    if (!hasPlaceholder(value)) {
      for (const issue of literal.safeParse(value).error?.issues ?? []) ctx.addIssue({ code: "custom", message: issue.message });
      return;
    }
    const known = ROLE_NAME_PLACEHOLDERS.map((p) => `{${p}}`).join(", ");
    for (const [placeholder, key] of value.matchAll(PLACEHOLDER)) {
      if (!(ROLE_NAME_PLACEHOLDERS as readonly string[]).includes(key)) ctx.addIssue({ code: "custom", message: `unknown placeholder ${placeholder}; use ${known}` });
    }
    if (!/^[\w+=,.@-]*$/.test(value.replace(PLACEHOLDER, ""))) ctx.addIssue({ code: "custom", message: `may contain only letters, digits, +=,.@_- and the placeholders ${known}` });
  })
  // Editors see the characters and placeholders; the lengths are checked after expansion.
  .meta({ pattern: `^([\\w+=,.@-]|\\{(${ROLE_NAME_PLACEHOLDERS.join("|")})\\})${literal === roleName ? "+" : "*"}$` });

/** IAM inline policy names: 1-128 characters of [\w+=,.@-]. */
export const inlinePolicyName = z
  .string()
  .max(128, "must be at most 128 characters (IAM policy name limit)")
  .regex(/^[\w+=,.@-]+$/, "may contain only letters, digits and +=,.@_-");

export const maxSessionDuration = z
  .number()
  .int()
  .min(SESSION_DURATION.min, `must be between ${SESSION_DURATION.min} and ${SESSION_DURATION.max} seconds`)
  .max(SESSION_DURATION.max, `must be between ${SESSION_DURATION.min} and ${SESSION_DURATION.max} seconds`);

export const tokenExpiration = z
  .number()
  .int()
  .refine(isTokenExpiration, {
    message: `must be between ${TOKEN_EXPIRATION.min} and ${TOKEN_EXPIRATION.max} seconds (EKS pod identity webhook range)`,
    params: { rule: RULE_ID.tokenExpirationRange },
  })
  // A refinement carries the rule id; the range itself still reaches the JSON Schema for editors.
  .meta({ minimum: TOKEN_EXPIRATION.min, maximum: TOKEN_EXPIRATION.max });

export const tags = z.record(
  z.string().min(1).max(128).regex(/^[\p{L}\p{Z}\p{N}_.:/=+\-@]+$/u, "is not a valid tag key"),
  z.string().max(256),
);

export const stringMap = z.record(z.string(), z.string());

export const identity = z.enum(IDENTITIES);
