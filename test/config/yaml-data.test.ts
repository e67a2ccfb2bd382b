// The fast read of a config's data (lib/config/yaml-data.ts, js-yaml) against what the loader read before it and
// still reads when the fast read declines (`yaml`'s document with unique keys, toJS): wherever the fast read
// answers, `yaml` reads the same text without an error and to the same data (-0, NaN, key order included).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import fc from "fast-check";
import { parseDocument, stringify } from "yaml";
import { fleetConfig, makeFleet } from "../../bench/fleet";
import { parseConfig } from "../../lib/config/load";
import { readYamlData } from "../../lib/config/yaml-data";

/** What the loader reads with `yaml` alone: the data, or "refused" (a syntax error, duplicate key, bad alias). */
function yamlReading(text: string): { data: unknown } | "refused" {
  const document = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (document.errors.length > 0) return "refused";
  try {
    return { data: document.toJS({ maxAliasCount: 10_000 }) };
  } catch {
    return "refused";
  }
}

/** True when the fast read answered; throws when its answer is not `yaml`'s. */
function agrees(text: string): boolean {
  const fast = readYamlData(text);
  if (fast === undefined) return false;
  const today = yamlReading(text);
  if (today === "refused" || !isDeepStrictEqual(fast.data, today.data)) {
    throw new Error(`fast read differs from yaml's for ${JSON.stringify(text)}:\n${String(JSON.stringify(fast.data))}\n${today === "refused" ? today : JSON.stringify(today.data)}`);
  }
  return true;
}

// Plain scalars that some YAML reading takes for something else than a string.
const PLAIN = [
  ...["0", "-0", "+0", "007", "-007", "+12", "0o17", "0O17", "0o8", "0o", "0x1F", "0X1F", "0xff", "0x", "0xg", "0b101", "1_000", "9007199254740993", "123456789012345678901234567890"],
  ...["1e3", "1E3", "1e+3", "1e-3", "-1.5e-3", "1.e3", ".5e2", "1e", ".5", "5.", "-.5", "+.5", "1.0", "1.50", "0.0", "-0.0", "1.2.3", ".", "+", "-1_0.5"],
  ...[".inf", ".Inf", ".INF", "-.inf", "+.Inf", ".iNf", "inf", "Infinity", ".nan", ".NaN", ".NAN", "-.nan", "nan", "NaN"],
  ...["true", "True", "TRUE", "tRUE", "false", "False", "FALSE", "yes", "No", "on", "OFF", "y", "n"],
  ...["null", "Null", "NULL", "nULL", "~", "None", "nil"],
  ...["2001-12-14", "2001-12-14t21:59:43.10-05:00", "2001-12-14 21:59:43.10 -5", "12:30:00", "1:30", "190:20:30", "<<", "=", "!x", "0.1.2"],
  ...["a", "a b", "a#b", "a -b", "x:y", "http://x/y?z=1", "arn:aws:s3:::bucket/*", "s3:Get*", "${var.x}", "%{x}", "é", "日本", "🙂", "a\\nb", "it's", 'say "hi"', "-a", "?a", "a?"],
];
// Null keys and keys that read alike (1, 0x1) are declined: they are few here, and in "declines what ...".
const KEYS = ["a", "b", "name", "version", "a b", "x:y", "日本", "'q'", '"d"', "<<", "__proto__", "constructor", "toString", "1", "true", ".nan", "-0", "1.50"];
const DOUBLE_PIECES = ["a", "é", " ", "\t", "'", "\\x41", "\\u00e9", "\\U0001F642", "\\U00110000", "\\q", "\\x4", "\\uD800", "\\0", "\\a", "\\b", "\\e", "\\f", "\\n", "\\r", "\\t", "\\v", "\\N", "\\_", "\\L", "\\P", "\\ ", '\\"', "\\\\", "\\/", "\\\n", "\n", "\n\n", "#"];
const BLOCK_LINES = ["a", "b c", "", "", " more", "  x", "\tt", "# not a comment", "key: value", "- item", "'q'", "é"];

type Tree =
  | { kind: "scalar"; text: string; style: "plain" | "single" | "double" | "literal" | "folded"; chomp: "" | "-" | "+"; indicator: boolean }
  | { kind: "map"; entries: [string, Tree][]; flow: boolean }
  | { kind: "seq"; items: Tree[]; flow: boolean };

