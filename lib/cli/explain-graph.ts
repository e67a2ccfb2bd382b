// irsa explain --format mermaid | dot: a picture of each environment. Clusters hold namespaces, namespaces hold
// the ServiceAccounts that may assume a role (read from the trust, like the table); edges go ServiceAccount ->
// role (IRSA / Pod Identity) -> what the role may use (AWS services, managed policies). An environment with
// more than GRAPH_ROLES_DRAWN roles is summarised: one node per namespace of each cluster, edges from the
// namespace to the services its roles use, counted, so that the picture stays readable at any size.
import type { EnvironmentExplanation, Explanation, RoleExplanation } from "../analysis/explain";
import { serviceAccountSubject, subjectOf } from "../iam/trust";

/** Roles drawn one by one per environment; beyond it, namespaces are drawn instead. */
export const GRAPH_ROLES_DRAWN = 40;

interface Node {
  readonly id: string;
  readonly label: string;
  readonly shape: "serviceAccount" | "role" | "service" | "policy" | "warning";
}

interface Group {
  readonly id: string;
  readonly label: string;
  readonly nodes: Node[];
  readonly groups: Group[];
}

interface Edge {
  readonly from: string;
  readonly to: string;
  readonly label: string;
}

interface Graph {
  readonly groups: Group[];
  readonly edges: Edge[];
  readonly notes: string[];
}

const MECHANISM = { irsa: "IRSA", "pod-identity": "Pod Identity" } as const;

/** The explanation as groups, nodes and edges, with ids that are stable and safe in both languages. */
function graphOf(explanation: Explanation): Graph {
  const graph: Graph = { groups: [], edges: [], notes: [] };
  explanation.environments.forEach((env, e) => {
    const group: Group = { id: `e${e}`, label: `${env.name} · account ${env.accountId} · ${env.region}`, nodes: [], groups: [] };
    graph.groups.push(group);
    if (env.roles.length > GRAPH_ROLES_DRAWN) summarised(env, group, graph);
    else detailed(env, group, graph);
  });
  return graph;
}

/** Who may assume the role, per cluster and namespace: `[cluster, namespace, name, mechanism]`. */
function assumers(role: RoleExplanation): [string, string, string, string][] {
  return role.trust.flatMap((t): [string, string, string, string][] => {
    if (t.mechanism === "other") return [["(other principals)", "-", t.principal, "other"]];
    const clusters = t.mechanism === "irsa" ? [t.cluster ?? t.issuerUrl] : t.clusters.length ? t.clusters : [`any cluster of ${t.sourceAccounts.join(", ")}`];
    const subjects = t.mechanism === "pod-identity" && !t.sessionTags ? [`${serviceAccountSubject({ namespace: "*", name: "*" })} (session tags disabled)`] : t.subjects;
    return clusters.flatMap((cluster) =>
      subjects.map((subject): [string, string, string, string] => {
        const parsed = subjectOf(subject);
        return [cluster, parsed?.namespace ?? "?", parsed?.name || subject, MECHANISM[t.mechanism]];
      }),
    );
  });
}

/** What a role may use: `[target key, label, shape, edge label]`. */
function uses(role: RoleExplanation): [string, string, Node["shape"], string][] {
  const p = role.permissions;
  return [
    ...(p.allActions ? [["*", "* every action", "warning", "*"] as [string, string, Node["shape"], string]] : []),
    ...(p.allActionsExcept.length ? [[`not:${p.allActionsExcept.join(",")}`, `every action except ${p.allActionsExcept.join(", ")}`, "warning", "NotAction"] as [string, string, Node["shape"], string]] : []),
    ...p.services.map((s): [string, string, Node["shape"], string] => [`svc:${s.service}`, s.service, "service", [...(s.actions.length ? [`${s.actions.length} action${s.actions.length === 1 ? "" : "s"}`] : []), ...s.wildcards].join(", ")]),
    ...p.managedPolicies.map((arn): [string, string, Node["shape"], string] => [`policy:${arn}`, arn.split("/").pop()!, "policy", "managed"]),
  ];
}

