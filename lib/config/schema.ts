// The irsa.yaml contract (README.md documents it). Validation here is structural and per field;
// rules that need the merged environment live in ./environment-rules.ts.
import { z } from "zod";
import { addonsSchema } from "./addons-schema";
import { MANAGED_POLICIES_PER_ROLE, TRUST_POLICY_LENGTH } from "../iam/limits";
import * as f from "./fields";
import { inlinePolicy } from "./policy-schema";
import { EXAMPLE_RULE_ID, RULE_ID_PATTERN } from "./rule-ids";

const workspaceName = z.string().min(1).regex(/^[\w{}.-]+$/, "may contain letters, digits, '-', '_', '.' and {env}");

const backend = f
  .strictObject({
    local: f.strictObject({ path: z.string().min(1).optional() }).optional(),
    cloud: f
      .strictObject({
        organization: z.string().min(1),
        workspace: workspaceName,
        project: z.string().min(1).optional(),
        hostname: z.string().min(1).optional(),
      })
      .optional(),
    s3: f
      .strictObject({
        bucket: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, "must be an S3 bucket name"),
        key: z.string().min(1),
        region: f.region.optional(),
        useLockfile: z.boolean().optional(),
        dynamodbTable: z.string().min(1).optional(),
        encrypt: z.boolean().optional(),
      })
      .optional(),
  })
  .refine((b) => Object.values(b).filter((v) => v !== undefined).length === 1, {
    message: "needs exactly one of local, cloud or s3",
  });

/** Keys valid both under `defaults` and in an environment; the environment's own value wins. */
const settingsShape = {
  accountId: f.accountId.optional(),
  region: f.region.optional(),
  partition: f.partition.optional(),
  rolePath: f.rolePath.optional(),
  roleNamePrefix: f.roleNameTemplate(f.roleNamePrefix).optional(),
  permissionsBoundaryArn: f.managedPolicyArn.optional(),
  maxSessionDuration: f.maxSessionDuration.optional(),
  tags: f.tags.optional(),
  backend: backend.optional(),
  identity: f.identity.optional(),
  stsRegionalEndpoints: z.boolean().optional(),
  tokenExpiration: f.tokenExpiration.optional(),
  managedPoliciesPerRoleMax: z
    .number()
    .int()
    .min(MANAGED_POLICIES_PER_ROLE.default, `must be at least ${MANAGED_POLICIES_PER_ROLE.default} (the IAM default quota)`)
    .max(MANAGED_POLICIES_PER_ROLE.max, `must be at most ${MANAGED_POLICIES_PER_ROLE.max} (the quota cannot be raised further)`)
    .optional(),
  trustPolicyMaxLength: z.number().int().min(TRUST_POLICY_LENGTH.default, `must be at least ${TRUST_POLICY_LENGTH.default} (the IAM default quota)`).max(TRUST_POLICY_LENGTH.max, `must be at most ${TRUST_POLICY_LENGTH.max} (the quota cannot be raised further)`).optional(),
  addons: addonsSchema.optional(),
  /** Default of `adopt` for the service accounts and addons of the environment; an entry's own value wins. */
  adopt: z.boolean().optional(),
  /** Default of `exclusivePolicies` for the roles created here (not for adopted roles: see the entry key). */
  exclusivePolicies: z.boolean().optional(),
};

const cluster = f.strictObject({
  name: f.clusterName,
  oidcIssuerUrl: f.issuerUrl,
  oidcProvider: z.enum(["create", "existing"]).optional(),
  /** Account that runs the cluster, when it is not the environment's. */
  accountId: f.accountId.optional(),
  /** Region of the cluster; read from an EKS issuer URL when absent. */
  region: f.region.optional(),
  /** Role Terraform assumes to reach the cluster's account (data sources, associations, kubernetes auth). */
  providerRoleArn: f.roleArn.optional(),
  fargate: z.boolean().optional(),
  /** Import the existing IAM OIDC provider of the cluster into this stack's state (with oidcProvider: create). */
  adopt: z.boolean().optional(),
}).refine((c) => !(c.adopt && c.oidcProvider === "existing"), {
  path: ["adopt"],
  message: "imports a provider this stack creates; with oidcProvider: existing the provider is only read (remove one of them)",
});

const suppression = f.strictObject({
  rule: z.string().regex(RULE_ID_PATTERN, `must be a rule id such as ${EXAMPLE_RULE_ID}`),
  reason: z.string().regex(/\S/, "must say why the finding is accepted (an empty or blank reason says nothing)"),
});

const subject = f.strictObject({
  namespace: f.subjectPattern("namespace"),
  name: f.subjectPattern("name"),
});

