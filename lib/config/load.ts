// File -> YAML -> validated, merged spec. Every failure becomes a ConfigError with located diagnostics.
import { LineCounter, parseDocument, type Document } from "yaml";
import type { z } from "zod";
import { ConfigError, type Diagnostic, type PathSegment } from "./diagnostics";
import { environmentRules, estateRules, issuerSpellings } from "./environment-rules";
import { resolveEnvironment, type ResolvedEnvironment } from "./resolve";
import { readInput } from "./read";
import { readYamlData } from "./yaml-data";
import { CDKTF_TOKEN_MARKER } from "../terraform/template";
import { configSchema } from "./schema";

export interface LoadedConfig {
  readonly file: string;
  readonly environments: readonly ResolvedEnvironment[];
  /** Findings that do not stop synthesis (e.g. warnings of the environment rules). */
  readonly warnings: readonly Diagnostic[];
  /** Line and column of a path in the file, for diagnostics found later (model, lint). */
  locate(path: readonly PathSegment[]): Pick<Diagnostic, "line" | "column">;
}

export { UsageError } from "./read";

/** A config file's text; missing, unreadable or over MAX_INPUT_BYTES: UsageError (exit 2). */
export function readConfigFile(file: string): string {
  return readInput(file, `${file}: cannot read config`);
}

export function loadConfig(file: string): LoadedConfig {
  return parseConfig(readConfigFile(file), file);
}

export function parseConfig(text: string, file: string): LoadedConfig {
  // The document with positions is read only when something is to be located (or when the fast read of the
  // data declines the text): for a config without findings it would be most of the reading's CPU.
  let positions: ReturnType<typeof documentWithPositions> | undefined;
  const withPositions = () => (positions ??= documentWithPositions(text, file));
  const locate = (path: readonly PathSegment[]) => withPositions().locate(path);
  const fast = readYamlData(text);
  const raw = fast ? fast.data : toPlainData(withPositions().document, file);
  const markers = tokenMarkers(raw).map((d) => ({ ...d, ...locate(d.path) }));
  if (markers.length) throw new ConfigError(file, markers);
  // jitless: zod's compiled fast path (new Function per object schema, compiled at every start) cost the example
  // ~6 ms and did not pay for itself even at 10 environments x 200 service accounts. Same verdicts and messages.
  const parsed = configSchema.safeParse(raw, { reportInput: true, jitless: true });
  if (!parsed.success) throw new ConfigError(file, parsed.error.issues.map((issue) => ({ ...schemaDiagnostic(issue), ...locate(schemaPath(issue)) })));

  const environments = Object.entries(parsed.data.environments).map(([name, env]) => resolveEnvironment(name, parsed.data.defaults, env));
  const findings = [...issuerSpellings(parsed.data), ...environments.flatMap(environmentRules), ...estateRules(environments)].map((d) => ({ ...d, ...locate(d.path) }));
  if (findings.some((d) => d.severity === "error")) throw new ConfigError(file, findings);
  return { file, environments, warnings: findings, locate };
}

/** `text`'s YAML document and a locator into it; a YAML syntax error (or duplicate key) is a ConfigError. */
function documentWithPositions(text: string, file: string) {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  if (document.errors.length > 0) {
    throw new ConfigError(
      file,
      document.errors.map((error) => {
        const [start] = error.linePos ?? [];
        const message = `YAML syntax error: ${error.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "")}`;
        return { severity: "error", path: [], message, line: start?.line, column: start?.col };
      }),
    );
  }
  return { document, locate: locator(document, lineCounter) };
}

/** Aliases are resolved here; a bad or exploding alias is a YAML error, not a crash. */
function toPlainData(document: Document, file: string): unknown {
  try {
    return document.toJS({ maxAliasCount: 10_000 });
  } catch (error) {
    throw new ConfigError(file, [{ severity: "error", path: [], message: `YAML error: ${(error as Error).message.split("\n")[0]}` }]);
  }
}

/** Strings (values and keys) holding cdktf's reference marker, which cdktf would resolve instead of writing. */
function tokenMarkers(value: unknown, path: PathSegment[] = []): Diagnostic[] {
  const refused = (at: PathSegment[]): Diagnostic => ({
    severity: "error",
    path: at,
    message: 'holds "TfToken[" after "${", "#{" or "&{": the marker cdktf uses for its references, which it would resolve instead of writing as text',
  });
  if (typeof value === "string") return CDKTF_TOKEN_MARKER.test(value) ? [refused(path)] : [];
  if (Array.isArray(value)) return value.flatMap((item, i) => tokenMarkers(item, [...path, i]));
  if (value === null || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([key, item]) => [...(CDKTF_TOKEN_MARKER.test(key) ? [refused([...path, key])] : []), ...tokenMarkers(item, [...path, key])]);
}

function schemaPath(issue: z.core.$ZodIssue): PathSegment[] {
  const path = issue.path.map((p) => (typeof p === "symbol" ? String(p) : p));
  return issue.code === "unrecognized_keys" && issue.keys.length === 1 ? [...path, issue.keys[0]] : path;
}

/** Custom checks that a lint rule stands for carry its id in params.rule (see lib/lint/rules). */
function schemaDiagnostic(issue: z.core.$ZodIssue): Diagnostic {
  const rule = issue.code === "custom" ? (issue.params?.rule as string | undefined) : undefined;
  return { severity: "error", path: schemaPath(issue), message: readableMessage(issue), ...(rule ? { rule } : {}) };
}

function readableMessage(issue: z.core.$ZodIssue): string {
  if (issue.input === undefined && (issue.code === "invalid_type" || issue.code === "invalid_value")) return "is required";
  if (issue.code === "invalid_value" && issue.values.length > 1) {
    return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}, got ${JSON.stringify(issue.input)}`;
  }
  return issue.message.replace(/^Invalid input: /, "");
}

/** Where paths are in a config file, for findings made after it was read (irsa synth's replacement warning). */
export function fileLocator(file: string): (path: readonly PathSegment[]) => Pick<Diagnostic, "line" | "column"> {
  const lineCounter = new LineCounter();
  return locator(parseDocument(readConfigFile(file), { lineCounter }), lineCounter);
}

/** Line and column of a path in a parsed YAML document (the deepest node of the path that exists). */
export function locator(document: Document, lineCounter: LineCounter) {
  return (path: readonly PathSegment[]): Pick<Diagnostic, "line" | "column"> => {
    for (let depth = path.length; depth >= 0; depth--) {
      const node = document.getIn(path.slice(0, depth), true) as { range?: [number, number, number] } | undefined;
      if (node?.range) {
        const { line, col } = lineCounter.linePos(node.range[0]);
        return { line, column: col };
      }
    }
    return {};
  };
}
