// References and dependencies within one stack, written as the text cdktf would resolve its tokens to.
import { dependable, TerraformDataSource, TerraformResource, TerraformStack, type ITerraformDependable } from "cdktf";

/**
 * `${<type>.<local name>.<attribute>}`: what cdktf writes for `resource.<attribute>` used in the resource's own
 * stack, the same Terraform reference (and so the same dependency), without a token. A token is registered when
 * read and looked up and resolved at every resolve pass; one per attachment, inline policy and output of every
 * role is a measurable part of synthesizing a large environment. Only where both ends are built together in one
 * stack: a reference across stacks needs cdktf's token (it adds the output and remote state that carry it), and
 * a value a user passes may be a token and stays one.
 */
export function sameStackReference(resource: TerraformResource, attribute: string): string {
  return `\${${resource.terraformResourceType}.${resource.friendlyUniqueId}.${attribute}}`;
}

/**
 * Makes `resource` wait for `dependencies` (its depends_on). With `asText`, where each is a resource or data
 * source of the same stack, depends_on lists their addresses as text, what cdktf's tokens for them resolve to (a
 * role's and its ServiceAccount's each cost a token resolved through three layers at synthesis); otherwise cdktf's
 * tokens, as its `dependsOn` prop makes them. Text is for constructs whose dependencies' addresses are final when
 * they are built (props mapped from a plan): reading a dependency's `fqn` makes cdktf refuse a later
 * overrideLogicalId of it, which a library user may still call on a resource passed as a dependency.
 */
export function dependOn(resource: TerraformResource, dependencies: readonly ITerraformDependable[], asText: boolean): void {
  if (!dependencies.length) return;
  const stack = TerraformStack.of(resource);
  const addresses = asText ? dependencies.map((dependency) => sameStackAddress(stack, dependency)) : undefined;
  resource.dependsOn = addresses?.every((address) => address !== undefined) ? addresses : dependencies.map((dependency) => dependable(dependency));
}

function sameStackAddress(stack: TerraformStack, dependency: ITerraformDependable): string | undefined {
  const data = TerraformDataSource.isTerraformDataSource(dependency);
  if (!(data || TerraformResource.isTerraformResource(dependency)) || TerraformStack.of(dependency) !== stack) return undefined;
  void dependency.fqn;
  return `${data ? "data." : ""}${dependency.terraformResourceType}.${dependency.friendlyUniqueId}`;
}
