// The data of a YAML text, read fast: js-yaml builds it straight from its events, about ten times faster than
// `yaml` builds a document with source positions (most of the CPU of reading a large config). The result must
// equal what `yaml`'s parseDocument(text, { uniqueKeys: true }).toJS() gives, so this reads only what both
// parsers read alike (test/config/yaml-data.test.ts compares them) and answers undefined for everything else:
// then the caller reads the text with `yaml`, whose document also words and locates every error.
import { COLLECTION_STYLE, constructFromEvents, defineMappingTag, defineScalarTag, EVENT_ID, NOT_RESOLVED, parseEvents, SCALAR_STYLE, Schema as JsYamlSchema, seqTag, strTag, type Event } from "js-yaml";
import { isScalar, Schema, type ScalarTag } from "yaml";

/** `yaml`'s own YAML 1.2 core tags, so that a plain scalar resolves by the same patterns, in the same order. */
const CORE_TAGS = new Schema({ schema: "core" }).tags.filter((tag): tag is ScalarTag & { test: RegExp } => tag.default === true && "test" in tag && tag.test !== undefined);

/** One js-yaml tag per core tag name (null, bool, int, float), trying `yaml`'s tests of that name in its order. */
const scalarTags = [...new Set(CORE_TAGS.map((tag) => tag.tag))].map((name) => {
  const tests = CORE_TAGS.filter((tag) => tag.tag === name);
  return defineScalarTag(name, {
    implicit: true,
    resolve(source) {
      for (const tag of tests) {
        if (!tag.test.test(source)) continue;
        const value = tag.resolve(source, () => undefined, { intAsBigInt: false });
        return isScalar(value) ? value.value : value;
      }
      return NOT_RESOLVED;
    },
    identify: () => false,
  });
});

/**
 * Mappings as `yaml`'s toJS builds them (keys as their String(); an inherited name such as __proto__ becomes an
 * own property). Refused:
 * a key that is a collection (`yaml` writes it as flow text), a null key (js-yaml reads an empty key followed
 * by more on its line where `yaml` refuses it), and a key whose text an earlier key of the mapping has: `yaml`
 * refuses equal keys, and keys that differ but read alike (1 and "1") become one there.
 */
const mapTag = defineMappingTag("tag:yaml.org,2002:map", {
  create: () => ({}) as Record<string, unknown>,
  addPair(map, key, value) {
    if (key === null || typeof key === "object") return "a null or collection key";
    const text = String(key);
    if (text in map) Object.defineProperty(map, text, { value, writable: true, enumerable: true, configurable: true });
    else map[text] = value;
    return "";
  },
  has: (map, key) => Object.hasOwn(map, String(key)),
  keys: (map) => Object.keys(map),
  get: (map, key) => map[String(key)],
  identify: () => false,
});

const schema = new JsYamlSchema([strTag, seqTag, mapTag, ...scalarTags]);

/**
 * Text that the two parsers read apart (found by test/config/yaml-data.test.ts), none of it found in a config:
 * a carriage return alone (js-yaml breaks the line there, as YAML 1.2 says; `yaml` reads it as text); a line
 * that starts with % (a directive, or text that js-yaml skips as one where `yaml` refuses it); a document end
 * marker (js-yaml accepts one before the document, `yaml` does not); a document marker indented (js-yaml takes
 * one at the start for a marker, `yaml` for text); a tab in a line's indentation (where `yaml` refuses more
 * than js-yaml); a block scalar's indentation indicator or keep chomping (+; they differ on lines of spaces,
 * at the end of the text too); an escaped line break followed by an empty line; a byte order mark (`yaml`
 * skips one anywhere, js-yaml only the first); a \U escape (js-yaml reads one beyond U+10FFFF, `yaml` refuses it).
 */
const READ_APART = new RegExp(
  [/\r(?!\n)/, /^[ \t]*%/, /^\.\.\.(?:\s|$)/, /^[ \t]+(?:---|\.\.\.)(?:\s|$)/, /^ *\t/, /[|>](?:[-+]?[1-9]|[1-9]?\+)/, /\\\r?\n[ \t]*\r?\n/, /\uFEFF/, /\\U/].map((r) => r.source).join("|"),
  "m",
);

