// A reference to a resource of the same stack, written as the text cdktf would resolve its token to.
import type { TerraformResource } from "cdktf";

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
