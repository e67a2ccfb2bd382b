// One Terraform stack per environment, named exactly as the environment key.
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { TerraformOutput, TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import { addBackend } from "../lib/constructs/backend";
import { ClusterConnection } from "../lib/constructs/cluster-connection";
import { ClusterOidcProvider } from "../lib/constructs/oidc-provider";
import { PodIdentityAssociation } from "../lib/constructs/pod-identity-association";
import { WorkloadRole } from "../lib/constructs/workload-role";
import { WorkloadServiceAccount } from "../lib/constructs/workload-service-account";
import type { EnvironmentPlan } from "../lib/model/types";

export class EnvironmentStack extends TerraformStack {
  constructor(scope: Construct, plan: EnvironmentPlan) {
    super(scope, plan.name);
    addBackend(this, plan.backend);
    new AwsProvider(this, "aws", { region: plan.region, allowedAccountIds: [plan.accountId] });

    const connections = new Map(plan.clusters.map((c) => [c.name, new ClusterConnection(this, c)]));
    const oidcProviders = new Map(plan.clusters.map((c) => [c.name, new ClusterOidcProvider(this, c)]));
    const roles = new Map(
      plan.roles.map((role) => {
        const trusted = role.oidcTrustClusters.map((name) => oidcProviders.get(name)!.dependable);
        return [role.address, new WorkloadRole(this, role, trusted).role];
      }),
    );
    for (const sa of plan.serviceAccounts) {
      new WorkloadServiceAccount(this, sa, connections.get(sa.cluster)!.kubernetesProvider!, roles.get(sa.roleAddress)!);
    }
    for (const association of plan.podIdentityAssociations) {
      new PodIdentityAssociation(this, association, roles.get(association.roleAddress)!, connections.get(association.cluster)!.awsProvider);
    }
    new TerraformOutput(this, "roles", {
      description: "IAM role of every workload, keyed <namespace>/<name>",
      value: Object.fromEntries(plan.roles.map((role) => [role.key, { arn: roles.get(role.address)!.arn, name: roles.get(role.address)!.name }])),
    });
  }
}
