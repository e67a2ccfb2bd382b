// What every workload role has: the IAM role, its managed policy attachments and inline policies. The trust
// arrives as plain data from lib/iam (the subclasses say who is trusted); this maps it to resources.
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { IamRolePolicyAttachmentsExclusive } from "@cdktf/provider-aws/lib/iam-role-policy-attachments-exclusive";
import { IamRolePoliciesExclusive } from "@cdktf/provider-aws/lib/iam-role-policies-exclusive";
import type { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import type { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Token, type ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { z } from "zod";
import * as field from "../config/fields";
import { inlinePolicy } from "../config/policy-schema";
import { roleArnParts, type Partition } from "../iam/arn";
import { TRUST_POLICY_LENGTH, trustPolicyTooLong } from "../iam/limits";
import type { PolicyDocument } from "../iam/policy";
import { adoptionIds } from "../model/adoption";
import { attachmentAddresses, inlinePolicyAddresses, roleArn, terraformName } from "../model/names";
import { literal, literalMap } from "./literal";
import { renderPolicy } from "./policy-document";
import { dependOn, sameStackReference } from "./reference";
import { checkProps, listOf, mappedFromPlan, unlessToken } from "./props";

/** A Kubernetes ServiceAccount that may assume a role: `system:serviceaccount:<namespace>:<name>`. */
export interface ServiceAccountSubject {
  /** Namespace; a glob (`*`, `?`) only with `allowWildcard`. */
  readonly namespace: string;
  /** ServiceAccount name; a glob (`*`, `?`) only with `allowWildcard`. */
  readonly name: string;
}

/** Props of every workload role (IrsaRole, PodIdentityRole, the controller roles). */
export interface WorkloadRoleProps {
  /** IAM role name, at most 64 characters. @default - Terraform generates a unique name */
  readonly roleName?: string;
  /** IAM path of the role, "/" or "/a/b/". @default "/" */
  readonly path?: string;
  /** Shown in the IAM console. @default - none */
  readonly description?: string;
  /** ARN of the managed policy that bounds the role's permissions. @default - none */
  readonly permissionsBoundaryArn?: string;
  /** Longest session in seconds, 3600..43200. @default 3600 */
  readonly maxSessionDuration?: number;
  /** Tags of the role. @default - none */
  readonly tags?: Readonly<Record<string, string>>;
  /** Managed policies to attach (AWS or customer managed ARNs, or references). @default - none */
  readonly policyArns?: readonly string[];
  /** Inline policies by name, as IAM JSON documents. @default - none */
  readonly inlinePolicies?: Readonly<Record<string, PolicyDocument>>;
  /**
   * Largest trust policy accepted at synth, in characters without whitespace; raise it with the account's
   * IAM quota. Checked where the trust is known at synth. @default 2048 (IAM's default quota)
   */
  readonly trustPolicyMaxLength?: number;
  /**
   * The role exists (created by eksctl, another Terraform state, the console): the stack carries Terraform
   * `import` blocks, so the next apply takes the role (by `roleName`, required), its `policyArns` attachments and
   * its inline policies into state instead of failing with EntityAlreadyExists. `{ inlinePolicies: [...] }` names
   * the inline policies that exist on the role; the others are created. @default false
   */
  readonly adopt?: boolean | RoleAdoption;
  /**
   * The role's policies are exactly `policyArns` and `inlinePolicies`: a policy attached outside this stack is
   * removed at the next apply (`aws_iam_role_policy_attachments_exclusive`, `aws_iam_role_policies_exclusive`).
   * @default false
   */
  readonly exclusivePolicies?: boolean;
  /** AWS provider for the role's account. @default - the stack's default aws provider */
  readonly provider?: AwsProvider;
  /**
   * Terraform local name of the role (`aws_iam_role.<localName>`); its attachments and inline policies are
   * named `<localName>__<policy>`. Keeps the addresses whatever the construct tree.
   * @default - cdktf's names from the construct path
   */
  readonly localName?: string;
}

/** What of an adopted role exists already, beside the role and its managed policy attachments. */
export interface RoleAdoption {
  /** Names of the inline policies the role has. @default - every one of `inlinePolicies` */
  readonly inlinePolicies?: readonly string[];
}

/** Field rules of WorkloadRoleProps: those of irsa.yaml. */
export const workloadRolePropsShape = {
  roleName: unlessToken(field.roleName.optional()),
  path: unlessToken(field.rolePath.optional()),
  permissionsBoundaryArn: unlessToken(field.managedPolicyArn.optional()),
  maxSessionDuration: unlessToken(field.maxSessionDuration.optional()),
  tags: unlessToken(field.tags.optional()),
  policyArns: unlessToken(listOf(field.managedPolicyArn).optional()),
  inlinePolicies: unlessToken(z.record(z.string().regex(/^[\w+=,.@-]{1,128}$/, "policy names may contain only letters, digits and +=,.@_-"), unlessToken(inlinePolicy)).optional()),
  trustPolicyMaxLength: z.number().int().min(TRUST_POLICY_LENGTH.default).max(TRUST_POLICY_LENGTH.max).optional(),
};

/** Who the role is for, as the subclass knows it. */
export interface RoleTrust {
  readonly document: PolicyDocument;
  /** Account and partition of the role, when known at synth: then its ARN is too. */
  readonly accountId?: string;
  readonly partition: Partition;
  /** What the role must wait for (IAM refuses a trust naming a missing OIDC provider). */
  readonly dependsOn: readonly ITerraformDependable[];
}

/** A role as the ServiceAccount and the Pod Identity association need it. */
export interface IWorkloadRole {
  /** The IAM role of this stack; undefined for a role managed elsewhere (existingRole). */
  readonly role?: IamRole;
  /** Its ARN (literal where known at synth). */
  readonly roleArn: string;
  /** Its name. */
  readonly roleName: string;
  /** The ServiceAccounts its trust admits, where the role says. */
  readonly serviceAccounts?: readonly ServiceAccountSubject[];
}

/**
 * A role that exists outside this stack, by ARN, for IrsaServiceAccount and PodIdentityAssociation: the
 * annotation and the association name it; its trust must admit the ServiceAccount (it is not managed here).
 */
export function existingRole(arn: string): IWorkloadRole {
  if (Token.isUnresolved(arn)) return { roleArn: arn, roleName: arn };
  const parsed = field.roleArn.safeParse(arn);
  if (!parsed.success) throw new Error(`existingRole: ${parsed.error.issues[0].message}`);
  return { roleArn: arn, roleName: roleArnParts(arn)?.name ?? arn };
}

/** What IrsaRole, PodIdentityRole and the controller roles share: the role, its policies, its trust. */
export abstract class WorkloadRole extends Construct implements IWorkloadRole {
  /** The IAM role. */
  readonly role: IamRole;
  /** The role's ARN: literal when its name and account are known at synth, else a reference. */
  readonly roleArn: string;
  /** The role's name: the `roleName` prop, else a reference. */
  readonly roleName: string;
  /** The trust policy as IAM JSON data (holding references where the inputs were references). */
  readonly trustPolicy: PolicyDocument;
  /** Set when the trust holds references: the aws_iam_policy_document that renders it. */
  readonly trustPolicyDocument?: DataAwsIamPolicyDocument;
  /** One per managed policy, in the order of `policyArns`. */
  readonly policyAttachments: readonly IamRolePolicyAttachment[];
  /** One per inline policy, in the order of `inlinePolicies`. */
  readonly rolePolicies: readonly IamRolePolicy[];

  /** `schema` checks the subclass's props before `trust` reads them. */
  protected constructor(scope: Construct, id: string, props: WorkloadRoleProps, schema: z.ZodType, trustOf: () => RoleTrust) {
    super(scope, id);
    checkProps(this, props, schema);
    const trust = trustOf();
    this.trustPolicy = trust.document;
    const name = props.roleName;
    const assumeRole = renderPolicy(this, "trust", trust.document);
    // A trust known at synth (rendered as literal JSON) is measured now.
    if (!assumeRole.document) {
      const tooLong = trustPolicyTooLong(name ?? this.node.path, trust.document, props.trustPolicyMaxLength ?? TRUST_POLICY_LENGTH.default);
      if (tooLong) throw new Error(`${this.constructor.name} ${this.node.path}: ${tooLong}`);
    }
    this.trustPolicyDocument = assumeRole.document;
    this.role = new IamRole(this, "role", {
      provider: props.provider,
      name: literal(name),
      description: literal(props.description),
      path: literal(props.path),
      assumeRolePolicy: assumeRole.json,
      permissionsBoundary: literal(props.permissionsBoundaryArn),
      maxSessionDuration: props.maxSessionDuration,
      tags: literalMap(props.tags),
    });
    dependOn(this.role, trust.dependsOn, mappedFromPlan(props));
    if (props.localName) this.role.overrideLogicalId(props.localName);
    const adoption = props.adopt ? adoptionOf(this, props) : undefined;
    if (adoption) this.role.importFrom(adoptionIds.role(adoption.roleName), props.provider);
    const isKnown = (value: string | undefined): value is string => value !== undefined && !Token.isUnresolved(value);
    this.roleArn = isKnown(name) && isKnown(trust.accountId) && isKnown(props.path ?? "/") ? roleArn(trust.partition, trust.accountId, props.path ?? "/", name) : this.role.arn;
    this.roleName = name ?? this.role.name;

    // The role's own policies name it by a plain reference: they are children of this construct, in its stack.
    const roleNameReference = sameStackReference(this.role, "name");
    const base = props.localName ?? "policy";
    const policyArns = [...new Set(props.policyArns ?? [])];
    const known = policyArns.filter((arn) => !Token.isUnresolved(arn));
    const knownAddresses = attachmentAddresses(base, known);
    this.policyAttachments = policyArns.map((policyArn, index) => {
      // A reference has no name to read: its position names it.
      const childId = Token.isUnresolved(policyArn) ? terraformName(base, String(index)) : knownAddresses[known.indexOf(policyArn)];
      const attachment = new IamRolePolicyAttachment(this, childId, { provider: props.provider, role: roleNameReference, policyArn: literal(policyArn) });
      if (props.localName) attachment.overrideLogicalId(childId);
      if (adoption) attachment.importFrom(adoptionIds.attachment(adoption.roleName, policyArn), props.provider);
      return attachment;
    });
    const inline = Object.entries(props.inlinePolicies ?? {});
    const inlineAddresses = inlinePolicyAddresses(props.localName ?? "inline", inline.map(([policyName]) => policyName));
    this.rolePolicies = inline.map(([policyName, document], index) => {
      const childId = inlineAddresses[index];
      const policy = renderPolicy(this, `${childId}-document`, document);
      const rolePolicy = new IamRolePolicy(this, childId, { provider: props.provider, name: literal(policyName), role: roleNameReference, policy: policy.json });
      if (props.localName) rolePolicy.overrideLogicalId(childId);
      if (adoption?.inlinePolicies.includes(policyName)) rolePolicy.importFrom(adoptionIds.inlinePolicy(adoption.roleName, policyName), props.provider);
      return rolePolicy;
    });
    if (props.exclusivePolicies) {
      // The role's complete policy sets, by reference: anything attached outside this stack is detached at apply.
      const attachments = new IamRolePolicyAttachmentsExclusive(this, "attachments-exclusive", {
        provider: props.provider,
        roleName: roleNameReference,
        policyArns: this.policyAttachments.map((attachment) => attachment.policyArn),
      });
      const policies = new IamRolePoliciesExclusive(this, "policies-exclusive", {
        provider: props.provider,
        roleName: roleNameReference,
        policyNames: this.rolePolicies.map((policy) => policy.name),
      });
      // Without a localName, cdktf's unique ids keep two roles' exclusive resources apart.
      if (props.localName) {
        attachments.overrideLogicalId(props.localName);
        policies.overrideLogicalId(props.localName);
      }
    }
  }
}

/** What `adopt` imports: the role by its literal name, its attachments (literal ARNs), the named inline policies. */
function adoptionOf(role: Construct, props: WorkloadRoleProps): { readonly roleName: string; readonly inlinePolicies: readonly string[] } {
  const fail = (why: string) => new Error(`${role.constructor.name} ${role.node.path}: adopt ${why}`);
  const roleName = props.roleName;
  if (roleName === undefined || Token.isUnresolved(roleName)) throw fail("needs roleName as a literal: the role is imported by its name");
  if ((props.policyArns ?? []).some((arn) => Token.isUnresolved(arn))) throw fail("needs literal policyArns: attachments are imported as <role>/<policy-arn>");
  const names = Object.keys(props.inlinePolicies ?? {});
  const listed = typeof props.adopt === "object" ? props.adopt.inlinePolicies : undefined;
  const inlinePolicies = listed ?? names;
  const unknown = inlinePolicies.find((name) => !names.includes(name));
  if (unknown !== undefined) throw fail(`names inline policy "${unknown}", which is not one of inlinePolicies`);
  return { roleName, inlinePolicies };
}
