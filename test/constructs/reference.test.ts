import { DataAwsIamOpenidConnectProvider } from "@cdktf/provider-aws/lib/data-aws-iam-openid-connect-provider";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { App, Testing, TerraformOutput, TerraformStack, type ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { dependOn, sameStackReference } from "../../lib/constructs/reference";

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

describe("dependOn", () => {
  /** depends_on of a role made to wait by dependOn, and of one given the same dependencies as cdktf's dependsOn prop. */
  function dependsOnBoth(stack: TerraformStack, dependencies: ITerraformDependable[], name: string) {
    const viaProp = new IamRole(stack, `${name}-prop`, { assumeRolePolicy: "{}", dependsOn: dependencies });
    const viaText = new IamRole(stack, `${name}-text`, { assumeRolePolicy: "{}" });
    dependOn(viaText, dependencies, true);
    return { viaProp, viaText };
  }
  const synthesizedDependsOn = (stack: TerraformStack, role: IamRole) => JSON.parse(Testing.synth(stack)).resource.aws_iam_role[role.friendlyUniqueId].depends_on as string[];

  it("writes the address text cdktf's tokens resolve to, for resources and data sources of the same stack", () => {
    const stack = new TerraformStack(Testing.app(), "s");
    new AwsProvider(stack, "aws", {});
    const named = new IamRole(stack, "named", { assumeRolePolicy: "{}" });
    named.overrideLogicalId("team__svc");
    const nested = new IamRole(new Construct(stack, "deep"), "role", { assumeRolePolicy: "{}" });
    const data = new DataAwsIamOpenidConnectProvider(stack, "oidc", { url: "https://oidc.example" });
    const { viaProp, viaText } = dependsOnBoth(stack, [named, nested, data], "waits");
    // cdktf's rule once an element is passed on: its address can no longer change under the text written here.
    expect(() => data.overrideLogicalId("later")).toThrow(/Logical ID may not be overridden/);
    expect(viaText.dependsOn).toEqual(["aws_iam_role.team__svc", `aws_iam_role.${nested.friendlyUniqueId}`, "data.aws_iam_openid_connect_provider.oidc"]);
    expect(synthesizedDependsOn(stack, viaText)).toEqual(synthesizedDependsOn(stack, viaProp));
  });

  it("leaves a dependency on another stack's resource to cdktf's tokens", () => {
    const app = new App({ skipValidation: true });
    const other = new TerraformStack(app, "other");
    new AwsProvider(other, "aws", {});
    const elsewhere = new IamRole(other, "elsewhere", { assumeRolePolicy: "{}" });
    const stack = new TerraformStack(app, "s");
    new AwsProvider(stack, "aws", {});
    const here = new IamRole(stack, "here", { assumeRolePolicy: "{}" });
    const { viaProp, viaText } = dependsOnBoth(stack, [here, elsewhere], "waits");
    expect(viaText.dependsOn).toHaveLength(2);
    expect(viaText.dependsOn!.every((entry) => entry.includes("TfToken["))).toBe(true);
    expect(synthesizedDependsOn(stack, viaText)).toEqual(synthesizedDependsOn(stack, viaProp));
  });
});
