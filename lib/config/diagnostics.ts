// Findings about a config: one line each, naming the file, the path inside it and what is wrong.

export type Severity = "error" | "warning";

export type PathSegment = string | number;

export interface Diagnostic {
  readonly severity: Severity;
  /** Path inside the config, e.g. ["environments", "prod", "serviceAccounts", 1, "namespace"]. */
  readonly path: readonly PathSegment[];
  readonly message: string;
  /** Stable lint rule id (for suppressions and SARIF); absent for schema errors. */
  readonly rule?: string;
  /** 1-based line and column in the file, when the path could be located. */
  readonly line?: number;
  readonly column?: number;
  /** Why a suppressed finding was accepted; suppressed findings never fail a run. */
  readonly suppressedBecause?: string;
}

/** environments.prod.serviceAccounts[1].namespace */
export function formatPath(path: readonly PathSegment[]): string {
  let out = "";
  for (const segment of path) {
    if (typeof segment === "number") out += `[${segment}]`;
    else if (/^[A-Za-z_][\w-]*$/.test(segment)) out += out ? `.${segment}` : segment;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out || "(document)";
}

export function formatDiagnostic(file: string, d: Diagnostic): string {
  const location = d.line ? `${file}:${d.line}:${d.column ?? 1}` : file;
  const rule = d.rule ? ` [${d.rule}]` : "";
  const suppressed = d.suppressedBecause !== undefined ? ` (suppressed: ${d.suppressedBecause})` : "";
  return `${location}: ${d.severity}${rule}: ${formatPath(d.path)}: ${d.message}${suppressed}`;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === "error" && d.suppressedBecause === undefined);
}

/** The config could not be turned into a spec or a model: carries every finding. */
export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly diagnostics: readonly Diagnostic[],
  ) {
    super(diagnostics.map((d) => formatDiagnostic(file, d)).join("\n"));
    this.name = "ConfigError";
  }
}

/** The closest candidate within a small edit distance, for "did you mean" hints. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

export function didYouMean(word: string, candidates: readonly string[]): string {
  const suggestion = closest(word, candidates);
  return suggestion ? `; did you mean "${suggestion}"?` : `; expected one of: ${candidates.join(", ")}`;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length];
}
