// What HCL needs to know and Terraform JSON does not say: which nested objects are blocks, and which
// strings are not templates. Terraform's JSON syntax writes a nested block and an object-valued
// attribute the same way ({...} or [{...}]), and `provider = "aws.west"` the same way as a plain string;
// native HCL must choose. This file is the ONE table that chooses. Everything not listed is an
// attribute, and every string not listed is a string template (the general JSON rule).
//
// Paths: the block types and attribute names from the file's root, joined by dots. A block's labels
// are left out, except for the first label of `resource`, `data`, `ephemeral` and `provider` blocks
// (their type: the provider's schema for that type decides the nested blocks), so
// `resource.kubernetes_service_account_v1.metadata` is the `metadata` block of every
// kubernetes_service_account_v1 resource. In patterns `*` is one path segment and `**` any number.
//
// Sources: Terraform's JSON syntax page ("Block-type-specific Exceptions": literal and reference
// arguments), Terraform's own block types, and, for provider-defined nested blocks, the provider schemas
// as cdktf's prebuilt bindings declare them (`isBlock: true` in `synthesizeHclAttributes`). The test
// test/hcl/render.test.ts checks this table against cdktf's own block metadata for every example stack
// (see test/hcl/cdktf-blocks.ts): a new resource type with nested blocks fails that test until it is
// listed here.

/** How a key found at some path is written in HCL. */
export type HclRule =
  /** A (possibly repeated) nested block. `labels`: how many labels it takes; `typed`: its first label
   *  is part of the path of everything inside (resource type, provider name). */
  | { readonly kind: "block"; readonly labels?: number; readonly typed?: boolean }
  /** `dynamic "<type>" { for_each, iterator, labels, content { ... } }`; content follows <type>'s schema. */
  | { readonly kind: "dynamic" }
  /** Strings are references or keywords, written bare: `provider = kubernetes.blue`, `depends_on = [aws_iam_role.x]`. */
  | { readonly kind: "reference" }
  /** Strings are taken literally, not as templates: a `${` in them is text (written `$${` in HCL). */
  | { readonly kind: "literal" }
  /** A type expression given as a string: `type = list(string)`. */
  | { readonly kind: "type" }
  /** A template string holding a JSON document (an IAM policy): written `jsonencode({...})`, one key per
   *  line, so that a changed condition is one changed line; written as a string when it holds a Terraform
   *  expression or does not re-encode to the same text. */
  | { readonly kind: "json" };

const block = (labels = 0, typed = false): HclRule => ({ kind: "block", labels, typed });
const REFERENCE: HclRule = { kind: "reference" };
const LITERAL: HclRule = { kind: "literal" };
const JSON_DOCUMENT: HclRule = { kind: "json" };

