// Turning --env / --role into plan objects; an unknown name is an unusable invocation with a did-you-mean.
import type { EnvironmentPlan, Plan, RolePlan } from "../model/types";
import { didYouMean } from "../config/diagnostics";
import { UsageError } from "../config/load";

export function selectEnvironment(plan: Plan, name: string): EnvironmentPlan {
  const env = plan.environments.find((e) => e.name === name);
  if (env) return env;
  throw unknownEnvironment(plan.file, plan.environments.map((e) => e.name), name);
}

export const unknownEnvironment = (file: string, names: readonly string[], name: string) =>
  new UsageError(`--env ${name}: no such environment in ${file}${didYouMean(name, names)}`);

/**
 * By role name, `<namespace>/<name>` key (`@<cluster>` for per-cluster roles), addon id (when the addon has one
 * role in the environment), or the key of the stack's `addons` output (`clusterAutoscaler@prod-blue`).
 */
export function selectRole(env: EnvironmentPlan, name: string): RolePlan {
  const addonRole = env.addons.find((a) => a.key === name)?.roleAddress;
  const roles = env.roles.filter((r) => r.name === name || r.key === name || r.addon?.id === name || r.address === addonRole);
  if (roles.length === 1) return roles[0];
  if (roles.length > 1) throw new UsageError(`--role ${name}: names ${roles.length} roles of environment ${env.name} (${roles.map((r) => r.key).join(", ")}); give one of these keys`);
  const candidates = [...env.roles.flatMap((r) => [r.name, r.key]), ...env.addons.map((a) => a.key)];
  const hint = candidates.length ? didYouMean(name, candidates) : "; the environment has no roles";
  throw new UsageError(`--role ${name}: no role of environment ${env.name} has this name, <namespace>/<name> key or addons output key${hint}`);
}
