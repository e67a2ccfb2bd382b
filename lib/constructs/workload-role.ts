// One IAM role of the plan with its managed policy attachments and inline policies. The trust and
// the policies arrive finished from the model: this only maps them to resources.
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { policyJson } from "../iam/limits";
import type { RolePlan } from "../model/types";
import { literal, literalMap } from "./literal";

export class WorkloadRole extends Construct {
  readonly role: IamRole;

  constructor(scope: Construct, plan: RolePlan, dependsOn: readonly ITerraformDependable[]) {
    super(scope, `role-${plan.address}`);
    this.role = new IamRole(this, "role", {
      name: literal(plan.name),
      description: literal(plan.description),
      path: literal(plan.path),
      assumeRolePolicy: literal(policyJson(plan.trust)),
      permissionsBoundary: literal(plan.permissionsBoundaryArn),
      maxSessionDuration: plan.maxSessionDuration,
      tags: literalMap(plan.tags),
      dependsOn: dependsOn.length ? [...dependsOn] : undefined,
    });
    this.role.overrideLogicalId(plan.address);
    for (const attachment of plan.managedPolicies) {
      new IamRolePolicyAttachment(this, attachment.address, { role: this.role.name, policyArn: literal(attachment.arn) }).overrideLogicalId(attachment.address);
    }
    for (const policy of plan.inlinePolicies) {
      const document = literal(policyJson(policy.document));
      new IamRolePolicy(this, policy.address, { name: literal(policy.name), role: this.role.name, policy: document }).overrideLogicalId(policy.address);
    }
  }
}
