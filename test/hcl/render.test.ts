// renderHcl: the HCL says exactly what cdk.tf.json says (read back by HashiCorp's own parser), in
// terraform fmt's layout, with bare references, and with blocks where cdktf's provider bindings have them.
import { parse } from "@cdktf/hcl2json";
import { TerraformStack } from "cdktf";
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { synthesizeApp } from "../../lib/app";
import { blockPathsFromStack } from "./cdktf-blocks";
import { renderHcl } from "../../lib/hcl/render";
import { DEFAULT_SCHEMA, type HclRule, type HclSchema } from "../../lib/hcl/schema";
import { quoteTemplate, templateText } from "../../lib/hcl/strings";
import { buildPlan } from "../../lib/model/build";
import { loadConfig } from "../../lib/config/load";
import { EXAMPLES, tempDir } from "../support";
import { PROVIDER_MISSING, terraformEnv, terraformInit, withTerraform } from "../terraform";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

// ---------------------------------------------------------------------------------------------------
// The example stacks, through the project's own pipeline: config -> plan -> cdktf app -> cdk.tf.json

interface StackCase {
  readonly name: string; // "<example>/<stack>"
  readonly json: JsonObject;
  readonly stack: TerraformStack;
}

function synthesizeExamples(): StackCase[] {
  const cases: StackCase[] = [];
  for (const file of EXAMPLES) {
    const outdir = tempDir("irsa-hcl-");
    const app = synthesizeApp(buildPlan(loadConfig(file)).environments, outdir);
    const manifest = JSON.parse(readFileSync(join(outdir, "manifest.json"), "utf8")) as {
      stacks: Record<string, { synthesizedStackPath: string }>;
    };
    for (const stack of app.node.children.filter((c): c is TerraformStack => c instanceof TerraformStack)) {
      const path = manifest.stacks[stack.node.id].synthesizedStackPath;
      cases.push({ name: `${basename(file)}/${stack.node.id}`, json: JSON.parse(readFileSync(join(outdir, path), "utf8")), stack });
    }
  }
  return cases;
}

const STACKS = synthesizeExamples();
const STACK_TABLE = STACKS.map((s) => [s.name, s] as const);

// ---------------------------------------------------------------------------------------------------
// The JSON, in the shape @cdktf/hcl2json gives to parsed HCL. hcl2json writes:
//  - a block type without labels as an array of bodies, one with labels as objects keyed by label
//    around that array (resource -> type -> name -> [body]); zero blocks: no key;
//  - an expression that is not a literal or a template as "${<its source>}", templates as their
//    template source (escapes such as $${ kept), literals as their values;
//  - no "//" keys in block bodies (they are comments there), but "//" keys in object values.
// So: references (provider, depends_on) become "${ref}", strings Terraform takes literally have their
// `${` / `%{` written as template escapes, template strings stay as they are. Nothing else changes:
// the comparison is strict equality.

function escapeSequences(s: string): string {
  return s.replace(/\$\{/g, () => "$${").replace(/%\{/g, () => "%%{");
}

function asExpression(s: string): string {
  return s.startsWith("${") && s.endsWith("}") ? s : "${" + s + "}";
}

type Mode = "template" | "literal" | "reference" | "type";

function modeOf(rule: HclRule | undefined): Mode {
  return rule?.kind === "literal" || rule?.kind === "reference" || rule?.kind === "type" ? rule.kind : "template";
}

// Policy documents: the renderer writes them as jsonencode({...}), which hcl2json returns as an expression
// string. Both sides are compared as the documents Terraform hands to AWS: the JSON's template string
// evaluated and decoded; the HCL's jsonencode argument parsed by hcl2json and its template strings evaluated.

/** The value of a template that holds no sequence (`$${` -> `${`); fails the test when it would evaluate something. */
function evaluated(template: string): string {
  const text = templateText(template);
  if (text === undefined) throw new Error(`Terraform would evaluate an expression in ${JSON.stringify(template)}`);
  return text;
}

/** A JSON stack's policy string, as the document it stands for (a string with an expression stays as it is). */
function documentOf(value: Json): Json {
  if (typeof value !== "string" || templateText(value) === undefined) return value;
  try {
    return JSON.parse(evaluated(value)) as Json;
  } catch {
    return value;
  }
}

function evaluatedStrings(value: Json): Json {
  if (typeof value === "string") return evaluated(value);
  if (Array.isArray(value)) return value.map(evaluatedStrings);
  if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [evaluated(k), evaluatedStrings(v)]));
  return value;
}

