// What a role is asked for with: a serviceAccounts entry or an enabled addon, both reduced to a RoleRequest
// (the controller's subject, its policies, and how it is installed).
import { stringify } from "yaml";
import { ADDONS, type AddonContext, type ClusterPlace, type ControllerAddon, type NamedPolicy } from "../addons";
import { ANNOTATION } from "../eks/service-account";
import { policyDocument, type PolicyDocument } from "../iam/policy";
import { assumeTargetRoleStatement } from "../iam/trust";
import { ownAddonOptions, type CommonAddonOptions } from "../config/addons-schema";
import type { PathSegment } from "../config/diagnostics";
import { clusterRegion, type ResolvedEnvironment } from "../config/resolve";
import type { ServiceAccountSpec } from "../config/schema";
import type { RolePlan } from "./types";

/** The inline policy holding a serviceAccounts entry's own `policy:` (user-written, unlike the generated ones). */
export const USER_POLICY = "inline";

export interface RoleRequest {
  readonly sourcePath: readonly PathSegment[];
  readonly spec: ServiceAccountSpec;
  /** The serviceAccounts entry itself; absent for an addon. */
  readonly entry?: ServiceAccountSpec;
  readonly createServiceAccountByDefault: boolean;
  readonly inlinePolicies: readonly NamedPolicy[];
  readonly addon?: RolePlan["addon"];
  /** Set for per-cluster roles (addons whose policy names the cluster): the role serves this cluster only. */
  readonly cluster?: string;
}

export function serviceAccountRequests(env: ResolvedEnvironment): RoleRequest[] {
  return env.serviceAccounts.map((spec, i) => ({
    sourcePath: [...env.path, "serviceAccounts", i],
    spec,
    entry: spec,
    createServiceAccountByDefault: true,
    inlinePolicies: [
      ...(spec.policy ? [{ name: spec.policyName ?? USER_POLICY, document: policyDocument(spec.policy.Statement as PolicyDocument["Statement"]) }] : []),
      ...(spec.targetRoleArn ? [{ name: "target-role", document: policyDocument([assumeTargetRoleStatement(spec.targetRoleArn)]) }] : []),
    ],
  }));
}

export function addonRoleRequests(env: ResolvedEnvironment): RoleRequest[] {
  return ADDONS.filter((addon) => env.addons[addon.id] !== undefined).flatMap((addon) => {
    const options = env.addons[addon.id] as CommonAddonOptions & Record<string, unknown>;
    const own = ownAddonOptions(options);
    const places: ClusterPlace[] = env.clusters.map((c) => ({ name: c.name, accountId: c.accountId ?? env.accountId, region: clusterRegion(c, env) }));
    const scopes = addon.scope === "cluster" ? places.map((place) => [place]) : [places];
    return scopes.map((clusters) => ({
      sourcePath: [...env.path, "addons", addon.id],
      spec: {
        name: options.serviceAccountName ?? addon.defaultServiceAccountName,
        namespace: options.namespace ?? addon.defaultNamespace,
        roleName: options.roleName,
        createServiceAccount: options.createServiceAccount,
        identity: options.identity,
        adopt: options.adopt,
        exclusivePolicies: options.exclusivePolicies,
        clusters: addon.scope === "cluster" ? [clusters[0].name] : undefined,
      },
      cluster: addon.scope === "cluster" ? clusters[0].name : undefined,
      createServiceAccountByDefault: addon.install.kind !== "eks-addon",
      inlinePolicies: addon.policies(own, addonContext(env, addon.scope === "cluster" ? clusters[0] : undefined, clusters)),
      addon: { id: addon.id, title: addon.title, install: addon.install },
    }));
  });
}

/** A per-cluster controller works where its cluster is; the others in the environment's account and region. */
function addonContext(env: ResolvedEnvironment, served: ClusterPlace | undefined, clusters: readonly ClusterPlace[]): AddonContext {
  const { accountId, region } = served ?? env;
  return { partition: env.partition, accountId, region, environment: env.name, clusters };
}

/**
 * The Helm values that wire a chart's ServiceAccount to the role: when we create the ServiceAccount the chart
 * must not; when the chart owns it, the chart writes the IRSA annotation (Pod Identity needs none).
 */
export function helmValues(addon: Pick<ControllerAddon, "install">, serviceAccount: string, createdByUs: boolean, irsaRoleArn: string | undefined): string | undefined {
  if (addon.install.kind !== "helm") return undefined;
  const annotations = irsaRoleArn ? { annotations: { [ANNOTATION.roleArn]: irsaRoleArn } } : {};
  const settings = createdByUs ? { create: false, name: serviceAccount } : { create: true, name: serviceAccount, ...annotations };
  const path = addon.install.serviceAccountValues ?? ["serviceAccount"];
  return stringify(path.reduceRight<unknown>((value, key) => ({ [key]: value }), settings));
}
