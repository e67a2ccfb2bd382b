// Offline IAM policy evaluation: does this policy allow this request, and if not, which check failed?
// Used by the tests to prove that our trust policies admit exactly the intended subjects, and by the CLI
// (`explain`, `check-token`) to print the first failing check as "expected vs actual".
//
// Semantics follow the AWS documentation ("Policy evaluation logic", "Condition operators",
// "Conditions with multiple context keys or values") for ONE policy document:
// - an applicable Deny wins; otherwise an applicable Allow allows; otherwise the request is implicitly denied;
// - a statement applies when its Principal, Action/NotAction, Resource/NotResource and every condition match;
// - condition operators are ANDed, the keys of one operator are ANDed, the policy values of one key are ORed
//   (NORed for negated operators); condition key names are case-insensitive, values case-sensitive
//   unless the operator says IgnoreCase.
// Choices where the documentation leaves room, or where we simplify:
// - a request key holding several values used WITHOUT ForAnyValue/ForAllValues matches when ANY of its values
//   matches a policy value (a negated operator: when NONE does); an empty list counts as an absent key;
// - a request without `resource` (a trust policy: the role itself is the resource) skips the Resource check;
//   a statement without Resource/NotResource matches any resource;
// - a statement without Principal (an identity-based policy) skips the principal check;
// - an AWS principal written as an account (`123456789012` or `arn:…:iam::123456789012:root`) admits every
//   principal of that account, as a trust policy does; other principals compare exactly, `*` admits all of a type;
// - policy variables (`${aws:username}`) are not substituted;
// - an unknown or malformed condition operator throws: IAM would refuse the whole document.
import { issuerHostOfProvider } from "./arn";
import { globMatch, matchesAction, matchesArn } from "./glob";
import { toArray, type PolicyDocument, type PolicyStatement, type Principal } from "./policy";
import { WEB_IDENTITY_ACTION } from "./trust";

export { globMatch, matchesAction, matchesArn } from "./glob";
export type { GlobOptions } from "./glob";

export type PrincipalType = "Federated" | "Service" | "AWS";

export interface RequestContext {
  /** Who asks; needed for trust (resource-based) policies. */
  readonly principal?: { readonly type: PrincipalType; readonly id: string };
  /** e.g. "sts:AssumeRoleWithWebIdentity". */
  readonly action: string;
  /** For permission policies; a trust policy has no Resource, leave it out. */
  readonly resource?: string;
  /** Condition keys as IAM would set them; names compare case-insensitively. */
  readonly keys: Readonly<Record<string, string | readonly string[] | undefined>>;
}

export type Decision = "allow" | "explicit-deny" | "implicit-deny";

export interface Mismatch {
  /** What failed. "explicit-deny" and "no-allow-statement" only ever appear as an Evaluation's reason. */
  readonly kind: "principal" | "action" | "resource" | "condition" | "explicit-deny" | "no-allow-statement";
  /** The condition operator as written (`ForAnyValue:StringLikeIfExists`), or the element (`Action`, `NotResource`, `Principal`). */
  readonly operator?: string;
  /** The condition key as written in the policy. */
  readonly key?: string;
  /** The policy's values (principals as `Type id`, actions, resources, condition values). */
  readonly expected: readonly string[];
  /** The request's values; undefined when the request has none (absent key, no principal). */
  readonly actual: readonly string[] | undefined;
  /** One readable line that says what the request has and what the policy expects. */
  readonly message: string;
}

export interface StatementVerdict {
  readonly index: number;
  readonly sid?: string;
  readonly effect: "Allow" | "Deny";
  readonly applies: boolean;
  /** The first failing check, in the order principal, action, resource, conditions as written. */
  readonly failure?: Mismatch;
  /** Every failing check, same order (explain shows them all). */
  readonly failures: readonly Mismatch[];
}