/** What Terraform's jsonencode receives, read from hcl2json's "${jsonencode(<source>)}"; other values through documentOf. */
async function evaluateJsonencode(value: Json): Promise<Json> {
  const source = typeof value === "string" ? /^\$\{jsonencode\(([\s\S]*)\)\}$/.exec(value)?.[1] : undefined;
  if (source === undefined) return documentOf(value);
  const parsed = (await parse("document.tf", `document = ${source}\n`)) as JsonObject;
  return evaluatedStrings(parsed.document);
}

/** hcl2json's output with every policy attribute (a "json" rule) evaluated. */
async function withDocumentsEvaluated(parsed: JsonObject, schema: HclSchema = DEFAULT_SCHEMA): Promise<JsonObject> {
  const resources = (parsed.resource ?? {}) as Record<string, Record<string, JsonObject[]>>;
  for (const [type, byName] of Object.entries(resources)) {
    for (const bodies of Object.values(byName)) {
      for (const body of bodies) {
        for (const [key, value] of Object.entries(body)) {
          if (schema.ruleFor(`resource.${type}.${key}`)?.kind === "json") body[key] = await evaluateJsonencode(value);
          else if (schema.ruleFor(`resource.${type}.${key}`)?.kind === "block" && Array.isArray(value)) {
            for (const inner of value as JsonObject[]) {
              for (const [k, v] of Object.entries(inner)) if (schema.ruleFor(`resource.${type}.${key}.${k}`)?.kind === "json") inner[k] = await evaluateJsonencode(v);
            }
          }
        }
      }
    }
  }
  return parsed;
}

function shapeValue(value: Json, mode: Mode): Json {
  if (typeof value === "string") {
    if (mode === "literal") return escapeSequences(value);
    if (mode === "reference" || mode === "type") return asExpression(value);
    return value;
  }
  if (Array.isArray(value)) return value.map((v) => shapeValue(v, mode));
  if (value !== null && typeof value === "object") {
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(value)) {
      const key = mode === "literal" ? escapeSequences(k) : mode === "reference" && !/^[A-Za-z_][\w-]*$/.test(k) ? asExpression(k) : k;
      out[key] = shapeValue(v, mode);
    }
    return out;
  }
  return value;
}

function instances(value: Json, labels: number): Array<{ labels: string[]; body: JsonObject }> {
  if (value === null) return [];
  if (Array.isArray(value)) return value.flatMap((v) => instances(v, labels));
  if (typeof value !== "object") throw new Error(`not a block: ${JSON.stringify(value)}`);
  if (labels === 0) return [{ labels: [], body: value }];
  return Object.entries(value)
    .filter(([k]) => k !== "//")
    .flatMap(([k, v]) => instances(v, labels - 1).map((i) => ({ labels: [k, ...i.labels], body: i.body })));
}

function addBlocks(target: JsonObject, type: string, value: Json, rule: HclRule & { kind: "block" }, parent: string, schema: HclSchema): void {
  for (const { labels, body } of instances(value, rule.labels ?? 0)) {
    const path = [parent, type, rule.typed ? labels[0] : ""].filter(Boolean).join(".");
    const shaped = shapeBody(body, path, schema);
    if (labels.length === 0) {
      ((target[type] ??= []) as Json[]).push(shaped);
      continue;
    }
    let node = (target[type] ??= {}) as JsonObject;
    for (const label of labels.slice(0, -1)) node = (node[label] ??= {}) as JsonObject;
    ((node[labels[labels.length - 1]] ??= []) as Json[]).push(shaped);
  }
}

function shapeBody(body: JsonObject, path: string, schema: HclSchema): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(body)) {
    if (key === "//") continue;
    const rule = schema.ruleFor(`${path}.${key}`);
    if (rule?.kind === "block") addBlocks(out, key, value, rule, path, schema);
    else if (rule?.kind === "dynamic") {
      const dynamic = (out.dynamic ??= {}) as JsonObject;
      for (const { labels: [type], body: spec } of instances(value, 1)) {
        const shaped: JsonObject = {};
        for (const [k, v] of Object.entries(spec)) {
          if (k === "content") shaped.content = instances(v, 0).map((c) => shapeBody(c.body, `${path}.${type}`, schema));
          else shaped[k] = shapeValue(v, k === "iterator" ? "reference" : "template");
        }
        ((dynamic[type] ??= []) as Json[]).push(shaped);
      }
    } else if (rule?.kind === "json") out[key] = documentOf(value);
    else out[key] = shapeValue(value, modeOf(rule));
  }
  return out;
}

function hcl2jsonShape(root: JsonObject, schema: HclSchema = DEFAULT_SCHEMA): JsonObject {
  const out: JsonObject = {};
  for (const [type, value] of Object.entries(root)) {
    if (type === "//") continue;
    const rule = schema.ruleFor(type);
    if (rule?.kind !== "block") throw new Error(`unknown top-level key ${type}`);
    addBlocks(out, type, value, rule, "", schema);
  }
  return out;
}

