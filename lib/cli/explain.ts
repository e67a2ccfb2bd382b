// irsa explain: who may assume which role and what it may do, as an aligned table or stable JSON.
import { explainPlan, type EnvironmentExplanation, type RoleExplanation } from "../analysis/explain";
import type { ServiceGrant } from "../analysis/permissions";
import type { Trustee } from "../analysis/trust-reading";
import { buildPlan } from "../model/build";
import { formatDiagnostic } from "../config/diagnostics";
import { loadConfig } from "../config/load";
import { EXIT, type CliIo } from "./io";
import { selectEnvironment } from "./select";
import { styleFor, type Style } from "./style";
import { table } from "./table";

export interface ExplainArgs {
  readonly config: string;
  readonly env?: string;
  readonly json: boolean;
}

export async function explainCommand(args: ExplainArgs, io: CliIo): Promise<number> {
  const plan = buildPlan(loadConfig(args.config));
  const environments = args.env !== undefined ? [selectEnvironment(plan, args.env)] : plan.environments;
  const explanation = await explainPlan(plan, environments);
  if (args.json) {
    io.out(JSON.stringify(explanation, null, 2));
    return EXIT.ok;
  }
  for (const warning of plan.warnings) io.err(formatDiagnostic(plan.file, warning));
  const style = styleFor(io);
  io.out(explanation.environments.map((env) => environmentText(env, style)).join("\n\n"));
  return EXIT.ok;
}

const MECHANISM = { irsa: "IRSA", "pod-identity": "Pod Identity" } as const;

function environmentText(env: EnvironmentExplanation, style: Style): string {
  const heading = style.bold(`${env.name}`) + style.dim(` · account ${env.accountId} · ${env.region} · ${env.roles.length} role${env.roles.length === 1 ? "" : "s"}`);
  if (env.roles.length === 0) return `${heading}\n  (no roles)`;
  const overview = table(
    [
      ["ROLE", "SUBJECTS", "VIA", "CLUSTERS", "MAY DO"].map(style.dim),
      ...env.roles.map((r) => [r.name, r.subjects.join(", "), r.mechanisms.map((m) => MECHANISM[m]).join(" + "), r.clusters.join(", "), mayDo(r)]),
    ],
    "  ",
  );
  return [heading, "", ...overview, ...env.roles.flatMap((r) => ["", ...roleText(r, style)])].join("\n");
}

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
    ["objects", [...role.serviceAccounts.map((sa) => `ServiceAccount ${sa.namespace}/${sa.name} in ${sa.cluster}`), ...role.podIdentityAssociations.map((a) => `Pod Identity association ${a.namespace}/${a.serviceAccount} in ${a.cluster}`)]],
    ["may do", p.services.length ? serviceTable(p.services, style) : []],
    ["warnings", [...(p.allActions ? [style.red("grants every action (*)")] : []), ...(p.allActionsExcept.length ? [style.red(`grants every action except ${p.allActionsExcept.join(", ")}`)] : []), ...(p.anyResource ? [style.yellow('some actions apply to Resource "*"')] : [])]],
    ["managed", [...p.managedPolicies]],
    ["inline", p.inlinePolicies.map((i) => `${i.name}: ${i.statements} statement${i.statements === 1 ? "" : "s"}, ${i.characters} characters`)],
    ["denies", p.denyStatements ? [`${p.denyStatements} Deny statement${p.denyStatements === 1 ? "" : "s"}`] : []],
    ["boundary", p.permissionsBoundaryArn ? [p.permissionsBoundaryArn] : []],
  ];
  const shown = lines.filter(([, body]) => body.length > 0);
  const width = Math.max(...shown.map(([label]) => label.length));
  return [
    `  ${style.bold(role.name)}${role.key !== role.name ? style.dim(`  ${role.key}`) : ""}`,
    ...shown.flatMap(([label, body]) => body.map((line, i) => `    ${(i === 0 ? label : "").padEnd(width)}  ${line}`)),
  ];
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
