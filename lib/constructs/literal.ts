// Strings are data: what a prop or the config says reaches Terraform escaped, so Terraform evaluates none of
// it. cdktf tokens (references such as `role.arn`, or `${TfToken[...]}` markers inside a longer string) are
// expressions on purpose and stay as they are; only the text around them is escaped.
import { Token } from "cdktf";
import { escapeTemplate } from "../terraform/template";

/** cdktf's marker of a string token inside a string (cdktf/lib/tokens/private/encoding). */
const STRING_TOKEN = /\$\{TfToken\[[a-zA-Z0-9:._-]+\]\}/g;

/** A string for a resource argument: escaped literal text, tokens untouched. */
export function literal(value: string): string;
export function literal(value: string | undefined): string | undefined;
export function literal(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!Token.isUnresolved(value)) return escapeTemplate(value);
  let out = "";
  let last = 0;
  for (const match of value.matchAll(STRING_TOKEN)) {
    out += escapeTemplate(value.slice(last, match.index)) + match[0];
    last = match.index + match[0].length;
  }
  return out + escapeTemplate(value.slice(last));
}

/** A string map (tags, labels, annotations): keys and values escaped; undefined when empty. */
export function literalMap(record: Readonly<Record<string, string>> | undefined): Record<string, string> | undefined {
  const entries = Object.entries(record ?? {});
  return entries.length ? Object.fromEntries(entries.map(([key, value]) => [literal(key), literal(value)])) : undefined;
}
