// Which roles Terraform would replace (destroy, then create) between two versions of a stack, and so which
// ARNs change under running pods. One definition for every caller: the synth-time warning and `irsa diff
// --fail-on role-replaced` must agree.
import type { RolePlan } from "./types";

/** What decides whether a role is the same IAM role: its Terraform address in the stack and its ARN's parts. */
export type RoleIdentity = Pick<RolePlan, "address" | "name" | "path" | "arn">;

/**
 * Why the role is replaced: `name` and `path` are ForceNew on aws_iam_role; `account` means the stack now
 * creates it in another account or partition (the ARN changes although name and path did not).
 */
export type ReplacementReason = "name" | "path" | "account";

export interface RoleReplacement {
  readonly address: string;
  readonly before: RoleIdentity;
  readonly after: RoleIdentity;
  readonly reasons: readonly ReplacementReason[];
}

/** The replacement of one role kept at the same address; undefined when Terraform updates it in place. */
export function roleReplacement(before: RoleIdentity, after: RoleIdentity): RoleReplacement | undefined {
  const reasons: ReplacementReason[] = [];
  if (before.name !== after.name) reasons.push("name");
  if (before.path !== after.path) reasons.push("path");
  if (accountOf(before.arn) !== accountOf(after.arn)) reasons.push("account");
  return reasons.length > 0 ? { address: after.address, before, after, reasons } : undefined;
}

/** Roles of one stack present at the same address before and after, and replaced; in the order of `after`. */
export function roleReplacements(before: readonly RoleIdentity[], after: readonly RoleIdentity[]): RoleReplacement[] {
  const previous = new Map(before.map((role) => [role.address, role]));
  return after.flatMap((role) => {
    const old = previous.get(role.address);
    const replacement = old && roleReplacement(old, role);
    return replacement ? [replacement] : [];
  });
}

/** `arn:<partition>:iam::<account>:role/...` -> `<partition>:<account>`. */
const accountOf = (roleArn: string) => roleArn.split(":").filter((_, i) => i === 1 || i === 4).join(":");
