// Printing a ConfigDiff: text for the terminal, Markdown for a pull-request comment, stable JSON.
// Order in every format: what the change grants first, then replacements, then what it takes away, then
// the Kubernetes objects. Long lists are capped (markdown and text) so a comment stays readable; the JSON
// is complete.
import type { ConfigDiff, EnvironmentDiff, FindingRef, PermissionChange, TrustChange } from "../analysis/diff";
import { describeGrant } from "../analysis/diff";
import type { CliIo } from "./io";
import { styleFor, type Style } from "./style";
import { table } from "./table";

export const DIFF_FORMATS = ["text", "markdown", "json"] as const;
export type DiffFormat = (typeof DIFF_FORMATS)[number];

/** Rows shown per list in text and Markdown; the rest is counted ("... and 12 more"). */
export const DIFF_ROWS_SHOWN = 50;

/** GitHub refuses a comment over 65,536 characters: the Markdown shows fewer rows per table until it fits. */
export const MARKDOWN_MAX_CHARACTERS = 60_000;

export const DIFF_PRINTERS: Readonly<Record<DiffFormat, (diff: ConfigDiff, io: CliIo) => string>> = {
  text: (diff, io) => textReport(diff, styleFor(io)),
  markdown: (diff) => fittingMarkdown(diff),
  json: (diff) => JSON.stringify(diff, null, 2),
};

const MECHANISM = { irsa: "IRSA", "pod-identity": "Pod Identity", other: "other" } as const;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** `s3:* (reaches 150 actions: 40 List, 60 Read, ...)` */
function reach(p: PermissionChange): string {
  if (p.catalogActions === null) return "";
  const levels = Object.entries(p.accessLevels).map(([level, n]) => `${n} ${level}`).join("; ");
  return `${plural(p.catalogActions, "action")}${levels ? `: ${levels}` : ""}`;
}

function flags(item: { readonly wildcard: boolean } & ({ readonly crossAccount: boolean } | { readonly otherAccounts: readonly string[] })): string[] {
  const other = "crossAccount" in item ? item.crossAccount : item.otherAccounts.length > 0;
  return [...(item.wildcard ? ["wildcard"] : []), ...(other ? ["other account"] : [])];
}

/** One line per environment: what moved, in counts. */
function summary(env: EnvironmentDiff): string {
  if (env.status === "unchanged") return "no change";
  const parts = [
    [env.roles.added.length, "role added", "roles added"],
    [env.roles.replaced.length, "role replaced", "roles replaced"],
    [env.roles.removed.length, "role removed", "roles removed"],
    [env.trust.gained.length, "trust gained", "trusts gained"],
    [env.trust.lost.length, "trust lost", "trusts lost"],
    [env.permissions.gained.length, "permission gained", "permissions gained"],
    [env.permissions.lost.length, "permission lost", "permissions lost"],
    [env.serviceAccounts.created.length + env.serviceAccounts.deleted.length + env.serviceAccounts.reannotated.length, "ServiceAccount changed", "ServiceAccounts changed"],
    [env.findings.new.length, "new finding", "new findings"],
  ] as const;
  const moved = parts.filter(([n]) => n > 0).map(([n, one, many]) => `${n} ${n === 1 ? one : many}`);
  return `${env.status === "changed" ? "" : `environment ${env.status}: `}${moved.join(", ") || "no change to roles, trust or permissions"}`;
}

// ---- text

function textReport(diff: ConfigDiff, style: Style): string {
  const heading = `irsa diff ${diff.base} -> ${diff.head}`;
  const changed = diff.environments.filter((e) => e.status !== "unchanged");
  const body = diff.environments.map((env) => textEnvironment(env, style));
  const config = [
    ...diff.findings.new.map((f) => `  ${style.yellow("!")}  new ${f.severity}${f.rule ? ` ${f.rule}` : ""}  ${f.path}  ${f.message}`),
    ...diff.findings.resolved.map((f) => `  ${style.dim("✓")}  resolved${f.rule ? ` ${f.rule}` : ""}  ${f.path}  ${f.message}`),
  ];
  const configSection = config.length ? [`${style.bold("outside environments")}:`, ...config, ""] : [];
  return [style.bold(heading), "", ...body.flatMap((b) => [b, ""]), ...configSection, `${plural(changed.length, "environment")} changed of ${diff.environments.length}`].join("\n");
}

