import fc from "fast-check";
import { evaluate, globMatch, matchesAction, matchesArn, webIdentityRequest, type RequestContext } from "../../lib/iam/evaluate";
import { policyDocument, type ConditionBlock, type PolicyStatement } from "../../lib/iam/policy";
import { trustPolicy, webIdentityStatement } from "../../lib/iam/trust";

const BLUE = "oidc.eks.us-west-2.amazonaws.com/id/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
const GREEN = "oidc.eks.us-west-2.amazonaws.com/id/BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB";
const providerArn = (issuer: string) => `arn:aws:iam::111122223333:oidc-provider/${issuer}`;

/** The trust statement we generate: one OIDC provider, exact sub, pinned aud. */
function oidcStatement(issuer: string, sub: string): PolicyStatement {
  return {
    Effect: "Allow",
    Principal: { Federated: providerArn(issuer) },
    Action: "sts:AssumeRoleWithWebIdentity",
    Condition: { StringEquals: { [`${issuer}:sub`]: sub, [`${issuer}:aud`]: "sts.amazonaws.com" } },
  };
}

const token = (issuer: string, sub: string, aud = "sts.amazonaws.com") => webIdentityRequest(providerArn(issuer), { sub, aud });

/** A one-statement Allow with the given condition, for operator tests. */
function allowIf(condition: ConditionBlock) {
  return policyDocument([{ Effect: "Allow", Action: "s3:GetObject", Resource: "*", Condition: condition }]);
}

const request = (keys: RequestContext["keys"]): RequestContext => ({ action: "s3:GetObject", resource: "arn:aws:s3:::bucket/key", keys });

const allowed = (condition: ConditionBlock, keys: RequestContext["keys"]) => evaluate(allowIf(condition), request(keys)).decision === "allow";

describe("globMatch", () => {
  it.each([
    ["*", "", true],
    ["*", "anything at all", true],
    ["a*c", "abbbc", true],
    ["a*c", "ac", true],
    ["a*c", "abcd", false],
    ["a?c", "abc", true],
    ["a?c", "ac", false],
    ["a?c", "abbc", false],
    ["*a*b", "xxaxxaxb", true],
    ["", "", true],
    ["", "x", false],
    ["system:serviceaccount:*:reporter", "system:serviceaccount:billing:reporter", true],
  ])("%j ~ %j -> %s", (pattern, value, expected) => {
    expect(globMatch(pattern, value)).toBe(expected);
  });

  it("is a glob, not a regex: (a|b), [..], ., + and \\ match only themselves", () => {
    expect(globMatch("env-(prod|dev)", "env-prod")).toBe(false);
    expect(globMatch("env-(prod|dev)", "env-(prod|dev)")).toBe(true);
    expect(globMatch("[abc]", "a")).toBe(false);
    expect(globMatch("[abc", "[abc")).toBe(true);
    expect(globMatch("a.c", "abc")).toBe(false);
    expect(globMatch("a+", "aa")).toBe(false);
    expect(globMatch("a\\*", "a\\anything")).toBe(true); // no escape character: \ is literal, * still a wildcard
    expect(globMatch("^abc$", "abc")).toBe(false);
  });

  it("treats `*` and `?` in the value as ordinary characters", () => {
    expect(globMatch("a*", "a*")).toBe(true);
    expect(globMatch("abc", "a?c")).toBe(false);
  });

  it("is case-sensitive unless told otherwise", () => {
    expect(globMatch("Orders", "orders")).toBe(false);
    expect(globMatch("Ord*", "orders", { ignoreCase: true })).toBe(true);
  });

  it("matches one character per `?`, also outside the BMP", () => {
    expect(globMatch("a?b", "a😀b")).toBe(true);
    expect(globMatch("a??b", "a😀b")).toBe(false);
    expect(globMatch("a😀?", "a😀b")).toBe(true);
    expect(globMatch("a?", "a\uD83D")).toBe(true); // a lone surrogate is one character too
  });

  it("stays fast on a pattern that makes a backtracking regex explode", () => {
    const start = Date.now();
    expect(globMatch("*a*a*a*a*a*a*a*a*a*a*b", "a".repeat(5000))).toBe(false);
    expect(Date.now() - start).toBeLessThan(2000);
  });
});