export interface Evaluation {
  readonly decision: Decision;
  readonly statements: readonly StatementVerdict[];
  /** Why it was not allowed (always set unless allowed): the denying statement, or the closest Allow's first failing check. */
  readonly reason?: Mismatch;
  /** Index of the statement `reason` comes from. */
  readonly reasonStatement?: number;
}

export function evaluate(doc: PolicyDocument, request: RequestContext): Evaluation {
  const keys = lowerCaseKeys(request.keys);
  const judged = doc.Statement.map((statement, index) => judgeStatement(statement, index, request, keys));
  const statements = judged.map((j) => j.verdict);

  const deny = statements.find((s) => s.effect === "Deny" && s.applies);
  if (deny) return { decision: "explicit-deny", statements, reason: explicitDeny(deny), reasonStatement: deny.index };
  if (statements.some((s) => s.effect === "Allow" && s.applies)) return { decision: "allow", statements };

  const closest = closestAllow(judged);
  if (!closest) {
    const reason: Mismatch = { kind: "no-allow-statement", expected: [], actual: undefined, message: "the policy has no Allow statement" };
    return { decision: "implicit-deny", statements, reason };
  }
  return { decision: "implicit-deny", statements, reason: closest.verdict.failure, reasonStatement: closest.verdict.index };
}

/** The request `check-token` builds from a projected ServiceAccount token: IAM sets `<issuer>:sub` and `<issuer>:aud`. */
export function webIdentityRequest(providerArn: string, claims: { readonly sub?: string; readonly aud?: string | readonly string[] }): RequestContext {
  const issuer = issuerHostOfProvider(providerArn);
  if (issuer === undefined) throw new Error(`not an IAM OIDC provider ARN: ${providerArn}`);
  return {
    principal: { type: "Federated", id: providerArn },
    action: WEB_IDENTITY_ACTION,
    keys: { [`${issuer}:sub`]: claims.sub, [`${issuer}:aud`]: claims.aud },
  };
}

// ---------------------------------------------------------------------------------------------------------
// One statement

type Keys = ReadonlyMap<string, readonly string[]>;

interface Judged {
  readonly verdict: StatementVerdict;
  readonly principalMatched: boolean;
  readonly passed: number;
}

/** Runs every check (not just up to the first failure) so that "closest statement" can count passed checks. */
function judgeStatement(statement: PolicyStatement, index: number, request: RequestContext, keys: Keys): Judged {
  const principal = checkPrincipal(statement.Principal, request.principal);
  const checks: (Mismatch | undefined)[] = [
    principal,
    checkAction(statement, request.action),
    checkResource(statement, request.resource),
    ...checkConditions(statement, keys),
  ];
  const failures = checks.filter((c): c is Mismatch => c !== undefined);
  const verdict: StatementVerdict = {
    index,
    ...(statement.Sid !== undefined ? { sid: statement.Sid } : {}),
    effect: statement.Effect,
    applies: failures.length === 0,
    ...(failures.length > 0 ? { failure: failures[0] } : {}),
    failures,
  };
  return { verdict, principalMatched: principal === undefined, passed: checks.length - failures.length };
}

/**
 * The Allow statement the request came nearest to: a statement whose principal matched beats one whose didn't
 * (a token from another cluster should hear about the issuer, a wrong sub from the right issuer about the sub),
 * then the most passed checks; ties go to the first statement.
 */
function closestAllow(judged: readonly Judged[]): Judged | undefined {
  let best: Judged | undefined;
  for (const j of judged) {
    if (j.verdict.effect !== "Allow") continue;
    if (!best || rank(j) > rank(best)) best = j;
  }
  return best;
}

const rank = (j: Judged) => (j.principalMatched ? 1_000_000 : 0) + j.passed;

function explicitDeny(verdict: StatementVerdict): Mismatch {
  const sid = verdict.sid !== undefined ? ` (Sid ${JSON.stringify(verdict.sid)})` : "";
  return { kind: "explicit-deny", expected: [], actual: undefined, message: `statement ${verdict.index}${sid} explicitly denies the request` };
}

