// What a role is asked for with: a serviceAccounts entry or an enabled addon, both reduced to a RoleRequest
// (the controller's subject, its policies, and how it is installed).
import { stringify } from "yaml";
import { ADDONS, type ControllerAddon, type NamedPolicy } from "../addons";
import { ANNOTATION } from "../eks/service-account";
import { policyDocument, type PolicyDocument } from "../iam/policy";
import { ownAddonOptions, type CommonAddonOptions } from "../config/addons-schema";
import type { PathSegment } from "../config/diagnostics";
import type { ResolvedEnvironment } from "../config/resolve";
import type { ServiceAccountSpec } from "../config/schema";
import type { RolePlan } from "./types";

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
    inlinePolicies: spec.policy ? [{ name: "inline", document: policyDocument(spec.policy.Statement as PolicyDocument["Statement"]) }] : [],
  }));
}

export function addonRoleRequests(env: ResolvedEnvironment): RoleRequest[] {
  return ADDONS.filter((addon) => env.addons[addon.id] !== undefined).flatMap((addon) => {
    const options = env.addons[addon.id] as CommonAddonOptions & Record<string, unknown>;
    const own = ownAddonOptions(options);
    const scopes = addon.scope === "cluster" ? env.clusters.map((c) => [c.name]) : [env.clusters.map((c) => c.name)];
    return scopes.map((clusterNames) => ({
      sourcePath: [...env.path, "addons", addon.id],
      spec: {
        name: options.serviceAccountName ?? addon.defaultServiceAccountName,
        namespace: options.namespace ?? addon.defaultNamespace,
        roleName: options.roleName,
        createServiceAccount: options.createServiceAccount,
        identity: options.identity,
        clusters: addon.scope === "cluster" ? clusterNames : undefined,
      },
      cluster: addon.scope === "cluster" ? clusterNames[0] : undefined,
      createServiceAccountByDefault: addon.install.kind !== "eks-addon",
      inlinePolicies: addon.policies(own, { partition: env.partition, accountId: env.accountId, region: env.region, environment: env.name, clusterNames }),
      addon: { id: addon.id, title: addon.title, install: addon.install },
    }));
  });
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
