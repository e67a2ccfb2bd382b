// Props are checked when a construct is created, with the same field rules as irsa.yaml (lib/config), so
// that a bad value fails at synth with the construct's path instead of at apply. A Terraform reference
// (a cdktf token) is only known at apply: it passes unchecked.
import { Token } from "cdktf";
import type { Construct } from "constructs";
import { z } from "zod";
import { formatPath } from "../config/diagnostics";

/** A config rule that lets a token through (and stays optional where the rule is). */
export function unlessToken(schema: z.ZodType): z.ZodType {
  const checked = z.any().superRefine((value, ctx) => {
    if (refersToTerraform(value)) return;
    for (const issue of schema.safeParse(value).error?.issues ?? []) {
      ctx.addIssue({ code: "custom", message: issue.message, path: issue.path });
    }
  });
  return schema.safeParse(undefined).success ? checked.optional() : checked;
}

/** A token, or an object or list holding one (a policy document with a reference in it). */
const refersToTerraform = (value: unknown) => Token.isUnresolved(value) || (typeof value === "object" && value !== null && Token.isUnresolved(JSON.stringify(value)));

/** A list of values each checked by `item` (the list itself may be one token). */
export const listOf = (item: z.ZodType, min = 0) => unlessToken(z.array(unlessToken(item)).min(min, `needs at least ${min}`));

/**
 * Props the environment stack (stacks/) mapped from a Plan. Every value in them passed irsa.yaml's rules, the
 * field rules (lib/config/fields.ts) these checks apply, when the config was loaded; checking them again for
 * every role and ServiceAccount found nothing and cost a third of building an environment's constructs. Not
 * reachable from the package's entry (index.ts): props a library user writes are always checked.
 */
const fromCheckedPlan = new WeakSet<object>();

/** Marks props mapped from a checked Plan (stacks/environment-stack.ts): checkProps passes them as they are. */
export function checkedByPlan<T extends object>(props: T): T {
  fromCheckedPlan.add(props);
  return props;
}

/**
 * True for props marked by checkedByPlan: the environment stack builds every construct they name and changes none
 * afterwards, so what is known at construction (an element's address) is final.
 */
export const mappedFromPlan = (props: object): boolean => fromCheckedPlan.has(props);

/** Throws the first problem of `props` as one line: `<Construct> <path>: <prop>: <what is wrong>`. */
export function checkProps(construct: Construct, props: unknown, schema: z.ZodType): void {
  checkPropsAt(construct.constructor.name, construct.node.path, props, schema);
}

/** checkProps before the construct exists (`path`: where it will be). */
export function checkPropsAt(constructName: string, path: string, props: unknown, schema: z.ZodType): void {
  if (typeof props === "object" && props !== null && mappedFromPlan(props)) return;
  const issue = schema.safeParse(props).error?.issues[0];
  if (issue) throw new Error(`${constructName} ${path}: ${formatPath(issue.path as (string | number)[])}: ${issue.message}`);
}
