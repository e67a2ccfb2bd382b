// irsa explain: who may assume which role and what it may do, as an aligned table, stable JSON, or a picture
// (Mermaid, Graphviz DOT).
import { explainPlan, type EnvironmentExplanation, type ExistingRoleExplanation, type Explanation, type RoleExplanation } from "../analysis/explain";
import type { ServiceGrant } from "../analysis/permissions";
import type { Trustee } from "../analysis/trust-reading";
import { buildPlan } from "../model/build";
import type { Plan } from "../model/types";
import { formatDiagnostic } from "../config/diagnostics";
import { loadConfig, UsageError } from "../config/load";
import { toDot, toMermaid } from "./explain-graph";
import { EXIT, type CliIo } from "./io";
import { selectEnvironment } from "./select";
import { styleFor, type Style } from "./style";
import { table } from "./table";

export const EXPLAIN_FORMATS = ["table", "json", "mermaid", "dot"] as const;
export type ExplainFormat = (typeof EXPLAIN_FORMATS)[number];

/** Roles shown in detail per environment in the table; beyond it, the overview alone (use --role for one). */
export const TABLE_ROLES_DETAILED = 40;

export interface ExplainArgs {
  readonly config: string;
  readonly env?: string;
  /** Only the roles with this name, `<namespace>/<name>` key or addon id. */
  readonly role?: string;
  readonly format: ExplainFormat;
}

export function explainCommand(args: ExplainArgs, io: CliIo): number {
  const plan = buildPlan(loadConfig(args.config));
  const environments = args.env !== undefined ? [selectEnvironment(plan, args.env)] : plan.environments;
  const explanation = onlyRole(explainPlan(plan, environments), args.role, plan);
  if (args.format !== "table") {
    io.out({ json: () => JSON.stringify(explanation, null, 2), mermaid: () => toMermaid(explanation), dot: () => toDot(explanation) }[args.format]());
    return EXIT.ok;
  }
  for (const warning of plan.warnings) io.err(formatDiagnostic(plan.file, warning));
  const style = styleFor(io);
  io.out(explanation.environments.map((env) => environmentText(env, style, args.role !== undefined)).join("\n\n"));
  return EXIT.ok;
}

/** By name, `<namespace>/<name>` key, addon id, or a key of the stack's `addons` output (`clusterAutoscaler@prod-blue`). */
function onlyRole(explanation: Explanation, role: string | undefined, plan: Plan): Explanation {
  if (role === undefined) return explanation;
  const outputKeyOf = (environment: string) => {
    const env = plan.environments.find((e) => e.name === environment);
    const address = env?.addons.find((a) => a.key === role)?.roleAddress;
    return env?.roles.find((r) => r.address === address)?.key;
  };
  const environments = explanation.environments
    .map((env) => ({
      ...env,
      roles: env.roles.filter((r) => r.name === role || r.key === role || r.addon === role || r.key === outputKeyOf(env.name)),
      existingRoles: env.existingRoles.filter((r) => r.name === role || r.key === role),
    }))
    .filter((env) => env.roles.length + env.existingRoles.length > 0);
  if (environments.length === 0) throw new UsageError(`--role ${role}: no role has this name, <namespace>/<name> key, addon id or addons output key`);
  return { ...explanation, environments };
}

const MECHANISM = { irsa: "IRSA", "pod-identity": "Pod Identity" } as const;

