// The action patterns a plan grants, for loading the AWS action catalog of just those services.
import type { Plan } from "./types";

/** Every action pattern (Action and NotAction) of the plans' inline policies. */
export function actionPatterns(...plans: readonly Plan[]): string[] {
  const statements = plans.flatMap((plan) => plan.environments.flatMap((e) => e.roles.flatMap((r) => r.inlinePolicies.flatMap((p) => p.document.Statement))));
  return statements.flatMap((s) => [s.Action ?? [], s.NotAction ?? []].flat());
}
