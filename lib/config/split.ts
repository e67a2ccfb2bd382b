// A large irsa.yaml read one environment at a time: the file's text cut into one small YAML document per
// environment (every line outside `environments:` plus that environment's own lines), so that no more than
// one environment's YAML nodes, spec and plan are in memory at once. Lines are copied whole, so columns stay
// as they are and a line of a part maps back to its line in the file.
//
// Only the plain block layout is cut (`environments:` alone on a line at column 0, each environment a key
// indented below it, one document); anything else is read whole, as is a file whose parts do not read
// alone (an alias to an anchor of another environment). Reading a part can only find what reading the
// whole file finds, so callers re-read the whole file for the exact diagnostics of a refused config.

/**
 * One environment's document: its text and how its lines map to the file's. Plain data, so that it can be
 * read in another thread (structured clone).
 */
export interface EnvironmentPart {
  /** The environment's key as written (unquoted when plain); the part's config must name exactly this one. */
  readonly name: string;
  readonly text: string;
  /** Lines of `text` copied from the top of the file (through `environments:`). */
  readonly headerLines: number;
  /** 0-based line in the file of the environment's key, and how many lines of the file it owns. */
  readonly ownStart: number;
  readonly ownLines: number;
  /** 0-based line in the file where the lines after `environments:` start (the trailer of `text`). */
  readonly trailerStart: number;
}

/** Line (1-based) in the file of a line of a part's text. */
export function fileLine(part: EnvironmentPart, partLine: number): number {
  if (partLine <= part.headerLines) return partLine;
  if (partLine <= part.headerLines + part.ownLines) return part.ownStart + (partLine - part.headerLines);
  return part.trailerStart + (partLine - part.headerLines - part.ownLines);
}

const DOCUMENT_MARKER = /^(---|\.\.\.)(\s|$)/;
const ENVIRONMENTS_KEY = /^environments:[ \t]*(#.*)?$/;

interface Line {
  readonly start: number;
  /** 0-based line number in the file. */
  readonly index: number;
  readonly indent: number;
  /** Blank or comment only. */
  readonly empty: boolean;
}

/** The environments of a config in file order, or undefined when the file must be read whole. */
export function splitEnvironments(text: string): EnvironmentPart[] | undefined {
  let block: { keyLine: Line; start: number; end: number; endIndex: number } | undefined;
  const keys: Line[] = [];
  let indent = -1;
  let index = 0;
  for (let start = 0; start < text.length; index++) {
    const newline = text.indexOf("\n", start);
    const end = newline === -1 ? text.length : newline + 1;
    const content = text.slice(start, end).replace(/\r?\n$/, "");
    const trimmed = content.trimStart();
    const line: Line = { start, index, indent: content.length - trimmed.length, empty: trimmed === "" || trimmed.startsWith("#") };
    start = end;
    if (block && block.end === -1) {
      if (line.empty) continue;
      if (line.indent === 0) {
        block.end = line.start;
        block.endIndex = line.index;
      } else {
        if (indent === -1) indent = line.indent;
        if (line.indent < indent || /\t/.test(content.slice(0, line.indent))) return undefined;
        if (line.indent === indent) {
          if (trimmed.startsWith("-") || trimmed.startsWith("?")) return undefined;
          keys.push(line);
        }
        continue;
      }
    }
    if (DOCUMENT_MARKER.test(content) && (block || keys.length)) return undefined;
    if (ENVIRONMENTS_KEY.test(content)) {
      if (block) return undefined;
      block = { keyLine: line, start: end, end: -1, endIndex: -1 };
    }
  }
  if (!block || keys.length < 2) return undefined;
  if (block.end === -1) {
    block.end = text.length;
    block.endIndex = index;
  }
  const header = text.slice(0, block.start);
  const trailer = text.slice(block.end);
  const headerLines = block.keyLine.index + 1;
  const parts: EnvironmentPart[] = [];
  for (const [i, key] of keys.entries()) {
    const name = keyName(text.slice(key.start + key.indent, text.indexOf("\n", key.start) === -1 ? text.length : text.indexOf("\n", key.start)));
    if (name === undefined) return undefined;
    const nextStart = i + 1 < keys.length ? keys[i + 1].start : block.end;
    const nextIndex = i + 1 < keys.length ? keys[i + 1].index : block.endIndex;
    let own = text.slice(key.start, nextStart);
    if (!own.endsWith("\n")) own += "\n";
    parts.push({ name, text: header + own + trailer, headerLines, ownStart: key.index, ownLines: nextIndex - key.index, trailerStart: block.endIndex });
  }
  return new Set(parts.map((p) => p.name)).size === parts.length ? parts : undefined;
}

/** `prod:`, `prod: {...}`, `"prod":`: the key's text; undefined for anything this cut does not read. */
function keyName(line: string): string | undefined {
  const plain = /^([A-Za-z][\w-]*)[ \t]*:(\s|$)/.exec(line);
  if (plain) return plain[1];
  const quoted = /^(["'])([A-Za-z][\w-]*)\1[ \t]*:(\s|$)/.exec(line);
  return quoted?.[2];
}
