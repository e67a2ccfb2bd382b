// A cdktf stack that defines a blue/green pair of EKS clusters and gives their workloads IAM roles with the
// cdktf-irsa constructs. The issuers and cluster names are Terraform references: the roles' trust is rendered
// by aws_iam_policy_document and follows the clusters, whatever their ids turn out to be.
import { EksAddon } from "@cdktf/provider-aws/lib/eks-addon";
import { EksCluster } from "@cdktf/provider-aws/lib/eks-cluster";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import { Fn, TerraformOutput, TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import { AwsLoadBalancerControllerRole, ClusterAutoscalerRole, EbsCsiDriverRole, EksOidcProvider, ExternalDnsRole, IrsaRole, IrsaServiceAccount } from "cdktf-irsa";

export interface BlueGreenStackProps {
  readonly accountId: string;
  readonly region: string;
  /** Role the EKS control plane runs as. */
  readonly clusterRoleArn: string;
  readonly subnetIds: readonly string[];
  /** The zone ExternalDNS manages. */
  readonly hostedZoneArn: string;
}

export class BlueGreenStack extends TerraformStack {
  constructor(scope: Construct, id: string, props: BlueGreenStackProps) {
    super(scope, id);
    new AwsProvider(this, "aws", { region: props.region, allowedAccountIds: [props.accountId] });

    const colors = ["blue", "green"] as const;
    const clusters = colors.map((color) => {
      const cluster = new EksCluster(this, `${color}-cluster`, {
        name: `prod-${color}`,
        roleArn: props.clusterRoleArn,
        vpcConfig: { subnetIds: [...props.subnetIds] },
      });
      const oidc = new EksOidcProvider(this, `${color}-oidc`, {
        clusterName: cluster.name,
        issuerUrl: cluster.identity.get(0).oidc.get(0).issuer,
        accountId: props.accountId,
      });
      const kubernetes = new KubernetesProvider(this, `${color}-kubernetes`, {
        alias: color,
        host: cluster.endpoint,
        clusterCaCertificate: Fn.base64decode(cluster.certificateAuthority.get(0).data),
        exec: [{ apiVersion: "client.authentication.k8s.io/v1beta1", command: "aws", args: ["eks", "get-token", "--cluster-name", cluster.name, "--region", props.region] }],
      });
      return { color, cluster, oidc, kubernetes };
    });
    const providers = clusters.map((c) => c.oidc);

    // A workload on both clusters: one role, one trust statement per cluster, a ServiceAccount in each.
    const ordersApi = new IrsaRole(this, "orders-api", {
      oidcProviders: providers,
      serviceAccounts: [{ namespace: "orders", name: "orders-api" }],
      roleName: "prod-orders-api",
      policyArns: ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"],
      tags: { team: "orders" },
    });
    for (const { color, kubernetes } of clusters) {
      new IrsaServiceAccount(this, `orders-api-${color}`, { role: ordersApi, namespace: "orders", name: "orders-api", provider: kubernetes });
    }

    // Controllers: shared roles for both clusters, the autoscaler one role per cluster (its policy names the cluster).
    const loadBalancerController = new AwsLoadBalancerControllerRole(this, "lbc", { oidcProviders: providers, roleName: "prod-aws-load-balancer-controller" });
    const externalDns = new ExternalDnsRole(this, "external-dns", { oidcProviders: providers, hostedZoneArns: [props.hostedZoneArn], roleName: "prod-external-dns" });
    const ebsCsi = new EbsCsiDriverRole(this, "ebs-csi", { oidcProviders: providers, roleName: "prod-ebs-csi-driver" });
    for (const { color, cluster, oidc } of clusters) {
      const autoscaler = new ClusterAutoscalerRole(this, `autoscaler-${color}`, { oidcProviders: [oidc], region: props.region, roleName: `prod-${color}-cluster-autoscaler` });
      new TerraformOutput(this, `autoscaler-${color}-helm-values`, { value: autoscaler.helmValues });
      new EksAddon(this, `ebs-csi-${color}`, { clusterName: cluster.name, addonName: "aws-ebs-csi-driver", serviceAccountRoleArn: ebsCsi.roleArn });
    }
    new TerraformOutput(this, "orders-api-role-arn", { value: ordersApi.roleArn });
    new TerraformOutput(this, "aws-load-balancer-controller-helm-values", { value: loadBalancerController.helmValues });
    new TerraformOutput(this, "external-dns-helm-values", { value: externalDns.helmValues });
  }
}
