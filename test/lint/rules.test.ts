import { RULES } from "../../lib/lint/rules";
import { config, ISSUER_A, ISSUER_B } from "../support";
import { devWith, findings, validate, withStatement } from "./helpers";

const clusters = (n: number) =>
  Array.from({ length: n }, (_, i) => `      - { name: c${i}, oidcIssuerUrl: "https://oidc.eks.us-west-2.amazonaws.com/id/${String(i).repeat(32)}" }`).join("\n");

describe("the rule pack", () => {
  it("has stable, unique, ordered ids, each with a name, a severity and a summary", () => {
    const ids = RULES.map((r) => r.id);
    expect(ids).toEqual([...ids].sort());
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(Array.from({ length: ids.length }, (_, i) => `IRSA${String(i + 1).padStart(3, "0")}`));
    for (const rule of RULES) {
      expect(rule.name).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(["error", "warning"]).toContain(rule.severity);
      expect(rule.summary.length).toBeGreaterThan(20);
    }
  });

  it("finds nothing in a least-privilege config", async () => {
    const validation = await validate(withStatement('{ Effect: Allow, Action: ["s3:GetObject"], Resource: ["arn:aws:s3:::bucket/*"] }'));
    expect(validation.diagnostics).toEqual([]);
    expect(validation.valid).toBe(true);
  });
});

describe("IRSA001 wildcard-subject", () => {
  it.each(["namespace", "name"])("names the entry when %s is a wildcard without allowWildcard", async (key) => {
    const entry = key === "namespace" ? '{ name: api, namespace: "*" }' : '{ name: "api-*", namespace: web }';
    const validation = await validate(devWith(`      - ${entry}`));
    expect(validation.valid).toBe(false);
    expect(validation.linted).toBe(false);
    expect(validation.diagnostics).toEqual([expect.objectContaining({ rule: "IRSA001", severity: "error", path: ["environments", "dev", "serviceAccounts", 0, key] })]);
    expect(validation.diagnostics[0].message).toMatch(/allowWildcard: true/);
  });

  it("is silent when the entry says allowWildcard: true", async () => {
    expect(await findings(devWith('      - { name: "api-*", namespace: web, allowWildcard: true, createServiceAccount: false }'), "IRSA001")).toEqual([]);
  });
});

describe("IRSA002 regex-in-glob", () => {
  it("names the entry for a regular expression as a subject", async () => {
    const validation = await validate(devWith('      - { name: "(api|web)", namespace: web }'));
    expect(validation.diagnostics).toEqual([expect.objectContaining({ rule: "IRSA002", severity: "error", path: ["environments", "dev", "serviceAccounts", 0, "name"] })]);
  });

  it("finds regular expressions in Resource and in StringLike values of an inline policy", async () => {
    const yaml = withStatement(`Effect: Allow
              Action: ["s3:GetObject"]
              Resource: ["arn:aws:s3:::bucket/ok/*", "arn:aws:s3:::bucket-(dev|prod)/*"]
              Condition: { StringLike: { "s3:prefix": ["reports/.*"] } }`);
    expect(await findings(yaml, "IRSA002")).toEqual([
      expect.objectContaining({ severity: "error", path: "environments.dev.serviceAccounts[0].policy.Statement[0].Resource[1]", message: expect.stringMatching(/"arn:aws:s3:::bucket-\(dev\|prod\)\/\*" looks like a regular expression/) }),
      expect.objectContaining({ path: 'environments.dev.serviceAccounts[0].policy.Statement[0].Condition.StringLike["s3:prefix"]' }),
    ]);
  });
});

describe("IRSA003 trust-policy-too-large", () => {
  it("stands for the model's refusal of a trust over the limit", async () => {
    const validation = await validate(config(`  dev:\n    clusters:\n${clusters(8)}\n    serviceAccounts:\n      - { name: api, namespace: web }\n`));
    expect(validation.diagnostics).toEqual([expect.objectContaining({ rule: "IRSA003", severity: "error", path: ["environments", "dev", "serviceAccounts", 0] })]);
    expect(validation.diagnostics[0].message).toMatch(/over the limit of 2048/);
  });
});

describe("IRSA011 trust-policy-near-limit", () => {
  it("warns above 90% of the limit", async () => {
    const yaml = (n: number) => config(`  dev:\n    clusters:\n${clusters(n)}\n    serviceAccounts:\n      - { name: ${"a".repeat(30)}, namespace: web }\n`);
    expect(await findings(yaml(4), "IRSA011")).toEqual([
      expect.objectContaining({ severity: "warning", path: "environments.dev.serviceAccounts[0]", message: expect.stringMatching(/is 1866 of 2048 characters \(91%\)/) }),
    ]);
    expect(await findings(yaml(3), "IRSA011")).toEqual([]);
  });
});