/** `yaml` refuses an implicit key whose `:` is more than 1024 characters after its start; js-yaml has no bound. */
const IMPLICIT_KEY_BOUND = 1024;

/** A `key:` or `-` with no value on its line, then blank or comment lines, the last of them a comment. */
const COMMENT_BEFORE_VALUE = /[-:][ \t]*(?:#.*)?\r?\n(?:[ \t]*(?:#.*)?\r?\n)*[ \t]*#.*/g;

/** Whether `text` holds what READ_APART finds, a line longer than IMPLICIT_KEY_BOUND, or a commentBeforeValue. */
function readApart(text: string): boolean {
  if (READ_APART.test(text)) return true;
  for (let start = 0, end = 0; start < text.length; start = end + 1) {
    end = text.indexOf("\n", start);
    if (end === -1) end = text.length;
    if (end - start > IMPLICIT_KEY_BOUND) return true;
  }
  return commentBeforeValue(text);
}

/**
 * Whether a comment line, not indented more than a `key:` or `-` above it that has no value on its line, comes
 * before that value: `yaml` then reads a scalar value on as text through the next entry, js-yaml as YAML 1.2 says.
 */
function commentBeforeValue(text: string): boolean {
  for (const match of text.matchAll(COMMENT_BEFORE_VALUE)) {
    const lineStart = text.lastIndexOf("\n", match.index) + 1;
    const indent = /^ */.exec(text.slice(lineStart, match.index))![0].length;
    if (match[0].split("\n").slice(1).some((line) => line.trimStart().startsWith("#") && line.length - line.trimStart().length <= indent)) return true;
  }
  return false;
}

/**
 * The data of `text` as `yaml` reads it, or undefined where this cannot promise that: js-yaml refuses the text
 * (a syntax error, duplicate keys, more than one document, deeper than 100), or readApart or readsAlike says so.
 */
export function readYamlData(text: string): { readonly data: unknown } | undefined {
  if (readApart(text)) return undefined;
  try {
    const events = parseEvents(text, {});
    if (!readsAlike(events, text)) return undefined;
    const documents = constructFromEvents(events, { source: text, schema });
    return documents.length === 1 ? { data: documents[0] } : undefined;
  } catch {
    return undefined;
  }
}

/** The rest of a flow collection after its last node, on the same line. */
const FLOW_END = /[ \t,]*[\]}]/y;

/**
 * False for anchors, aliases, tags and directives (`yaml` limits aliases and resolves tags its own way), a
 * root that is a scalar (not a config; the two disagree on a top-level block scalar's indentation indicator),
 * and a flow collection ({...}, [...]) over several lines (js-yaml reads on after a comment inside one where
 * `yaml` refuses; a JSON config is read by `yaml`).
 */
function readsAlike(events: readonly Event[], text: string): boolean {
  if (events[1]?.type === EVENT_ID.SCALAR) return false;
  const flows: boolean[] = []; // per open document or collection: whether it is a flow collection
  let inFlow = 0;
  let end = 0; // where the last node inside a flow collection ended
  for (const event of events) {
    if (event.type === EVENT_ID.ALIAS) return false;
    if (event.type === EVENT_ID.DOCUMENT) {
      if (event.directives.length > 0) return false;
      flows.push(false);
    } else if (event.type === EVENT_ID.POP) {
      if (flows.pop()) {
        FLOW_END.lastIndex = end;
        if (!FLOW_END.test(text)) return false;
        [inFlow, end] = [inFlow - 1, FLOW_END.lastIndex];
      }
    } else {
      if (event.anchorStart !== -1 || event.tagStart !== -1) return false;
      const start = event.type === EVENT_ID.SCALAR ? event.valueStart : event.start;
      if (inFlow > 0 && text.slice(end, start).includes("\n")) return false;
      if (event.type === EVENT_ID.SCALAR) {
        end = event.valueEnd + (event.style === SCALAR_STYLE.SINGLE_QUOTED || event.style === SCALAR_STYLE.DOUBLE_QUOTED ? 1 : 0);
      } else {
        const flow = event.style === COLLECTION_STYLE.FLOW;
        flows.push(flow);
        if (flow) [inFlow, end] = [inFlow + 1, event.start + 1];
      }
    }
  }
  return true;
}
