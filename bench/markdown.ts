// The text side of BENCHMARKS.md: tables, the generated section between its markers, and what the previous run
// left there (its commit and output digests) so that a run can say whether the output changed since.

export const BEGIN = "<!-- bench:begin (written by npm run bench; edit outside these markers) -->";
export const END = "<!-- bench:end -->";

/** A Markdown table; `|` inside a cell is escaped. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const cell = (text: string) => text.replace(/\|/g, "\\|");
  return [`| ${header.map(cell).join(" | ")} |`, `|${header.map(() => "---").join("|")}|`, ...rows.map((r) => `| ${r.map(cell).join(" | ")} |`)];
}

/** The file with the part between the markers replaced by `generated` (appended, with markers, when there are none). */
export function replaceGenerated(existing: string, generated: string): string {
  const block = `${BEGIN}\n${generated.replace(/\n+$/, "")}\n${END}`;
  const i = existing.indexOf(BEGIN);
  const j = existing.indexOf(END);
  if (i >= 0 && j > i) return `${existing.slice(0, i)}${block}${existing.slice(j + END.length)}`;
  return `${existing || "# Benchmarks\n\nRun `npm run bench` (see bench/run.ts for options).\n\n"}${block}\n`;
}

const DIGESTS_LINE = "- output digests";

/** The digests line of a generated section: `- output digests (...): 1x50 0123abcd, 10x200 ...`. */
export const digestsLine = (digests: ReadonlyMap<string, string>, commit: string): string =>
  `${DIGESTS_LINE} (sha256 of every file irsa synth wrote, by path; code ${commit}): ${[...digests].map(([size, digest]) => `${size} ${digest}`).join(", ")}`;

/** The commit and per-size output digests the previous run wrote between the markers, if any. */
export function previousDigests(existing: string): { commit: string; digests: Map<string, string> } | undefined {
  const i = existing.indexOf(BEGIN);
  const j = existing.indexOf(END);
  if (i < 0 || j < i) return undefined;
  const line = existing
    .slice(i, j)
    .split("\n")
    .find((l) => l.startsWith(DIGESTS_LINE));
  const m = line && /; code ([^)]+)\): (.*)$/.exec(line);
  if (!m) return undefined;
  const digests = new Map<string, string>();
  for (const part of m[2].split(", ")) {
    const [size, digest] = part.split(" ");
    if (size && digest) digests.set(size, digest);
  }
  return { commit: m[1], digests };
}