describe("IRSA004 admin-action-wildcard", () => {
  it("stands for the schema's refusal of \"*:*\"", async () => {
    const validation = await validate(withStatement('{ Effect: Allow, Action: ["s3:GetObject", "*:*"], Resource: ["*"] }'));
    expect(validation.diagnostics).toEqual([
      expect.objectContaining({ rule: "IRSA004", severity: "error", path: ["environments", "dev", "serviceAccounts", 0, "policy", "Statement", 0, "Action", 1] }),
    ]);
  });

  it.each([
    ['"*"', /"\*" grants every action of every service/],
    ['"iam:*"', /"iam:\*" grants iam:PassRole, .*which let the role give itself any permission/],
    ['"iam:Put*"', /"iam:Put\*" grants iam:PutRolePolicy, iam:PutUserPolicy, iam:PutGroupPolicy/],
    ['"sts:*"', /"sts:\*" grants sts:AssumeRole/],
  ])("reports Action %s", async (action, message) => {
    const found = await findings(withStatement(`{ Effect: Allow, Action: [${action}], Resource: ["*"] }`), "IRSA004");
    expect(found).toEqual([expect.objectContaining({ severity: "error", path: "environments.dev.serviceAccounts[0].policy.Statement[0].Action[0]", message: expect.stringMatching(message) })]);
  });

  it("reports an Allow with NotAction", async () => {
    const found = await findings(withStatement('{ Effect: Allow, NotAction: ["iam:*"], Resource: ["*"] }'), "IRSA004");
    expect(found).toEqual([expect.objectContaining({ message: expect.stringMatching(/grants every action except "iam:\*"/) })]);
  });

  it("ignores Deny statements and exact IAM actions", async () => {
    expect(await findings(withStatement('{ Effect: Deny, Action: ["*"], Resource: ["*"] }'), "IRSA004")).toEqual([]);
    expect(await findings(withStatement('{ Effect: Allow, Action: ["iam:GetRole"], Resource: ["arn:aws:iam::111122223333:role/x"] }'), "IRSA004")).toEqual([]);
  });
});

describe("IRSA005 admin-managed-policy", () => {
  it.each(["AdministratorAccess", "PowerUserAccess", "IAMFullAccess"])("reports %s", async (name) => {
    const yaml = devWith(`      - { name: api, namespace: web, policyArns: ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess", "arn:aws:iam::aws:policy/${name}"] }`);
    expect(await findings(yaml, "IRSA005")).toEqual([expect.objectContaining({ severity: "error", path: "environments.dev.serviceAccounts[0].policyArns[1]", message: expect.stringContaining(`has ${name} attached`) })]);
  });

  it("does not confuse a customer policy of the same name", async () => {
    expect(await findings(devWith('      - { name: api, namespace: web, policyArns: ["arn:aws:iam::111122223333:policy/AdministratorAccess"] }'), "IRSA005")).toEqual([]);
  });
});

describe("IRSA006 write-on-any-resource", () => {
  it("reports a write action on Resource * using the catalog's access level", async () => {
    const found = await findings(withStatement('{ Effect: Allow, Action: ["s3:GetObject", "s3:PutObject"], Resource: "*" }'), "IRSA006");
    expect(found).toEqual([
      expect.objectContaining({ severity: "warning", path: "environments.dev.serviceAccounts[0].policy.Statement[0].Action[1]", message: expect.stringContaining('"s3:PutObject" on Resource "*" (a write action per the AWS action catalog)') }),
    ]);
  });

  it("counts the write actions a wildcard reaches", async () => {
    const [finding] = await findings(withStatement('{ Effect: Allow, Action: "sqs:*Message*", Resource: ["*"] }'), "IRSA006");
    expect(finding).toMatchObject({ path: "environments.dev.serviceAccounts[0].policy.Statement[0].Action", message: expect.stringMatching(/grants \d+ write action\(s\) per the AWS action catalog: sqs:/) });
  });

  it("does not report actions that accept only * (no resource-level permissions)", async () => {
    expect(await findings(withStatement('{ Effect: Allow, Action: ["xray:PutTraceSegments"], Resource: ["*"] }'), "IRSA006")).toEqual([]);
  });

  it("judges an action the catalog does not know by its verb, and says so", async () => {
    const found = await findings(withStatement('{ Effect: Allow, Action: ["newservice:PutWidget", "newservice:GetWidget"], Resource: ["*"] }'), "IRSA006");
    expect(found).toEqual([expect.objectContaining({ message: expect.stringContaining("looks like a write by its verb; the AWS action catalog does not know it") })]);
  });

  it("reports NotResource as well, and leaves scoped resources alone", async () => {
    expect(await findings(withStatement('{ Effect: Allow, Action: ["s3:PutObject"], NotResource: ["arn:aws:s3:::secret/*"] }'), "IRSA006")).toHaveLength(1);
    expect(await findings(withStatement('{ Effect: Allow, Action: ["s3:PutObject"], Resource: ["arn:aws:s3:::bucket/*"] }'), "IRSA006")).toEqual([]);
  });
});