function textEnvironment(env: EnvironmentDiff, style: Style): string {
  const head = `${style.bold(env.name)}${style.dim(` · account ${env.accountId} · ${env.region}`)}: ${summary(env)}`;
  if (env.status === "unchanged") return head;
  const plus = style.green("+");
  const minus = style.red("-");
  const tilde = style.yellow("~");
  const warn = (item: Parameters<typeof flags>[0]) => flags(item).map((f) => style.yellow(` [${f}]`)).join("");
  const trustRow = (sign: string) => (t: TrustChange) => [sign, "trust", t.role, MECHANISM[t.mechanism], t.cluster, t.subject + warn(t)];
  const grantRow = (sign: string) => (p: PermissionChange) => [sign, p.effect.toLowerCase(), p.role, describeGrant(p) + (reach(p) ? style.dim(` (${reach(p)})`) : "") + warn(p)];
  const sections: string[][][] = [
    capped(env.roles.added.map((r) => [plus, "role", r.name, r.key, r.arn])),
    capped(env.trust.gained.map(trustRow(plus))),
    capped(env.permissions.gained.map(grantRow(plus))),
    capped(env.findings.new.map((f) => [style.yellow("!"), `new ${f.severity}${f.rule ? ` ${f.rule}` : ""}`, f.path, f.message])),
    capped(env.roles.replaced.map((r) => [tilde, "role replaced", r.key, `${r.before.arn} -> ${r.after.arn}`, `(${r.reasons.join(", ")} changed)`])),
    capped(env.roles.removed.map((r) => [minus, "role", r.name, r.key, r.arn])),
    capped(env.trust.lost.map(trustRow(minus))),
    capped(env.permissions.lost.map(grantRow(minus))),
    capped(env.findings.resolved.map((f) => [style.dim("✓"), `resolved${f.rule ? ` ${f.rule}` : ""}`, f.path, f.message])),
    capped([
      ...env.serviceAccounts.created.map((sa) => [plus, "ServiceAccount", `${sa.namespace}/${sa.name}`, `in ${sa.cluster}`]),
      ...env.serviceAccounts.reannotated.flatMap((sa) => sa.annotations.map((a) => [tilde, "ServiceAccount", `${sa.namespace}/${sa.name}`, `in ${sa.cluster}`, `${a.key}: ${a.before ?? "(none)"} -> ${a.after ?? "(none)"}`])),
      ...env.serviceAccounts.deleted.map((sa) => [minus, "ServiceAccount", `${sa.namespace}/${sa.name}`, `in ${sa.cluster}`]),
      ...env.podIdentityAssociations.created.map((a) => [plus, "Pod Identity association", `${a.namespace}/${a.name}`, `in ${a.cluster}`]),
      ...env.podIdentityAssociations.deleted.map((a) => [minus, "Pod Identity association", `${a.namespace}/${a.name}`, `in ${a.cluster}`]),
    ]),
  ];
  return [head, ...sections.filter((rows) => rows.length > 0).flatMap((rows) => table(rows, "  "))].join("\n");
}

/** At most DIFF_ROWS_SHOWN rows, then one that counts the rest. */
function capped(rows: string[][]): string[][] {
  if (rows.length <= DIFF_ROWS_SHOWN) return rows;
  return [...rows.slice(0, DIFF_ROWS_SHOWN), ["", `... and ${rows.length - DIFF_ROWS_SHOWN} more (--format json lists all)`]];
}

// ---- markdown

/** The Markdown with DIFF_ROWS_SHOWN rows per table, or fewer (down to none: the summary alone) to stay postable. */
function fittingMarkdown(diff: ConfigDiff): string {
  for (const rows of [DIFF_ROWS_SHOWN, 20, 5]) {
    const text = markdownReport(diff, rows);
    if (text.length <= MARKDOWN_MAX_CHARACTERS) return text;
  }
  return markdownReport(diff, 0);
}

function markdownReport(diff: ConfigDiff, rowsShown: number): string {
  const changed = diff.environments.filter((e) => e.status !== "unchanged");
  const lines = [
    `## irsa diff: ${code(diff.base)} → ${code(diff.head)}`,
    "",
    changed.length === 0 ? "No change to roles, trust, permissions or ServiceAccounts." : `${plural(changed.length, "environment")} changed of ${diff.environments.length}:`,
    "",
    ...diff.environments.map((env) => `- **${escapeText(env.name)}**: ${summary(env)}`),
  ];
  if (rowsShown === 0) lines.push("", "_The change is too large for one comment: `irsa diff --format text` or `--format json` lists it all._");
  else for (const env of changed) lines.push("", ...markdownEnvironment(env, rowsShown));
  const outside = [...diff.findings.new.map((f) => ["new", ...findingCells(f)]), ...diff.findings.resolved.map((f) => ["resolved", ...findingCells(f)])];
  if (outside.length) lines.push("", "### Outside environments", "", row(["Change", ...FINDING_HEADER]), row(["---", ...FINDING_HEADER.map(() => "---")]), ...outside.map(row));
  lines.push("", `<sub>Generated by irsa diff from the model (AWS action catalog ${escapeText(diff.catalogVersion)}). Permissions of managed policies are not expanded.</sub>`);
  return lines.join("\n");
}

