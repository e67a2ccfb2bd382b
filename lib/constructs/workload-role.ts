// One IAM role of the plan with its managed policy attachments and inline policies. The trust and
// the policies arrive finished from the model: this only maps them to resources.
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { policyJson } from "../iam/limits";
import type { RolePlan } from "../model/types";

export class WorkloadRole extends Construct {
  readonly role: IamRole;

  constructor(scope: Construct, plan: RolePlan, dependsOn: readonly ITerraformDependable[]) {
    super(scope, `role-${plan.address}`);
    this.role = new IamRole(this, "role", {
      name: plan.name,
      description: plan.description,
      path: plan.path,
      assumeRolePolicy: policyJson(plan.trust),
      permissionsBoundary: plan.permissionsBoundaryArn,
      maxSessionDuration: plan.maxSessionDuration,
      tags: Object.keys(plan.tags).length ? { ...plan.tags } : undefined,
      dependsOn: dependsOn.length ? [...dependsOn] : undefined,
    });
    this.role.overrideLogicalId(plan.address);
    for (const attachment of plan.managedPolicies) {
      new IamRolePolicyAttachment(this, attachment.address, { role: this.role.name, policyArn: attachment.arn }).overrideLogicalId(attachment.address);
    }
    for (const policy of plan.inlinePolicies) {
      const document = policyJson(policy.document);
      new IamRolePolicy(this, policy.address, { name: policy.name, role: this.role.name, policy: document }).overrideLogicalId(policy.address);
    }
  }
}
