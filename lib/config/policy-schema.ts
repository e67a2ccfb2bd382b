// Schema of a user-written identity policy (a service account's inline `policy`).
import { z } from "zod";
import { strictObject } from "./fields";
import { RULE_ID } from "./rule-ids";

const oneOrMany = <T extends z.ZodType>(item: T) => z.union([item, z.array(item).min(1)]);

const action = z.string().superRefine((value, ctx) => {
  if (value.startsWith("*:")) {
    ctx.addIssue({ code: "custom", message: `"${value}" grants every action of every service`, params: { rule: RULE_ID.adminActions } });
  } else if (!/^(\*|[a-zA-Z0-9-]+:[A-Za-z0-9*?]+)$/.test(value)) {
    ctx.addIssue({ code: "custom", message: 'must be "<service>:<Action>" (e.g. "s3:GetObject"), wildcards * and ? allowed' });
  }
});

const conditionBlock = z.record(z.string().min(1), z.record(z.string().min(1), z.union([oneOrMany(z.string()), z.boolean()])));

const statement = strictObject({
  Sid: z.string().regex(/^[A-Za-z0-9]*$/, "Sid may contain only letters and digits").optional(),
  Effect: z.enum(["Allow", "Deny"], { error: 'must be "Allow" or "Deny"' }),
  Action: oneOrMany(action).optional(),
  NotAction: oneOrMany(action).optional(),
  Resource: oneOrMany(z.string().min(1)).optional(),
  NotResource: oneOrMany(z.string().min(1)).optional(),
  Condition: conditionBlock.optional(),
}).superRefine((s, ctx) => {
  if ((s.Action === undefined) === (s.NotAction === undefined)) {
    ctx.addIssue({ code: "custom", message: "a statement needs exactly one of Action or NotAction" });
  }
  if ((s.Resource === undefined) === (s.NotResource === undefined)) {
    ctx.addIssue({ code: "custom", message: "a statement needs exactly one of Resource or NotResource" });
  }
});

export const inlinePolicy = strictObject({
  Version: z.literal("2012-10-17", { error: 'Version must be "2012-10-17"' }).optional(),
  Statement: z.array(statement).min(1, "needs at least one statement"),
});