function detailed(env: EnvironmentExplanation, group: Group, graph: Graph): void {
  const ids = new Map<string, string>();
  const id = (key: string) => ids.get(key) ?? ids.set(key, `${group.id}n${ids.size}`).get(key)!;
  const clusters = new Map<string, Group>();
  const namespaces = new Map<string, Group>();
  const edges = new Map<string, Edge>();
  const addEdge = (from: string, to: string, label: string) => {
    const key = `${from}>${to}`;
    const existing = edges.get(key);
    edges.set(key, { from, to, label: existing && !existing.label.split(" + ").includes(label) ? `${existing.label} + ${label}` : label });
  };
  const targets = new Map<string, Node>();
  for (const role of env.roles) {
    const roleId = id(`role:${role.key}`);
    group.nodes.push({ id: roleId, label: role.addon ? `${role.name} (${role.addon})` : role.name, shape: "role" });
    for (const [cluster, namespace, name, mechanism] of assumers(role)) {
      if (!clusters.has(cluster)) clusters.set(cluster, { id: id(`cluster:${cluster}`), label: `cluster ${cluster}`, nodes: [], groups: [] });
      const nsKey = `${cluster}/${namespace}`;
      if (!namespaces.has(nsKey)) {
        const ns: Group = { id: id(`ns:${nsKey}`), label: `namespace ${namespace}`, nodes: [], groups: [] };
        namespaces.set(nsKey, ns);
        clusters.get(cluster)!.groups.push(ns);
      }
      const saKey = `sa:${nsKey}/${name}`;
      if (!ids.has(saKey)) namespaces.get(nsKey)!.nodes.push({ id: id(saKey), label: name, shape: "serviceAccount" });
      addEdge(id(saKey), roleId, mechanism);
    }
    for (const [key, label, shape, edgeLabel] of uses(role)) {
      if (!targets.has(key)) targets.set(key, { id: id(key), label, shape });
      addEdge(roleId, id(key), edgeLabel);
    }
  }
  group.groups.push(...clusters.values());
  group.nodes.push(...[...targets.values()]);
  graph.edges.push(...edges.values());
}