/** The overview, grouped by namespace, then each role in detail (up to TABLE_ROLES_DETAILED, or all the chosen ones). */
function environmentText(env: EnvironmentExplanation, style: Style, chosen: boolean): string {
  const existing = env.existingRoles.length ? `, ${env.existingRoles.length} existing` : "";
  const heading = style.bold(`${env.name}`) + style.dim(` · account ${env.accountId} · ${env.region} · ${env.roles.length} role${env.roles.length === 1 ? "" : "s"}${existing}`);
  if (env.roles.length === 0 && env.existingRoles.length === 0) return `${heading}\n  (no roles)`;
  const roles = [...env.roles].sort((a, b) => compareNamespaces(namespaceOf(a), namespaceOf(b)));
  const overview = table(
    [
      ["NAMESPACE", "ROLE", "SUBJECTS", "VIA", "CLUSTERS", "MAY DO"].map(style.dim),
      ...roles.map((r, i) => [
        i > 0 && namespaceOf(roles[i - 1]) === namespaceOf(r) ? "" : namespaceOf(r),
        r.name,
        r.subjects.join(", "),
        r.mechanisms.map((m) => MECHANISM[m]).join(" + "),
        r.clusters.join(", "),
        mayDo(r),
      ]),
    ],
    "  ",
  );
  if (roles.length > TABLE_ROLES_DETAILED && !chosen) {
    const note = `(${roles.length} roles: details omitted above ${TABLE_ROLES_DETAILED}; see one with --role <name or namespace/name>, all with --format json)`;
    return [heading, "", ...overview, "", style.dim(`  ${note}`)].join("\n");
  }
  return [heading, "", ...overview, ...roles.flatMap((r) => ["", ...roleText(r, style)]), ...env.existingRoles.flatMap((r) => ["", ...existingRoleText(r, style)])].join("\n");
}

function existingRoleText(role: ExistingRoleExplanation, style: Style): string[] {
  return labelled(`${style.bold(role.name)}${style.dim(`  ${role.key} · existing role`)}`, [
    ["arn", [role.arn]],
    ["config", [role.source]],
    ["trust", [style.yellow(role.trust)]],
    ["used by", role.subjects.map((s) => `${s} via ${role.mechanisms.map((m) => MECHANISM[m]).join(" + ")} on ${role.clusters.join(", ")}`)],
    ["objects", objects(role)],
  ]);
}

/** `  name` then `    label  line` rows, the labels padded to one width; empty sections left out. */
function labelled(title: string, lines: readonly [string, readonly string[]][]): string[] {
  const shown = lines.filter(([, body]) => body.length > 0);
  const width = Math.max(...shown.map(([label]) => label.length));
  return [`  ${title}`, ...shown.flatMap(([label, body]) => body.map((line, i) => `    ${(i === 0 ? label : "").padEnd(width)}  ${line}`))];
}

const objects = (role: Pick<RoleExplanation, "serviceAccounts" | "podIdentityAssociations">) => [
  ...role.serviceAccounts.map((sa) => `ServiceAccount ${sa.namespace}/${sa.name} in ${sa.cluster}`),
  ...role.podIdentityAssociations.map((a) => `Pod Identity association ${a.namespace}/${a.serviceAccount} in ${a.cluster}`),
];

/** The characters of a namespace (a DNS label, or a glob of one) in the order of ICU's root collation. */
const NAMESPACE_ORDER = "-?*0123456789abcdefghijklmnopqrstuvwxyz";

/**
 * The order localeCompare gives namespaces, without loading ICU's collator for it (~10 ms of every explain): over
 * NAMESPACE_ORDER's characters, which the config allows, the collation compares character by character in that
 * order (every one has its own primary weight); any other text is left to localeCompare.
 */
export function compareNamespaces(a: string, b: string): number {
  if (!/^[-?*0-9a-z]*$/.test(a) || !/^[-?*0-9a-z]*$/.test(b)) return a.localeCompare(b);
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] !== b[i]) return NAMESPACE_ORDER.indexOf(a[i]) - NAMESPACE_ORDER.indexOf(b[i]);
  }
  return a.length - b.length;
}

/** The namespace of a role's ServiceAccount: the first part of its `<namespace>/<name>` key. */
const namespaceOf = (role: RoleExplanation) => role.key.slice(0, role.key.indexOf("/"));

