// Rules that need a whole merged environment: references between entries, uniqueness, required settings.
import { eksIssuerRegion, readIssuerUrl } from "../eks/issuer";
import { ANNOTATION } from "../eks/service-account";
import { arn, arnPartition } from "../iam/arn";
import { partitionOfRegion } from "../iam/regions";
import type { Diagnostic, PathSegment } from "./diagnostics";
import { didYouMean, formatPath } from "./diagnostics";
import { isWildcard } from "../iam/trust";
import { clusterRegion, subjectsOf, type ResolvedEnvironment } from "./resolve";
import type { ConfigSpec } from "./schema";

export function environmentRules(env: ResolvedEnvironment): Diagnostic[] {
  const out: Diagnostic[] = [];
  const error = (path: readonly (string | number)[], message: string) => out.push({ severity: "error", path: [...env.path, ...path], message });
  const warning = (path: readonly (string | number)[], message: string) => out.push({ severity: "warning", path: [...env.path, ...path], message });

  if (!env.accountId) error(["accountId"], "is required: set it in defaults or in this environment");
  if (!env.region) error(["region"], "is required: set it in defaults or in this environment");
  const regions = [env.region, ...env.clusters.map((c) => clusterRegion(c, env))].filter(Boolean);
  for (const region of regions) {
    const expected = partitionOfRegion(region);
    if (expected !== env.partition) {
      error(["partition"], `is "${env.partition}" but region ${region} is in partition "${expected}"`);
      break;
    }
  }

  for (const [path, value] of arnsIn(env)) {
    const partition = arnPartition(value);
    if (partition !== env.partition) error(path, `"${value}" is in partition "${partition}", but the environment is in "${env.partition}"`);
  }

  const clusterNames = env.clusters.map((c) => c.name);
  const seenIssuers = new Map<string, string>();
  env.clusters.forEach((cluster, i) => {
    if (clusterNames.indexOf(cluster.name) !== i) error(["clusters", i, "name"], `cluster "${cluster.name}" is listed twice`);
    const other = seenIssuers.get(cluster.oidcIssuerUrl);
    if (other) error(["clusters", i, "oidcIssuerUrl"], `is also the issuer of cluster "${other}"; each cluster has its own issuer`);
    seenIssuers.set(cluster.oidcIssuerUrl, cluster.name);
    const issuerRegion = eksIssuerRegion(cluster.oidcIssuerUrl);
    if (cluster.region && issuerRegion && cluster.region !== issuerRegion) {
      error(["clusters", i, "region"], `is ${cluster.region}, but the cluster's issuer is in ${issuerRegion}; remove region (it is read from an EKS issuer) or fix the issuer`);
    }
    if (cluster.accountId && cluster.accountId !== env.accountId && !cluster.providerRoleArn) {
      warning(["clusters", i, "providerRoleArn"], `cluster is in account ${cluster.accountId}: without providerRoleArn Terraform reaches it with the default credentials`);
    }
  });

  const subjects = new Map<string, number>();
  env.serviceAccounts.forEach((sa, i) => {
    for (const { namespace, name } of subjectsOf(sa)) {
      const subject = `${namespace}/${name}`;
      const first = subjects.get(subject);
      if (first !== undefined) error(["serviceAccounts", i], `duplicates serviceAccounts[${first}] (${subject}); list each ServiceAccount once and narrow it with clusters:`);
      else subjects.set(subject, i);
    }
    sa.clusters?.forEach((name, j) => {
      if (!clusterNames.includes(name)) error(["serviceAccounts", i, "clusters", j], `unknown cluster "${name}"${didYouMean(name, clusterNames)}`);
    });
    if (sa.annotations?.[ANNOTATION.roleArn] !== undefined) {
      error(["serviceAccounts", i, "annotations", ANNOTATION.roleArn], "is written from the generated role; remove it (set roleName to choose the role's name, or roleArn to use an existing role)");
    }
    if (subjectsOf(sa).some(isWildcard) && sa.createServiceAccount !== false) {
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

/** Issuer URLs written in a spelling that means the canonical one (HTTPS://, :443, a trailing '/'): warn and use the canonical. */
export function issuerSpellings(config: ConfigSpec): Diagnostic[] {
  return Object.entries(config.environments).flatMap(([name, env]) =>
    env.clusters.flatMap((cluster, i): Diagnostic[] => {
      const reading = readIssuerUrl(cluster.oidcIssuerUrl);
      if (!reading.ok || reading.normalised.length === 0) return [];
      const message = `read as ${reading.url} (${reading.normalised.join("; ")}); write it so: IAM and STS compare issuers byte for byte`;
      return [{ severity: "warning", path: ["environments", name, "clusters", i, "oidcIssuerUrl"], message }];
    }),
  );
}

/**
 * One cluster belongs to one environment of an account: two stacks would both manage its OIDC provider and
 * its ServiceAccounts (with different role annotations), and each ServiceAccount could assume both roles.
 * Another account may register the same issuer (cross-account IRSA), so the key holds the account.
 */
export function estateRules(environments: readonly ResolvedEnvironment[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Map<string, { readonly environment: string; readonly path: readonly PathSegment[] }>();
  for (const env of environments) {
    env.clusters.forEach((cluster, i) => {
      const clusterArn = arn({ partition: env.partition, service: "eks", region: clusterRegion(cluster, env), account: cluster.accountId ?? env.accountId, resource: `cluster/${cluster.name}` });
      const identities: Array<[string, PathSegment]> = [[`issuer ${cluster.oidcIssuerUrl}`, "oidcIssuerUrl"], [`cluster ${clusterArn}`, "name"]];
      for (const [what, key] of identities) {
        const path = [...env.path, "clusters", i, key];
        const first = seen.get(`${env.accountId} ${what}`);
        if (!first) seen.set(`${env.accountId} ${what}`, { environment: env.name, path });
        else if (first.environment !== env.name) {
          // Within one environment the environment rules report it. One finding per cluster is enough.
          out.push({
            severity: "error",
            path,
            message: `${what} is also at ${formatPath(first.path)}; one cluster belongs to one environment of account ${env.accountId} (both stacks would manage its OIDC provider and ServiceAccounts, and each ServiceAccount could assume both roles): keep it in one environment`,
          });
          break;
        }
      }
    });
  }
  return out;
}