/** Keys that shape a role this stack creates: meaningless beside `roleArn` (an existing role). */
export const ROLE_SHAPING_KEYS = ["roleName", "policyArns", "policy", "policyName", "permissionsBoundaryArn", "maxSessionDuration", "tags", "exclusivePolicies", "retainIrsaTrust"] as const;

const serviceAccount = f
  .strictObject({
    name: f.subjectPattern("name").optional(),
    namespace: f.subjectPattern("namespace").optional(),
    /** Several ServiceAccounts sharing one role, instead of name/namespace. */
    subjects: z.array(subject).min(1).optional(),
    allowWildcard: z.boolean().optional(),
    roleName: f.roleNameTemplate(f.roleName).optional(),
    createServiceAccount: z.boolean().optional(),
    clusters: z.array(f.clusterName).min(1).optional(),
    identity: f.identity.optional(),
    annotations: f.stringMap.optional(),
    labels: f.stringMap.optional(),
    stsRegionalEndpoints: z.boolean().optional(),
    tokenExpiration: f.tokenExpiration.optional(),
    tags: f.tags.optional(),
    permissionsBoundaryArn: f.managedPolicyArn.optional(),
    maxSessionDuration: f.maxSessionDuration.optional(),
    policyArns: z.array(f.managedPolicyArn).optional(),
    policy: inlinePolicy.optional(),
    /** Name of the inline policy in IAM (default "inline"); an adopted role's existing policy name. */
    policyName: f.inlinePolicyName.optional(),
    /** An existing role: none is created; the annotation and the Pod Identity association use this ARN. */
    roleArn: f.roleArn.optional(),
    /** Import the existing role, its policies and the ServiceAccount into state instead of creating them. */
    adopt: z.boolean().optional(),
    /** Manage the role's full set of policies: a policy attached outside this stack is removed at the next apply. */
    exclusivePolicies: z.boolean().optional(),
    disableSessionTags: z.boolean().optional(),
    retainIrsaTrust: z.boolean().optional(),
    targetRoleArn: f.roleArn.optional(),
    suppress: z.array(suppression).optional(),
  })
  .superRefine((sa, ctx) => {
    const single = sa.name !== undefined || sa.namespace !== undefined;
    if (single === (sa.subjects !== undefined)) {
      ctx.addIssue({ code: "custom", path: single ? ["subjects"] : [], message: "needs either name and namespace, or subjects: [{ namespace, name }, ...] (not both)" });
    } else if (single && (sa.name === undefined || sa.namespace === undefined)) {
      ctx.addIssue({ code: "custom", path: [sa.name === undefined ? "name" : "namespace"], message: "is required" });
    }
    if (sa.roleArn !== undefined) {
      for (const key of ROLE_SHAPING_KEYS.filter((k) => sa[k] !== undefined)) {
        ctx.addIssue({ code: "custom", path: [key], message: "shapes a role created here, but roleArn names an existing role that this stack does not manage; remove one of them" });
      }
    }
    if (sa.policyName !== undefined && sa.policy === undefined) ctx.addIssue({ code: "custom", path: ["policyName"], message: "names the inline policy, but the entry has no policy" });
    if (sa.subjects) sa.subjects.forEach((subject, i) => f.refineWildcardSubject(subject, sa.allowWildcard, ctx, ["subjects", i]));
    else if (sa.name !== undefined && sa.namespace !== undefined) f.refineWildcardSubject({ namespace: sa.namespace, name: sa.name }, sa.allowWildcard, ctx);
  });

const environment = f.strictObject({
  ...settingsShape,
  clusters: z.array(cluster).min(1, "an environment needs at least one cluster"),
  serviceAccounts: z.array(serviceAccount).optional(),
});

export const configSchema = f.strictObject({
  $schema: z.string().optional(),
  version: z.literal(1, { error: "must be 1 (the only config version)" }),
  defaults: f.strictObject(settingsShape).optional(),
  environments: z
    .record(z.string().regex(/^[A-Za-z][\w-]*$/, "environment names must start with a letter: letters, digits, '-', '_'"), environment)
    .refine((envs) => Object.keys(envs).length > 0, { message: "needs at least one environment" }),
});

export type ConfigSpec = z.infer<typeof configSchema>;
export type EnvironmentSpec = z.infer<typeof environment>;
export type SettingsSpec = z.infer<z.ZodObject<typeof settingsShape>>;
export type ClusterSpec = z.infer<typeof cluster>;
export type ServiceAccountSpec = z.infer<typeof serviceAccount>;
export type BackendSpec = z.infer<typeof backend>;
export type AddonsSpec = z.infer<typeof addonsSchema>;
