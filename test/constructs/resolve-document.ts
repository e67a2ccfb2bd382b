// What Terraform makes of a synthesized stack, for the constructs' tests: references replaced by sample values,
// and aws_iam_policy_document data sources turned into the IAM JSON they render.
import type { PolicyDocument, PolicyStatement } from "../../lib/iam/policy";

interface DataStatement {
  sid?: string;
  effect?: "Allow" | "Deny";
  actions?: string[];
  not_actions?: string[];
  resources?: string[];
  not_resources?: string[];
  principals?: { type: string; identifiers: string[] }[];
  condition?: { test: string; variable: string; values: string[] }[];
}

/** Replaces every Terraform expression of `text` by its sample value; an expression without one is an error. */
export function resolveReferences(text: string, values: Readonly<Record<string, string>>): string {
  const resolved = Object.entries(values).reduce((out, [expression, value]) => out.split(expression).join(value), text);
  const left = /\$\{(?!aws:)[^}]*\}/.exec(resolved.replace(/\$\$\{/g, ""));
  if (left) throw new Error(`no sample value for ${left[0]} in ${text}`);
  return resolved.replace(/\$\$\{/g, "${").replace(/%%\{/g, "%{");
}

const single = (values: string[]) => (values.length === 1 ? values[0] : values);

/** The JSON aws_iam_policy_document renders from its statements (as IAM reads it). */
export function documentOf(statements: readonly DataStatement[]): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: statements.map((s): PolicyStatement => {
      const condition: Record<string, Record<string, string | string[]>> = {};
      for (const c of s.condition ?? []) condition[c.test] = { ...condition[c.test], [c.variable]: single(c.values) };
      return {
        ...(s.sid ? { Sid: s.sid } : {}),
        Effect: s.effect ?? "Allow",
        ...(s.principals ? { Principal: Object.fromEntries(s.principals.map((p) => [p.type, single(p.identifiers)])) } : {}),
        ...(s.actions ? { Action: single(s.actions) } : {}),
        ...(s.not_actions ? { NotAction: single(s.not_actions) } : {}),
        ...(s.resources ? { Resource: single(s.resources) } : {}),
        ...(s.not_resources ? { NotResource: single(s.not_resources) } : {}),
        ...(s.condition ? { Condition: condition } : {}),
      };
    }),
  };
}

/**
 * The policy a resource argument holds once Terraform has evaluated it: a literal JSON string as it is, or
 * `${data.aws_iam_policy_document.<name>.json}` rendered from that data source, references replaced.
 */
export function policyOf(stack: any, argument: string, values: Readonly<Record<string, string>>): PolicyDocument {
  const reference = /^\$\{data\.aws_iam_policy_document\.([^.]+)\.json\}$/.exec(argument);
  if (!reference) return JSON.parse(resolveReferences(argument, values)) as PolicyDocument;
  const data = stack.data.aws_iam_policy_document[reference[1]];
  return documentOf(deepResolve(data.statement, values) as DataStatement[]);
}

function deepResolve(value: unknown, values: Readonly<Record<string, string>>): unknown {
  if (typeof value === "string") return resolveReferences(value, values);
  if (Array.isArray(value)) return value.map((item) => deepResolve(item, values));
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, deepResolve(v, values)]));
  return value;
}
