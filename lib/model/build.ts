// Validated config -> normalized plan. All naming, trust and policy decisions happen here (and in lib/iam),
// so that the renderer and the analysers see exactly the same roles. The checks on the result: ./checks.ts.
import type { NamedPolicy } from "../addons";
import { issuerHost } from "../eks/issuer";
import { arn, oidcProviderArn } from "../iam/arn";
import { workloadTrust } from "../iam/trust";
import { serviceAccountAnnotations, type ServiceAccountIdentity } from "../eks/service-account";
import { ConfigError, type Diagnostic } from "../config/diagnostics";
import { ROLE_NAME_PREFIX_MAX } from "../config/fields";
import type { LoadedConfig } from "../config/load";
import { ROLE_NAME_MAX } from "../iam/limits";
import { clusterRegion, clustersOf, type ResolvedEnvironment } from "../config/resolve";
import type { BackendSpec, ServiceAccountSpec } from "../config/schema";
import { checkRole, checkRoleNames, checkSubjects } from "./checks";
import { attachmentAddresses, defaultRoleName, expandRoleName, inlinePolicyAddresses, roleArn, terraformName, type RoleNameValues } from "./names";
import { addonRoleRequests, helmValues, serviceAccountRequests, type RoleRequest } from "./requests";
import type { BackendPlan, ClusterPlan, EnvironmentPlan, Plan, PodIdentityAssociationPlan, RolePlan, ServiceAccountPlan } from "./types";

export function buildPlan(config: LoadedConfig): Plan {
  const findings: Diagnostic[] = [...config.warnings];
  const environments = config.environments.map((env) => buildEnvironment(env, findings));
  findings.push(...checkRoleNames(environments));
  const located = findings.map((d) => (d.line ? d : { ...d, ...config.locate(d.path) }));
  if (located.some((d) => d.severity === "error")) throw new ConfigError(config.file, located);
  return { file: config.file, environments, warnings: located };
}

function buildEnvironment(env: ResolvedEnvironment, findings: Diagnostic[]): EnvironmentPlan {
  const requests = [...serviceAccountRequests(env), ...addonRoleRequests(env)];
  const clusterUse = new Set(requests.filter(createsServiceAccount).flatMap((r) => clustersOf(r.spec, env).map((c) => c.name)));
  const clusters = env.clusters.map((c) => buildCluster(env, c, clusterUse.has(c.name)));
  const roles = requests.map((request) => {
    const role = buildRole(env, clusters, request, findings);
    findings.push(...checkRole(env, role, clusters, request.spec.disableSessionTags ?? false));
    return role;
  });
  findings.push(...checkSubjects(roles));

  const serviceAccounts: ServiceAccountPlan[] = [];
  const podIdentityAssociations: PodIdentityAssociationPlan[] = [];
  requests.forEach((request, i) => {
    const role = roles[i];
    for (const cluster of role.clusters) {
      const address = terraformName(cluster, role.subject.namespace, role.subject.name);
      if (createsServiceAccount(request)) serviceAccounts.push(buildServiceAccount(env, request.spec, role, cluster, address));
      if (role.identity !== "irsa") {
        podIdentityAssociations.push({
          address,
          roleAddress: role.address,
          cluster,
          namespace: role.subject.namespace,
          serviceAccount: role.subject.name,
          disableSessionTags: request.spec.disableSessionTags,
          targetRoleArn: request.spec.targetRoleArn,
        });
      }
    }
  });
  const addons = requests.flatMap((request, i) => {
    const role = roles[i];
    if (!request.addon) return [];
    return [{
      key: request.cluster ? `${request.addon.id}@${request.cluster}` : request.addon.id,
      roleAddress: role.address,
      serviceAccount: `${role.subject.namespace}/${role.subject.name}`,
      install: request.addon.install,
      identity: role.identity,
      helmValues: helmValues(request.addon, role.subject.name, createsServiceAccount(request), role.identity === "pod-identity" ? undefined : role.arn),
    }];
  });
  return {
    name: env.name,
    accountId: env.accountId,
    region: env.region,
    partition: env.partition,
    trustPolicyMaxLength: env.trustPolicyMaxLength,
    backend: buildBackend(env, env.backend),
    clusters,
    roles,
    serviceAccounts,
    podIdentityAssociations,
    addons,
  };
}

