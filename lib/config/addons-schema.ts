// The `addons:` block of irsa.yaml: each controller of the catalog (lib/addons) with its own scoping keys
// plus the keys every addon takes.
import { z } from "zod";
import { ADDONS, type ControllerAddon } from "../addons";
import { identity, namespaceName, roleName, roleNameTemplate, serviceAccountName, strictObject } from "./fields";

/** Keys every addon takes besides its own scoping keys. */
export const COMMON_ADDON_SHAPE = {
  namespace: namespaceName.optional(),
  serviceAccountName: serviceAccountName.optional(),
  createServiceAccount: z.boolean().optional(),
  roleName: roleNameTemplate(roleName).optional(),
  /** irsa (default) | pod-identity | both; EKS managed add-ons support Pod Identity too. */
  identity: identity.optional(),
  /** Import the existing role (and ServiceAccount) into state; the controller's policies are created fresh. */
  adopt: z.boolean().optional(),
  /** Remove policies attached to the role outside this stack at the next apply. */
  exclusivePolicies: z.boolean().optional(),
};

export type CommonAddonOptions = z.output<z.ZodObject<typeof COMMON_ADDON_SHAPE>>;

export const COMMON_ADDON_KEYS: readonly string[] = Object.keys(COMMON_ADDON_SHAPE);

/** An addon's own options: its entry under `addons:` without the common keys. */
export const ownAddonOptions = (options: Readonly<Record<string, unknown>>) =>
  Object.fromEntries(Object.entries(options).filter(([key]) => !COMMON_ADDON_KEYS.includes(key)));

/**
 * The schema of `addons.<id>`: the addon's own keys plus the common ones, strict (unknown keys get a
 * did-you-mean against all of them). The addon's own cross-key checks (object-level refinements, such as
 * "at least one of") are re-run on its own keys; the field checks are already part of the merged shape.
 */
export function addonOptionsSchema(addon: ControllerAddon) {
  return strictObject({ ...COMMON_ADDON_SHAPE, ...addon.options.shape }).superRefine((value, context) => {
    const result = addon.options.safeParse(ownAddonOptions(value));
    for (const issue of result.error?.issues ?? []) {
      if (issue.path.length === 0) context.addIssue({ code: "custom", message: issue.message, input: value });
    }
  });
}

/** The schema of the whole `addons:` block: each catalog id, optional. */
export const addonsSchema = strictObject(Object.fromEntries(ADDONS.map((addon) => [addon.id, addonOptionsSchema(addon).optional()])));