const scalar: fc.Arbitrary<Tree> = fc.oneof(
  fc.record({ kind: fc.constant("scalar" as const), text: fc.oneof(fc.constantFrom(...PLAIN), fc.array(fc.constantFrom(...PLAIN), { minLength: 2, maxLength: 3 }).map((words) => words.join("\n"))), style: fc.constant("plain" as const), chomp: fc.constant("" as const), indicator: fc.constant(false) }),
  fc.record({ kind: fc.constant("scalar" as const), text: fc.array(fc.constantFrom(...PLAIN, "''", "\n", " ", "\n\n"), { maxLength: 4 }).map((p) => p.join("")), style: fc.constant("single" as const), chomp: fc.constant("" as const), indicator: fc.constant(false) }),
  fc.record({ kind: fc.constant("scalar" as const), text: fc.array(fc.constantFrom(...DOUBLE_PIECES, ...PLAIN), { maxLength: 5 }).map((p) => p.join("")), style: fc.constant("double" as const), chomp: fc.constant("" as const), indicator: fc.constant(false) }),
  fc.record({ kind: fc.constant("scalar" as const), text: fc.array(fc.constantFrom(...BLOCK_LINES, ...PLAIN), { maxLength: 5 }).map((l) => l.join("\n")), style: fc.constantFrom("literal" as const, "folded" as const), chomp: fc.constantFrom("" as const, "-" as const, "+" as const), indicator: fc.boolean() }),
);

const { collection } = fc.letrec<{ tree: Tree; collection: Tree }>((tie) => ({
  tree: fc.oneof({ depthSize: "small", withCrossShrink: true }, scalar, tie("collection")),
  collection: fc.oneof(
    fc.record({ kind: fc.constant("map" as const), entries: fc.uniqueArray(fc.tuple(fc.constantFrom(...KEYS, "0x1"), tie("tree")), { maxLength: 4, selector: ([key]) => key }), flow: fc.boolean() }),
    fc.record({ kind: fc.constant("seq" as const), items: fc.array(tie("tree"), { maxLength: 4 }), flow: fc.boolean() }),
  ),
}));

/** A scalar written in a flow context or after a key (block scalars are written by `block`). */
function inline(node: Tree & { kind: "scalar" }, pad: string): string {
  const next = `\n${pad}  `;
  if (node.style === "single") return `'${node.text.replace(/'(?!')/g, "''").replace(/\n/g, next)}'`;
  if (node.style === "double") return `"${node.text.replace(/(?<!\\)"/g, '\\"').replace(/\n/g, next)}"`;
  return node.text.replace(/\n/g, next);
}

/** A block scalar's header and lines, indented below `pad`. */
function block(node: Tree & { kind: "scalar" }, pad: string): string {
  const header = `${node.style === "literal" ? "|" : ">"}${node.indicator ? "2" : ""}${node.chomp}`;
  return `${header}\n${node.text
    .split("\n")
    .map((line) => (line ? `${pad}  ${line}` : ""))
    .join("\n")}`;
}

function flow(node: Tree, pad: string): string {
  if (node.kind === "scalar") return inline(node.style === "literal" || node.style === "folded" ? { ...node, style: "double" } : node, pad);
  if (node.kind === "seq") return `[${node.items.map((item) => flow(item, pad)).join(", ")}]`;
  return `{${node.entries.map(([key, value]) => `${key}: ${flow(value, pad)}`).join(", ")}}`;
}

/** `node` as the value after "key:" or "-" at indentation `pad`: on the same line, or on the lines below. */
function after(node: Tree, pad: string): string {
  if (node.kind === "scalar") return node.style === "literal" || node.style === "folded" ? ` ${block(node, pad)}` : ` ${inline(node, pad)}`;
  if (node.flow || (node.kind === "map" ? node.entries.length : node.items.length) === 0) return ` ${flow(node, pad)}`;
  return `\n${render(node, `${pad}  `)}`;
}

function render(node: Tree, pad = ""): string {
  if (node.kind === "scalar" || node.flow) return `${pad}${node.kind === "scalar" ? after(node, pad).slice(1) : flow(node, pad)}`;
  if (node.kind === "map") return node.entries.map(([key, value]) => `${pad}${key}:${after(value, pad)}`).join("\n");
  return node.items.map((item) => `${pad}-${after(item, pad)}`).join("\n");
}

const document = fc
  .record({ root: collection, start: fc.boolean(), comment: fc.boolean(), crlf: fc.boolean(), end: fc.constantFrom("\n", "", "\n  ") })
  .map(({ root, start, comment, crlf, end }) => {
    const text = `${comment ? "# generated\n" : ""}${start ? "---\n" : ""}${render(root)}${end}`;
    return crlf ? text.replace(/\n/g, "\r\n") : text;
  });

/** Characters that change what YAML means, put into a text at random places. */
const mutation = fc.tuple(fc.nat(), fc.constantFrom(":", ": ", "-", "- ", " ", "  ", "\t", "\n", "#", " #", "'", '"', "{", "}", "[", "]", ",", "?", "? ", "|", ">", "&a ", "*a", "!", "!!str ", "%", "@", "`", "\\", "\uFEFF", "\r", "\u0085", "---\n", "...\n", "\n# c\n", " # c", "\n  # c", "\n    #", "\n\n", "k".repeat(1030), ""), fc.nat(3));

