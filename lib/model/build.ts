// Validated spec -> normalized plan. All naming, trust and policy decisions happen here (and in lib/iam),
// so that the renderer and the analysers see exactly the same roles.
import type { NamedPolicy } from "../addons/addon";
import { addonRoleRequests, helmValues } from "../addons/requests";
import { issuerHost } from "../eks/issuer";
import { arn } from "../iam/arn";
import { INLINE_POLICIES_MAX, policyLength } from "../iam/limits";
import { policyDocument, type PolicyDocument } from "../iam/policy";
import { podIdentityStatement, trustPolicy, webIdentityStatement, isWildcard } from "../iam/trust";
import { ConfigError, type Diagnostic, type PathSegment } from "../config/diagnostics";
import type { LoadedConfig } from "../config/load";
import { clusterRegion, clustersOf, type Identity, type ResolvedEnvironment } from "../config/resolve";
import type { BackendSpec, ServiceAccountSpec } from "../config/schema";
import { defaultRoleName, roleArn, terraformName } from "./names";
import type { BackendPlan, ClusterPlan, EnvironmentPlan, Plan, PodIdentityAssociationPlan, RolePlan, ServiceAccountPlan } from "./types";

/** What a role is asked for with: a service account entry or an addon, both reduced to this. */
export interface RoleRequest {
  readonly sourcePath: readonly PathSegment[];
  readonly spec: ServiceAccountSpec;
  readonly createServiceAccountByDefault: boolean;
  readonly inlinePolicies: readonly NamedPolicy[];
  readonly addon?: RolePlan["addon"];
  /** Set for per-cluster roles (addons whose policy names the cluster): the role serves this cluster only. */
  readonly cluster?: string;
}

export const ANNOTATION = {
  roleArn: "eks.amazonaws.com/role-arn",
  stsRegionalEndpoints: "eks.amazonaws.com/sts-regional-endpoints",
  tokenExpiration: "eks.amazonaws.com/token-expiration",
} as const;

export function buildPlan(config: LoadedConfig): Plan {
  const findings: Diagnostic[] = [...config.warnings];
  const environments = config.environments.map((env) => buildEnvironment(env, findings));
  checkRoleNames(environments, findings);
  const located = findings.map((d) => (d.line ? d : { ...d, ...config.locate(d.path) }));
  if (located.some((d) => d.severity === "error")) throw new ConfigError(config.file, located);
  return { file: config.file, environments, warnings: located };
}

function buildEnvironment(env: ResolvedEnvironment, findings: Diagnostic[]): EnvironmentPlan {
  const requests: RoleRequest[] = [
    ...env.serviceAccounts.map((spec, i) => ({
      sourcePath: [...env.path, "serviceAccounts", i],
      spec,
      createServiceAccountByDefault: true,
      inlinePolicies: spec.policy ? [{ name: "inline", document: policyDocument(spec.policy.Statement as PolicyDocument["Statement"]) }] : [],
    })),
    ...addonRoleRequests(env),
  ];
  const clusterUse = new Set(requests.filter(createsServiceAccount).flatMap((r) => clustersOf(r.spec, env).map((c) => c.name)));
  const clusters = env.clusters.map((c) => buildCluster(env, c, clusterUse.has(c.name)));
  const roles = requests.map((request) => buildRole(env, clusters, request, findings));
  checkSubjects(roles, findings);

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
          roleArn: role.arn,
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
    oidcProviderArn: arn({ partition: env.partition, service: "iam", account: env.accountId, resource: `oidc-provider/${host}` }),
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
  const identity: Identity = spec.identity ?? (request.addon ? "irsa" : env.identity);
  const subject = { namespace: spec.namespace, name: spec.name };
  const trusted = clustersOf(spec, env).map((c) => clusters.find((p) => p.name === c.name)!);
  // A cluster named after its environment (prod-blue in prod) stands for both in per-cluster role names.
  const scope = !request.cluster ? env.name : request.cluster.startsWith(env.name) ? request.cluster : `${env.name}-${request.cluster}`;
  const name = spec.roleName ?? defaultRoleName(env.roleNamePrefix, scope, spec.namespace, spec.name);
  // retainIrsaTrust: mid-migration, pods started before the switch still present web-identity tokens.
  const oidcTrusted = identity !== "pod-identity" || spec.retainIrsaTrust ? trusted : [];
  const statements = [
    ...oidcTrusted.map((c) => webIdentityStatement({ providerArn: c.oidcProviderArn, issuerHost: c.issuerHost }, subject)),
    ...(identity === "irsa" ? [] : [podIdentityStatement(trusted.map((c) => ({ accountId: c.accountId, clusterArn: c.arn })), subject, !spec.disableSessionTags)]),
  ];
  const trust = trustPolicy(statements);
  const length = policyLength(trust);
  if (length > env.trustPolicyMaxLength) {
    findings.push({
      severity: "error",
      rule: "IRSA003",
      path: sourcePath,
      message: `the trust policy of role ${name} is ${length} characters, over the limit of ${env.trustPolicyMaxLength} (IAM's default quota is 2048); trust fewer clusters or raise the account's quota and set trustPolicyMaxLength`,
    });
  }
  const inlineLength = request.inlinePolicies.reduce((sum, policy) => sum + policyLength(policy.document), 0);
  if (inlineLength > INLINE_POLICIES_MAX) {
    findings.push({
      severity: "error",
      path: sourcePath,
      message: `the inline policies of role ${name} are ${inlineLength} characters, over IAM's limit of ${INLINE_POLICIES_MAX} per role; attach managed policies (policyArns) instead`,
    });
  }
  if (identity !== "irsa") findings.push(...podIdentityClusterFindings(env, trusted, identity, [...sourcePath, "identity"]));
  if (identity !== "irsa" && isWildcard(subject)) {
    findings.push({ severity: "error", path: sourcePath, message: "EKS Pod Identity associations need an exact namespace and ServiceAccount name, not a wildcard" });
  }
  if (identity !== "irsa" && spec.disableSessionTags) {
    findings.push({
      severity: "warning",
      path: [...sourcePath, "disableSessionTags"],
      message: `session tags are disabled, so the trust of ${name} cannot check the cluster, namespace or ServiceAccount: any Pod Identity association in account(s) ${[...new Set(trusted.map((c) => c.accountId))].join(", ")} naming this role can use it`,
    });
  }
  const path = env.rolePath;
  const address = request.cluster ? terraformName(request.cluster, spec.namespace, spec.name) : terraformName(spec.namespace, spec.name);
  return {
    address,
    key: request.cluster ? `${spec.namespace}/${spec.name}@${request.cluster}` : `${spec.namespace}/${spec.name}`,
    sourcePath,
    addon: request.addon,
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
    managedPolicies: [...new Set(spec.policyArns ?? [])].map((policyArn) => ({ arn: policyArn, address: attachmentAddress(address, policyArn) })),
    inlinePolicies: request.inlinePolicies.map((policy) => ({ ...policy, address: terraformName(address, policy.name) })),
    suppressions: spec.suppress ?? [],
  };
}