// ---------------------------------------------------------------------------------------------------------
// Principal, Action, Resource

const PRINCIPAL_TYPES: readonly PrincipalType[] = ["Federated", "Service", "AWS"];

function checkPrincipal(principal: Principal | "*" | undefined, requested: RequestContext["principal"]): Mismatch | undefined {
  if (principal === undefined || principal === "*") return undefined; // identity policy, or everyone
  const expected = PRINCIPAL_TYPES.flatMap((type) => toArray(principal[type]).map((id) => `${type} ${id}`));
  const admitted = requested !== undefined && toArray(principal[requested.type]).some((id) => principalIdMatches(requested.type, id, requested.id));
  if (admitted) return undefined;
  const actual = requested ? [`${requested.type} ${requested.id}`] : undefined;
  const is = actual ? `principal is ${actual[0]}` : "the request has no principal";
  const admits = expected.length > 0 ? `the statement's Principal admits ${oneOf(expected, false)}` : "the statement's Principal admits nobody";
  return { kind: "principal", operator: "Principal", expected, actual, message: `${is}; ${admits}` };
}

function principalIdMatches(type: PrincipalType, pattern: string, id: string): boolean {
  if (pattern === "*" || pattern === id) return true;
  // In a trust policy an account principal delegates to every principal of that account.
  if (type !== "AWS") return false;
  const account = /^(\d{12})$/.exec(pattern)?.[1] ?? /^arn:[^:]+:iam::(\d{12}):root$/.exec(pattern)?.[1];
  return account !== undefined && accountOf(id) === account;
}

const accountOf = (id: string) => (/^\d{12}$/.test(id) ? id : id.split(":")[4]);

function checkAction(statement: PolicyStatement, action: string): Mismatch | undefined {
  if (statement.NotAction !== undefined) {
    const excluded = toArray(statement.NotAction);
    if (!excluded.some((p) => matchesAction(p, action))) return undefined;
    return { kind: "action", operator: "NotAction", expected: excluded, actual: [action], message: `action ${action} is excluded by NotAction ${quoteAll(excluded)}` };
  }
  const allowed = toArray(statement.Action);
  if (allowed.some((p) => matchesAction(p, action))) return undefined;
  const expects = allowed.length > 0 ? `the statement's Action is ${oneOf(allowed, true)}` : "the statement has no Action";
  return { kind: "action", operator: "Action", expected: allowed, actual: [action], message: `action is ${action}; ${expects}` };
}

function checkResource(statement: PolicyStatement, resource: string | undefined): Mismatch | undefined {
  if (resource === undefined) return undefined; // a trust policy: the resource is the role itself
  if (statement.NotResource !== undefined) {
    const excluded = toArray(statement.NotResource);
    if (!excluded.some((p) => matchesArn(p, resource))) return undefined;
    return { kind: "resource", operator: "NotResource", expected: excluded, actual: [resource], message: `resource ${resource} is excluded by NotResource ${quoteAll(excluded)}` };
  }
  if (statement.Resource === undefined) return undefined;
  const allowed = toArray(statement.Resource);
  if (allowed.some((p) => matchesArn(p, resource))) return undefined;
  return { kind: "resource", operator: "Resource", expected: allowed, actual: [resource], message: `resource is ${resource}; the statement's Resource is ${oneOf(allowed, true)}` };
}

// ---------------------------------------------------------------------------------------------------------
// Conditions

/** One entry per condition key, in the order written; undefined where the key's test passed. */
function checkConditions(statement: PolicyStatement, keys: Keys): (Mismatch | undefined)[] {
  const results: (Mismatch | undefined)[] = [];
  for (const [rawOperator, block] of Object.entries(statement.Condition ?? {})) {
    const operator = parseOperator(rawOperator);
    for (const [key, value] of Object.entries(block)) {
      const expected = policyValues(value);
      const actual = keys.get(key.toLowerCase());
      results.push(conditionHolds(operator, expected, actual) ? undefined : conditionMismatch(operator, key, expected, actual));
    }
  }
  return results;
}