describe("matchesAction / matchesArn", () => {
  it("matches actions case-insensitively with wildcards", () => {
    expect(matchesAction("sts:AssumeRoleWithWebIdentity", "STS:assumerolewithwebidentity")).toBe(true);
    expect(matchesAction("sts:*", "sts:AssumeRole")).toBe(true);
    expect(matchesAction("s3:Get*", "s3:PutObject")).toBe(false);
    expect(matchesAction("*", "ec2:RunInstances")).toBe(true);
    expect(matchesAction("sts:AssumeRole", "sts:AssumeRoleWithWebIdentity")).toBe(false);
  });

  it("matches ARNs part by part, the resource part keeping its colons", () => {
    expect(matchesArn("arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket/a/b")).toBe(true);
    expect(matchesArn("arn:*:iam::111122223333:role/*", "arn:aws-cn:iam::111122223333:role/x")).toBe(true);
    // a wildcard in the account part cannot swallow a colon of the resource part (a plain glob would match)
    expect(matchesArn("arn:aws:iam::*:role/x", "arn:aws:iam::111122223333:evil:role/x")).toBe(false);
    expect(globMatch("arn:aws:iam::*:role/x", "arn:aws:iam::111122223333:evil:role/x")).toBe(true);
    expect(matchesArn("arn:aws:logs:*:*:log-group:/aws/eks/*", "arn:aws:logs:us-west-2:1:log-group:/aws/eks/c:log-stream:s")).toBe(true);
    expect(matchesArn("*", "not-an-arn")).toBe(true);
    expect(matchesArn("arn:aws:s3:::*", "not-an-arn")).toBe(false);
    expect(matchesArn("arn:aws:s3:::Bucket", "arn:aws:s3:::bucket")).toBe(false);
  });
});

describe("decision", () => {
  const read: PolicyStatement = { Effect: "Allow", Action: "s3:*", Resource: "arn:aws:s3:::bucket/*" };
  const denySecret: PolicyStatement = { Sid: "NoSecrets", Effect: "Deny", Action: "s3:GetObject", Resource: "arn:aws:s3:::bucket/secret/*" };
  const get = (key: string): RequestContext => ({ action: "s3:GetObject", resource: `arn:aws:s3:::bucket/${key}`, keys: {} });

  it("allows when an Allow applies", () => {
    expect(evaluate(policyDocument([read, denySecret]), get("public/x")).decision).toBe("allow");
  });

  it("lets an applicable Deny win over any Allow, whatever the order", () => {
    for (const doc of [policyDocument([read, denySecret]), policyDocument([denySecret, read])]) {
      const result = evaluate(doc, get("secret/x"));
      expect(result.decision).toBe("explicit-deny");
      expect(result.reason).toMatchObject({ kind: "explicit-deny" });
      expect(result.reason?.message).toContain('(Sid "NoSecrets") explicitly denies');
    }
  });

  it("denies implicitly when nothing applies, and says why", () => {
    const result = evaluate(policyDocument([read]), { action: "s3:GetObject", resource: "arn:aws:s3:::other/x", keys: {} });
    expect(result.decision).toBe("implicit-deny");
    expect(result.reason).toMatchObject({ kind: "resource", expected: ["arn:aws:s3:::bucket/*"], actual: ["arn:aws:s3:::other/x"] });
    expect(result.reason?.message).toBe('resource is arn:aws:s3:::other/x; the statement\'s Resource is "arn:aws:s3:::bucket/*"');
  });

  it("reports a policy with only Deny statements, or none", () => {
    expect(evaluate(policyDocument([]), get("x")).reason?.kind).toBe("no-allow-statement");
    expect(evaluate(policyDocument([denySecret]), get("x")).reason?.kind).toBe("no-allow-statement");
  });

  it("reports a verdict for every statement", () => {
    const result = evaluate(policyDocument([read, denySecret]), get("secret/x"));
    expect(result.statements.map((s) => [s.index, s.effect, s.applies])).toEqual([
      [0, "Allow", true],
      [1, "Deny", true],
    ]);
    expect(result.statements[1].sid).toBe("NoSecrets");
  });
});