/** `athena 2, s3 1+Get*, AmazonS3ReadOnlyAccess` */
function mayDo(role: RoleExplanation): string {
  const p = role.permissions;
  const parts = [
    ...(p.allActions ? ["* (everything)"] : []),
    ...(p.allActionsExcept.length ? [`all but ${p.allActionsExcept.join(", ")}`] : []),
    ...p.services.map((s) => `${s.service} ${[...(s.actions.length ? [String(s.actions.length)] : []), ...s.wildcards.map((w) => w.slice(w.indexOf(":") + 1))].join("+")}`),
    ...p.managedPolicies.map((arn) => arn.split("/").pop()!),
  ];
  return parts.join(", ") || "nothing";
}

function roleText(role: RoleExplanation, style: Style): string[] {
  const p = role.permissions;
  const lines: [string, string[]][] = [
    ["arn", [role.arn]],
    ["config", [role.source + (role.addon ? ` (addon ${role.addon})` : "")]],
    ["assumed by", trustTable(role.trust, style)],
    ["objects", objects(role)],
    ["state", role.adopted ? ["adopted: the first apply imports the existing role, its listed policies and ServiceAccounts (import blocks)"] : []],
    ["may do", p.services.length ? serviceTable(p.services, style) : []],
    ["warnings", [...(p.allActions ? [style.red("grants every action (*)")] : []), ...(p.allActionsExcept.length ? [style.red(`grants every action except ${p.allActionsExcept.join(", ")}`)] : []), ...(p.anyResource ? [style.yellow('some actions apply to Resource "*"')] : [])]],
    ["managed", [...p.managedPolicies]],
    ["inline", p.inlinePolicies.map((i) => `${i.name}: ${i.statements} statement${i.statements === 1 ? "" : "s"}, ${i.characters} characters`)],
    ["denies", p.denyStatements ? [`${p.denyStatements} Deny statement${p.denyStatements === 1 ? "" : "s"}`] : []],
    ["exclusive", role.exclusivePolicies ? ["policies attached outside this stack are removed at apply"] : []],
    ["boundary", p.permissionsBoundaryArn ? [p.permissionsBoundaryArn] : []],
  ];
  return labelled(`${style.bold(role.name)}${role.key !== role.name ? style.dim(`  ${role.key}`) : ""}`, lines);
}

function trustTable(trust: readonly Trustee[], style: Style): string[] {
  const rows = trust.map((t) => {
    if (t.mechanism === "irsa") return ["IRSA", t.cluster ?? style.yellow("(no cluster of this environment)"), t.issuerUrl, subjects(t.subjects, t.match), `aud ${t.audiences.join(", ") || style.red("(any)")}`];
    if (t.mechanism === "pod-identity") {
      const who = t.sessionTags ? subjects(t.subjects, t.match) : style.yellow(`any association in ${t.sourceAccounts.join(", ")} (session tags disabled)`);
      return ["Pod Identity", t.clusters.join(", ") || "-", `account ${t.sourceAccounts.join(", ")}`, who, ""];
    }
    return [style.yellow("other"), "-", t.principal, t.actions.join(", "), ""];
  });
  return table([["MECHANISM", "CLUSTER", "ISSUER / ACCOUNT", "SUBJECT", "AUDIENCE"].map(style.dim), ...rows]);
}

const subjects = (values: readonly string[], match: "exact" | "glob") => values.join(", ") + (match === "glob" ? " (glob)" : "");

function serviceTable(services: readonly ServiceGrant[], style: Style): string[] {
  const rows = services.map((s) => [
    s.service,
    String(s.actions.length),
    s.wildcards.join(", ") || "-",
    s.catalogActions === null ? style.dim("not in catalog") : `${s.catalogActions} (${Object.entries(s.accessLevels).map(([level, n]) => `${n} ${level}`).join("; ") || "none"})`,
  ]);
  return table([["SERVICE", "ACTIONS", "WILDCARDS", "CATALOG ACTIONS REACHED"].map(style.dim), ...rows]);
}
