// IAM wildcard matching, shared by Action/Resource matching and the StringLike / ArnLike operators.
// IAM wildcards are globs, never regular expressions: only `*` and `?` are special, and there is no
// escape character, so `(prod|dev)`, `[abc]`, `.` and `\` all match only themselves.

export interface GlobOptions {
  /** Compare case-insensitively (IAM does this for actions, never for resources or condition values). */
  readonly ignoreCase?: boolean;
}

/** Whether a name is an IAM glob: IAM wildcards are only `*` and `?`. */
export const hasGlob = (text: string): boolean => /[*?]/.test(text);

/** True when `value` matches `pattern`, where `*` matches any run of characters (also none) and `?` exactly one. */
export function globMatch(pattern: string, value: string, options: GlobOptions = {}): boolean {
  const p = characters(options.ignoreCase ? pattern.toLowerCase() : pattern);
  const v = characters(options.ignoreCase ? value.toLowerCase() : value);
  // Two pointers, remembering the last `*` to retry from: no regex is built from user input, and the
  // time stays O(pattern × value) even for hostile patterns such as `*a*a*a*a*b`.
  let pi = 0;
  let vi = 0;
  let star = -1; // position of the last `*` in the pattern
  let resume = 0; // where in the value that `*` will try to absorb one more character
  while (vi < v.length) {
    if (pi < p.length && p[pi] === "*") {
      star = pi++;
      resume = vi;
    } else if (pi < p.length && (p[pi] === "?" || p[pi] === v[vi])) {
      pi++;
      vi++;
    } else if (star >= 0) {
      pi = star + 1;
      vi = ++resume;
    } else {
      return false;
    }
  }
  while (pi < p.length && p[pi] === "*") pi++;
  return pi === p.length;
}

/** IAM action names (`service:Action`) are case-insensitive, the service prefix included. */
export function matchesAction(pattern: string, action: string): boolean {
  return globMatch(pattern, action, { ignoreCase: true });
}

/**
 * ARN matching as IAM does for ArnEquals/ArnLike and for Resource: each of the six colon-separated parts
 * (arn:partition:service:region:account:resource) is matched on its own, so a wildcard never spills into
 * the next part; the resource part keeps any colons of its own. A pattern that is not ARN-shaped
 * (typically `*`) is a plain glob over the whole value; a value that is not an ARN never matches an ARN pattern.
 */
export function matchesArn(pattern: string, value: string): boolean {
  const patternParts = arnParts(pattern);
  if (patternParts === undefined) return globMatch(pattern, value);
  const valueParts = arnParts(value);
  if (valueParts === undefined) return false;
  return patternParts.every((part, i) => globMatch(part, valueParts[i]));
}

function arnParts(text: string): readonly string[] | undefined {
  const parts = text.split(":");
  if (parts.length < 6) return undefined;
  return [...parts.slice(0, 5), parts.slice(5).join(":")];
}

/**
 * The code points of a text, so that `?` matches one character even outside the Basic Multilingual Plane. A text
 * without surrogates is its own code points: indexed as it is, without building an array (actions and ARNs).
 */
function characters(text: string): ArrayLike<string> {
  return /[\uD800-\uDFFF]/.test(text) ? Array.from(text) : text;
}
