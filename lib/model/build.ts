// Validated config -> normalized plan. All naming, trust and policy decisions happen here (and in lib/iam),
// so that the renderer and the analysers see exactly the same roles. The checks on the result: ./checks.ts.
import type { NamedPolicy } from "../addons";
import { issuerHost } from "../eks/issuer";
import { arn, oidcProviderArn, roleArnParts } from "../iam/arn";
import { workloadTrust, type Subject } from "../iam/trust";
import { serviceAccountAnnotations, type ServiceAccountIdentity } from "../eks/service-account";
import { ConfigError, type Diagnostic } from "../config/diagnostics";
import { ROLE_NAME_PREFIX_MAX } from "../config/fields";
import type { LoadedConfig } from "../config/load";
import { ROLE_NAME_MAX } from "../iam/limits";
import { clusterRegion, clustersOf, subjectsOf, type ResolvedEnvironment } from "../config/resolve";
import type { BackendSpec } from "../config/schema";
import { adoptionIds } from "./adoption";
import { checkRole, checkRoleNames, checkSubjects, podIdentityFindings } from "./checks";
import { attachmentAddresses, defaultRoleName, expandRoleName, inlinePolicyAddresses, roleArn, terraformName, type RoleNameValues } from "./names";
import { addonRoleRequests, helmValues, serviceAccountRequests, USER_POLICY, type RoleRequest } from "./requests";
import type { BackendPlan, ClusterPlan, EnvironmentPlan, ExistingRolePlan, Plan, PodIdentityAssociationPlan, RolePlan, ServiceAccountPlan } from "./types";

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
  // Each request's role: created here, or an existing one named by roleArn.
  const used = requests.map((request): RolePlan | ExistingRolePlan => {
    if (request.spec.roleArn !== undefined) {
      const role = buildExistingRole(env, request);
      const trusted = role.clusters.map((name) => clusters.find((c) => c.name === name)!);
      findings.push(...podIdentityFindings(env, { ...role, adopt: adopts(env, request) }, trusted, request.spec.disableSessionTags ?? false));
      return role;
    }
    const role = buildRole(env, clusters, request, findings);
    findings.push(...checkRole(env, role, clusters, request.spec.disableSessionTags ?? false));
    return role;
  });
  const roles = used.filter(isCreated);
  const existingRoles = used.filter((role): role is ExistingRolePlan => !isCreated(role));
  findings.push(...checkSubjects(used));

  const serviceAccounts: ServiceAccountPlan[] = [];
  const podIdentityAssociations: PodIdentityAssociationPlan[] = [];
  requests.forEach((request, i) => {
    const role = used[i];
    const link = isCreated(role) ? { roleAddress: role.address } : { existingRoleArn: role.arn };
    for (const cluster of role.clusters) {
      for (const subject of role.subjects) {
        const address = terraformName(cluster, subject.namespace, subject.name);
        if (createsServiceAccount(request)) serviceAccounts.push({ ...buildServiceAccount(env, request, role, subject, cluster, address), ...link });
        if (role.identity !== "irsa") {
          podIdentityAssociations.push({
            address,
            ...link,
            cluster,
            namespace: subject.namespace,
            serviceAccount: subject.name,
            disableSessionTags: request.spec.disableSessionTags,
            targetRoleArn: request.spec.targetRoleArn,
          });
        }
      }
    }
  });
  const addons = requests.flatMap((request, i) => {
    const role = used[i];
    if (!request.addon || !isCreated(role)) return [];
    const [subject] = role.subjects;
    return [{
      key: request.cluster ? `${request.addon.id}@${request.cluster}` : request.addon.id,
      roleAddress: role.address,
      serviceAccount: `${subject.namespace}/${subject.name}`,
      install: request.addon.install,
      identity: role.identity,
      helmValues: helmValues(request.addon, subject.name, createsServiceAccount(request), role.identity === "pod-identity" ? undefined : role.arn),
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
    existingRoles,
    serviceAccounts,
    podIdentityAssociations,
    addons,
  };
}

const isCreated = (role: RolePlan | ExistingRolePlan): role is RolePlan => "trust" in role;

/** adopt: the entry's own value, else the environment's default. */
const adopts = (env: ResolvedEnvironment, request: RoleRequest) => request.spec.adopt ?? env.adopt;

const createsServiceAccount = (request: RoleRequest) => request.spec.createServiceAccount ?? request.createServiceAccountByDefault;

function buildCluster(env: ResolvedEnvironment, cluster: ResolvedEnvironment["clusters"][number], hasServiceAccounts: boolean): ClusterPlan {
  const host = issuerHost(cluster.oidcIssuerUrl);
  const accountId = cluster.accountId ?? env.accountId;
  const region = clusterRegion(cluster, env);
  const needsOwnProvider = accountId !== env.accountId || region !== env.region || cluster.providerRoleArn !== undefined;
  const providerArn = oidcProviderArn(env.partition, env.accountId, host);
  return {
    name: cluster.name,
    address: terraformName(cluster.name),
    issuerUrl: cluster.oidcIssuerUrl,
    issuerHost: host,
    oidcProvider: cluster.oidcProvider ?? "create",
    oidcProviderArn: providerArn,
    accountId,
    region,
    arn: arn({ partition: env.partition, service: "eks", region, account: accountId, resource: `cluster/${cluster.name}` }),
    fargate: cluster.fargate ?? false,
    awsProvider: needsOwnProvider ? { alias: terraformName(cluster.name), region, accountId, assumeRoleArn: cluster.providerRoleArn } : undefined,
    hasServiceAccounts,
    importId: cluster.adopt ? providerArn : undefined,
  };
}

function buildRole(env: ResolvedEnvironment, clusters: readonly ClusterPlan[], request: RoleRequest, findings: Diagnostic[]): RolePlan {
  const { spec, sourcePath } = request;
  const identity = spec.identity ?? (request.addon ? "irsa" : env.identity);
  const subjects = subjectsOf(spec);
  const [first] = subjects;
  const trusted = clustersOf(spec, env).map((c) => clusters.find((p) => p.name === c.name)!);
  // A cluster named after its environment (prod-blue in prod) stands for both in per-cluster role names.
  const scope = !request.cluster ? env.name : request.cluster.startsWith(env.name) ? request.cluster : `${env.name}-${request.cluster}`;
  const name = roleNameOf(env, request, trusted, scope, findings);
  // retainIrsaTrust: mid-migration, pods started before the switch still present web-identity tokens.
  const oidcTrusted = identity !== "pod-identity" || spec.retainIrsaTrust ? trusted : [];
  const trust = workloadTrust({
    subjects,
    oidc: oidcTrusted.map((c) => ({ providerArn: c.oidcProviderArn, issuerHost: c.issuerHost })),
    podIdentity: identity === "irsa" ? undefined : { trustees: trusted.map((c) => ({ accountId: c.accountId, clusterArn: c.arn })), sessionTags: !spec.disableSessionTags },
  });
  const adopt = adopts(env, request);
  const path = env.rolePath;
  const address = request.cluster ? terraformName(request.cluster, first.namespace, first.name) : terraformName(first.namespace, first.name);
  const who = subjects.length === 1 ? `ServiceAccount ${first.namespace}/${first.name}` : `ServiceAccounts ${subjects.map((s) => `${s.namespace}/${s.name}`).join(", ")}`;
  return {
    address,
    key: roleKey(request),
    sourcePath,
    addon: request.addon,
    entry: request.entry,
    description: `${request.addon ? `${request.addon.title}: ` : ""}${who} in ${request.cluster ? `cluster ${request.cluster} of ` : ""}environment ${env.name} (cdktf-irsa)`,
    name,
    path,
    arn: roleArn(env.partition, env.accountId, path, name),
    permissionsBoundaryArn: spec.permissionsBoundaryArn ?? env.permissionsBoundaryArn,
    maxSessionDuration: spec.maxSessionDuration ?? env.maxSessionDuration,
    tags: sortedRecord({ ...env.tags, ...spec.tags }),
    subjects,
    identity,
    clusters: trusted.map((c) => c.name),
    oidcTrustClusters: oidcTrusted.map((c) => c.name),
    trust,
    managedPolicies: managedPolicies(address, [...new Set(spec.policyArns ?? [])]).map((p) => ({ ...p, importId: adopt ? adoptionIds.attachment(name, p.arn) : undefined })),
    // Only the entry's own policy exists on the role being adopted; generated ones (an addon's, target-role) are created.
    inlinePolicies: inlinePolicies(address, request.inlinePolicies).map((p) => ({
      ...p,
      importId: adopt && request.entry && p.name === (request.entry.policyName ?? USER_POLICY) ? adoptionIds.inlinePolicy(name, p.name) : undefined,
    })),
    importId: adopt ? adoptionIds.role(name) : undefined,
    // An adopted role may hold policies attached by hand that are still needed: exclusive only when its own entry says so.
    exclusivePolicies: spec.exclusivePolicies ?? (adopt ? false : env.exclusivePolicies),
    suppressions: spec.suppress ?? [],
  };
}

/**
 * roleName, else roleNamePrefix + the default name, with {env}, {cluster}, {namespace} and {name} expanded for this
 * role. The expansion is checked like a literal name; {cluster} has a value only for a role serving one cluster.
 */
function roleNameOf(env: ResolvedEnvironment, request: RoleRequest, trusted: readonly ClusterPlan[], scope: string, findings: Diagnostic[]): string {
  const { spec, sourcePath } = request;
  const [first] = subjectsOf(spec);
  const values: RoleNameValues = { env: env.name, cluster: request.cluster ?? (trusted.length === 1 ? trusted[0].name : undefined), namespace: first.namespace, name: first.name };
  const explicit = spec.roleName !== undefined;
  const template = spec.roleName ?? env.roleNamePrefix;
  const limit = explicit ? ROLE_NAME_MAX : ROLE_NAME_PREFIX_MAX;
  const expanded = expandRoleName(template, values);
  const problem = expanded.includes("{cluster}")
    ? `{cluster} stands for the one cluster a role serves, but ${first.namespace}/${first.name} is trusted by ${trusted.map((c) => c.name).join(", ")}: narrow clusters: to one, or leave {cluster} out`
    : expanded === template
      ? undefined
      : !/^[\w+=,.@-]*$/.test(expanded)
        ? `expands to "${expanded}" for ${first.namespace}/${first.name}, but a role name may contain only letters, digits and +=,.@_-`
        : expanded.length > limit
          ? `expands to "${expanded}" for ${first.namespace}/${first.name}: ${expanded.length} characters, over the limit of ${limit}`
          : undefined;
  if (problem) findings.push({ severity: "error", path: explicit ? [...sourcePath, "roleName"] : [...env.path, "roleNamePrefix"], message: problem });
  return explicit ? expanded : defaultRoleName(expanded, scope, first.namespace, first.name);
}

/** An entry with roleArn: the role exists elsewhere; only its ARN is used. */
function buildExistingRole(env: ResolvedEnvironment, request: RoleRequest): ExistingRolePlan {
  const { spec, sourcePath } = request;
  const existing = spec.roleArn!;
  return {
    key: roleKey(request),
    sourcePath,
    name: roleArnParts(existing)?.name ?? existing,
    arn: existing,
    subjects: subjectsOf(spec),
    identity: spec.identity ?? env.identity,
    clusters: clustersOf(spec, env).map((c) => c.name),
  };
}

/** `<namespace>/<name>` of the (first) subject, `@<cluster>` for per-cluster roles: the role's key in outputs and CLI. */
function roleKey(request: RoleRequest): string {
  const [first] = subjectsOf(request.spec);
  return `${first.namespace}/${first.name}${request.cluster ? `@${request.cluster}` : ""}`;
}

function managedPolicies(roleAddress: string, policyArns: readonly string[]): RolePlan["managedPolicies"] {
  const addresses = attachmentAddresses(roleAddress, policyArns);
  return policyArns.map((arn, i) => ({ arn, address: addresses[i] }));
}

function inlinePolicies(roleAddress: string, policies: readonly NamedPolicy[]): RolePlan["inlinePolicies"] {
  const addresses = inlinePolicyAddresses(roleAddress, policies.map((policy) => policy.name));
  return policies.map((policy, i) => ({ ...policy, address: addresses[i] }));
}

function buildServiceAccount(
  env: ResolvedEnvironment,
  request: RoleRequest,
  role: RolePlan | ExistingRolePlan,
  subject: Subject,
  cluster: string,
  address: string,
): ServiceAccountPlan {
  const { spec } = request;
  const identity: ServiceAccountIdentity = {
    roleArn: role.identity === "pod-identity" ? undefined : role.arn,
    stsRegionalEndpoints: spec.stsRegionalEndpoints ?? env.stsRegionalEndpoints,
    tokenExpiration: spec.tokenExpiration ?? env.tokenExpiration,
    annotations: spec.annotations,
  };
  return {
    address,
    cluster,
    namespace: subject.namespace,
    name: subject.name,
    identity,
    annotations: sortedRecord(serviceAccountAnnotations(identity)),
    labels: sortedRecord(spec.labels ?? {}),
    importId: adopts(env, request) ? adoptionIds.serviceAccount(subject) : undefined,
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
