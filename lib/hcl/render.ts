// Terraform JSON (one stack's cdk.tf.json, exactly as cdktf writes it) -> canonical native HCL.
//
// Why not cdktf's own `--hcl` output: in cdktf 0.21 it is unindented, quotes `provider` and `depends_on`
// references (Terraform warns "Quoted references are deprecated"), drops the cloud block's
// `workspaces.project`, and wraps every expression as "${...}". The JSON is the source of truth; this
// renders the same configuration as HCL, so that HashiCorp's parser reads back what the JSON says
// (test/hcl/render.test.ts proves it for every example config).
//
// Output shape, as `terraform fmt` would leave it: two-space indentation, `=` aligned within each run
// of consecutive single-line attributes, a blank line between blocks, a newline at the end.
// Order: terraform, providers, data sources, resources, outputs at the top level; elsewhere the JSON's
// key order (cdktf sorts its keys), except that inside a block the attributes come
// before the nested blocks (HCL bodies are unordered, so this changes nothing), and in resource, data,
// module and provider blocks the meta-arguments sit where Terraform's style guide puts them:
// count / for_each / provider (alias for providers; source / version for modules) first, then the
// arguments, then the nested blocks, then depends_on and lifecycle.
//
// Blocks vs attributes and literal vs template strings come from the table in ./schema.ts.
// `//` keys are dropped from block bodies (Terraform ignores them there as comments; cdktf keeps its
// metadata in them) and kept in attribute values (where Terraform reads them as ordinary object keys).

import { DEFAULT_SCHEMA, type HclRule, type HclSchema } from "./schema";
import {
  bareReference,
  isBareKey,
  isIdentifier,
  quoteLiteral,
  quoteTemplate,
  templateText,
  wholeInterpolation,
} from "./strings";

/** Renders one stack's Terraform JSON (a parsed cdk.tf.json) as HCL. Throws on what it cannot render faithfully. */
export function renderHcl(stack: Readonly<Record<string, unknown>>): string {
  return new Renderer(DEFAULT_SCHEMA).file(stack);
}

/** How strings inside an attribute value are read by Terraform, and so written in HCL. */
type Mode = "template" | "literal" | "reference" | "type" | "json";

/** One output line. `key` set: a single-line attribute `key = text` that takes part in `=` alignment. */
interface Line {
  readonly depth: number;
  readonly text: string;
  readonly key?: string;
  /** Continuation of a multi-line expression copied verbatim: no indentation is added. */
  readonly raw?: boolean;
}

/** Where the meta-arguments go, per top-level block type (Terraform style guide). */
interface Layout {
  readonly lead: readonly string[];
  readonly tail: readonly string[];
}
const NO_LAYOUT: Layout = { lead: [], tail: [] };
const RESOURCE_LAYOUT: Layout = { lead: ["count", "for_each", "provider"], tail: ["depends_on", "lifecycle"] };
const LAYOUTS: Readonly<Record<string, Layout>> = {
  resource: RESOURCE_LAYOUT,
  data: RESOURCE_LAYOUT,
  ephemeral: RESOURCE_LAYOUT,
  module: { lead: ["source", "version", "count", "for_each", "providers"], tail: ["depends_on"] },
  provider: { lead: ["alias"], tail: [] },
  output: { lead: [], tail: ["depends_on"] },
};

/** A list of scalars is written on one line when it fits in this many characters. */
const INLINE_LIST_WIDTH = 80;

interface BlockInstance {
  readonly labels: readonly string[];
  readonly body: Readonly<Record<string, unknown>>;
}

function isObject(v: unknown): v is Readonly<Record<string, unknown>> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function where(path: string): string {
  return path === "" ? "the root" : path;
}

/**
 * The blocks a JSON value stands for: an object is one block body, an array is several, null is none;
 * a block type with labels nests one object level per label (arrays allowed at every level).
 */
