import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Testing, TerraformOutput, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { sameStackReference } from "../../lib/constructs/reference";

describe("sameStackReference", () => {
  it("writes what cdktf resolves the attribute's token to, whether the local name is cdktf's or given", () => {
    const stack = new TerraformStack(Testing.app(), "s");
    new AwsProvider(stack, "aws", {});
    const nested = new IamRole(new Construct(stack, "deep"), "role", { assumeRolePolicy: "{}" });
    const named = new IamRole(stack, "named", { assumeRolePolicy: "{}" });
    named.overrideLogicalId("team__svc");
    const keys: string[] = [];
    for (const [name, role] of Object.entries({ nested, named })) {
      for (const attribute of ["arn", "name"] as const) {
        const key = `${name}-${attribute}`;
        new TerraformOutput(stack, `${key}-token`, { value: role[attribute] });
        new TerraformOutput(stack, `${key}-text`, { value: sameStackReference(role, attribute) });
        keys.push(key);
      }
    }
    const synthesized = JSON.parse(Testing.synth(stack)).output as Record<string, { value: string }>;
    for (const key of keys) expect(synthesized[`${key}-text`].value).toBe(synthesized[`${key}-token`].value);
    expect(synthesized["named-arn-text"].value).toBe("${aws_iam_role.team__svc.arn}");
    expect(synthesized["nested-name-text"].value).toMatch(/^\$\{aws_iam_role\.deep_role_[0-9A-F]{8}\.name\}$/);
  });
});
