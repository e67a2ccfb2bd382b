// PLACEHOLDER until the catalog lands: enabled addons -> role requests for the model.
import type { RoleRequest } from "../model/build";
import type { ResolvedEnvironment } from "../spec/resolve";

export function addonRoleRequests(_env: ResolvedEnvironment): RoleRequest[] {
  return [];
}
