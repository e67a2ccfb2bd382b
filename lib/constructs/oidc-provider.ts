// A cluster's IAM OIDC identity provider, created or read. Always in the environment's account:
// IAM only trusts a provider registered in the role's own account.
import { DataAwsIamOpenidConnectProvider } from "@cdktf/provider-aws/lib/data-aws-iam-openid-connect-provider";
import { IamOpenidConnectProvider } from "@cdktf/provider-aws/lib/iam-openid-connect-provider";
import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import type { ClusterPlan } from "../model/types";
import { STS_AUDIENCE } from "../iam/trust";
import { literal, literalMap } from "./literal";

export class ClusterOidcProvider extends Construct {
  /** What a role trusting this cluster must wait for (IAM refuses a trust naming a missing provider). */
  readonly dependable: ITerraformDependable;

  constructor(scope: Construct, cluster: ClusterPlan) {
    super(scope, `oidc-${cluster.address}`);
    const provider =
      cluster.oidcProvider === "create"
        ? new IamOpenidConnectProvider(this, "provider", { url: literal(cluster.issuerUrl), clientIdList: [STS_AUDIENCE], tags: literalMap({ "eks-cluster": cluster.name }) })
        : new DataAwsIamOpenidConnectProvider(this, "provider", { url: literal(cluster.issuerUrl) });
    provider.overrideLogicalId(cluster.address);
    this.dependable = provider;
  }
}