interface Operator {
  readonly raw: string;
  readonly set?: "ForAllValues" | "ForAnyValue";
  readonly ifExists: boolean;
  /** Null is not a comparison: it only asks whether the key is present. */
  readonly isNull: boolean;
  readonly negated: boolean;
  /** Does one request value match one policy value? (the positive form for negated operators) */
  readonly matches: (expected: string, actual: string) => boolean;
}

type Comparison = (expected: string, actual: string) => boolean;

const stringEquals: Comparison = (e, a) => e === a;
const stringEqualsIgnoreCase: Comparison = (e, a) => e.toLowerCase() === a.toLowerCase();
const stringLike: Comparison = (e, a) => globMatch(e, a);
const numeric = (test: (e: number, a: number) => boolean): Comparison => (e, a) => compareParsed(parseNumber, test, e, a);
const date = (test: (e: number, a: number) => boolean): Comparison => (e, a) => compareParsed(parseDate, test, e, a);

/** Base operators; the Not- forms are their negations, which is how IAM defines them (a NOR over the policy values). */
const OPERATORS: Readonly<Record<string, { readonly matches: Comparison; readonly negated: boolean }>> = {
  StringEquals: { matches: stringEquals, negated: false },
  StringNotEquals: { matches: stringEquals, negated: true },
  StringEqualsIgnoreCase: { matches: stringEqualsIgnoreCase, negated: false },
  StringNotEqualsIgnoreCase: { matches: stringEqualsIgnoreCase, negated: true },
  StringLike: { matches: stringLike, negated: false },
  StringNotLike: { matches: stringLike, negated: true },
  // IAM documents ArnEquals and ArnLike identically: both take wildcards, part by part.
  ArnEquals: { matches: matchesArn, negated: false },
  ArnLike: { matches: matchesArn, negated: false },
  ArnNotEquals: { matches: matchesArn, negated: true },
  ArnNotLike: { matches: matchesArn, negated: true },
  Bool: { matches: stringEqualsIgnoreCase, negated: false },
  BinaryEquals: { matches: stringEquals, negated: false },
  NumericEquals: { matches: numeric((e, a) => a === e), negated: false },
  NumericNotEquals: { matches: numeric((e, a) => a === e), negated: true },
  NumericLessThan: { matches: numeric((e, a) => a < e), negated: false },
  NumericLessThanEquals: { matches: numeric((e, a) => a <= e), negated: false },
  NumericGreaterThan: { matches: numeric((e, a) => a > e), negated: false },
  NumericGreaterThanEquals: { matches: numeric((e, a) => a >= e), negated: false },
  DateEquals: { matches: date((e, a) => a === e), negated: false },
  DateNotEquals: { matches: date((e, a) => a === e), negated: true },
  DateLessThan: { matches: date((e, a) => a < e), negated: false },
  DateLessThanEquals: { matches: date((e, a) => a <= e), negated: false },
  DateGreaterThan: { matches: date((e, a) => a > e), negated: false },
  DateGreaterThanEquals: { matches: date((e, a) => a >= e), negated: false },
};

/** `ForAnyValue:StringLikeIfExists` -> set qualifier, base operator, IfExists. Operator names are case-sensitive. */
function parseOperator(raw: string): Operator {
  const qualified = /^(ForAllValues|ForAnyValue):(.+)$/.exec(raw);
  const set = qualified?.[1] as Operator["set"];
  let base = qualified?.[2] ?? raw;
  const ifExists = base.endsWith("IfExists") && base !== "IfExists";
  if (ifExists) base = base.slice(0, -"IfExists".length);
  if (base === "Null") {
    if (set || ifExists) throw new Error(`condition operator "${raw}": Null takes neither a set qualifier nor IfExists`);
    return { raw, ifExists, isNull: true, negated: false, matches: stringEquals };
  }
  const known = OPERATORS[base];
  if (!known) throw new Error(`unsupported condition operator "${raw}"`);
  return { raw, ...(set ? { set } : {}), ifExists, isNull: false, ...known };
}

