// The example app, tested as a cdktf user tests theirs: synthesize the stack and check it with cdktf's Testing matchers.
import "cdktf/lib/testing/adapters/jest";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { EksAddon } from "@cdktf/provider-aws/lib/eks-addon";
import { IamOpenidConnectProvider } from "@cdktf/provider-aws/lib/iam-openid-connect-provider";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { ServiceAccountV1 } from "@cdktf/provider-kubernetes/lib/service-account-v1";
import { Testing } from "cdktf";
import { BlueGreenStack } from "./stack";

const stack = new BlueGreenStack(Testing.app(), "blue-green", {
  accountId: "111122223333",
  region: "us-west-2",
  clusterRoleArn: "arn:aws:iam::111122223333:role/eks-cluster",
  subnetIds: ["subnet-1", "subnet-2"],
  hostedZoneArn: "arn:aws:route53:::hostedzone/Z0123456789ABC",
});
const synthesized = Testing.synth(stack);
const json = JSON.parse(synthesized);
const issuerHost = (color: string) => `\${replace(aws_eks_cluster.${color}-cluster.identity[0].oidc[0].issuer, "https://", "")}`;

describe("the blue/green example app", () => {
  it("registers each cluster's issuer as an IAM OIDC provider", () => {
    for (const color of ["blue", "green"]) {
      expect(synthesized).toHaveResourceWithProperties(IamOpenidConnectProvider, {
        url: `\${aws_eks_cluster.${color}-cluster.identity[0].oidc[0].issuer}`,
        client_id_list: ["sts.amazonaws.com"],
      });
    }
  });

  it("trusts orders-api from both clusters: one statement per cluster, sub and aud pinned", () => {
    const role = Object.values<any>(json.resource.aws_iam_role).find((r) => r.name === "prod-orders-api");
    const document = /^\$\{data\.aws_iam_policy_document\.([^.]+)\.json\}$/.exec(role.assume_role_policy)![1];
    const statements = json.data.aws_iam_policy_document[document].statement;
    expect(statements).toHaveLength(2);
    expect(statements.map((s: any) => s.condition)).toEqual(
      ["blue", "green"].map((color) => [
        { test: "StringEquals", variable: `${issuerHost(color)}:sub`, values: ["system:serviceaccount:orders:orders-api"] },
        { test: "StringEquals", variable: `${issuerHost(color)}:aud`, values: ["sts.amazonaws.com"] },
      ]),
    );
    expect(synthesized).toHaveDataSourceWithProperties(DataAwsIamPolicyDocument, {});
    expect(synthesized).toHaveResourceWithProperties(IamRolePolicyAttachment, { policy_arn: "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess" });
  });

  it("creates the ServiceAccount in each cluster, annotated with the role's ARN", () => {
    expect(synthesized).toHaveResourceWithProperties(ServiceAccountV1, {
      provider: "kubernetes.blue",
      metadata: { name: "orders-api", namespace: "orders", annotations: { "eks.amazonaws.com/role-arn": "arn:aws:iam::111122223333:role/prod-orders-api" } },
    });
    expect(synthesized).toHaveResourceWithProperties(ServiceAccountV1, { provider: "kubernetes.green" });
  });

  it("gives the controllers their roles: one autoscaler role per cluster, the EBS CSI add-on wired to its role", () => {
    expect(synthesized).toHaveResourceWithProperties(IamRole, { name: "prod-blue-cluster-autoscaler" });
    expect(synthesized).toHaveResourceWithProperties(IamRole, { name: "prod-green-cluster-autoscaler" });
    expect(synthesized).toHaveResourceWithProperties(IamRole, { name: "prod-aws-load-balancer-controller" });
    expect(synthesized).toHaveResourceWithProperties(EksAddon, {
      cluster_name: "${aws_eks_cluster.green-cluster.name}",
      addon_name: "aws-ebs-csi-driver",
      service_account_role_arn: "arn:aws:iam::111122223333:role/prod-ebs-csi-driver",
    });
    expect(json.output["external-dns-helm-values"].value).toContain("eks.amazonaws.com/role-arn: arn:aws:iam::111122223333:role/prod-external-dns");
  });
});
