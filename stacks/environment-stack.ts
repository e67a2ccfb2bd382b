// One Terraform stack per environment, named exactly as the environment key. The plan is mapped to the props
// of the public constructs (lib/constructs): irsa.yaml and library users get the same resources.
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { TerraformOutput, TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import { addBackend } from "../lib/constructs/backend";
import { ClusterConnection } from "../lib/constructs/cluster-connection";
import { IrsaRole } from "../lib/constructs/irsa-role";
import { literal } from "../lib/constructs/literal";
import { sameStackReference } from "../lib/constructs/reference";
import { EksOidcProvider } from "../lib/constructs/oidc-provider";
import { PodIdentityAssociation } from "../lib/constructs/pod-identity-association";
import { PodIdentityRole } from "../lib/constructs/pod-identity-role";
import { checkedByPlan } from "../lib/constructs/props";
import { withPlainResolve } from "./plain-resolve";
import { IrsaServiceAccount } from "../lib/constructs/service-account";
import { existingRole, type IWorkloadRole, type WorkloadRole, type WorkloadRoleProps } from "../lib/constructs/workload-role";
import type { AddonOutputPlan, EnvironmentPlan, RolePlan } from "../lib/model/types";

export class EnvironmentStack extends TerraformStack {
  constructor(scope: Construct, plan: EnvironmentPlan) {
    super(scope, plan.name);
    addBackend(this, plan.backend);
    new AwsProvider(this, "aws", { region: literal(plan.region), allowedAccountIds: [literal(plan.accountId)] });

    const connections = new Map(plan.clusters.map((c) => [c.name, new ClusterConnection(this, c)]));
    const oidcProviders = new Map(
      plan.clusters.map((c) => [
        c.name,
        new EksOidcProvider(this, `oidc-${c.address}`, {
          clusterName: c.name,
          issuerUrl: c.issuerUrl,
          existing: c.oidcProvider === "existing",
          adopt: c.importId !== undefined,
          accountId: plan.accountId,
          partition: plan.partition,
          localName: c.address,
        }),
      ]),
    );
    const roles = new Map(plan.roles.map((role) => [role.address, this.role(plan, role, oidcProviders)]));
    const roleOf = (link: { readonly roleAddress?: string; readonly existingRoleArn?: string }): IWorkloadRole =>
      link.roleAddress !== undefined ? roles.get(link.roleAddress)! : existingRole(link.existingRoleArn ?? "");
    for (const sa of plan.serviceAccounts) {
      const role = roleOf(sa);
      const irsa = sa.identity.roleArn !== undefined;
      new IrsaServiceAccount(this, `sa-${sa.address}`, checkedByPlan({
        namespace: sa.namespace,
        name: sa.name,
        role: irsa ? role : undefined,
        // Pod Identity: no annotation, but pods must still not start before their role exists (if created here).
        dependsOn: irsa || !role.role ? undefined : [role.role],
        provider: connections.get(sa.cluster)!.kubernetesProvider!,
        labels: sa.labels,
        annotations: sa.identity.annotations,
        stsRegionalEndpoints: sa.identity.stsRegionalEndpoints,
        tokenExpiration: sa.identity.tokenExpiration,
        adopt: sa.importId !== undefined,
        localName: sa.address,
      }));
    }
    for (const association of plan.podIdentityAssociations) {
      new PodIdentityAssociation(this, `pia-${association.address}`, checkedByPlan({
        clusterName: association.cluster,
        namespace: association.namespace,
        serviceAccount: association.serviceAccount,
        role: roleOf(association),
        disableSessionTags: association.disableSessionTags,
        targetRoleArn: association.targetRoleArn,
        provider: connections.get(association.cluster)!.awsProvider,
        localName: association.address,
      }));
    }
    if (plan.addons.length) {
      new TerraformOutput(this, "addons", {
        description: "Controller roles: the ARN for aws_eks_addon.service_account_role_arn, or Helm values for the chart",
        value: Object.fromEntries(plan.addons.map((addon) => [literal(addon.key), addonOutput(addon, sameStackReference(roles.get(addon.roleAddress)!.role, "arn"))])),
      });
    }
    new TerraformOutput(this, "roles", {
      description: "IAM role of every workload, keyed <namespace>/<name>",
      value: Object.fromEntries(
        plan.roles.map((role) => {
          const resource = roles.get(role.address)!.role;
          return [literal(role.key), { arn: sameStackReference(resource, "arn"), name: sameStackReference(resource, "name") }];
        }),
      ),
    });
  }

  /**
   * cdktf's prepareStack resolves every element once before synthesis, and throws the result away, only to find
   * references to other stacks (for which it adds outputs and remote state). This stack refers to nothing
   * outside itself: everything it references it built from the plan, in this constructor. The pass (a quarter
   * of synthesizing an environment) would find nothing; choosing the backend is all there is to prepare.
   */
  override prepareStack(): void {
    this.ensureBackendExists();
  }

  /** cdktf's stack JSON, resolved by a walk that leaves plain values to itself (stacks/plain-resolve.ts). */
  override toTerraform(): Record<string, unknown> {
    return withPlainResolve(() => super.toTerraform());
  }

  /** A role of the plan: IRSA only, or Pod Identity (with the IRSA trust it keeps for `both` or a migration). */
  private role(plan: EnvironmentPlan, role: RolePlan, oidcProviders: ReadonlyMap<string, EksOidcProvider>): WorkloadRole {
    const id = `role-${role.address}`;
    const props: WorkloadRoleProps = {
      roleName: role.name,
      path: role.path,
      description: role.description,
      permissionsBoundaryArn: role.permissionsBoundaryArn,
      maxSessionDuration: role.maxSessionDuration,
      tags: role.tags,
      policyArns: role.managedPolicies.map((policy) => policy.arn),
      inlinePolicies: Object.fromEntries(role.inlinePolicies.map((policy) => [policy.name, policy.document])),
      trustPolicyMaxLength: plan.trustPolicyMaxLength,
      // The plan says what exists (import ids); the constructs derive the same ids.
      adopt: role.importId !== undefined ? { inlinePolicies: role.inlinePolicies.filter((policy) => policy.importId !== undefined).map((policy) => policy.name) } : undefined,
      exclusivePolicies: role.exclusivePolicies,
      localName: role.address,
    };
    const trusted = role.oidcTrustClusters.map((name) => oidcProviders.get(name)!);
    const serviceAccounts = role.subjects;
    // irsa.yaml has checked every value already (checkedByPlan), the subject's wildcard included (allowWildcard, IRSA001).
    if (role.identity === "irsa") return new IrsaRole(this, id, checkedByPlan({ ...props, oidcProviders: trusted, serviceAccounts, allowWildcard: true }));
    const association = plan.podIdentityAssociations.find((a) => a.roleAddress === role.address);
    return new PodIdentityRole(this, id, checkedByPlan({
      ...props,
      clusters: role.clusters.map((name) => plan.clusters.find((c) => c.name === name)!).map((c) => ({ clusterArn: c.arn, accountId: c.accountId })),
      serviceAccounts,
      sessionTags: !association?.disableSessionTags,
      oidcProviders: trusted,
    }));
  }
}

function addonOutput(addon: AddonOutputPlan, roleArn: string): Record<string, string> {
  const common = { role_arn: roleArn, service_account: literal(addon.serviceAccount), identity: addon.identity };
  return addon.install.kind === "eks-addon"
    ? { ...common, eks_addon_name: addon.install.addonName }
    : { ...common, helm_chart: addon.install.chart, helm_repository: addon.install.repository, helm_values: literal(addon.helmValues!) };
}