describe("IRSA007 shared-across-namespaces", () => {
  it("warns about a role whose namespace is a wildcard", async () => {
    const found = await findings(devWith('      - { name: api, namespace: "team-*", allowWildcard: true, createServiceAccount: false }'), "IRSA007");
    expect(found).toEqual([
      expect.objectContaining({ severity: "warning", path: "environments.dev.serviceAccounts[0].namespace", message: expect.stringMatching(/shared by every namespace matching "team-\*"/) }),
    ]);
  });

  it("does not warn about a wildcard name within one namespace", async () => {
    expect(await findings(devWith('      - { name: "api-*", namespace: web, allowWildcard: true, createServiceAccount: false }'), "IRSA007")).toEqual([]);
  });
});

describe("IRSA008 unknown-action", () => {
  it("reports a typo with a did-you-mean", async () => {
    const found = await findings(withStatement('{ Effect: Allow, Action: ["s3:GetObjects"], Resource: ["arn:aws:s3:::bucket/*"] }'), "IRSA008");
    expect(found).toEqual([expect.objectContaining({ severity: "warning", message: '"s3:GetObjects" matches no s3 action in the AWS action catalog; did you mean "s3:GetObject"?' })]);
  });

  it("reports an unknown service prefix, and a wildcard that matches nothing", async () => {
    const found = await findings(withStatement('{ Effect: Allow, Action: ["sqss:SendMessage", "s3:Frobnicate*"], Resource: ["arn:aws:s3:::bucket/*"] }'), "IRSA008");
    expect(found.map((f) => f.message)).toEqual(['"sqss:SendMessage": "sqss" is not a service prefix in the AWS action catalog; did you mean "sqs"?', '"s3:Frobnicate*" matches no s3 action in the AWS action catalog']);
  });

  it("accepts action names in any case, as IAM does", async () => {
    expect(await findings(withStatement('{ Effect: Allow, Action: ["S3:getobject"], Resource: ["arn:aws:s3:::bucket/*"] }'), "IRSA008")).toEqual([]);
  });
});

describe("IRSA009 token-expiration-range", () => {
  it("stands for the schema's refusal of tokenExpiration out of range", async () => {
    const validation = await validate(devWith("      - { name: api, namespace: web, tokenExpiration: 100 }"));
    expect(validation.diagnostics).toEqual([expect.objectContaining({ rule: "IRSA009", severity: "error", path: ["environments", "dev", "serviceAccounts", 0, "tokenExpiration"] })]);
  });

  it("finds an out-of-range value written as a raw annotation", async () => {
    const found = await findings(devWith('      - { name: api, namespace: web, annotations: { "eks.amazonaws.com/token-expiration": "60" } }'), "IRSA009");
    expect(found).toEqual([expect.objectContaining({ severity: "error", path: 'environments.dev.serviceAccounts[0].annotations["eks.amazonaws.com/token-expiration"]' })]);
  });
});

describe("IRSA010 service-wide-wildcard", () => {
  it("warns about s3:*", async () => {
    const found = await findings(withStatement('{ Effect: Allow, Action: ["s3:*"], Resource: ["arn:aws:s3:::bucket/*"] }'), "IRSA010");
    expect(found).toEqual([expect.objectContaining({ severity: "warning", message: expect.stringContaining('"s3:*" grants every s3 action') })]);
  });

  it("leaves iam:* to IRSA004", async () => {
    expect(await findings(withStatement('{ Effect: Allow, Action: ["iam:*"], Resource: ["*"] }'), "IRSA010")).toEqual([]);
  });
});

