// Terraform import ids of what an adopted entry takes into state (Terraform 1.5+ `import` blocks). These are the
// ids the AWS and kubernetes providers document for `terraform import`; the model records them as plain data.
import type { Subject } from "../iam/trust";

export const adoptionIds = {
  /** aws_iam_role: the role name. */
  role: (roleName: string) => roleName,
  /** aws_iam_role_policy_attachment: `<role>/<policy-arn>`. */
  attachment: (roleName: string, policyArn: string) => `${roleName}/${policyArn}`,
  /** aws_iam_role_policy: `<role>:<policy-name>`. */
  inlinePolicy: (roleName: string, policyName: string) => `${roleName}:${policyName}`,
  /** kubernetes_service_account_v1: `<namespace>/<name>`. */
  serviceAccount: (subject: Subject) => `${subject.namespace}/${subject.name}`,
} as const;
