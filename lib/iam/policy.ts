// IAM policy documents as plain data. Everything we generate and everything we analyse
// (trust policies, permission policies, user-written inline policies) uses these types.

export type OneOrMany<T> = T | readonly T[];

/** Condition block: operator -> condition key -> value(s), as IAM writes it. */
export type ConditionBlock = Readonly<Record<string, Readonly<Record<string, OneOrMany<string> | boolean>>>>;

export interface Principal {
  readonly Federated?: OneOrMany<string>;
  readonly Service?: OneOrMany<string>;
  readonly AWS?: OneOrMany<string>;
}

export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: "Allow" | "Deny";
  readonly Principal?: Principal | "*";
  readonly Action?: OneOrMany<string>;
  readonly NotAction?: OneOrMany<string>;
  readonly Resource?: OneOrMany<string>;
  readonly NotResource?: OneOrMany<string>;
  readonly Condition?: ConditionBlock;
}

export interface PolicyDocument {
  readonly Version: "2012-10-17";
  readonly Statement: readonly PolicyStatement[];
}

export const POLICY_VERSION = "2012-10-17" as const;

export function toArray<T>(value: OneOrMany<T> | undefined): readonly T[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? (value as readonly T[]) : [value as T];
}

export function policyDocument(statements: readonly PolicyStatement[]): PolicyDocument {
  return { Version: POLICY_VERSION, Statement: statements };
}