function mutate(text: string, edits: readonly [number, string, number][]): string {
  return edits.reduce((out, [at, insert, remove]) => {
    const i = at % (out.length + 1);
    return out.slice(0, i) + insert + out.slice(i + remove);
  }, text);
}

const CONFIGS = [...readdirSync("examples").filter((f) => /\.ya?ml$/.test(f)).map((f) => join("examples", f)), "test/fixtures/diff/irsa.yaml"].map((file) => readFileSync(file, "utf8"));

describe("reading a config's data fast", () => {
  it("reads every example and fixture config, and the bench's fleets, as yaml does", () => {
    for (const text of CONFIGS) expect(agrees(text)).toBe(true);
    for (const [environments, serviceAccounts] of [[1, 5], [3, 40]]) {
      expect(agrees(`# generated by bench/run.ts\n${stringify(fleetConfig(makeFleet(environments, serviceAccounts, true)), { aliasDuplicateObjects: false })}`)).toBe(true);
    }
  });

  it("reads generated documents as yaml does", () => {
    let answered = 0;
    fc.assert(
      fc.property(document, (text) => void (answered += agrees(text) ? 1 : 0)),
      { numRuns: 1500 },
    );
    // Most generated documents are read fast: the comparison is not vacuous.
    expect(answered).toBeGreaterThan(900);
  });

  it("declines or agrees on documents with characters put in at random places", () => {
    fc.assert(fc.property(document, fc.array(mutation, { minLength: 1, maxLength: 3 }), (text, edits) => void agrees(mutate(text, edits))), { numRuns: 1500 });
  });

  it("declines or agrees on example configs with characters put in at random places", () => {
    fc.assert(fc.property(fc.constantFrom(...CONFIGS), fc.array(mutation, { minLength: 1, maxLength: 4 }), (text, edits) => void agrees(mutate(text, edits))), { numRuns: 300 });
  });

  it("reads any value yaml writes as yaml reads it back", () => {
    fc.assert(fc.property(fc.anything(), (value) => void agrees(stringify(value) ?? "")), { numRuns: 300 });
  });

  it("declines what yaml reads its own way", () => {
    const declined = [
      "a: &x 1\nb: *x\n", // aliases: yaml limits them (maxAliasCount)
      "a: !!str 1\n", // tags
      "%YAML 1.2\n---\na: 1\n", // directives
      "a: 1\na: 2\n", // duplicate keys: yaml words and locates the error
      "1: a\n'1': b\n", // keys yaml keeps apart but writes as one
      "~: a\n'': b\n",
      "? [a, b]\n: c\n", // a collection as key
      "a: 1\n---\nb: 2\n", // two documents
      "a: [1\n", // a syntax error
      `${"k".repeat(1100)}: 1\n`, // an implicit key too long for yaml`
    ];
    for (const text of declined) expect(readYamlData(text)).toBeUndefined();
  });
});

describe("parseConfig with the fast read", () => {
  const refusal = (text: string) => {
    try {
      parseConfig(text, "x.yaml");
    } catch (error) {
      return (error as Error).message;
    }
    throw new Error("accepted");
  };

  it("locates findings in a config it read fast where yaml's document places them", () => {
    const text = `version: 1
environments:
  dev:
    accountId: "111122223333"
    region: us-west-2
    clusters: [{ name: a, oidcIssuerUrl: x }]
    serviceAccounts:
      - { name: api, namespace: web, maxSessionDuration: 60 }
`;
    expect(readYamlData(text)).toBeDefined();
    expect(refusal(text).split("\n")).toEqual([
      "x.yaml:6:42: error: environments.dev.clusters[0].oidcIssuerUrl: has no scheme: write https://<host>/<path> (IAM accepts only https issuers)",
      "x.yaml:8:58: error: environments.dev.serviceAccounts[0].maxSessionDuration: must be between 3600 and 43200 seconds",
    ]);
  });

  it("refuses what the fast read declines in yaml's words", () => {
    expect(refusal("version: 1\nenvironments: {}\nversion: 1\n")).toBe("x.yaml:3:1: error: (document): YAML syntax error: Map keys must be unique");
    const aliases = ["a: &a [x, x, x, x, x, x, x, x, x, x]", ..."bcd".split("").map((name, i) => `${name}: &${name} [${Array(10).fill(`*${"abc"[i]}`).join(", ")}]`), `e: [${Array(10).fill("*d").join(", ")}]`];
    expect(refusal(`${aliases.join("\n")}\n`)).toBe("x.yaml: error: (document): YAML error: Excessive alias count indicates a resource exhaustion attack");
  });
});