describe("IRSA012 role-name-collision", () => {
  it("reports two environments that create one role name in one account", async () => {
    const yaml = config(`  staging:
    clusters: [{ name: s, oidcIssuerUrl: "${ISSUER_A}" }]
    serviceAccounts: [{ name: api, namespace: web, roleName: web-api }]
  prod:
    clusters: [{ name: p, oidcIssuerUrl: "${ISSUER_B}" }]
    serviceAccounts: [{ name: api, namespace: web, roleName: Web-API }]
`);
    expect(await findings(yaml, "IRSA012")).toEqual([
      expect.objectContaining({ severity: "error", path: "environments.prod.serviceAccounts[0]", message: expect.stringContaining("role name Web-API is also the role name of web/api in environment staging") }),
    ]);
  });

  it("allows the same name in different accounts", async () => {
    const yaml = config(`  staging:
    accountId: "222233334444"
    clusters: [{ name: s, oidcIssuerUrl: "${ISSUER_A}" }]
    serviceAccounts: [{ name: api, namespace: web, roleName: web-api }]
  prod:
    clusters: [{ name: p, oidcIssuerUrl: "${ISSUER_B}" }]
    serviceAccounts: [{ name: api, namespace: web, roleName: web-api }]
`);
    expect(await findings(yaml, "IRSA012")).toEqual([]);
  });
});

describe("suppressions and IRSA013 unused-suppression", () => {
  const writeOnStar = '{ Effect: Allow, Action: ["s3:PutObject"], Resource: ["*"] }';

  it("honour a suppression and show its reason; a suppressed error no longer fails the run", async () => {
    const validation = await validate(
      withStatement('{ Effect: Allow, Action: ["*"], Resource: ["*"] }', '        suppress: [{ rule: IRSA004, reason: "break-glass role, reviewed by security" }]\n'),
    );
    const found = validation.diagnostics.filter((d) => d.rule === "IRSA004");
    expect(found).toEqual([expect.objectContaining({ severity: "error", suppressedBecause: "break-glass role, reviewed by security" })]);
    expect(validation.valid).toBe(true);
  });

  it("only suppress findings inside their own entry", async () => {
    const yaml = devWith(`      - name: a
        namespace: web
        suppress: [{ rule: IRSA005, reason: "accepted" }]
        policyArns: ["arn:aws:iam::aws:policy/AdministratorAccess"]
      - { name: b, namespace: web, policyArns: ["arn:aws:iam::aws:policy/AdministratorAccess"] }`);
    const found = await findings(yaml, "IRSA005");
    expect(found.map((f) => [f.path, f.suppressedBecause])).toEqual([
      ["environments.dev.serviceAccounts[0].policyArns[0]", "accepted"],
      ["environments.dev.serviceAccounts[1].policyArns[0]", undefined],
    ]);
  });

  it.each([
    ["an unknown rule id", "IRSA099", /IRSA099 is not a rule id/],
    ["a rule the schema enforces", "IRSA001", /IRSA001 \(wildcard-subject\) is enforced by the schema or the model and cannot be suppressed/],
    ["a rule with no finding on the entry", "IRSA005", /no IRSA005 \(admin-managed-policy\) finding on this entry to suppress/],
  ])("report %s", async (_what, rule, message) => {
    const found = await findings(withStatement(writeOnStar, `        suppress: [{ rule: ${rule}, reason: "why" }]\n`), "IRSA013");
    expect(found).toEqual([expect.objectContaining({ severity: "warning", path: "environments.dev.serviceAccounts[0].suppress[0].rule", message: expect.stringMatching(message) })]);
  });

  it("are matched per environment, even for entries with the same subject", async () => {
    const entry = (action: string) => `    serviceAccounts:
      - name: api
        namespace: web
        suppress: [{ rule: IRSA006, reason: "reviewed" }]
        policy: { Statement: [{ Effect: Allow, Action: ["${action}"], Resource: ["*"] }] }`;
    const yaml = config(`  staging:
    clusters: [{ name: s, oidcIssuerUrl: "${ISSUER_A}" }]
${entry("s3:PutObject")}
  prod:
    clusters: [{ name: p, oidcIssuerUrl: "${ISSUER_B}" }]
${entry("s3:GetObject")}
`);
    const validation = await validate(yaml);
    expect(validation.diagnostics.map((d) => [d.rule, d.path.slice(0, 2).join("."), d.suppressedBecause])).toEqual([
      ["IRSA006", "environments.staging", "reviewed"],
      ["IRSA013", "environments.prod", undefined],
    ]);
  });

  it("can itself be suppressed", async () => {
    const extra = '        suppress: [{ rule: IRSA005, reason: "kept for later" }, { rule: IRSA013, reason: "staged rollout" }]\n';
    const found = await findings(withStatement(writeOnStar, extra), "IRSA013");
    expect(found).toEqual([expect.objectContaining({ suppressedBecause: "staged rollout" })]);
  });
});
