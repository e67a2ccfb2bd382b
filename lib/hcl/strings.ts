// Strings: Terraform JSON string values are templates (`${expr}` interpolations, `%{...}` directives,
// `$${` / `%%{` escapes), and so are HCL quoted strings, with the same template syntax. What differs is
// the outer layer: HCL quoted strings also need `"`, `\` and control characters escaped, but only in the
// template's literal text, never inside an interpolation (whose expression may hold its own quoted strings).
import { escapeTemplate } from "../terraform/template";

export type TemplatePart =
  | { readonly kind: "literal"; readonly text: string }
  /** `${...}` (interpolation) or `%{...}` (directive); `text` is the whole sequence, `inner` between the braces. */
  | { readonly kind: "interpolation" | "directive"; readonly text: string; readonly inner: string }
  /** A `${` or `%{` that no `}` closes, with everything after it. */
  | { readonly kind: "unterminated"; readonly text: string };

/** Index of the `}` that closes a template sequence whose body starts at `from`; -1 when unterminated. */
function sequenceEnd(s: string, from: number): number {
  let depth = 0;
  for (let i = from; i < s.length; i++) {
    const c = s[i];
    if (c === '"') {
      i = quotedEnd(s, i + 1);
      if (i < 0) return -1;
    } else if (c === "{") depth++;
    else if (c === "}") {
      if (depth === 0) return i;
      depth--;
    }
  }
  return -1;
}

/** Index of the `"` that closes an HCL quoted string (inside an interpolation) starting at `from`. */
function quotedEnd(s: string, from: number): number {
  for (let i = from; i < s.length; i++) {
    const c = s[i];
    if (c === "\\") i++;
    else if (s.startsWith("$${", i) || s.startsWith("%%{", i)) i += 2;
    else if (s.startsWith("${", i) || s.startsWith("%{", i)) {
      i = sequenceEnd(s, i + 2);
      if (i < 0) return -1;
    } else if (c === '"') return i;
  }
  return -1;
}

/**
 * Splits a template the way HCL's scanner does: `$${` and `%%{` are escapes that stay in the literal
 * text (as written), `${` and `%{` open a sequence that ends at its matching `}`.
 * An unterminated sequence (`100%{`) is not a template Terraform accepts: it is kept as written, in a
 * part of its own, so that the HCL says the same as the JSON and Terraform reports it in either form.
 */
export function splitTemplate(s: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let literal = "";
  let i = 0;
  while (i < s.length) {
    if (s.startsWith("$${", i) || s.startsWith("%%{", i)) {
      literal += s.slice(i, i + 3);
      i += 3;
    } else if (s.startsWith("${", i) || s.startsWith("%{", i)) {
      const end = sequenceEnd(s, i + 2);
      if (literal) parts.push({ kind: "literal", text: literal });
      literal = "";
      if (end < 0) {
        parts.push({ kind: "unterminated", text: s.slice(i) });
        break;
      }
      parts.push({ kind: s[i] === "$" ? "interpolation" : "directive", text: s.slice(i, end + 1), inner: s.slice(i + 2, end) });
      i = end + 1;
    } else {
      literal += s[i];
      i++;
    }
  }
  if (literal) parts.push({ kind: "literal", text: literal });
  return parts;
}

/**
 * The expression of a string that is exactly one interpolation (`"${expr}"`), trimmed; undefined otherwise.
 * Such a template evaluates to the expression's own value (not a string), so `expr` can be written bare.
 * Strip markers (`${~ x ~}`) are kept as templates.
 */
export function wholeInterpolation(s: string): string | undefined {
  if (!s.startsWith("${")) return undefined;
  const parts = splitTemplate(s);
  if (parts.length !== 1 || parts[0].kind !== "interpolation") return undefined;
  const inner = parts[0].inner.trim();
  if (inner === "" || inner.startsWith("~") || inner.endsWith("~")) return undefined;
  return inner;
}

/** What Terraform makes of a template that holds no sequence: its text with `$${` / `%%{` unescaped; undefined when it would evaluate something. */
export function templateText(template: string): string | undefined {
  const parts = splitTemplate(template);
  if (parts.some((p) => p.kind !== "literal")) return undefined;
  return parts.map((p) => p.text.replace(/([$%])\1\{/g, "$1{")).join("");
}

/** Escapes text for the inside of an HCL quoted string (quotes, backslashes, control characters). */
export function escapeQuotedText(text: string): string {
  let out = "";
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (ch === "\\") out += "\\\\";
    else if (ch === '"') out += '\\"';
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (code < 0x20 || code === 0x7f) out += "\\u" + code.toString(16).padStart(4, "0");
    else out += ch;
  }
  return out;
}

/** A JSON string that Terraform reads as a template, as an HCL quoted template with the same meaning. */
export function quoteTemplate(s: string): string {
  return '"' + splitTemplate(s).map((p) => (p.kind === "literal" || p.kind === "unterminated" ? escapeQuotedText(p.text) : p.text)).join("") + '"';
}

/** A JSON string that Terraform reads literally (no template), as an HCL quoted string with the same value. */
export function quoteLiteral(s: string): string {
  return '"' + escapeTemplate(escapeQuotedText(s)) + '"';
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;
/** Words that cannot stand bare as an object key: literals (`null` as a key is an error) and `for`,
 *  which opens a for expression (`{ for = 1 }`). */
const RESERVED_KEYS = new Set(["true", "false", "null", "for"]);

export function isIdentifier(s: string): boolean {
  return IDENTIFIER.test(s);
}

/** Whether an object key can be written bare: an identifier that is not a keyword. */
export function isBareKey(s: string): boolean {
  return IDENTIFIER.test(s) && !RESERVED_KEYS.has(s);
}

const TRAVERSAL = /^[A-Za-z_][A-Za-z0-9_-]*(?:\.[A-Za-z_][A-Za-z0-9_-]*|\.\d+|\.\*|\[\d+\]|\[\*\]|\["(?:[^"\\]|\\.)*"\])*$/;

/**
 * A reference or keyword given as a JSON string (`"kubernetes.blue"`, `"aws_iam_role.x"`, `"all"`, or the same
 * wrapped as `"${...}"`), as the bare HCL traversal. Throws when the string is not a traversal.
 */
export function bareReference(s: string): string {
  const ref = wholeInterpolation(s) ?? s.trim();
  if (!TRAVERSAL.test(ref)) throw new Error(`expected a reference, got ${JSON.stringify(s)}`);
  return ref;
}
