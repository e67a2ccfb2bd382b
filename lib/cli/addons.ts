// irsa addons: the controller catalog (ids for `addons:`, default subjects, install method, own options).
import { z } from "zod";
import { ADDONS, type ControllerAddon } from "../addons";
import { COMMON_ADDON_KEYS } from "../config/addons-schema";
import { EXIT, type CliIo } from "./io";
import { styleFor } from "./style";
import { table } from "./table";

export interface AddonOption {
  readonly name: string;
  readonly required: boolean;
  readonly type: string;
  readonly description?: string;
}

export interface AddonEntry {
  readonly id: string;
  readonly title: string;
  readonly subject: string;
  readonly install: string;
  readonly options: readonly AddonOption[];
  readonly upstream: string;
}

export function addonCatalog(): AddonEntry[] {
  return ADDONS.map((addon) => ({
    id: addon.id,
    title: addon.title,
    subject: `${addon.defaultNamespace}/${addon.defaultServiceAccountName}`,
    install: addon.install.kind === "eks-addon" ? `EKS add-on ${addon.install.addonName}` : `Helm chart ${addon.install.chart} (${addon.install.repository})`,
    options: optionsOf(addon),
    upstream: addon.upstream,
  }));
}

interface JsonSchemaObject {
  readonly properties?: Record<string, { type?: string; items?: { type?: string }; description?: string; anyOf?: unknown[] }>;
  readonly required?: readonly string[];
}

function optionsOf(addon: ControllerAddon): AddonOption[] {
  const schema = z.toJSONSchema(addon.options, { unrepresentable: "any", io: "input" }) as JsonSchemaObject;
  return Object.entries(schema.properties ?? {}).map(([name, property]) => ({
    name,
    required: schema.required?.includes(name) ?? false,
    type: property.type === "array" ? `${property.items?.type ?? "any"}[]` : (property.type ?? "any"),
    ...(property.description ? { description: property.description } : {}),
  }));
}

export function addonsCommand(args: { readonly json: boolean }, io: CliIo): number {
  const catalog = addonCatalog();
  if (args.json) {
    io.out(JSON.stringify(catalog, null, 2));
    return EXIT.ok;
  }
  const style = styleFor(io);
  const options = (entry: AddonEntry) => entry.options.map((o) => `${o.name}${o.required ? "*" : ""}`).join(", ") || "-";
  const rows = table([["ID", "CONTROLLER", "DEFAULT SUBJECT", "INSTALL", "OPTIONS"].map(style.dim), ...catalog.map((e) => [style.bold(e.id), e.title, e.subject, e.install, options(e)])]);
  io.out(
    [
      ...rows,
      "",
      `* required. Every addon also takes ${COMMON_ADDON_KEYS.slice(0, -1).join(", ")} and ${COMMON_ADDON_KEYS.at(-1)}.`,
      "Enable one under an environment:   addons: { awsLoadBalancerController: {} }",
    ].join("\n"),
  );
  return EXIT.ok;
}
