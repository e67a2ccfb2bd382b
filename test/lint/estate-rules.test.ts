// The rules real estates need: escalation on *, audience annotations, managed-policy quota, *FullAccess policies,
// regex-looking wildcard names; and the quota and suppression settings they read.
import { RULES } from "../../lib/lint/rules";
import { toSarif } from "../../lib/cli/sarif";
import { errorsOf } from "../support";
import { devWith, findings, validate, withStatement } from "./helpers";

const awsPolicies = (n: number) => `[${Array.from({ length: n }, (_, i) => `"arn:aws:iam::111122223333:policy/p${i}"`).join(", ")}]`;

describe("IRSA014 privilege-escalation", () => {
  it.each([
    ["iam:PassRole on *", '{ Effect: Allow, Action: ["iam:PassRole"], Resource: "*" }', /iam:PassRole on \* lets the workload escalate its privileges/],
    ["sts:AssumeRole on every role", '{ Effect: Allow, Action: "sts:AssumeRole", Resource: "arn:aws:iam::*:role/*" }', /sts:AssumeRole on arn:aws:iam::\*:role\/\* lets/],
    ["iam:CreateRole with iam:AttachRolePolicy", '{ Effect: Allow, Action: ["iam:CreateRole", "iam:AttachRolePolicy"], Resource: "*" }', /iam:AttachRolePolicy on \* .*\(with iam:CreateRole: a new role with any permission\)/],
  ])("is an error for %s, at the action, and not a second IRSA006 warning", async (_what, statement, message) => {
    const validation = await validate(withStatement(statement));
    const escalations = validation.diagnostics.filter((d) => d.rule === "IRSA014");
    expect(escalations).toHaveLength(1);
    expect(escalations[0]).toMatchObject({ severity: "error", path: expect.arrayContaining(["policy", "Statement", 0]) });
    expect(escalations[0].message).toMatch(message);
    expect(validation.valid).toBe(false);
    expect(validation.diagnostics.filter((d) => d.rule === "IRSA006" && /PassRole|AssumeRole|AttachRolePolicy/.test(d.message))).toEqual([]);
  });

  it("is silent for the same actions on named roles", async () => {
    expect(await findings(withStatement('{ Effect: Allow, Action: ["iam:PassRole", "sts:AssumeRole"], Resource: "arn:aws:iam::111122223333:role/app-*" }'), "IRSA014")).toEqual([]);
  });

  it("can be suppressed with a reason", async () => {
    const validation = await validate(withStatement('{ Effect: Allow, Action: "iam:PassRole", Resource: "*" }', '        suppress: [{ rule: IRSA014, reason: "CI runner passes roles to CodeBuild" }]\n'));
    expect(validation.valid).toBe(true);
    expect(validation.diagnostics.find((d) => d.rule === "IRSA014")?.suppressedBecause).toBe("CI runner passes roles to CodeBuild");
  });
});

describe("IRSA015 audience-not-trusted", () => {
  it("refuses an eks.amazonaws.com/audience the trust does not accept, judged by the evaluator", async () => {
    const shown = await findings(devWith('      - { name: api, namespace: web, annotations: { "eks.amazonaws.com/audience": "vault" } }'), "IRSA015");
    expect(shown).toEqual([
      expect.objectContaining({ severity: "error", path: 'environments.dev.serviceAccounts[0].annotations["eks.amazonaws.com/audience"]', message: expect.stringMatching(/audience "vault" are refused by the trust of role dev-web-api .* on dev \(it accepts aud sts\.amazonaws\.com\)/) }),
    ]);
  });

  it("is silent for the audience the trust pins", async () => {
    expect(await findings(devWith('      - { name: api, namespace: web, annotations: { "eks.amazonaws.com/audience": "sts.amazonaws.com" } }'), "IRSA015")).toEqual([]);
  });
});