function markdownEnvironment(env: EnvironmentDiff, rowsShown: number): string[] {
  const trustRows = (list: readonly TrustChange[]) => list.map((t) => [code(t.role), MECHANISM[t.mechanism], code(t.cluster), code(t.subject), warnings(flags(t))]);
  const grantRows = (list: readonly PermissionChange[]) =>
    list.map((p) => [code(p.role), `${p.effect}${p.kind === "not-action" ? " (NotAction)" : ""}`, code(p.kind === "managed-policy" ? p.action : p.action), reach(p) || (p.kind === "managed-policy" ? "managed policy" : "–"), resourcesCell(p), p.condition ? code(JSON.stringify(p.condition)) : "", warnings(flags(p))]);
  const sections: [string, string[], string[][]][] = [
    ["Roles added", ["Role", "ServiceAccount", "ARN"], env.roles.added.map((r) => [code(r.name), code(r.key), code(r.arn)])],
    ["Trust gained", ["Role", "Via", "Cluster", "Subject", ""], trustRows(env.trust.gained)],
    ["Permissions gained", ["Role", "Effect", "Action", "Reaches", "Resources", "Condition", ""], grantRows(env.permissions.gained)],
    ["New findings", FINDING_HEADER, env.findings.new.map(findingCells)],
    ["Roles replaced (new ARN: running pods must restart to pick it up)", ["ServiceAccount", "Before", "After", "Changed"], env.roles.replaced.map((r) => [code(r.key), code(r.before.arn), code(r.after.arn), r.reasons.join(", ")])],
    ["Roles removed", ["Role", "ServiceAccount", "ARN"], env.roles.removed.map((r) => [code(r.name), code(r.key), code(r.arn)])],
    ["Trust lost", ["Role", "Via", "Cluster", "Subject", ""], trustRows(env.trust.lost)],
    ["Permissions lost", ["Role", "Effect", "Action", "Reaches", "Resources", "Condition", ""], grantRows(env.permissions.lost)],
    ["Findings resolved", FINDING_HEADER, env.findings.resolved.map(findingCells)],
    [
      "Kubernetes objects",
      ["Change", "Kind", "ServiceAccount", "Cluster", "Detail"],
      [
        ...env.serviceAccounts.created.map((sa) => ["created", "ServiceAccount", code(`${sa.namespace}/${sa.name}`), code(sa.cluster), ""]),
        ...env.serviceAccounts.reannotated.flatMap((sa) => sa.annotations.map((a) => ["re-annotated", "ServiceAccount", code(`${sa.namespace}/${sa.name}`), code(sa.cluster), `${code(a.key)}: ${a.before === null ? "(none)" : code(a.before)} → ${a.after === null ? "(none)" : code(a.after)}`])),
        ...env.serviceAccounts.deleted.map((sa) => ["deleted", "ServiceAccount", code(`${sa.namespace}/${sa.name}`), code(sa.cluster), ""]),
        ...env.podIdentityAssociations.created.map((a) => ["created", "Pod Identity association", code(`${a.namespace}/${a.name}`), code(a.cluster), ""]),
        ...env.podIdentityAssociations.deleted.map((a) => ["deleted", "Pod Identity association", code(`${a.namespace}/${a.name}`), code(a.cluster), ""]),
      ],
    ],
  ];
  const out = [`### ${escapeText(env.name)} (account ${env.accountId}, ${env.region})`];
  if (env.status !== "changed") out.push("", `The environment is ${env.status}.`);
  for (const [title, header, rows] of sections) {
    if (rows.length === 0) continue;
    out.push("", `#### ${title}`, "", row(header), row(header.map(() => "---")), ...rows.slice(0, rowsShown).map(row));
    if (rows.length > rowsShown) out.push("", `… and ${rows.length - rowsShown} more (\`--format json\` lists all).`);
  }
  return out;
}

const row = (cells: readonly string[]) => `| ${cells.join(" | ")} |`;

const FINDING_HEADER = ["Rule", "Severity", "Where", "Finding"];
const findingCells = (f: FindingRef) => [f.rule ?? "", f.severity, code(f.path), escapeText(f.message)];

const warnings = (list: readonly string[]) => list.map((w) => `⚠️ ${w}`).join("<br>");

function resourcesCell(p: PermissionChange): string {
  if (p.resources.length === 0) return "";
  const shown = p.resources.slice(0, 5).map(code).join("<br>");
  const more = p.resources.length > 5 ? `<br>… ${p.resources.length - 5} more` : "";
  return `${p.notResource ? "all but " : ""}${shown}${more}`;
}

/** A code span that survives any content: backticks in it get a longer fence, `|` is escaped for tables. */
function code(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  const padded = longest > 0 ? ` ${text} ` : text;
  return `${fence}${padded.replace(/\|/g, "\\|").replace(/\n/g, " ")}${fence}`;
}

/** Plain text in Markdown: the characters that would start markup or break a table cell are escaped. */
const escapeText = (text: string) => text.replace(/[\\`*_{}[\]<>|#]/g, (c) => `\\${c}`).replace(/\n/g, " ");