function blockInstances(value: unknown, labels: number, path: string): BlockInstance[] {
  if (value === null) return [];
  if (Array.isArray(value)) return value.flatMap((v) => blockInstances(v, labels, path));
  if (!isObject(value)) throw new Error(`${where(path)}: a block must be a JSON object, got ${JSON.stringify(value)}`);
  if (labels === 0) return [{ labels: [], body: value }];
  return Object.entries(value)
    .filter(([label]) => label !== "//")
    .flatMap(([label, inner]) =>
      blockInstances(inner, labels - 1, path).map((i) => ({ labels: [label, ...i.labels], body: i.body })),
    );
}

function quoteLabel(label: string, path: string): string {
  if (/[$%]\{/.test(label)) throw new Error(`${path}: block label ${JSON.stringify(label)} holds a template sequence`);
  return quoteLiteral(label);
}

function numberText(n: number, path: string): string {
  if (!Number.isFinite(n)) throw new Error(`${path}: ${n} is not a number HCL can write`);
  return String(n);
}

function joinPath(...segments: Array<string | undefined>): string {
  return segments.filter((s) => s !== undefined && s !== "").join(".");
}

function modeOf(rule: HclRule | undefined): Mode {
  switch (rule?.kind) {
    case "literal":
      return "literal";
    case "reference":
      return "reference";
    case "type":
      return "type";
    case "json":
      return "json";
    default:
      return "template";
  }
}

function shift(lines: readonly Line[], by: number): Line[] {
  return lines.map((l) => (l.raw ? l : { ...l, depth: l.depth + by }));
}

/** Sections separated by one blank line. */
function joinSections(sections: ReadonlyArray<readonly Line[]>): Line[] {
  const out: Line[] = [];
  for (const section of sections) {
    if (section.length === 0) continue;
    if (out.length > 0) out.push({ depth: 0, text: "" });
    out.push(...section);
  }
  return out;
}

/** `=` alignment as terraform fmt does it: within a run of consecutive single-line attributes. */
function print(lines: readonly Line[]): string {
  const out: string[] = [];
  const indent = (depth: number) => "  ".repeat(depth);
  const width = (s: string) => [...s].length;
  for (let i = 0; i < lines.length; ) {
    const line = lines[i];
    if (line.key === undefined) {
      out.push(line.raw || line.text === "" ? line.text : indent(line.depth) + line.text);
      i++;
      continue;
    }
    let end = i;
    while (end < lines.length && lines[end].key !== undefined && lines[end].depth === line.depth) end++;
    const run = lines.slice(i, end);
    const column = Math.max(...run.map((l) => width(l.key!)));
    for (const l of run) out.push(indent(l.depth) + l.key + " ".repeat(column - width(l.key!)) + " = " + l.text);
    i = end;
  }
  return out.join("\n") + "\n";
}

/** Top-level blocks in the order a reviewer reads a stack; the others keep the JSON's order, after these. */
const TOP_LEVEL_ORDER = ["terraform", "provider", "variable", "locals", "data", "resource", "module", "output"];
const topLevelRank = (type: string) => (TOP_LEVEL_ORDER.includes(type) ? TOP_LEVEL_ORDER.indexOf(type) : TOP_LEVEL_ORDER.length);

class Renderer {
  constructor(private readonly schema: HclSchema) {}

  file(root: Readonly<Record<string, unknown>>): string {
    const sections: Line[][] = [];
    for (const [type, value] of Object.entries(root).sort(([a], [b]) => topLevelRank(a) - topLevelRank(b))) {
      if (type === "//") continue;
      const rule = this.schema.ruleFor(type);
      if (rule?.kind !== "block") throw new Error(`unknown top-level block type ${JSON.stringify(type)}`);
      for (const instance of blockInstances(value, rule.labels ?? 0, type)) {
        sections.push(this.block(type, rule, instance, "", 0, LAYOUTS[type] ?? NO_LAYOUT));
      }
    }
    return sections.length === 0 ? "" : print(joinSections(sections));
  }

  private block(type: string, rule: HclRule & { kind: "block" }, instance: BlockInstance, parent: string, depth: number, layout: Layout): Line[] {
    const path = joinPath(parent, type, rule.typed ? instance.labels[0] : undefined);
    const header = [type, ...instance.labels.map((l) => quoteLabel(l, path))].join(" ");
    const body = this.body(instance.body, path, depth + 1, layout);
    if (body.length === 0) return [{ depth, text: `${header} {}` }];
    return [{ depth, text: `${header} {` }, ...body, { depth, text: "}" }];
  }

  private body(body: Readonly<Record<string, unknown>>, path: string, depth: number, layout: Layout): Line[] {
    const lead = new Map<string, Line[]>();
    const tail = new Map<string, { readonly isBlock: boolean; readonly rendered: Line[][] }>();
    const attributes: Line[] = [];
    const blocks: Line[][] = [];

    for (const [key, value] of Object.entries(body)) {
      if (key === "//") continue;
      if (!isIdentifier(key)) throw new Error(`${path}: ${JSON.stringify(key)} is not a valid argument or block name`);
      const keyPath = joinPath(path, key);
      const rule = this.schema.ruleFor(keyPath);
      const isBlock = rule?.kind === "block" || rule?.kind === "dynamic";
      let rendered: Line[][];
      if (rule?.kind === "block") {
        rendered = blockInstances(value, rule.labels ?? 0, keyPath).map((i) => this.block(key, rule, i, path, depth, NO_LAYOUT));
      } else if (rule?.kind === "dynamic") {
        rendered = this.dynamic(value, path, depth);
      } else {
        rendered = [this.attribute(key, value, modeOf(rule), depth, keyPath)];
      }
      if (layout.tail.includes(key)) tail.set(key, { isBlock, rendered });
      else if (isBlock) blocks.push(...rendered);
      else if (layout.lead.includes(key)) lead.set(key, rendered[0]);
      else attributes.push(...rendered[0]);
    }

    const sections: Line[][] = [layout.lead.flatMap((k) => lead.get(k) ?? []), attributes, ...blocks];
    // tail: consecutive attributes share one section, every block is its own
    let tailAttributes: Line[] = [];
    for (const key of layout.tail) {
      const entry = tail.get(key);
      if (!entry) continue;
      if (entry.isBlock) {
        sections.push(tailAttributes, ...entry.rendered);
        tailAttributes = [];
      } else tailAttributes.push(...entry.rendered[0]);
    }
    sections.push(tailAttributes);
    return joinSections(sections);
  }

  /** `dynamic "<type>" { for_each = ..., iterator = ..., labels = [...], content { ... } }` (cdktf iterators). */
  private dynamic(value: unknown, parent: string, depth: number): Line[][] {
    const path = joinPath(parent, "dynamic");
    return blockInstances(value, 1, path).map(({ labels: [type], body }) => {
      const lines: Line[] = [];
      const blocks: Line[][] = [];
      for (const [key, v] of Object.entries(body)) {
        if (key === "//") continue;
        if (key === "content") {
          for (const content of blockInstances(v, 0, joinPath(path, key))) {
            const inner = this.body(content.body, joinPath(parent, type), depth + 2, NO_LAYOUT);
            blocks.push(inner.length === 0 ? [{ depth: depth + 1, text: "content {}" }] : [{ depth: depth + 1, text: "content {" }, ...inner, { depth: depth + 1, text: "}" }]);
          }
        } else if (key === "for_each" || key === "labels") {
          lines.push(...this.attribute(key, v, "template", depth + 1, joinPath(path, key)));
        } else if (key === "iterator") {
          lines.push(...this.attribute(key, v, "reference", depth + 1, joinPath(path, key)));
        } else {
          throw new Error(`${path}: unexpected ${JSON.stringify(key)} in a dynamic block`);
        }
      }
      const inner = joinSections([lines, ...blocks]);
      return [{ depth, text: `dynamic ${quoteLabel(type, path)} {` }, ...inner, { depth, text: "}" }];
    });
  }

  private attribute(key: string, value: unknown, mode: Mode, depth: number, path: string): Line[] {
    const lines = this.value(value, mode, path);
    if (lines.length === 1 && !lines[0].raw) return [{ depth, key, text: lines[0].text }];
    return [{ depth, text: `${key} = ${lines[0].text}` }, ...shift(lines.slice(1), depth)];
  }

  /** An expression as lines; depths relative to the line that holds its start. */
  private value(value: unknown, mode: Mode, path: string): Line[] {
    if (mode === "json") return typeof value === "string" ? this.jsonDocument(value, path) : this.value(value, "template", path);
    if (value === null) return [{ depth: 0, text: "null" }];
    if (typeof value === "boolean") return [{ depth: 0, text: String(value) }];
    if (typeof value === "number") return [{ depth: 0, text: numberText(value, path) }];
    if (typeof value === "string") return this.string(value, mode, path);
    if (Array.isArray(value)) return this.list(value, mode, path);
    if (isObject(value)) return this.object(value, mode, path);
    throw new Error(`${path}: ${typeof value} is not a JSON value`);
  }

  /**
   * `jsonencode({...})` of the document a template string holds, its strings written literally (an IAM
   * variable `${aws:...}` as `$${aws:...}`, as in the JSON). Only when that says exactly the same: the
   * string holds no Terraform expression, and the document re-encodes to the very same text.
   */
  private jsonDocument(s: string, path: string): Line[] {
    const text = templateText(s);
    let document: unknown;
    try {
      document = text === undefined ? undefined : JSON.parse(text);
    } catch {
      document = undefined;
    }
    if (!isObject(document) || JSON.stringify(document) !== text) return this.string(s, "template", path);
    const lines = this.value(document, "literal", path);
    const last = lines.length - 1;
    return lines.map((line, i) => ({ ...line, text: `${i === 0 ? "jsonencode(" : ""}${line.text}${i === last ? ")" : ""}` }));
  }

  private string(s: string, mode: Exclude<Mode, "json">, path: string): Line[] {
    let text: string;
    try {
      switch (mode) {
        case "template":
          text = wholeInterpolation(s) ?? quoteTemplate(s);
          break;
        case "literal":
          text = quoteLiteral(s);
          break;
        case "reference":
          text = bareReference(s);
          break;
        case "type":
          text = wholeInterpolation(s) ?? s.trim();
          break;
      }
    } catch (e) {
      throw new Error(`${path}: ${(e as Error).message}`);
    }
    const [first, ...rest] = text.split("\n");
    return [{ depth: 0, text: first }, ...rest.map((t) => ({ depth: 0, text: t, raw: true }))];
  }

  private list(items: readonly unknown[], mode: Mode, path: string): Line[] {
    if (items.length === 0) return [{ depth: 0, text: "[]" }];
    const rendered = items.map((item, i) => this.value(item, mode, `${path}[${i}]`));
    const scalars = items.every((item) => typeof item !== "object" || item === null);
    if (scalars && rendered.every((r) => r.length === 1)) {
      const inline = `[${rendered.map((r) => r[0].text).join(", ")}]`;
      if (inline.length <= INLINE_LIST_WIDTH) return [{ depth: 0, text: inline }];
    }
    const lines: Line[] = [{ depth: 0, text: "[" }];
    for (const r of rendered) {
      const shifted = shift(r, 1);
      const last = shifted[shifted.length - 1];
      lines.push(...shifted.slice(0, -1), { ...last, text: `${last.text},` });
    }
    lines.push({ depth: 0, text: "]" });
    return lines;
  }

  private object(object: Readonly<Record<string, unknown>>, mode: Mode, path: string): Line[] {
    const entries = Object.entries(object);
    if (entries.length === 0) return [{ depth: 0, text: "{}" }];
    const lines: Line[] = [{ depth: 0, text: "{" }];
    for (const [key, value] of entries) {
      const entryPath = `${path}[${JSON.stringify(key)}]`;
      lines.push(...this.attribute(this.key(key, mode, entryPath), value, mode, 1, entryPath));
    }
    lines.push({ depth: 0, text: "}" });
    return lines;
  }

  /** An object key: bare when an identifier, else quoted (a template or a literal, like the values). */
  private key(key: string, mode: Mode, path: string): string {
    try {
      if (mode === "reference") return bareReference(key);
      if (isBareKey(key)) return key;
      return mode === "template" ? quoteTemplate(key) : quoteLiteral(key);
    } catch (e) {
      throw new Error(`${path}: ${(e as Error).message}`);
    }
  }
}
