// A policy document (plain data from lib/iam or lib/addons) as the string a resource argument takes.
// Known values: the literal JSON, escaped (strings are data). A document holding Terraform references
// (an issuer URL or cluster name from an aws_eks_cluster) cannot be a literal: a reference in a condition
// key would be an object key, which Terraform cannot take. It is rendered by aws_iam_policy_document
// instead, whose condition `variable` may be an expression. Both say the same thing; this only maps.
import { DataAwsIamPolicyDocument, type DataAwsIamPolicyDocumentStatement } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { Token } from "cdktf";
import type { Construct } from "constructs";
import { policyJson } from "../iam/limits";
import { toArray, type OneOrMany, type PolicyDocument, type PolicyStatement, type Principal } from "../iam/policy";
import { literal } from "./literal";

export interface RenderedPolicy {
  /** The JSON for `assume_role_policy` / `policy`. */
  readonly json: string;
  /** Set when the document holds references: the data source that renders it. */
  readonly document?: DataAwsIamPolicyDocument;
}

export function renderPolicy(scope: Construct, id: string, document: PolicyDocument): RenderedPolicy {
  const json = policyJson(document);
  // A reference shows in the JSON as cdktf's marker inside a string.
  if (!Token.isUnresolved(json)) return { json: literal(json) };
  const data = new DataAwsIamPolicyDocument(scope, id, { version: document.Version, statement: document.Statement.map(statementOf) });
  return { json: data.json, document: data };
}

function statementOf(statement: PolicyStatement): DataAwsIamPolicyDocumentStatement {
  return {
    sid: statement.Sid,
    effect: statement.Effect,
    actions: strings(statement.Action),
    notActions: strings(statement.NotAction),
    resources: strings(statement.Resource),
    notResources: strings(statement.NotResource),
    principals: principalsOf(statement.Principal),
    condition: conditionsOf(statement.Condition),
  };
}

function conditionsOf(condition: PolicyStatement["Condition"]): DataAwsIamPolicyDocumentStatement["condition"] {
  const tests = Object.entries(condition ?? {}).flatMap(([test, keys]) =>
    Object.entries(keys).map(([variable, values]) => ({
      test,
      variable: literal(variable),
      values: typeof values === "boolean" ? [String(values)] : strings(values)!,
    })),
  );
  return tests.length ? tests : undefined;
}

function principalsOf(principal: Principal | "*" | undefined): DataAwsIamPolicyDocumentStatement["principals"] {
  if (principal === undefined) return undefined;
  if (principal === "*") return [{ type: "*", identifiers: ["*"] }];
  return Object.entries(principal).map(([type, identifiers]) => ({ type, identifiers: strings(identifiers as OneOrMany<string>)! }));
}

const strings = (value: OneOrMany<string> | undefined) => (value === undefined ? undefined : toArray(value).map((item) => literal(item)));