/** Renders, parses back with HashiCorp's parser, and compares with the JSON, strictly. */
async function expectRoundTrip(json: JsonObject): Promise<string> {
  const hcl = renderHcl(json);
  const parsed = await withDocumentsEvaluated(await parse("cdk.tf", hcl));
  expect(parsed).toStrictEqual(hcl2jsonShape(json));
  return hcl;
}

/** The body lines of the first block of `hcl` whose header starts with `header`. */
function blockText(hcl: string, header: string): string {
  const start = hcl.indexOf(`${header}`);
  if (start < 0) throw new Error(`no ${header} in\n${hcl}`);
  const end = hcl.indexOf("\n}\n", start);
  return hcl.slice(start, end + 3);
}

// ---------------------------------------------------------------------------------------------------

describe("renderHcl on every example stack", () => {
  it("has example stacks to check", () => {
    expect(STACKS.length).toBeGreaterThanOrEqual(3);
  });

  it.each(STACK_TABLE)("%s: hcl2json reads back exactly what cdk.tf.json says", async (_name, { json }) => {
    await expectRoundTrip(json);
  });

  it.each(STACK_TABLE)("%s: no quoted references, no cdktf metadata, fmt layout", (_name, { json }) => {
    const hcl = renderHcl(json);
    expect(hcl).not.toMatch(/provider\s*=\s*"/);
    expect(hcl).not.toMatch(/depends_on\s*=\s*\[\s*"/);
    expect(hcl).not.toMatch(/= "\$\{[^"]*\}"$/m); // whole-string interpolations are bare expressions
    expect(hcl).not.toContain('"//"');
    expect(hcl).not.toContain("uniqueId");
    expect(hcl.endsWith("}\n")).toBe(true);
    expect(hcl).not.toMatch(/\n\n\n/);
    expect(hcl).not.toMatch(/\t| +\n/); // spaces only, no trailing whitespace
    for (const line of hcl.split("\n")) expect(line.match(/^ */)![0].length % 2).toBe(0);
    expect(renderHcl(json)).toBe(hcl); // deterministic
  });

  it.each(STACK_TABLE)("%s: keeps the terraform block whole (cloud project, backend, required_providers)", (_name, { json }) => {
    const hcl = renderHcl(json);
    const terraform = json.terraform as JsonObject;
    expect(hcl).toContain("terraform {\n");
    expect(hcl).toContain("  required_providers {\n    aws = {\n");
    const cloud = terraform.cloud as JsonObject | undefined;
    if (cloud) {
      const workspaces = cloud.workspaces as JsonObject;
      expect(hcl).toMatch(/\n  cloud {\n[^]*\n    workspaces {\n/);
      if (workspaces.project) expect(hcl).toMatch(new RegExp(`\\n      project = ${JSON.stringify(workspaces.project)}\\n`));
    }
    const backend = terraform.backend as JsonObject | undefined;
    if (backend) for (const type of Object.keys(backend)) expect(hcl).toContain(`  backend "${type}" {\n`);
  });

  it.each(STACK_TABLE)("%s: the block table agrees with cdktf's provider bindings", (_name, { stack }) => {
    const { blocks, attributes } = blockPathsFromStack(stack);
    expect(blocks.size + attributes.size).toBeGreaterThan(0); // the oracle sees something
    expect([...blocks].filter((p) => !DEFAULT_SCHEMA.isBlock(p))).toEqual([]);
    expect([...attributes].filter((p) => DEFAULT_SCHEMA.isBlock(p))).toEqual([]);
  });

  it("cdktf's binding metadata does mark the blocks we render (the oracle works)", () => {
    const all = new Set(STACKS.flatMap((s) => [...blockPathsFromStack(s.stack).blocks]));
    expect(all).toContain("provider.kubernetes.exec");
    expect(all).toContain("resource.kubernetes_service_account_v1.metadata");
    const attributes = new Set(STACKS.flatMap((s) => [...blockPathsFromStack(s.stack).attributes]));
    expect(attributes).toContain("resource.aws_iam_role.tags");
    expect(attributes).toContain("resource.kubernetes_service_account_v1.metadata.annotations");
  });
});

/** Terraform-block blocks, provider blocks, resource blocks, unknown objects, cdktf "//" metadata. */
const KITCHEN_SINK: JsonObject = {
  "//": { metadata: { stackName: "x" } },
  provider: { aws: [{ default_tags: [{ tags: { owner: "platform" } }], assume_role: [{ role_arn: "a" }, { role_arn: "b" }] }] },
  resource: {
    kubernetes_service_account_v1: {
      sa: {
        "//": { metadata: { path: "x/sa" } },
        metadata: { annotations: { "eks.amazonaws.com/role-arn": "arn" }, labels: { app: "x" }, name: "sa" },
      },
    },
    aws_iam_role: { r: { tags: { a: "b" }, lifecycle: { prevent_destroy: true }, name: "r" } },
    unknown_type: { u: { nested: { is: "a map" }, list: [{ of: "objects" }] } },
  },
  output: { roles: { value: { "a/b": { arn: "${aws_iam_role.r.arn}" } } } },
  terraform: {
    backend: { s3: { bucket: "b", assume_role: { role_arn: "arn" } } },
    cloud: { organization: "acme", workspaces: { name: "w", project: "p" } },
    required_providers: { aws: { source: "hashicorp/aws", version: "6.25.0" } },
    required_version: ">= 1.5",
  },
};

/** Provisioners, dynamic blocks, variables, locals, modules. */
const META_ARGUMENTS: JsonObject = {
  resource: {
    aws_x: {
      y: {
        provisioner: [{ "local-exec": { command: "echo ${self.id}" } }, { "remote-exec": { connection: { type: "ssh", host: "h" }, inline: ["a"] } }],
        dynamic: {
          ingress: { for_each: "${var.rules}", iterator: "rule", content: { from_port: "${rule.value.port}" } },
        },
      },
    },
  },
  variable: { env: { type: "string", default: "x ${y}", description: "the env" } },
  locals: { greeting: "Hello, ${var.env}" },
  module: { m: { source: "./m", providers: { aws: "aws.west" }, depends_on: ["aws_x.y"], input: "${local.greeting}" } },
};

describe("strings", () => {
  const resource = (attrs: JsonObject): JsonObject => ({ resource: { null_resource: { x: attrs } } });

  it("escapes quotes, backslashes, newlines and control characters in literal text", async () => {
    const hcl = await expectRoundTrip(resource({ a: 'say "hi" C:\\dir\nnext\ttab\r\u0001 é' }));
    expect(hcl).toContain(String.raw`a = "say \"hi\" C:\\dir\nnext\ttab\r\u0001 é"`);
  });

  it("keeps template sequences and escapes of a template string as they are", async () => {
    const json = resource({
      escaped: "arn:aws:s3:::bucket/$${aws:username}/*", // a literal ${...} in Terraform JSON
      mixed: "prefix-${var.env}-$${literal}-100%%{x}",
      nested: '${lookup(var.m, "k")}-"${var.x}"',
      directive: "%{if var.on}on%{endif}",
      dollars: "$$${var.y} costs $5",
    });
    const hcl = await expectRoundTrip(json);
    expect(hcl).toContain('escaped   = "arn:aws:s3:::bucket/$${aws:username}/*"\n');
    expect(hcl).toContain('mixed     = "prefix-${var.env}-$${literal}-100%%{x}"\n');
    expect(hcl).toContain('nested    = "${lookup(var.m, "k")}-\\"${var.x}\\""\n');
    expect(hcl).toContain('directive = "%{if var.on}on%{endif}"\n');
    expect(hcl).toContain('dollars   = "$$${var.y} costs $5"\n');
  });

  it("writes a string that is one interpolation as a bare expression", async () => {
    const hcl = await expectRoundTrip(resource({ arn: "${aws_iam_role.x.arn}", list: ["${aws_iam_role.x.arn}", "plain"] }));
    expect(hcl).toContain("arn  = aws_iam_role.x.arn\n");
    expect(hcl).toContain('list = [aws_iam_role.x.arn, "plain"]\n');
  });

  it("escapes a literal ${ and %{ where Terraform takes strings literally", async () => {
    const json: JsonObject = {
      output: { o: { description: 'costs ${5} and 100%{x} "quoted"', value: "${aws_x.y.id}" } },
      terraform: { backend: { s3: { key: "state/${env}.tfstate" } } },
    };
    const hcl = await expectRoundTrip(json);
    expect(hcl).toContain('description = "costs $${5} and 100%%{x} \\"quoted\\""\n');
    expect(hcl).toContain('key = "state/$${env}.tfstate"\n');
  });

  it("keeps a sequence no brace closes as written, for Terraform to refuse in HCL as in JSON", () => {
    const hcl = renderHcl(resource({ a: "100%{", b: 'unterminated ${var.x "q' }));
    expect(hcl).toContain('a = "100%{"\n');
    expect(hcl).toContain('b = "unterminated ${var.x \\"q"\n');
  });

  it("refuses strings it cannot write faithfully", () => {
    expect(() => renderHcl({ resource: { null_resource: { x: { provider: "not a reference" } } } })).toThrow(/expected a reference/);
    expect(() => renderHcl({ bogus: {} })).toThrow(/unknown top-level block type "bogus"/);
    expect(() => renderHcl(resource({ "not-ok key": 1 }))).toThrow(/not a valid argument/);
  });
});

describe("references and keys", () => {
  it("writes provider and depends_on as bare references", async () => {
    const json: JsonObject = {
      data: { aws_x: { y: { provider: "aws.west", depends_on: ["aws_iam_role.r"] } } },
      resource: {
        kubernetes_service_account_v1: {
          sa: { depends_on: ["aws_iam_role.x", "data.aws_x.y"], metadata: { name: "sa" }, provider: "kubernetes.prod-blue" },
        },
      },
    };
    const hcl = await expectRoundTrip(json);
    expect(blockText(hcl, 'resource "kubernetes_service_account_v1" "sa"')).toBe(
      [
        'resource "kubernetes_service_account_v1" "sa" {',
        "  provider = kubernetes.prod-blue",
        "",
        "  metadata {",
        '    name = "sa"',
        "  }",
        "",
        "  depends_on = [aws_iam_role.x, data.aws_x.y]",
        "}",
        "",
      ].join("\n"),
    );
    expect(hcl).toContain("  provider = aws.west\n");
    expect(hcl).not.toContain('provider = "');
    expect(hcl).not.toContain('depends_on = ["');
  });

  it("accepts references already wrapped as ${...}, and lifecycle keywords", async () => {
    const json: JsonObject = {
      resource: {
        aws_x: {
          y: {
            depends_on: ["${aws_iam_role.x}"],
            lifecycle: { create_before_destroy: true, ignore_changes: "all", replace_triggered_by: ["aws_iam_role.x.id"] },
          },
        },
      },
    };
    const hcl = renderHcl(json);
    expect(hcl).toContain("depends_on = [aws_iam_role.x]");
    expect(hcl).toContain("  lifecycle {\n    create_before_destroy = true\n    ignore_changes        = all\n    replace_triggered_by  = [aws_iam_role.x.id]\n  }\n");
    // hcl2json gives ${...} for every reference; the JSON's "${aws_iam_role.x}" and "aws_iam_role.x" alike
    const parsed = (await parse("cdk.tf", hcl)) as any;
    expect(parsed.resource.aws_x.y[0].depends_on).toEqual(["${aws_iam_role.x}"]);
    expect(parsed.resource.aws_x.y[0].lifecycle[0].ignore_changes).toBe("${all}");
  });

  it("quotes map keys that are not identifiers, and keywords", async () => {
    const json: JsonObject = {
      resource: {
        null_resource: {
          x: {
            tags: {
              "eks.amazonaws.com/role-arn": "arn",
              "orders/orders-api": { arn: "${aws_iam_role.x.arn}" },
              plain_key: 1,
              "with-dash": 2,
              "123": 3,
              for: 4,
              null: 5,
              "//": "a key, not a comment, in a value",
              'q"uote': 6,
            },
          },
        },
      },
    };
    const hcl = await expectRoundTrip(json);
    expect(blockText(hcl, "resource")).toBe(
      [
        'resource "null_resource" "x" {',
        "  tags = {",
        '    "123"                        = 3', // JavaScript puts integer-like keys first
        '    "eks.amazonaws.com/role-arn" = "arn"',
        '    "orders/orders-api" = {',
        "      arn = aws_iam_role.x.arn",
        "    }",
        "    plain_key = 1",
        "    with-dash = 2",
        '    "for"     = 4',
        '    "null"    = 5',
        '    "//"      = "a key, not a comment, in a value"',
        '    "q\\"uote" = 6',
        "  }",
        "}",
        "",
      ].join("\n"),
    );
  });
});

describe("blocks", () => {
  it("renders repeated providers of one type as separate blocks, alias first", async () => {
    const json: JsonObject = {
      provider: {
        aws: [{ region: "us-west-2" }, { alias: "b", assume_role: [{ role_arn: "arn:1" }], region: "eu-central-1" }],
        kubernetes: [
          { alias: "blue", exec: [{ args: ["eks"], command: "aws" }], host: "${data.aws_eks_cluster.blue.endpoint}" },
          { alias: "green", host: "https://green" },
        ],
      },
    };
    const hcl = await expectRoundTrip(json);
    expect(hcl).toBe(
      [
        'provider "aws" {',
        '  region = "us-west-2"',
        "}",
        "",
        'provider "aws" {',
        '  alias = "b"',
        "",
        '  region = "eu-central-1"',
        "",
        "  assume_role {",
        '    role_arn = "arn:1"',
        "  }",
        "}",
        "",
        'provider "kubernetes" {',
        '  alias = "blue"',
        "",
        "  host = data.aws_eks_cluster.blue.endpoint",
        "",
        "  exec {",
        '    args    = ["eks"]',
        '    command = "aws"',
        "  }",
        "}",
        "",
        'provider "kubernetes" {',
        '  alias = "green"',
        "",
        '  host = "https://green"',
        "}",
        "",
      ].join("\n"),
    );
  });

  it("knows the blocks of the terraform block, providers and our resources; everything else is an attribute", async () => {
    const json = KITCHEN_SINK;
    const hcl = await expectRoundTrip(json);
    expect(blockText(hcl, 'provider "aws"')).toBe(
      ['provider "aws" {', "  default_tags {", "    tags = {", '      owner = "platform"', "    }", "  }", "", "  assume_role {", '    role_arn = "a"', "  }", "", "  assume_role {", '    role_arn = "b"', "  }", "}", ""].join("\n"),
    );
    expect(hcl).toContain('  metadata {\n    annotations = {\n      "eks.amazonaws.com/role-arn" = "arn"\n    }\n    labels = {\n      app = "x"\n    }\n    name = "sa"\n  }\n');
    expect(hcl).toContain('resource "aws_iam_role" "r" {\n  tags = {\n    a = "b"\n  }\n  name = "r"\n\n  lifecycle {\n    prevent_destroy = true\n  }\n}\n');
    expect(hcl).toContain('  nested = {\n    is = "a map"\n  }\n  list = [\n    {\n      of = "objects"\n    },\n  ]\n');
    expect(blockText(hcl, "terraform {")).toBe(
      [
        "terraform {",
        '  required_version = ">= 1.5"',
        "",
        '  backend "s3" {',
        '    bucket = "b"',
        "    assume_role = {",
        '      role_arn = "arn"',
        "    }",
        "  }",
        "",
        "  cloud {",
        '    organization = "acme"',
        "",
        "    workspaces {",
        '      name    = "w"',
        '      project = "p"',
        "    }",
        "  }",
        "",
        "  required_providers {",
        "    aws = {",
        '      source  = "hashicorp/aws"',
        '      version = "6.25.0"',
        "    }",
        "  }",
        "}",
        "",
      ].join("\n"),
    );
    expect(hcl).not.toContain("stackName");
    expect(hcl).not.toContain("x/sa");
  });

  it("has the table entries the stacks need", () => {
    for (const path of [
      "terraform",
      "terraform.required_providers",
      "terraform.cloud",
      "terraform.cloud.workspaces",
      "terraform.backend",
      "provider.aws.assume_role",
      "provider.aws.default_tags",
      "provider.kubernetes.exec",
      "resource.kubernetes_service_account_v1.metadata",
      "resource.aws_iam_role.lifecycle",
      "data.aws_eks_cluster.lifecycle",
    ]) {
      expect([path, DEFAULT_SCHEMA.isBlock(path)]).toEqual([path, true]);
    }
    for (const path of [
      "resource.aws_iam_role.tags",
      "resource.kubernetes_service_account_v1.metadata.annotations",
      "resource.kubernetes_service_account_v1.metadata.labels",
      "terraform.required_providers.aws",
      "terraform.backend.assume_role",
      "provider.aws.default_tags.tags",
      "output.value",
      "resource.unknown.nested",
    ]) {
      expect([path, DEFAULT_SCHEMA.isBlock(path)]).toEqual([path, false]);
    }
    expect(DEFAULT_SCHEMA.ruleFor("terraform.backend")).toEqual({ kind: "block", labels: 1, typed: false });
    expect(DEFAULT_SCHEMA.ruleFor("resource")).toEqual({ kind: "block", labels: 2, typed: true });
    expect(DEFAULT_SCHEMA.ruleFor("resource.aws_iam_role.provider")).toEqual({ kind: "reference" });
    expect(DEFAULT_SCHEMA.ruleFor("terraform.cloud.organization")).toEqual({ kind: "literal" });
  });

  it("writes empty blocks as {} and zero blocks as nothing", async () => {
    const hcl = await expectRoundTrip({
      resource: { kubernetes_service_account_v1: { sa: { metadata: {}, secret: [], timeouts: null } } },
    });
    expect(hcl).toBe('resource "kubernetes_service_account_v1" "sa" {\n  metadata {}\n}\n');
  });

  it("renders labelled nested blocks (provisioners) and dynamic blocks", async () => {
    const json = META_ARGUMENTS;
    const hcl = await expectRoundTrip(json);
    expect(hcl).toContain('  provisioner "local-exec" {\n    command = "echo ${self.id}"\n  }\n');
    expect(hcl).toContain('  provisioner "remote-exec" {\n    inline = ["a"]\n\n    connection {\n      type = "ssh"\n      host = "h"\n    }\n  }\n');
    expect(hcl).toContain('  dynamic "ingress" {\n    for_each = var.rules\n    iterator = rule\n\n    content {\n      from_port = rule.value.port\n    }\n  }\n');
    expect(hcl).toContain('variable "env" {\n  type        = string\n  default     = "x $${y}"\n  description = "the env"\n}\n');
    expect(hcl).toContain('locals {\n  greeting = "Hello, ${var.env}"\n}\n');
    expect(hcl).toContain('module "m" {\n  source = "./m"\n  providers = {\n    aws = aws.west\n  }\n\n  input = local.greeting\n\n  depends_on = [aws_x.y]\n}\n');
  });
});

describe("layout", () => {
  it("aligns = within runs of single-line attributes, as terraform fmt does", () => {
    const hcl = renderHcl({
      resource: { null_resource: { x: { a: 1, bbb: 2, multi: { k: 1 }, cc: 3, dddd: [1, 2] } } },
    });
    expect(hcl).toBe(
      [
        'resource "null_resource" "x" {',
        "  a   = 1",
        "  bbb = 2",
        "  multi = {",
        "    k = 1",
        "  }",
        "  cc   = 3",
        "  dddd = [1, 2]",
        "}",
        "",
      ].join("\n"),
    );
  });

  it("breaks long or nested lists over lines with trailing commas", () => {
    const long = Array.from({ length: 8 }, (_, i) => `element-number-${i}`);
    const hcl = renderHcl({ resource: { null_resource: { x: { long, nested: [[1], []] } } } });
    expect(hcl).toContain(`  long = [\n${long.map((e) => `    "${e}",\n`).join("")}  ]\n`);
    expect(hcl).toContain("  nested = [\n    [1],\n    [],\n  ]\n");
  });

  it("renders nothing for an empty stack", () => {
    expect(renderHcl({ "//": { metadata: {} } })).toBe("");
  });
});

describe("policy documents", () => {
  const POLICY = JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Action: ["s3:GetObject"],
        Resource: ["arn:aws:s3:::b/${aws:PrincipalTag/kubernetes-namespace}/*"],
        Condition: { StringEquals: { "aws:ResourceTag/team": "orders", "s3:prefix": "100%{x}" }, Bool: { "aws:SecureTransport": "true" } },
      },
    ],
  });
  /** A policy string as the stack holds it: a template, with ${ and %{ escaped. */
  const stackString = (policy: string) => policy.replace(/([$%])\{/g, "$1$1{");
  const policyStack = (policy: string): JsonObject => ({ resource: { aws_iam_role_policy: { p: { name: "inline", policy: stackString(policy), role: "${aws_iam_role.r.name}" } } } });

  it("are written as jsonencode({...}), one key per line, IAM variables and directives escaped", async () => {
    const hcl = await expectRoundTrip(policyStack(POLICY));
    expect(blockText(hcl, 'resource "aws_iam_role_policy"')).toBe(
      [
        'resource "aws_iam_role_policy" "p" {',
        '  name = "inline"',
        "  policy = jsonencode({",
        '    Version = "2012-10-17"',
        "    Statement = [",
        "      {",
        '        Effect   = "Allow"',
        '        Action   = ["s3:GetObject"]',
        '        Resource = ["arn:aws:s3:::b/$${aws:PrincipalTag/kubernetes-namespace}/*"]',
        "        Condition = {",
        "          StringEquals = {",
        '            "aws:ResourceTag/team" = "orders"',
        '            "s3:prefix"            = "100%%{x}"',
        "          }",
        "          Bool = {",
        '            "aws:SecureTransport" = "true"',
        "          }",
        "        }",
        "      },",
        "    ]",
        "  })",
        "  role = aws_iam_role.r.name",
        "}",
        "",
      ].join("\n"),
    );
  });

  it("show a changed condition as one changed line", () => {
    const before = renderHcl(policyStack(POLICY)).split("\n");
    const after = renderHcl(policyStack(POLICY.replace('"orders"', '"billing"'))).split("\n");
    expect(after.length).toBe(before.length);
    expect(after.filter((line, i) => line !== before[i])).toEqual(['            "aws:ResourceTag/team" = "billing"']);
  });

  it("stay strings when they hold a Terraform expression or would not re-encode to the same text", async () => {
    const withReference = { resource: { aws_iam_role_policy: { p: { policy: '{"Resource":"${aws_s3_bucket.b.arn}"}' } } } };
    expect(await expectRoundTrip(withReference)).toContain('policy = "{\\"Resource\\":\\"${aws_s3_bucket.b.arn}\\"}"');
    const spaced = { resource: { aws_iam_role_policy: { p: { policy: '{ "Version": "2012-10-17" }' } } } };
    expect(await expectRoundTrip(spaced)).toContain('policy = "{ \\"Version\\": \\"2012-10-17\\" }"');
  });

  it("are compared as documents: a changed value in the jsonencode is caught (control)", async () => {
    const json = policyStack(POLICY);
    const tampered = renderHcl(json).replace('"orders"', '"billing"');
    const parsed = await withDocumentsEvaluated(await parse("cdk.tf", tampered));
    expect(parsed).not.toStrictEqual(hcl2jsonShape(json));
  });
});

// ---------------------------------------------------------------------------------------------------
// Terraform itself, where a binary exists (skipped otherwise).

describe("terraform", () => {
  withTerraform.each(STACK_TABLE)("%s: terraform fmt leaves the HCL unchanged", (_name, { json }) => {
    const hcl = renderHcl(json);
    const result = spawnSync("terraform", ["fmt", "-no-color", "-"], { input: hcl, encoding: "utf8", env: terraformEnv() });
    expect(result.stderr).toBe("");
    expect(result.stdout).toBe(hcl);
  });

  withTerraform.each(STACK_TABLE)("%s: terraform init reports no warning and no error but the missing providers", (_name, { json }) => {
    const { warnings, errors, output } = terraformInit(renderHcl(json));
    expect({ warnings, output: warnings.length ? output : "" }).toEqual({ warnings: [], output: "" });
    expect(errors.filter((e) => !PROVIDER_MISSING.test(e))).toEqual([]);
    expect(errors.length).toBeGreaterThan(0); // it parsed the configuration and went on to look for providers
  });

  withTerraform.each([
    ["kitchen sink", KITCHEN_SINK],
    ["meta-arguments", META_ARGUMENTS],
  ] as const)("terraform fmt leaves the %s fixture unchanged", (_name, json) => {
    const hcl = renderHcl(json);
    const result = spawnSync("terraform", ["fmt", "-no-color", "-"], { input: hcl, encoding: "utf8", env: terraformEnv() });
    expect(result.stderr).toBe("");
    expect(result.stdout).toBe(hcl);
  });

  withTerraform("terraform evaluates every jsonencode policy of the examples to the document of the JSON stack's string", () => {
    const policies = STACKS.flatMap(({ json }) =>
      Object.entries((json.resource ?? {}) as Record<string, Record<string, JsonObject>>).flatMap(([type, byName]) =>
        Object.values(byName).flatMap((body) => Object.entries(body).filter(([key]) => DEFAULT_SCHEMA.ruleFor(`resource.${type}.${key}`)?.kind === "json").map(([key, value]) => ({ type, key, value: value as string }))),
      ),
    );
    policies.push({ type: "aws_iam_role_policy", key: "policy", value: '{"Resource":["arn:aws:s3:::b/$${aws:PrincipalTag/kubernetes-namespace}/*","100%%{x}"]}' });
    expect(policies.length).toBeGreaterThan(20);
    const locals = policies.map(({ type, key, value }, i) => {
      const hcl = renderHcl({ resource: { [type]: { p: { [key]: value } } } });
      const expression = /^  \w+ = (jsonencode\([\s\S]*\))\n\}\n$/m.exec(hcl.slice(hcl.indexOf("\n") + 1))?.[1];
      expect(expression).toBeDefined();
      return `  a${i} = ${expression}\n  b${i} = ${quoteTemplate(value)}`;
    });
    const dir = tempDir("irsa-jsonencode-");
    writeFileSync(join(dir, "main.tf"), `locals {\n${locals.join("\n")}\n}\n`);
    const checks = `[${policies.map((_, i) => `jsondecode(local.a${i}) == jsondecode(local.b${i})`).join(", ")}]`;
    const console = (expression: string) => spawnSync("terraform", ["console"], { cwd: dir, input: `${expression}\n`, encoding: "utf8", env: terraformEnv() });
    const result = console(`alltrue(${checks})`);
    expect(result.stderr).toBe("");
    expect(result.stdout.trim()).toBe("true");
    const variable = console(`jsondecode(local.a${policies.length - 1}).Resource`);
    expect(variable.stdout).toContain('"arn:aws:s3:::b/${aws:PrincipalTag/kubernetes-namespace}/*",\n  "100%{x}",'); // what IAM receives
  });

  withTerraform("the init check does catch quoted references (control)", () => {
    const hcl = 'resource "kubernetes_service_account_v1" "x" {\n  provider = "kubernetes.blue"\n}\n';
    expect(terraformInit(hcl).warnings).toContain("Quoted references are deprecated");
  });
});
