// cdktf resolves a stack by walking every value of it (cdktf/lib/tokens/private/resolve.js): at each one a new
// context with two closures, a copy of the key path and up to four regular-expression tests of each string, although
// nearly all of a synthesized stack is plain text. That walk was a third of synthesizing an environment. This one
// walks the same way and hands each value that may hold a token to cdktf's own resolve, at the same key path; what
// provably holds none it copies as cdktf would (undefined dropped from objects and lists), so the result is cdktf's.
import { DefaultTokenResolver, StringConcat, Token } from "cdktf";
import * as stackResolution from "cdktf/lib/_tokens";
import { resolve as resolveTokens } from "cdktf/lib/tokens/private/resolve";
import type { IConstruct } from "constructs";

/** The resolver cdktf's stack resolution uses (cdktf/lib/_tokens.js); it holds no state. */
const RESOLVER = new DefaultTokenResolver(new StringConcat());
/** cdktf refuses a key path longer than this (a reference cycle); from there on cdktf's walk decides. */
const MAX_DEPTH = 200;
/**
 * A number token written into a string, as cdktf looks for it (`[-|\d|.\+]+(e[-|\d|.|e|E|\+]+)`): that pattern
 * occurs somewhere exactly when a character of its first class stands before an `e` and one of its second after.
 */
const NUMBER_IN_TEXT = /[-|\d.+]e[-|\d.eE+]/;

/** False only for text cdktf's resolve returns unchanged: no token marker, no map-token value, no number in it. */
function mayHoldToken(text: string): boolean {
  return text.includes("TfToken[") || text === Token.STRING_MAP_TOKEN_VALUE || text === Token.ANY_MAP_TOKEN_VALUE || NUMBER_IN_TEXT.test(text);
}

/** Token numbers are encoded as doubles above 2^960 (cdktf's encoding.js); NUMBER_MAP_TOKEN_VALUE is refused. */
const plainNumber = (value: number) => Math.abs(value) <= Number.MAX_SAFE_INTEGER && value !== Token.NUMBER_MAP_TOKEN_VALUE;

/** What cdktf's resolve(scope, value, preparing) returns, for any value. */
export function resolveStackValue<T>(scope: IConstruct, value: T, preparing = false): T {
  const path: string[] = [];
  const cdktfResolve = (item: unknown) => resolveTokens(item, { scope, preparing, resolver: RESOLVER, prefix: [...path] });

  function walk(item: unknown): unknown {
    if (path.length > MAX_DEPTH) return cdktfResolve(item);
    switch (typeof item) {
      case "undefined":
        return undefined;
      case "string":
        return mayHoldToken(item) ? cdktfResolve(item) : item;
      case "number":
        return plainNumber(item) ? item : cdktfResolve(item);
      case "function":
        return cdktfResolve(item);
      case "object":
        break;
      default:
        return item;
    }
    if (item === null || item instanceof Date) return item;
    if (Array.isArray(item)) {
      // A list token is a list element: cdktf resolves such a list as a whole.
      if (item.some((element) => (typeof element === "string" && element.includes("TfToken[")) || (typeof element === "number" && !plainNumber(element)))) return cdktfResolve(item);
      const list: unknown[] = [];
      for (let index = 0; index < item.length; index++) {
        path.push(String(index));
        const resolved = walk(item[index]);
        path.pop();
        if (resolved !== undefined) list.push(resolved);
      }
      return list;
    }
    const object = item as Record<string, unknown>;
    const keys = Object.keys(object);
    // A token (resolve()), a map token among the keys, a key that resolves, a construct (which cdktf refuses).
    if (typeof object.resolve === "function" || keys.some(mayHoldToken) || (object._children !== undefined && object._metadata !== undefined)) return cdktfResolve(item);
    const result: Record<string, unknown> = {};
    for (const key of keys) {
      path.push(key);
      const resolved = walk(object[key]);
      path.pop();
      if (resolved !== undefined) result[key] = resolved;
    }
    return result;
  }
  return walk(value) as T;
}

/** cdktf's stack resolution as it is while `work` runs resolveStackValue (TerraformStack.toTerraform reads it at each call). */
const resolution = stackResolution as { resolve: typeof stackResolution.resolve };

/**
 * Runs `work` (a stack's toTerraform) with resolveStackValue as the resolve cdktf's TerraformStack calls; the
 * same result, faster. Synchronous, and cdktf's resolve is back when it returns or throws.
 */
export function withPlainResolve<T>(work: () => T): T {
  // A cdktf that exports its resolve otherwise (a getter, a frozen module) keeps its own, slower path (test/synth/plain-resolve.test.ts then fails).
  if (!Object.getOwnPropertyDescriptor(resolution, "resolve")?.writable) return work();
  const cdktfResolve = resolution.resolve;
  resolution.resolve = resolveStackValue;
  try {
    return work();
  } finally {
    resolution.resolve = cdktfResolve;
  }
}
