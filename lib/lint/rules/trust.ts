// The size of trust policies. The model refuses a trust over the limit; the near-limit warning comes first.
import { policyLength, TRUST_POLICY_LENGTH } from "../../iam/limits";
import { RULE_ID } from "../../config/rule-ids";
import type { LintRule } from "../types";
import { roleLabel, roleSites } from "../walk";

/** Share of the limit from which a trust policy is reported as close to it. */
export const NEAR_LIMIT_SHARE = 0.9;

/** 2048 -> "2,048". Not toLocaleString: that loads ICU's number formatting, some 20 ms of every validate. */
const withThousands = (n: number) => String(n).replace(/\B(?=(\d{3})+$)/g, ",");

export const trustTooLarge: LintRule = {
  id: RULE_ID.trustTooLarge,
  name: "trust-policy-too-large",
  severity: "error",
  summary: `A role's trust policy is longer than the account's quota (${withThousands(TRUST_POLICY_LENGTH.default)} characters by default, whitespace not counted).`,
  help:
    "IAM refuses the role at apply time. Each trusted cluster adds one statement: trust fewer clusters per role (clusters:), " +
    "or raise the account's quota and set trustPolicyMaxLength. The model refuses this, so it cannot be suppressed.",
};

export const trustNearLimit: LintRule = {
  id: RULE_ID.trustNearLimit,
  name: "trust-policy-near-limit",
  severity: "warning",
  summary: `A role's trust policy uses more than ${NEAR_LIMIT_SHARE * 100}% of the size limit; one more cluster may not fit.`,
  help: "Blue/green adds one trust statement per cluster. Plan the next cluster now: narrow clusters: or raise the quota (trustPolicyMaxLength).",
  check: (context) =>
    roleSites(context).flatMap(({ role, resolved }) => {
      const length = policyLength(role.trust);
      const limit = resolved.trustPolicyMaxLength;
      return length > limit * NEAR_LIMIT_SHARE && length <= limit
        ? [{ path: role.sourcePath, message: `the trust policy of ${roleLabel(role)} is ${length} of ${limit} characters (${Math.round((100 * length) / limit)}%); another cluster will likely not fit` }]
        : [];
    }),
};
