// What cdktf itself knows about blocks. The prebuilt provider bindings carry the provider schema's
// block/attribute distinction: `toHclTerraform()` of every resource, data source and provider wraps
// each argument as { value, isBlock, type, storageClassType }. This reads those flags for the elements
// of one stack and reports the nested-block and object-attribute paths in the syntax of ./schema.ts.
//
// It is not the renderer's source of truth, because it cannot be one: it knows nothing of the
// `terraform` block (cloud, backend, required_providers), of meta-arguments (lifecycle, provisioner,
// dynamic), nor of anything added by escape hatches (addOverride), and it sees only the arguments
// a stack sets. It serves as an oracle for the table (test/hcl/render.test.ts).
import { DefaultTokenResolver, StringConcat, TerraformElement, Tokenization, type TerraformStack } from "cdktf";

export interface CdktfBlockPaths {
  /** Arguments cdktf renders as nested blocks, e.g. `resource.kubernetes_service_account_v1.metadata`. */
  readonly blocks: ReadonlySet<string>;
  /** Object- or list-valued arguments cdktf renders as attributes, e.g. `resource.aws_iam_role.tags`. */
  readonly attributes: ReadonlySet<string>;
}

type Annotated = { readonly value: unknown; readonly isBlock?: boolean; readonly is_block?: boolean };

function isAnnotated(v: unknown): v is Annotated {
  return typeof v === "object" && v !== null && !Array.isArray(v) && "value" in v && ("isBlock" in v || "is_block" in v);
}

function walk(body: unknown, path: string, out: { blocks: Set<string>; attributes: Set<string> }): void {
  if (Array.isArray(body)) {
    for (const item of body) walk(item, path, out);
    return;
  }
  if (typeof body !== "object" || body === null) return;
  for (const [key, v] of Object.entries(body)) {
    if (key === "//" || !isAnnotated(v)) continue; // meta-arguments and overrides carry no flags
    const keyPath = `${path}.${key}`;
    if (v.isBlock ?? v.is_block) {
      out.blocks.add(keyPath);
      walk(v.value, keyPath, out);
    } else if (typeof v.value === "object" && v.value !== null) {
      out.attributes.add(keyPath);
    }
  }
}

/** Block and object-attribute paths of every resource, data source and provider of `stack`, per cdktf. */
export function blockPathsFromStack(stack: TerraformStack): CdktfBlockPaths {
  const out = { blocks: new Set<string>(), attributes: new Set<string>() };
  const resolver = new DefaultTokenResolver(new StringConcat()); // what cdktf's own synthesis uses
  for (const node of stack.node.findAll()) {
    if (!TerraformElement.isTerraformElement(node)) continue;
    const fragment = Tokenization.resolve(node.toHclTerraform(), { scope: stack, resolver }) as Record<string, unknown> | undefined;
    for (const kind of ["resource", "data", "provider"] as const) {
      const byType = fragment?.[kind];
      if (typeof byType !== "object" || byType === null) continue;
      for (const [type, instances] of Object.entries(byType)) {
        // resource/data: { <name>: body }; provider: [body, ...]
        const bodies = kind === "provider" ? instances : Object.values(instances as Record<string, unknown>);
        walk(bodies, `${kind}.${type}`, out);
      }
    }
  }
  return out;
}