const createsServiceAccount = (request: RoleRequest) => request.spec.createServiceAccount ?? request.createServiceAccountByDefault;

function buildCluster(env: ResolvedEnvironment, cluster: ResolvedEnvironment["clusters"][number], hasServiceAccounts: boolean): ClusterPlan {
  const host = issuerHost(cluster.oidcIssuerUrl);
  const accountId = cluster.accountId ?? env.accountId;
  const region = clusterRegion(cluster, env);
  const needsOwnProvider = accountId !== env.accountId || region !== env.region || cluster.providerRoleArn !== undefined;
  return {
    name: cluster.name,
    address: terraformName(cluster.name),
    issuerUrl: cluster.oidcIssuerUrl,
    issuerHost: host,
    oidcProvider: cluster.oidcProvider ?? "create",
    oidcProviderArn: oidcProviderArn(env.partition, env.accountId, host),
    accountId,
    region,
    arn: arn({ partition: env.partition, service: "eks", region, account: accountId, resource: `cluster/${cluster.name}` }),
    fargate: cluster.fargate ?? false,
    awsProvider: needsOwnProvider ? { alias: terraformName(cluster.name), region, accountId, assumeRoleArn: cluster.providerRoleArn } : undefined,
    hasServiceAccounts,
  };
}

function buildRole(env: ResolvedEnvironment, clusters: readonly ClusterPlan[], request: RoleRequest, findings: Diagnostic[]): RolePlan {
  const { spec, sourcePath } = request;
  const identity = spec.identity ?? (request.addon ? "irsa" : env.identity);
  const subject = { namespace: spec.namespace, name: spec.name };
  const trusted = clustersOf(spec, env).map((c) => clusters.find((p) => p.name === c.name)!);
  // A cluster named after its environment (prod-blue in prod) stands for both in per-cluster role names.
  const scope = !request.cluster ? env.name : request.cluster.startsWith(env.name) ? request.cluster : `${env.name}-${request.cluster}`;
  const name = roleNameOf(env, request, trusted, scope, findings);
  // retainIrsaTrust: mid-migration, pods started before the switch still present web-identity tokens.
  const oidcTrusted = identity !== "pod-identity" || spec.retainIrsaTrust ? trusted : [];
  const trust = workloadTrust({
    subjects: [subject],
    oidc: oidcTrusted.map((c) => ({ providerArn: c.oidcProviderArn, issuerHost: c.issuerHost })),
    podIdentity: identity === "irsa" ? undefined : { trustees: trusted.map((c) => ({ accountId: c.accountId, clusterArn: c.arn })), sessionTags: !spec.disableSessionTags },
  });
  const path = env.rolePath;
  const address = request.cluster ? terraformName(request.cluster, spec.namespace, spec.name) : terraformName(spec.namespace, spec.name);
  return {
    address,
    key: request.cluster ? `${spec.namespace}/${spec.name}@${request.cluster}` : `${spec.namespace}/${spec.name}`,
    sourcePath,
    addon: request.addon,
    entry: request.entry,
    description: `${request.addon ? `${request.addon.title}: ` : ""}ServiceAccount ${spec.namespace}/${spec.name} in ${request.cluster ? `cluster ${request.cluster} of ` : ""}environment ${env.name} (cdktf-irsa)`,
    name,
    path,
    arn: roleArn(env.partition, env.accountId, path, name),
    permissionsBoundaryArn: spec.permissionsBoundaryArn ?? env.permissionsBoundaryArn,
    maxSessionDuration: spec.maxSessionDuration ?? env.maxSessionDuration,
    tags: sortedRecord({ ...env.tags, ...spec.tags }),
    subject,
    identity,
    clusters: trusted.map((c) => c.name),
    oidcTrustClusters: oidcTrusted.map((c) => c.name),
    trust,
    managedPolicies: managedPolicies(address, [...new Set(spec.policyArns ?? [])]),
    inlinePolicies: inlinePolicies(address, request.inlinePolicies),
    suppressions: spec.suppress ?? [],
  };
}

