// Enabled addons -> role requests for the model: the controller's subject, its policies, and how it is installed.
import { stringify } from "yaml";
import type { RoleRequest } from "../model/build";
import type { ResolvedEnvironment } from "../config/resolve";
import type { ControllerAddon } from "./addon";
import { ADDONS, COMMON_ADDON_SHAPE, type CommonAddonOptions } from "./index";

const COMMON_KEYS = new Set(Object.keys(COMMON_ADDON_SHAPE));

export function addonRoleRequests(env: ResolvedEnvironment): RoleRequest[] {
  return ADDONS.filter((addon) => env.addons[addon.id] !== undefined).flatMap((addon) => {
    const options = env.addons[addon.id] as CommonAddonOptions & Record<string, unknown>;
    const own = Object.fromEntries(Object.entries(options).filter(([key]) => !COMMON_KEYS.has(key)));
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
  const annotations = irsaRoleArn ? { annotations: { "eks.amazonaws.com/role-arn": irsaRoleArn } } : {};
  const settings = createdByUs ? { create: false, name: serviceAccount } : { create: true, name: serviceAccount, ...annotations };
  const path = addon.install.serviceAccountValues ?? ["serviceAccount"];
  return stringify(path.reduceRight<unknown>((value, key) => ({ [key]: value }), settings));
}