describe("IRSA016 managed-policy-quota", () => {
  it("is an error over the default quota of 10, at policyArns", async () => {
    const shown = await findings(devWith(`      - { name: api, namespace: web, policyArns: ${awsPolicies(11)} }`), "IRSA016");
    expect(shown).toEqual([expect.objectContaining({ severity: "error", path: "environments.dev.serviceAccounts[0].policyArns", message: expect.stringMatching(/has 11 managed policies, over the quota of 10: .*managedPoliciesPerRoleMax \(up to 25\)/) })]);
  });

  it("follows managedPoliciesPerRoleMax, which accepts 10..25", async () => {
    expect(await findings(devWith(`      - { name: api, namespace: web, policyArns: ${awsPolicies(11)} }`, "    managedPoliciesPerRoleMax: 20\n"), "IRSA016")).toEqual([]);
    expect(await findings(devWith(`      - { name: api, namespace: web, policyArns: ${awsPolicies(21)} }`, "    managedPoliciesPerRoleMax: 20\n"), "IRSA016")).toHaveLength(1);
    expect(errorsOf(devWith("      - { name: api, namespace: web }", "    managedPoliciesPerRoleMax: 26\n")).join("\n")).toMatch(/managedPoliciesPerRoleMax: must be at most 25/);
  });
});

describe("IRSA017 full-access-managed-policy", () => {
  it("warns for an AWS *FullAccess policy, at its entry, and leaves IAMFullAccess to IRSA005", async () => {
    const yaml = devWith('      - { name: api, namespace: web, policyArns: ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess", "arn:aws:iam::aws:policy/AmazonS3FullAccess", "arn:aws:iam::aws:policy/IAMFullAccess"] }');
    expect(await findings(yaml, "IRSA017")).toEqual([
      expect.objectContaining({ severity: "warning", path: "environments.dev.serviceAccounts[0].policyArns[1]", message: expect.stringContaining("AmazonS3FullAccess attached") }),
    ]);
    expect(await findings(yaml, "IRSA005")).toHaveLength(1);
  });
});

describe("IRSA018 regex-like-wildcard", () => {
  it('warns for name: "api.*" with allowWildcard, suggesting the glob', async () => {
    const shown = await findings(devWith('      - { name: "api.*", namespace: web, allowWildcard: true, createServiceAccount: false }'), "IRSA018");
    expect(shown).toEqual([expect.objectContaining({ severity: "warning", path: "environments.dev.serviceAccounts[0].name", message: expect.stringContaining('did you mean "api*"?') })]);
  });

  it("is silent for a plain glob", async () => {
    expect(await findings(devWith('      - { name: "api-*", namespace: web, allowWildcard: true, createServiceAccount: false }'), "IRSA018")).toEqual([]);
  });
});

describe("settings the rules read", () => {
  it("refuses a blank suppression reason", () => {
    expect(errorsOf(withStatement('{ Effect: Allow, Action: "iam:PassRole", Resource: "*" }', '        suppress: [{ rule: IRSA014, reason: " " }]\n')).join("\n")).toMatch(/suppress\[0\]\.reason: must say why the finding is accepted/);
  });

  it("refuses trustPolicyMaxLength over 8192, the most the quota can be raised to", () => {
    expect(errorsOf(devWith("      - { name: api, namespace: web }", "    trustPolicyMaxLength: 20480\n")).join("\n")).toMatch(/trustPolicyMaxLength: must be at most 8192/);
  });

  it("says that secret:* names every secret instead of 'not a secret ARN'", () => {
    const yaml = devWith("      - { name: api, namespace: web }", '    addons: { externalSecrets: { secretsManagerArns: ["arn:aws:secretsmanager:us-west-2:111122223333:secret:*"] } }\n');
    expect(errorsOf(yaml).join("\n")).toMatch(/"arn:aws:secretsmanager:us-west-2:111122223333:secret:\*" names every Secrets Manager secret of the account and region; list them, or a name prefix/);
  });

  it("gives every new rule help text and a SARIF entry", async () => {
    const sarif = toSarif(await validate(devWith("      - { name: api, namespace: web }")));
    for (const id of ["IRSA014", "IRSA015", "IRSA016", "IRSA017", "IRSA018"]) {
      const rule = RULES.find((r) => r.id === id)!;
      expect(rule.help.length).toBeGreaterThan(60);
      expect(JSON.stringify(sarif)).toContain(`"id":"${id}"`);
    }
  });
});