function summarised(env: EnvironmentExplanation, group: Group, graph: Graph): void {
  const ids = new Map<string, string>();
  const id = (key: string) => ids.get(key) ?? ids.set(key, `${group.id}n${ids.size}`).get(key)!;
  const namespaces = new Map<string, { cluster: string; namespace: string; roles: Set<string>; serviceAccounts: Set<string> }>();
  const edges = new Map<string, { from: string; to: string; roles: Set<string> }>();
  const targets = new Map<string, Node>();
  for (const role of env.roles) {
    for (const [cluster, namespace, name] of assumers(role)) {
      const nsKey = `ns:${cluster}/${namespace}`;
      if (!namespaces.has(nsKey)) namespaces.set(nsKey, { cluster, namespace, roles: new Set(), serviceAccounts: new Set() });
      namespaces.get(nsKey)!.roles.add(role.key);
      namespaces.get(nsKey)!.serviceAccounts.add(name);
      for (const [key, label, shape] of uses(role)) {
        if (!targets.has(key)) targets.set(key, { id: id(key), label, shape });
        const edgeKey = `${nsKey}>${key}`;
        if (!edges.has(edgeKey)) edges.set(edgeKey, { from: id(nsKey), to: id(key), roles: new Set() });
        edges.get(edgeKey)!.roles.add(role.key);
      }
    }
  }
  const clusters = new Map<string, Group>();
  for (const [nsKey, ns] of namespaces) {
    if (!clusters.has(ns.cluster)) clusters.set(ns.cluster, { id: id(`cluster:${ns.cluster}`), label: `cluster ${ns.cluster}`, nodes: [], groups: [] });
    const label = `namespace ${ns.namespace}: ${plural(ns.serviceAccounts.size, "ServiceAccount")}, ${plural(ns.roles.size, "role")}`;
    clusters.get(ns.cluster)!.nodes.push({ id: id(nsKey), label, shape: "serviceAccount" });
  }
  group.groups.push(...clusters.values());
  group.nodes.push(...targets.values());
  graph.edges.push(...[...edges.values()].map((e) => ({ from: e.from, to: e.to, label: plural(e.roles.size, "role") })));
  graph.notes.push(`${env.name}: ${env.roles.length} roles, more than ${GRAPH_ROLES_DRAWN}: drawn per namespace; irsa explain --env ${env.name} --format table lists every role`);
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

// ---- Mermaid (GitHub renders it in Markdown: wrap the output in a ```mermaid fence)

const MERMAID_SHAPES: Readonly<Record<Node["shape"], [string, string]>> = {
  serviceAccount: ["([", "])"],
  role: ["[", "]"],
  service: ["[(", ")]"],
  policy: ["[/", "/]"],
  warning: ["{{", "}}"],
};

/** Mermaid labels are quoted; quotes and markup characters become entity codes. */
const mermaidText = (text: string) => text.replace(/#/g, "#35;").replace(/"/g, "#quot;").replace(/</g, "#lt;").replace(/>/g, "#gt;");

export function toMermaid(explanation: Explanation): string {
  const graph = graphOf(explanation);
  const lines = ["flowchart LR", ...graph.notes.map((note) => `  %% ${note.replace(/\n/g, " ")}`)];
  const group = (g: Group, depth: number): void => {
    const pad = "  ".repeat(depth);
    lines.push(`${pad}subgraph ${g.id}["${mermaidText(g.label)}"]`);
    for (const inner of g.groups) group(inner, depth + 1);
    for (const node of g.nodes) {
      const [open, close] = MERMAID_SHAPES[node.shape];
      lines.push(`${pad}  ${node.id}${open}"${mermaidText(node.label)}"${close}`);
    }
    lines.push(`${pad}end`);
  };
  for (const g of graph.groups) group(g, 1);
  for (const e of graph.edges) lines.push(`  ${e.from} -->|"${mermaidText(e.label)}"| ${e.to}`);
  lines.push("  classDef warning fill:#fdd,stroke:#c00");
  const warnings = graph.groups.flatMap(function all(g: Group): Node[] { return [...g.nodes, ...g.groups.flatMap(all)]; }).filter((n) => n.shape === "warning");
  if (warnings.length) lines.push(`  class ${warnings.map((n) => n.id).join(",")} warning`);
  return lines.join("\n");
}

// ---- Graphviz DOT (`dot -Tsvg`)

const DOT_SHAPES: Readonly<Record<Node["shape"], string>> = {
  serviceAccount: "shape=box, style=rounded",
  role: "shape=box",
  service: "shape=cylinder",
  policy: "shape=note",
  warning: "shape=hexagon, style=filled, fillcolor=\"#ffdddd\", color=\"#cc0000\"",
};

const dotText = (text: string) => `"${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n")}"`;

export function toDot(explanation: Explanation): string {
  const graph = graphOf(explanation);
  const lines = ["digraph irsa {", "  rankdir=LR;", '  node [fontname="Helvetica"];', '  edge [fontname="Helvetica", fontsize=10];', ...graph.notes.map((note) => `  // ${note.replace(/\n/g, " ")}`)];
  const group = (g: Group, depth: number): void => {
    const pad = "  ".repeat(depth);
    lines.push(`${pad}subgraph ${dotText(`cluster_${g.id}`)} {`, `${pad}  label=${dotText(g.label)};`);
    for (const inner of g.groups) group(inner, depth + 1);
    for (const node of g.nodes) lines.push(`${pad}  ${node.id} [label=${dotText(node.label)}, ${DOT_SHAPES[node.shape]}];`);
    lines.push(`${pad}}`);
  };
  for (const g of graph.groups) group(g, 1);
  for (const e of graph.edges) lines.push(`  ${e.from} -> ${e.to} [label=${dotText(e.label)}];`);
  lines.push("}");
  return lines.join("\n");
}