/**
 * The truth table of one condition key (AWS "Condition operators" and "multivalued context keys"):
 * - Null: "true" means the key must be absent, "false" that it must be present;
 * - ForAllValues: every request value matches (true when the key is absent or empty);
 * - ForAnyValue: at least one request value matches (false when absent, unless IfExists);
 * - no qualifier: an absent key fails, except with IfExists or a negated operator (true);
 *   several request values: any value matching is a match (see the header comment).
 */
function conditionHolds(op: Operator, expected: readonly string[], actual: readonly string[] | undefined): boolean {
  const absent = actual === undefined;
  if (op.isNull) return expected.some((e) => (e.toLowerCase() === "true") === absent);
  const matchesAny = (value: string) => expected.some((e) => op.matches(e, value));
  const valueHolds = (value: string) => matchesAny(value) !== op.negated;
  if (op.set === "ForAllValues") return absent || actual.every(valueHolds);
  if (op.set === "ForAnyValue") return absent ? op.ifExists : actual.some(valueHolds);
  if (absent) return op.ifExists || op.negated;
  return actual.some(matchesAny) !== op.negated;
}

function conditionMismatch(op: Operator, key: string, expected: readonly string[], actual: readonly string[] | undefined): Mismatch {
  const has = actual === undefined ? "is absent from the request" : actual.length === 1 ? `is ${quote(actual[0])}` : `is [${quoteAll(actual)}]`;
  return { kind: "condition", operator: op.raw, key, expected, actual, message: `${key} ${has}; ${op.raw} expects ${expectation(op, expected)}` };
}

function expectation(op: Operator, expected: readonly string[]): string {
  if (op.isNull) return expected.some((e) => e.toLowerCase() === "true") ? "the key to be absent" : "the key to be present";
  const values = op.negated ? `none of ${quoteAll(expected)}` : oneOf(expected, true);
  if (op.set === "ForAllValues") return `every value to match ${values}`;
  if (op.set === "ForAnyValue") return `at least one value to match ${values}`;
  return values;
}

// ---------------------------------------------------------------------------------------------------------
// Values

/** Request keys by lower-cased name (IAM key names are case-insensitive); an empty list counts as absent. */
function lowerCaseKeys(keys: RequestContext["keys"]): Keys {
  const result = new Map<string, readonly string[]>();
  for (const [name, value] of Object.entries(keys)) {
    const values = value === undefined ? [] : typeof value === "string" ? [value] : value;
    if (values.length > 0 && !result.has(name.toLowerCase())) result.set(name.toLowerCase(), values);
  }
  return result;
}

/** Policy values as strings: JSON/YAML may carry booleans (Bool, Null) or numbers (Numeric*). */
function policyValues(value: unknown): readonly string[] {
  const values: readonly unknown[] = Array.isArray(value) ? value : [value];
  return values.map((v) => String(v));
}

function compareParsed(parse: (text: string) => number | undefined, test: (e: number, a: number) => boolean, expected: string, actual: string): boolean {
  const e = parse(expected);
  const a = parse(actual);
  return e !== undefined && a !== undefined && test(e, a);
}

function parseNumber(text: string): number | undefined {
  return /^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(text.trim()) ? Number(text) : undefined;
}

/** ISO 8601 or epoch seconds (aws:EpochTime), as milliseconds. */
function parseDate(text: string): number | undefined {
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}

const quote = (text: string) => JSON.stringify(text);
const quoteAll = (values: readonly string[]) => values.map(quote).join(", ");

/** `"a"`, or `one of "a", "b"`; principals read better unquoted. */
function oneOf(values: readonly string[], quoted: boolean): string {
  const shown = quoted ? values.map(quote) : values;
  return shown.length === 1 ? shown[0] : `one of ${shown.join(", ")}`;
}