/** The table. Order does not matter: the most specific pattern (fewest wildcards) wins. */
export const HCL_SCHEMA: Readonly<Record<string, HclRule>> = {
  // --- Terraform's top-level block types
  terraform: block(),
  provider: block(1, true),
  resource: block(2, true),
  data: block(2, true),
  ephemeral: block(2, true),
  module: block(1),
  output: block(1),
  variable: block(1),
  locals: block(),
  moved: block(),
  import: block(),
  removed: block(),
  check: block(1),

  // --- terraform { }: everything in it is literal (no references or functions are allowed there)
  "terraform.**": LITERAL,
  "terraform.required_providers": block(), // its entries are attributes: aws = { source = ..., version = ... }
  "terraform.cloud": block(),
  "terraform.cloud.workspaces": block(),
  "terraform.backend": block(1), // backend "s3" { ... }; its arguments (even assume_role = {...}) are attributes
  "terraform.provider_meta": block(1),

  // --- meta-arguments of resources, data sources, ephemeral resources
  "resource.*.provider": REFERENCE,
  "resource.*.depends_on": REFERENCE,
  "resource.*.lifecycle": block(),
  "resource.*.lifecycle.ignore_changes": REFERENCE, // references, or the keyword all
  "resource.*.lifecycle.replace_triggered_by": REFERENCE,
  "resource.*.lifecycle.precondition": block(),
  "resource.*.lifecycle.postcondition": block(),
  "resource.*.connection": block(),
  "resource.*.provisioner": block(1), // provisioner "local-exec" { ... }
  "resource.*.provisioner.connection": block(),
  "resource.*.**.connection.type": LITERAL,
  "resource.*.**.dynamic": { kind: "dynamic" },
  "data.*.provider": REFERENCE,
  "data.*.depends_on": REFERENCE,
  "data.*.lifecycle": block(),
  "data.*.lifecycle.precondition": block(),
  "data.*.lifecycle.postcondition": block(),
  "data.*.**.dynamic": { kind: "dynamic" },
  "ephemeral.*.provider": REFERENCE,
  "ephemeral.*.depends_on": REFERENCE,
  "ephemeral.*.lifecycle": block(),
  "ephemeral.*.lifecycle.precondition": block(),
  "ephemeral.*.lifecycle.postcondition": block(),
  "ephemeral.*.**.dynamic": { kind: "dynamic" },

  // --- provider, module, output, variable, moved/import/removed, check
  "provider.*.alias": LITERAL,
  "provider.*.version": LITERAL,
  "provider.*.**.dynamic": { kind: "dynamic" },
  "module.source": LITERAL,
  "module.version": LITERAL,
  "module.providers": REFERENCE, // providers = { aws = aws.west }: keys and values are addresses
  "module.depends_on": REFERENCE,
  "output.description": LITERAL,
  "output.depends_on": REFERENCE,
  "output.precondition": block(),
  "variable.type": { kind: "type" },
  "variable.default": LITERAL,
  "variable.description": LITERAL,
  "variable.validation": block(),
  "moved.from": REFERENCE,
  "moved.to": REFERENCE,
  "import.to": REFERENCE,
  "import.provider": REFERENCE,
  "removed.from": REFERENCE,
  "removed.lifecycle": block(),
  "check.assert": block(),
  "check.data": block(2, true),

  // --- provider-defined nested blocks (from the provider schemas; everything else is an attribute)
  "provider.aws.assume_role": block(),
  "provider.aws.assume_role_with_web_identity": block(),
  "provider.aws.default_tags": block(), // default_tags { tags = { ... } }
  "provider.aws.endpoints": block(),
  "provider.aws.ignore_tags": block(),
  "provider.kubernetes.exec": block(),
  "provider.kubernetes.experiments": block(),
  "resource.kubernetes_service_account_v1.metadata": block(), // annotations / labels inside are maps
  "resource.kubernetes_service_account_v1.secret": block(),
  "resource.kubernetes_service_account_v1.image_pull_secret": block(),
  "resource.kubernetes_service_account_v1.timeouts": block(),
  "resource.aws_iam_role.inline_policy": block(),

  // --- IAM policy documents, as jsonencode({...})
  "resource.aws_iam_role.assume_role_policy": JSON_DOCUMENT,
  "resource.aws_iam_role.inline_policy.policy": JSON_DOCUMENT,
  "resource.aws_iam_role_policy.policy": JSON_DOCUMENT,
  "resource.aws_iam_policy.policy": JSON_DOCUMENT,
  "resource.aws_eks_addon.pod_identity_association": block(),
  "resource.aws_eks_addon.timeouts": block(),
  "data.aws_iam_policy_document.statement": block(),
  "data.aws_iam_policy_document.statement.principals": block(),
  "data.aws_iam_policy_document.statement.not_principals": block(),
  "data.aws_iam_policy_document.statement.condition": block(),
};

function matches(pattern: readonly string[], path: readonly string[]): boolean {
  if (pattern.length === 0) return path.length === 0;
  const [head, ...rest] = pattern;
  if (head === "**") {
    for (let skip = 0; skip <= path.length; skip++) if (matches(rest, path.slice(skip))) return true;
    return false;
  }
  if (path.length === 0) return false;
  return (head === "*" || head === path[0]) && matches(rest, path.slice(1));
}

function specificity(pattern: readonly string[]): number {
  // fewer wildcards = more specific; `**` counts as more general than any number of `*`
  return pattern.reduce((n, s) => n + (s === "**" ? 1000 : s === "*" ? 1 : 0), 0);
}

/** A compiled view of a block table (HCL_SCHEMA unless a test passes another). */
export class HclSchema {
  private readonly entries: ReadonlyArray<{ pattern: readonly string[]; rule: HclRule; score: number }>;
  private readonly cache = new Map<string, HclRule | undefined>();

  constructor(table: Readonly<Record<string, HclRule>> = HCL_SCHEMA) {
    this.entries = Object.entries(table)
      .map(([pattern, rule]) => ({ pattern: pattern.split("."), rule, score: specificity(pattern.split(".")) }))
      .sort((a, b) => a.score - b.score);
  }

  /** The rule for the key at `path` (dot-joined), or undefined: a template-valued attribute. */
  ruleFor(path: string): HclRule | undefined {
    if (this.cache.has(path)) return this.cache.get(path);
    const segments = path.split(".");
    const rule = this.entries.find((e) => matches(e.pattern, segments))?.rule;
    this.cache.set(path, rule);
    return rule;
  }

  isBlock(path: string): boolean {
    return this.ruleFor(path)?.kind === "block";
  }
}

/** The default schema: HCL_SCHEMA alone. */
export const DEFAULT_SCHEMA = new HclSchema();
