// A Kubernetes ServiceAccount of the plan, created in its cluster through that cluster's provider.
import { ServiceAccountV1 } from "@cdktf/provider-kubernetes/lib/service-account-v1";
import type { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import type { ServiceAccountPlan } from "../model/types";
import { literal, literalMap } from "./literal";

export class WorkloadServiceAccount extends Construct {
  constructor(scope: Construct, plan: ServiceAccountPlan, provider: KubernetesProvider, role: ITerraformDependable) {
    super(scope, `sa-${plan.address}`);
    new ServiceAccountV1(this, "sa", {
      provider,
      metadata: {
        name: literal(plan.name),
        namespace: literal(plan.namespace),
        annotations: literalMap(plan.annotations),
        labels: literalMap(plan.labels),
      },
      // The annotation names the role by its literal ARN; pods must not start before the role exists.
      dependsOn: [role],
    }).overrideLogicalId(plan.address);
  }
}
