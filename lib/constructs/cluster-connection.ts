// How Terraform reaches one cluster: its own AWS provider when it lives in another account or region,
// and (only when ServiceAccounts are created in it) a kubernetes provider authenticated with `aws eks get-token`.
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { DataAwsEksCluster } from "@cdktf/provider-aws/lib/data-aws-eks-cluster";
import { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import { Construct } from "constructs";
import { Fn } from "cdktf";
import type { ClusterPlan } from "../model/types";
import { literal } from "./literal";

export class ClusterConnection extends Construct {
  /** AWS provider for the cluster's account and region; undefined = the stack's default provider. */
  readonly awsProvider?: AwsProvider;
  readonly kubernetesProvider?: KubernetesProvider;

  constructor(scope: Construct, cluster: ClusterPlan) {
    super(scope, `cluster-${cluster.address}`);
    const own = cluster.awsProvider;
    if (own) {
      this.awsProvider = new AwsProvider(this, "aws", {
        alias: own.alias,
        region: literal(own.region),
        allowedAccountIds: [literal(own.accountId)],
        assumeRole: own.assumeRoleArn ? [{ roleArn: literal(own.assumeRoleArn) }] : undefined,
      });
    }
    if (!cluster.hasServiceAccounts) return;
    const eks = new DataAwsEksCluster(this, "eks", { name: literal(cluster.name), provider: this.awsProvider });
    eks.overrideLogicalId(cluster.address);
    const getToken = ["eks", "get-token", "--cluster-name", literal(cluster.name), "--region", literal(cluster.region)];
    this.kubernetesProvider = new KubernetesProvider(this, "kubernetes", {
      alias: cluster.address,
      host: eks.endpoint,
      clusterCaCertificate: Fn.base64decode(eks.certificateAuthority.get(0).data),
      exec: [
        {
          apiVersion: "client.authentication.k8s.io/v1beta1",
          command: "aws",
          args: own?.assumeRoleArn ? [...getToken, "--role-arn", literal(own.assumeRoleArn)] : getToken,
        },
      ],
    });
  }
}