/** role__PolicyName; the account joins in when the name alone is ambiguous (aws vs customer policy). */
function attachmentAddress(roleAddress: string, policyArn: string): string {
  const [, , , , account, resource] = policyArn.split(":");
  return terraformName(roleAddress, account === "aws" ? resource.split("/").pop()! : `${account}-${resource.split("/").pop()!}`);
}

/** Clusters where a Pod Identity association cannot work: Fargate, and clusters of another account. */
function podIdentityClusterFindings(env: ResolvedEnvironment, clusters: readonly ClusterPlan[], identity: Identity, path: readonly PathSegment[]): Diagnostic[] {
  return clusters.flatMap((cluster): Diagnostic[] => {
    if (cluster.accountId !== env.accountId) {
      const message = `cluster "${cluster.name}" is in account ${cluster.accountId}, and EKS Pod Identity only associates roles of the cluster's own account; use identity: irsa for it (its issuer is registered in ${env.accountId}) or narrow clusters:`;
      return [{ severity: "error", path, message }];
    }
    if (!cluster.fargate) return [];
    const message = `cluster "${cluster.name}" runs on Fargate, where EKS Pod Identity is not available`;
    return identity === "pod-identity"
      ? [{ severity: "error", path, message: `${message}; use irsa or narrow clusters:` }]
      : [{ severity: "warning", path, message: `${message}; pods there keep using IRSA` }];
  });
}

/** IAM role names are unique per account, whatever the path and across every stack deploying into it. */
function checkRoleNames(environments: readonly EnvironmentPlan[], findings: Diagnostic[]): void {
  const byName = new Map<string, { role: RolePlan; environment: string }>();
  for (const env of environments) {
    for (const role of env.roles) {
      const key = `${env.accountId}/${role.name.toLowerCase()}`;
      const first = byName.get(key);
      if (!first) {
        byName.set(key, { role, environment: env.name });
        continue;
      }
      const where = first.environment === env.name ? "" : ` in environment ${first.environment}`;
      findings.push({
        severity: "error",
        rule: "IRSA012",
        path: role.sourcePath,
        message: `role name ${role.name} is also the role name of ${first.role.key}${where}; IAM role names are unique per account (case-insensitive): set roleName or roleNamePrefix`,
      });
    }
  }
}

/** One ServiceAccount, one role: an addon must not take over a listed workload's subject. */
function checkSubjects(roles: readonly RolePlan[], findings: Diagnostic[]): void {
  const bySubject = new Map<string, RolePlan>();
  for (const role of roles) {
    for (const cluster of role.clusters) {
      const subject = `${role.subject.namespace}/${role.subject.name} on ${cluster}`;
      const other = bySubject.get(subject);
      if (other) findings.push({ severity: "error", path: role.sourcePath, message: `ServiceAccount ${subject} is also the subject of ${other.key}; one ServiceAccount has one role: remove one or set the addon's serviceAccountName` });
      else bySubject.set(subject, role);
    }
  }
}

function buildServiceAccount(env: ResolvedEnvironment, spec: ServiceAccountSpec, role: RolePlan, cluster: string, address: string): ServiceAccountPlan {
  const stsRegional = spec.stsRegionalEndpoints ?? env.stsRegionalEndpoints;
  const tokenExpiration = spec.tokenExpiration ?? env.tokenExpiration;
  const annotations: Record<string, string> = { ...spec.annotations };
  if (role.identity !== "pod-identity") annotations[ANNOTATION.roleArn] = role.arn;
  if (stsRegional !== undefined) annotations[ANNOTATION.stsRegionalEndpoints] = String(stsRegional);
  if (tokenExpiration !== undefined) annotations[ANNOTATION.tokenExpiration] = String(tokenExpiration);
  return {
    address,
    roleAddress: role.address,
    cluster,
    namespace: role.subject.namespace,
    name: role.subject.name,
    annotations: sortedRecord(annotations),
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
