// One Terraform stack per environment, named exactly as the environment key.
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { TerraformOutput, TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import { addBackend } from "../lib/constructs/backend";
import { literal } from "../lib/constructs/literal";
import { ClusterConnection } from "../lib/constructs/cluster-connection";
import { ClusterOidcProvider } from "../lib/constructs/oidc-provider";
import { PodIdentityAssociation } from "../lib/constructs/pod-identity-association";
import { WorkloadRole } from "../lib/constructs/workload-role";
import { WorkloadServiceAccount } from "../lib/constructs/workload-service-account";
import type { AddonOutputPlan, EnvironmentPlan } from "../lib/model/types";

export class EnvironmentStack extends TerraformStack {
  constructor(scope: Construct, plan: EnvironmentPlan) {
    super(scope, plan.name);
    addBackend(this, plan.backend);
    new AwsProvider(this, "aws", { region: literal(plan.region), allowedAccountIds: [literal(plan.accountId)] });

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
    if (plan.addons.length) {
      new TerraformOutput(this, "addons", {
        description: "Controller roles: the ARN for aws_eks_addon.service_account_role_arn, or Helm values for the chart",
        value: Object.fromEntries(plan.addons.map((addon) => [literal(addon.key), addonOutput(addon, roles.get(addon.roleAddress)!.arn)])),
      });
    }
    new TerraformOutput(this, "roles", {
      description: "IAM role of every workload, keyed <namespace>/<name>",
      value: Object.fromEntries(plan.roles.map((role) => [literal(role.key), { arn: roles.get(role.address)!.arn, name: roles.get(role.address)!.name }])),
    });
  }
}

function addonOutput(addon: AddonOutputPlan, roleArn: string): Record<string, string> {
  const common = { role_arn: roleArn, service_account: literal(addon.serviceAccount), identity: addon.identity };
  return addon.install.kind === "eks-addon"
    ? { ...common, eks_addon_name: addon.install.addonName }
    : { ...common, helm_chart: addon.install.chart, helm_repository: addon.install.repository, helm_values: literal(addon.helmValues!) };
}