/**
 * roleName, else roleNamePrefix + the default name, with {env}, {cluster}, {namespace} and {name} expanded for this
 * role. The expansion is checked like a literal name; {cluster} has a value only for a role serving one cluster.
 */
function roleNameOf(env: ResolvedEnvironment, request: RoleRequest, trusted: readonly ClusterPlan[], scope: string, findings: Diagnostic[]): string {
  const { spec, sourcePath } = request;
  const values: RoleNameValues = { env: env.name, cluster: request.cluster ?? (trusted.length === 1 ? trusted[0].name : undefined), namespace: spec.namespace, name: spec.name };
  const explicit = spec.roleName !== undefined;
  const template = spec.roleName ?? env.roleNamePrefix;
  const limit = explicit ? ROLE_NAME_MAX : ROLE_NAME_PREFIX_MAX;
  const expanded = expandRoleName(template, values);
  const problem = expanded.includes("{cluster}")
    ? `{cluster} stands for the one cluster a role serves, but ${spec.namespace}/${spec.name} is trusted by ${trusted.map((c) => c.name).join(", ")}: narrow clusters: to one, or leave {cluster} out`
    : expanded === template
      ? undefined
      : !/^[\w+=,.@-]*$/.test(expanded)
        ? `expands to "${expanded}" for ${spec.namespace}/${spec.name}, but a role name may contain only letters, digits and +=,.@_-`
        : expanded.length > limit
          ? `expands to "${expanded}" for ${spec.namespace}/${spec.name}: ${expanded.length} characters, over the limit of ${limit}`
          : undefined;
  if (problem) findings.push({ severity: "error", path: explicit ? [...sourcePath, "roleName"] : [...env.path, "roleNamePrefix"], message: problem });
  return explicit ? expanded : defaultRoleName(expanded, scope, spec.namespace, spec.name);
}

function managedPolicies(roleAddress: string, policyArns: readonly string[]): RolePlan["managedPolicies"] {
  const addresses = attachmentAddresses(roleAddress, policyArns);
  return policyArns.map((arn, i) => ({ arn, address: addresses[i] }));
}

function inlinePolicies(roleAddress: string, policies: readonly NamedPolicy[]): RolePlan["inlinePolicies"] {
  const addresses = inlinePolicyAddresses(roleAddress, policies.map((policy) => policy.name));
  return policies.map((policy, i) => ({ ...policy, address: addresses[i] }));
}

function buildServiceAccount(env: ResolvedEnvironment, spec: ServiceAccountSpec, role: RolePlan, cluster: string, address: string): ServiceAccountPlan {
  const identity: ServiceAccountIdentity = {
    roleArn: role.identity === "pod-identity" ? undefined : role.arn,
    stsRegionalEndpoints: spec.stsRegionalEndpoints ?? env.stsRegionalEndpoints,
    tokenExpiration: spec.tokenExpiration ?? env.tokenExpiration,
    annotations: spec.annotations,
  };
  return {
    address,
    roleAddress: role.address,
    cluster,
    namespace: role.subject.namespace,
    name: role.subject.name,
    identity,
    annotations: sortedRecord(serviceAccountAnnotations(identity)),
    labels: sortedRecord(spec.labels ?? {}),
  };
}

function buildBackend(env: ResolvedEnvironment, backend: BackendSpec): BackendPlan {
  const expand = (value: string) => value.replace(/\{env\}/g, env.name);
  if (backend.cloud) return { kind: "cloud", ...backend.cloud, workspace: expand(backend.cloud.workspace) };
  if (backend.s3) {
    const { bucket, key, region, useLockfile, dynamodbTable, encrypt } = backend.s3;
    return { kind: "s3", bucket, key: expand(key), region: region ?? env.region, useLockfile: useLockfile ?? dynamodbTable === undefined, dynamodbTable, encrypt: encrypt ?? true };
  }
  return { kind: "local", path: expand(backend.local?.path ?? "terraform.{env}.tfstate") };
}

function sortedRecord(record: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