describe("Action, NotAction, Resource, NotResource", () => {
  it("honours NotAction", () => {
    const doc = policyDocument([{ Effect: "Allow", NotAction: "iam:*", Resource: "*" }]);
    expect(evaluate(doc, { action: "s3:GetObject", resource: "x", keys: {} }).decision).toBe("allow");
    const refused = evaluate(doc, { action: "IAM:CreateUser", resource: "x", keys: {} });
    expect(refused.decision).toBe("implicit-deny");
    expect(refused.reason?.message).toBe('action IAM:CreateUser is excluded by NotAction "iam:*"');
  });

  it("honours NotResource, case-sensitively", () => {
    const doc = policyDocument([{ Effect: "Allow", Action: "s3:*", NotResource: "arn:aws:s3:::private/*" }]);
    expect(evaluate(doc, { action: "s3:GetObject", resource: "arn:aws:s3:::private/x", keys: {} }).reason?.kind).toBe("resource");
    expect(evaluate(doc, { action: "s3:GetObject", resource: "arn:aws:s3:::Private/x", keys: {} }).decision).toBe("allow");
  });

  it("names the expected action", () => {
    const result = evaluate(policyDocument([oidcStatement(BLUE, "system:serviceaccount:a:b")]), { ...token(BLUE, "system:serviceaccount:a:b"), action: "sts:AssumeRole" });
    expect(result.reason).toMatchObject({ kind: "action", actual: ["sts:AssumeRole"] });
    expect(result.reason?.message).toBe('action is sts:AssumeRole; the statement\'s Action is "sts:AssumeRoleWithWebIdentity"');
  });

  it("needs no Resource in a trust policy, and skips Resource when the request names none", () => {
    expect(evaluate(policyDocument([oidcStatement(BLUE, "s")]), token(BLUE, "s")).decision).toBe("allow");
    const withResource = policyDocument([{ Effect: "Allow", Action: "s3:*", Resource: "arn:aws:s3:::b" }]);
    expect(evaluate(withResource, { action: "s3:GetObject", keys: {} }).decision).toBe("allow");
  });
});

describe("Principal", () => {
  const trust = (principal: PolicyStatement["Principal"]) => policyDocument([{ Effect: "Allow", Principal: principal, Action: "sts:AssumeRole" }]);
  const assume = (type: "Federated" | "Service" | "AWS", id: string): RequestContext => ({ principal: { type, id }, action: "sts:AssumeRole", keys: {} });

  it.each([
    [{ Service: "pods.eks.amazonaws.com" }, assume("Service", "pods.eks.amazonaws.com"), true],
    [{ Service: "pods.eks.amazonaws.com" }, assume("Service", "ec2.amazonaws.com"), false],
    [{ Service: "pods.eks.amazonaws.com" }, assume("AWS", "pods.eks.amazonaws.com"), false],
    [{ Federated: [providerArn(BLUE), providerArn(GREEN)] }, assume("Federated", providerArn(GREEN)), true],
    [{ AWS: "arn:aws:iam::111122223333:role/ci" }, assume("AWS", "arn:aws:iam::111122223333:role/ci"), true],
    [{ AWS: "arn:aws:iam::111122223333:role/ci" }, assume("AWS", "arn:aws:iam::111122223333:role/other"), false],
    [{ AWS: "arn:aws:iam::111122223333:root" }, assume("AWS", "arn:aws:iam::111122223333:role/any"), true],
    [{ AWS: "111122223333" }, assume("AWS", "arn:aws:iam::111122223333:user/u"), true],
    [{ AWS: "111122223333" }, assume("AWS", "arn:aws:iam::444455556666:user/u"), false],
    [{ AWS: "*" }, assume("AWS", "arn:aws:iam::444455556666:user/u"), true],
    ["*", assume("Service", "anything.amazonaws.com"), true],
  ] as const)("%j admits %j: %s", (principal, req, admits) => {
    expect(evaluate(trust(principal), req).decision).toBe(admits ? "allow" : "implicit-deny");
  });

  it("refuses a request without principal when the statement names one", () => {
    const result = evaluate(trust({ Service: "pods.eks.amazonaws.com" }), { action: "sts:AssumeRole", keys: {} });
    expect(result.reason?.message).toBe("the request has no principal; the statement's Principal admits Service pods.eks.amazonaws.com");
  });
});

