// Rules that need a whole merged environment: references between entries, uniqueness, required settings.
import type { Diagnostic, PathSegment } from "./diagnostics";
import { didYouMean } from "./diagnostics";
import { isWildcard } from "../iam/trust";
import { clusterRegion, type ResolvedEnvironment } from "./resolve";

const PARTITION_OF_REGION: ReadonlyArray<[RegExp, string]> = [
  [/^cn-/, "aws-cn"],
  [/^us-gov-/, "aws-us-gov"],
  [/./, "aws"],
];

export function environmentRules(env: ResolvedEnvironment): Diagnostic[] {
  const out: Diagnostic[] = [];
  const error = (path: readonly (string | number)[], message: string) => out.push({ severity: "error", path: [...env.path, ...path], message });
  const warning = (path: readonly (string | number)[], message: string) => out.push({ severity: "warning", path: [...env.path, ...path], message });

  if (!env.accountId) error(["accountId"], "is required: set it in defaults or in this environment");
  if (!env.region) error(["region"], "is required: set it in defaults or in this environment");
  const regions = [env.region, ...env.clusters.map((c) => clusterRegion(c, env))].filter(Boolean);
  for (const region of regions) {
    const expected = PARTITION_OF_REGION.find(([pattern]) => pattern.test(region))![1];
    if (expected !== env.partition) {
      error(["partition"], `is "${env.partition}" but region ${region} is in partition "${expected}"`);
      break;
    }
  }

  for (const [path, value] of arnsIn(env)) {
    const partition = /^arn:([^:]*):/.exec(value)![1];
    if (partition !== env.partition) error(path, `"${value}" is in partition "${partition}", but the environment is in "${env.partition}"`);
  }

  const clusterNames = env.clusters.map((c) => c.name);
  const seenIssuers = new Map<string, string>();
  env.clusters.forEach((cluster, i) => {
    if (clusterNames.indexOf(cluster.name) !== i) error(["clusters", i, "name"], `cluster "${cluster.name}" is listed twice`);
    const other = seenIssuers.get(cluster.oidcIssuerUrl);
    if (other) error(["clusters", i, "oidcIssuerUrl"], `is also the issuer of cluster "${other}"; each cluster has its own issuer`);
    seenIssuers.set(cluster.oidcIssuerUrl, cluster.name);
    if (cluster.accountId && cluster.accountId !== env.accountId && !cluster.providerRoleArn) {
      warning(["clusters", i, "providerRoleArn"], `cluster is in account ${cluster.accountId}: without providerRoleArn Terraform reaches it with the default credentials`);
    }
  });

  const subjects = new Map<string, number>();
  env.serviceAccounts.forEach((sa, i) => {
    const subject = `${sa.namespace}/${sa.name}`;
    const first = subjects.get(subject);
    if (first !== undefined) error(["serviceAccounts", i], `duplicates serviceAccounts[${first}] (${subject}); list each ServiceAccount once and narrow it with clusters:`);
    else subjects.set(subject, i);
    sa.clusters?.forEach((name, j) => {
      if (!clusterNames.includes(name)) error(["serviceAccounts", i, "clusters", j], `unknown cluster "${name}"${didYouMean(name, clusterNames)}`);
    });
    for (const key of Object.keys(sa.annotations ?? {}).filter((k) => k === "eks.amazonaws.com/role-arn")) {
      error(["serviceAccounts", i, "annotations", key], "is written from the generated role; remove it (set roleName to choose the role's name)");
    }
    if (isWildcard(sa) && sa.createServiceAccount !== false) {
      error(["serviceAccounts", i, "createServiceAccount"], "a wildcard subject names no single ServiceAccount to create; set createServiceAccount: false (the matching ServiceAccounts are created elsewhere)");
    }
    const identity = sa.identity ?? env.identity;
    if (sa.retainIrsaTrust && identity !== "pod-identity") {
      error(["serviceAccounts", i, "retainIrsaTrust"], "is a migration step of identity: pod-identity (the other modes keep the IRSA trust anyway)");
    }
    if ((sa.disableSessionTags !== undefined || sa.targetRoleArn !== undefined) && identity === "irsa") {
      error(["serviceAccounts", i, sa.disableSessionTags !== undefined ? "disableSessionTags" : "targetRoleArn"], "applies to EKS Pod Identity only; set identity: pod-identity or both");
    }
  });
  return out;
}

/** Every ARN written in the environment (settings, clusters, service accounts, policies, addons), with its path. */
function arnsIn(env: ResolvedEnvironment): Array<[PathSegment[], string]> {
  const found: Array<[PathSegment[], string]> = [];
  const walk = (value: unknown, path: PathSegment[]) => {
    if (typeof value === "string" && value.startsWith("arn:")) found.push([path, value]);
    else if (Array.isArray(value)) value.forEach((item, i) => walk(item, [...path, i]));
    else if (value && typeof value === "object") for (const [key, item] of Object.entries(value)) walk(item, [...path, key]);
  };
  const { permissionsBoundaryArn, clusters, serviceAccounts, addons } = env;
  walk({ permissionsBoundaryArn, clusters, serviceAccounts, addons }, []);
  return found;
}
