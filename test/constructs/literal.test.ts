import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Fn, Testing, TerraformStack } from "cdktf";
import { literal, literalMap } from "../../lib/constructs/literal";

function synthRoles(build: (stack: TerraformStack) => void): Record<string, any> {
  const stack = new TerraformStack(Testing.app(), "s");
  new AwsProvider(stack, "aws", {});
  build(stack);
  return JSON.parse(Testing.synth(stack)).resource.aws_iam_role;
}

describe("literal", () => {
  it("escapes literal text and leaves tokens to Terraform", () => {
    const roles = synthRoles((stack) => {
      const first = new IamRole(stack, "first", { name: literal("a${b}"), assumeRolePolicy: literal('{"r":"${aws:username}"}') });
      new IamRole(stack, "second", {
        name: literal(`${first.name}-%{x}-${first.id}`),
        assumeRolePolicy: literal(Fn.jsonencode({ a: 1 })),
        description: literal(first.arn),
      });
    });
    expect(roles.first).toMatchObject({ name: "a$${b}", assume_role_policy: '{"r":"$${aws:username}"}' });
    expect(roles.second).toMatchObject({
      name: "${aws_iam_role.first.name}-%%{x}-${aws_iam_role.first.id}",
      assume_role_policy: '${jsonencode({"a" = 1})}',
      description: "${aws_iam_role.first.arn}",
    });
  });

  it("keeps undefined, and escapes map keys as well as values", () => {
    expect(literal(undefined)).toBeUndefined();
    expect(literalMap({})).toBeUndefined();
    expect(literalMap({ "k${x}": "v%{y}" })).toEqual({ "k$${x}": "v%%{y}" });
  });
});