describe("condition operators", () => {
  // [operator, policy value(s), request value(s) or undefined for absent, expected to hold]
  const cases: ReadonlyArray<readonly [string, string | readonly string[] | boolean, string | readonly string[] | undefined, boolean]> = [
    ["StringEquals", "orders", "orders", true],
    ["StringEquals", "orders", "Orders", false],
    ["StringEquals", ["a", "b"], "b", true],
    ["StringEquals", "orders", undefined, false],
    ["StringEquals", "o*", "orders", false],
    ["StringNotEquals", "orders", "billing", true],
    ["StringNotEquals", "orders", "orders", false],
    ["StringNotEquals", ["a", "b"], "b", false],
    ["StringNotEquals", "orders", undefined, true],
    ["StringEqualsIgnoreCase", "ORDERS", "orders", true],
    ["StringEqualsIgnoreCase", "ORDERS", "billing", false],
    ["StringNotEqualsIgnoreCase", "ORDERS", "orders", false],
    ["StringNotEqualsIgnoreCase", "ORDERS", "billing", true],
    ["StringNotEqualsIgnoreCase", "ORDERS", undefined, true],
    ["StringLike", "system:serviceaccount:orders:*", "system:serviceaccount:orders:api", true],
    ["StringLike", "system:serviceaccount:orders:*", "system:serviceaccount:billing:api", false],
    ["StringLike", "team-?", "team-a", true],
    ["StringLike", "team-(a|b)", "team-a", false],
    ["StringLike", "team-(a|b)", "team-(a|b)", true],
    ["StringLike", "Team-*", "team-a", false],
    ["StringLike", "*", undefined, false],
    ["StringNotLike", "system:serviceaccount:kube-system:*", "system:serviceaccount:orders:api", true],
    ["StringNotLike", "system:serviceaccount:kube-system:*", "system:serviceaccount:kube-system:x", false],
    ["StringNotLike", "*", undefined, true],
    ["ArnEquals", "arn:aws:iam::111122223333:role/*", "arn:aws:iam::111122223333:role/x", true],
    ["ArnLike", "arn:aws:iam::111122223333:role/*", "arn:aws:iam::111122223333:role/x", true],
    ["ArnLike", "arn:aws:iam::111122223333:role/*", "arn:aws:iam::444455556666:role/x", false],
    ["ArnLike", "arn:aws:iam::111122223333:role/*", undefined, false],
    ["ArnNotEquals", "arn:aws:iam::111122223333:role/x", "arn:aws:iam::111122223333:role/y", true],
    ["ArnNotLike", "arn:aws:iam::*:role/admin", "arn:aws:iam::111122223333:role/admin", false],
    ["ArnNotLike", "arn:aws:iam::*:role/admin", undefined, true],
    ["Bool", "true", "true", true],
    ["Bool", true, "true", true],
    ["Bool", "true", "false", false],
    ["Bool", "false", "FALSE", true],
    ["Bool", "true", undefined, false],
    ["BinaryEquals", "QmluYXJ5", "QmluYXJ5", true],
    ["NumericEquals", "10", "10.0", true],
    ["NumericEquals", "10", "11", false],
    ["NumericEquals", "10", "ten", false],
    ["NumericNotEquals", "10", "11", true],
    ["NumericNotEquals", "10", "10", false],
    ["NumericNotEquals", "10", undefined, true],
    ["NumericLessThan", "10", "9", true],
    ["NumericLessThan", "10", "10", false],
    ["NumericLessThanEquals", "10", "10", true],
    ["NumericLessThanEquals", "10", "11", false],
    ["NumericGreaterThan", "10", "11", true],
    ["NumericGreaterThan", "10", "10", false],
    ["NumericGreaterThanEquals", "10", "10", true],
    ["NumericGreaterThanEquals", "10", "9.5", false],
    ["NumericLessThan", "10", undefined, false],
    ["DateEquals", "2024-01-01T00:00:00Z", "2024-01-01T00:00:00.000Z", true],
    ["DateNotEquals", "2024-01-01T00:00:00Z", "2024-01-02T00:00:00Z", true],
    ["DateLessThan", "2024-01-01T00:00:00Z", "2023-12-31T23:59:59Z", true],
    ["DateLessThan", "2024-01-01T00:00:00Z", "2024-01-01T00:00:00Z", false],
    ["DateLessThanEquals", "2024-01-01T00:00:00Z", "2024-01-01T00:00:00Z", true],
    ["DateGreaterThan", "2024-01-01T00:00:00Z", "1704067201", true], // epoch seconds (aws:EpochTime)
    ["DateGreaterThanEquals", "1704067200", "2024-01-01T00:00:00Z", true],
    ["DateGreaterThan", "2024-01-01T00:00:00Z", "not a date", false],
  ];

  it.each(cases)("%s %j vs %j -> %s", (operator, policyValue, requestValue, holds) => {
    expect(allowed({ [operator]: { "test:key": policyValue } }, { "test:key": requestValue })).toBe(holds);
  });

  it("IfExists: an absent key passes, a present key is tested as usual", () => {
    for (const operator of ["StringEqualsIfExists", "StringLikeIfExists", "ArnLikeIfExists", "BoolIfExists", "NumericLessThanIfExists", "DateLessThanIfExists"]) {
      expect(allowed({ [operator]: { "test:key": "x" } }, {})).toBe(true);
    }
    expect(allowed({ StringEqualsIfExists: { "test:key": "x" } }, { "test:key": "x" })).toBe(true);
    expect(allowed({ StringEqualsIfExists: { "test:key": "x" } }, { "test:key": "y" })).toBe(false);
    expect(allowed({ StringNotEqualsIfExists: { "test:key": "x" } }, { "test:key": "x" })).toBe(false);
  });

  it("Null: true means the key must be absent, false that it must be present", () => {
    expect(allowed({ Null: { "test:key": "true" } }, {})).toBe(true);
    expect(allowed({ Null: { "test:key": true } }, { "test:key": "v" })).toBe(false);
    expect(allowed({ Null: { "test:key": "false" } }, { "test:key": "v" })).toBe(true);
    expect(allowed({ Null: { "test:key": false } }, {})).toBe(false);
    expect(allowed({ Null: { "test:key": "true" } }, { "test:key": [] })).toBe(true); // an empty list is no value
  });

  it("ANDs operators and keys, ORs the values of one key", () => {
    const condition: ConditionBlock = { StringEquals: { "k:a": ["1", "2"], "k:b": "x" }, StringLike: { "k:c": "y*" } };
    expect(allowed(condition, { "k:a": "2", "k:b": "x", "k:c": "yes" })).toBe(true);
    expect(allowed(condition, { "k:a": "3", "k:b": "x", "k:c": "yes" })).toBe(false);
    expect(allowed(condition, { "k:a": "1", "k:b": "z", "k:c": "yes" })).toBe(false);
    expect(allowed(condition, { "k:a": "1", "k:b": "x", "k:c": "no" })).toBe(false);
  });

  it("NORs the values of a negated operator", () => {
    const condition: ConditionBlock = { StringNotEquals: { "k:a": ["1", "2"] } };
    expect(allowed(condition, { "k:a": "1" })).toBe(false);
    expect(allowed(condition, { "k:a": "2" })).toBe(false);
    expect(allowed(condition, { "k:a": "3" })).toBe(true);
  });

  it("reads condition key names case-insensitively, values case-sensitively", () => {
    expect(allowed({ StringEquals: { "AWS:PrincipalTag/Team": "Orders" } }, { "aws:principaltag/team": "Orders" })).toBe(true);
    expect(allowed({ StringEquals: { "AWS:PrincipalTag/Team": "Orders" } }, { "aws:principaltag/team": "orders" })).toBe(false);
  });

  it("matches a multi-valued key without set qualifier when any value matches (negated: when none does)", () => {
    expect(allowed({ StringEquals: { "test:key": "b" } }, { "test:key": ["a", "b"] })).toBe(true);
    expect(allowed({ StringEquals: { "test:key": "c" } }, { "test:key": ["a", "b"] })).toBe(false);
    expect(allowed({ StringNotEquals: { "test:key": "b" } }, { "test:key": ["a", "b"] })).toBe(false);
    expect(allowed({ StringNotEquals: { "test:key": "c" } }, { "test:key": ["a", "b"] })).toBe(true);
  });

  describe("set qualifiers", () => {
    const tags = (value: string | readonly string[] | undefined) => ({ "aws:TagKeys": value });

    it("ForAllValues: every request value must match a policy value; true when the key is absent or empty", () => {
      const condition: ConditionBlock = { "ForAllValues:StringEquals": { "aws:TagKeys": ["team", "env"] } };
      expect(allowed(condition, tags(["team", "env"]))).toBe(true);
      expect(allowed(condition, tags(["team"]))).toBe(true);
      expect(allowed(condition, tags(["team", "cost"]))).toBe(false);
      expect(allowed(condition, tags(undefined))).toBe(true);
      expect(allowed(condition, tags([]))).toBe(true);
    });

    it("ForAnyValue: at least one request value must match; false when the key is absent", () => {
      const condition: ConditionBlock = { "ForAnyValue:StringEquals": { "aws:TagKeys": ["team", "env"] } };
      expect(allowed(condition, tags(["cost", "env"]))).toBe(true);
      expect(allowed(condition, tags(["cost"]))).toBe(false);
      expect(allowed(condition, tags(undefined))).toBe(false);
      expect(allowed({ "ForAnyValue:StringEqualsIfExists": { "aws:TagKeys": "team" } }, tags(undefined))).toBe(true);
    });

    it("combine with negated and glob operators value by value", () => {
      const noneSecret: ConditionBlock = { "ForAllValues:StringNotLike": { "aws:TagKeys": "secret-*" } };
      expect(allowed(noneSecret, tags(["team", "env"]))).toBe(true);
      expect(allowed(noneSecret, tags(["team", "secret-x"]))).toBe(false);
      const someNotTeam: ConditionBlock = { "ForAnyValue:StringNotEquals": { "aws:TagKeys": "team" } };
      expect(allowed(someNotTeam, tags(["team", "env"]))).toBe(true);
      expect(allowed(someNotTeam, tags(["team"]))).toBe(false);
      expect(allowed(someNotTeam, tags(undefined))).toBe(false);
    });
  });

  it("says expected vs actual for every kind of operator", () => {
    const reason = (condition: ConditionBlock, keys: RequestContext["keys"]) => evaluate(allowIf(condition), request(keys)).reason?.message;
    expect(reason({ StringEquals: { "k:a": ["x", "y"] } }, { "k:a": "z" })).toBe('k:a is "z"; StringEquals expects one of "x", "y"');
    expect(reason({ StringNotLike: { "k:a": ["x*", "y*"] } }, { "k:a": "xx" })).toBe('k:a is "xx"; StringNotLike expects none of "x*", "y*"');
    expect(reason({ Null: { "k:a": "true" } }, { "k:a": "v" })).toBe('k:a is "v"; Null expects the key to be absent');
    expect(reason({ Null: { "k:a": "false" } }, {})).toBe("k:a is absent from the request; Null expects the key to be present");
    expect(reason({ "ForAllValues:StringEquals": { "aws:TagKeys": ["a", "b"] } }, { "aws:TagKeys": ["a", "c"] })).toBe(
      'aws:TagKeys is ["a", "c"]; ForAllValues:StringEquals expects every value to match one of "a", "b"',
    );
    expect(reason({ "ForAnyValue:StringLike": { "aws:TagKeys": "t*" } }, {})).toBe('aws:TagKeys is absent from the request; ForAnyValue:StringLike expects at least one value to match "t*"');
    expect(reason({ NumericLessThanIfExists: { "s3:max-keys": "10" } }, { "s3:max-keys": "20" })).toBe('s3:max-keys is "20"; NumericLessThanIfExists expects "10"');
  });

  it("refuses unknown or malformed operators loudly, as IAM refuses the document", () => {
    expect(() => allowed({ StringEqual: { k: "v" } }, {})).toThrow('unsupported condition operator "StringEqual"');
    expect(() => allowed({ "ForSomeValues:StringEquals": { k: "v" } }, {})).toThrow("unsupported condition operator");
    expect(() => allowed({ NullIfExists: { k: "true" } }, {})).toThrow("Null takes neither");
    expect(() => allowed({ "ForAllValues:Null": { k: "true" } }, {})).toThrow("Null takes neither");
  });
});

describe("IRSA trust policies", () => {
  const worker = "system:serviceaccount:billing:billing-worker";
  const reporter = "system:serviceaccount:billing:reporter";

  it("admits the subject and refuses another ServiceAccount, saying expected vs actual", () => {
    const result = evaluate(policyDocument([oidcStatement(BLUE, worker)]), token(BLUE, reporter));
    expect(result.decision).toBe("implicit-deny");
    expect(result.reason).toEqual({
      kind: "condition",
      operator: "StringEquals",
      key: `${BLUE}:sub`,
      expected: [worker],
      actual: [reporter],
      message: `${BLUE}:sub is "${reporter}"; StringEquals expects "${worker}"`,
    });
    expect(evaluate(policyDocument([oidcStatement(BLUE, worker)]), token(BLUE, worker)).decision).toBe("allow");
  });

  it("refuses a token for another audience", () => {
    const result = evaluate(policyDocument([oidcStatement(BLUE, worker)]), token(BLUE, worker, "vault"));
    expect(result.reason?.message).toBe(`${BLUE}:aud is "vault"; StringEquals expects "sts.amazonaws.com"`);
  });

  it("refuses a token without sub", () => {
    const result = evaluate(policyDocument([oidcStatement(BLUE, worker)]), webIdentityRequest(providerArn(BLUE), { aud: "sts.amazonaws.com" }));
    expect(result.reason?.message).toBe(`${BLUE}:sub is absent from the request; StringEquals expects "${worker}"`);
    expect(result.reason?.actual).toBeUndefined();
  });

  describe("blue/green: one statement per OIDC provider", () => {
    const doc = policyDocument([oidcStatement(BLUE, worker), oidcStatement(GREEN, worker)]);

    it("admits the subject from either cluster", () => {
      expect(evaluate(doc, token(BLUE, worker)).decision).toBe("allow");
      expect(evaluate(doc, token(GREEN, worker)).decision).toBe("allow");
    });

    it("admits a provider's sub only together with that provider's principal", () => {
      // GREEN's principal but BLUE's keys: no statement has both
      const crossed: RequestContext = { ...token(BLUE, worker), principal: { type: "Federated", id: providerArn(GREEN) } };
      expect(evaluate(doc, crossed).decision).toBe("implicit-deny");
    });

    it("reports the sub for a wrong ServiceAccount from a trusted cluster (the statement whose principal matched)", () => {
      const result = evaluate(doc, token(GREEN, reporter));
      expect(result.reasonStatement).toBe(1);
      expect(result.reason).toMatchObject({ kind: "condition", key: `${GREEN}:sub`, actual: [reporter], expected: [worker] });
    });

    it("reports the issuer for a token from another cluster, naming the trusted providers", () => {
      const other = "oidc.eks.eu-west-1.amazonaws.com/id/CCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCC";
      const result = evaluate(doc, token(other, worker));
      expect(result.reasonStatement).toBe(0);
      expect(result.reason).toMatchObject({ kind: "principal", expected: [`Federated ${providerArn(BLUE)}`], actual: [`Federated ${providerArn(other)}`] });
      expect(result.reason?.message).toBe(`principal is Federated ${providerArn(other)}; the statement's Principal admits Federated ${providerArn(BLUE)}`);
    });
  });

  it("the classic bug: both providers' :sub keys in ONE StringEquals block admit nobody", () => {
    const merged = policyDocument([
      {
        Effect: "Allow",
        Principal: { Federated: [providerArn(BLUE), providerArn(GREEN)] },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: {
          StringEquals: {
            [`${BLUE}:sub`]: worker,
            [`${BLUE}:aud`]: "sts.amazonaws.com",
            [`${GREEN}:sub`]: worker,
            [`${GREEN}:aud`]: "sts.amazonaws.com",
          },
        },
      },
    ]);
    const fromBlue = evaluate(merged, token(BLUE, worker));
    const fromGreen = evaluate(merged, token(GREEN, worker));
    expect(fromBlue.decision).toBe("implicit-deny");
    expect(fromGreen.decision).toBe("implicit-deny");
    // STS only sets the keys of the token's own issuer: the other provider's keys are absent
    expect(fromBlue.reason?.message).toBe(`${GREEN}:sub is absent from the request; StringEquals expects "${worker}"`);
    expect(fromGreen.reason?.key).toBe(`${BLUE}:sub`);
    expect(fromBlue.statements[0].failures.map((f) => f.key)).toEqual([`${GREEN}:sub`, `${GREEN}:aud`]);
  });

  it("StringLike subjects are globs: a namespace wildcard admits that namespace only, a regex alternative nobody", () => {
    const like = (sub: string) =>
      policyDocument([{ Effect: "Allow", Principal: { Federated: providerArn(BLUE) }, Action: "sts:AssumeRoleWithWebIdentity", Condition: { StringLike: { [`${BLUE}:sub`]: sub } } }]);
    expect(evaluate(like("system:serviceaccount:billing:*"), token(BLUE, reporter)).decision).toBe("allow");
    expect(evaluate(like("system:serviceaccount:billing:*"), token(BLUE, "system:serviceaccount:orders:api")).decision).toBe("implicit-deny");
    expect(evaluate(like("system:serviceaccount:(billing|orders):reporter"), token(BLUE, reporter)).decision).toBe("implicit-deny");
  });

  it("holds for the project's own trust builder", () => {
    const doc = trustPolicy([
      webIdentityStatement({ providerArn: providerArn(BLUE), issuerHost: BLUE }, [{ namespace: "billing", name: "billing-worker" }]),
      webIdentityStatement({ providerArn: providerArn(GREEN), issuerHost: GREEN }, [{ namespace: "billing", name: "billing-worker" }]),
    ]);
    expect(evaluate(doc, token(BLUE, worker)).decision).toBe("allow");
    expect(evaluate(doc, token(GREEN, worker)).decision).toBe("allow");
    expect(evaluate(doc, token(GREEN, reporter)).reason?.key).toBe(`${GREEN}:sub`);
  });

  it("property: every one-character change of the subject is refused", () => {
    const name = fc.stringMatching(/^[a-z0-9-]{1,20}$/);
    fc.assert(
      fc.property(name, name, fc.nat(), fc.string({ minLength: 1, maxLength: 1 }), (namespace, sa, at, replacement) => {
        const subject = `system:serviceaccount:${namespace}:${sa}`;
        const i = at % subject.length;
        const variants = [subject.slice(0, i) + subject.slice(i + 1), subject.slice(0, i) + replacement + subject.slice(i + 1), subject.slice(0, i) + replacement + subject.slice(i)];
        const doc = policyDocument([oidcStatement(BLUE, subject)]);
        for (const variant of variants.filter((v) => v !== subject)) {
          expect(evaluate(doc, token(BLUE, variant)).decision).toBe("implicit-deny");
        }
      }),
      { numRuns: 300 },
    );
  });

  it("webIdentityRequest refuses an ARN that is not an OIDC provider", () => {
    expect(() => webIdentityRequest("arn:aws:iam::111122223333:role/x", { sub: "s" })).toThrow("not an IAM OIDC provider ARN");
  });

  it("property: a StringEquals trust admits exactly its subject and refuses any other string", () => {
    // Kubernetes names plus characters that are special in globs and regexes: StringEquals must treat them literally.
    const name = fc.stringMatching(/^[a-z0-9*?.()|[\]-]{1,20}$/);
    fc.assert(
      fc.property(name, name, fc.string({ maxLength: 60 }), (namespace, sa, other) => {
        const subject = `system:serviceaccount:${namespace}:${sa}`;
        const doc = policyDocument([oidcStatement(BLUE, subject)]);
        expect(evaluate(doc, token(BLUE, subject)).decision).toBe("allow");
        const refused = evaluate(doc, token(BLUE, other));
        expect(refused.decision).toBe(other === subject ? "allow" : "implicit-deny");
        if (other !== subject) expect(refused.reason).toMatchObject({ key: `${BLUE}:sub`, actual: [other], expected: [subject] });
        // one character off is refused too
        expect(evaluate(doc, token(BLUE, `${subject}x`)).decision).toBe("implicit-deny");
        expect(evaluate(doc, token(BLUE, subject.toUpperCase())).decision).toBe(subject === subject.toUpperCase() ? "allow" : "implicit-deny");
      }),
      { numRuns: 300 },
    );
  });
});
