import "cdktf/lib/testing/adapters/jest";
import { DataAwsEksCluster } from "@cdktf/provider-aws/lib/data-aws-eks-cluster";
import { DataAwsIamOpenidConnectProvider } from "@cdktf/provider-aws/lib/data-aws-iam-openid-connect-provider";
import { EksPodIdentityAssociation } from "@cdktf/provider-aws/lib/eks-pod-identity-association";
import { IamOpenidConnectProvider } from "@cdktf/provider-aws/lib/iam-openid-connect-provider";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import { ServiceAccountV1 } from "@cdktf/provider-kubernetes/lib/service-account-v1";
import { Testing } from "cdktf";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { buildPlan } from "../../lib/model/build";
import { parseConfig } from "../../lib/config/load";
import { EnvironmentStack } from "../../stacks/environment-stack";
import { EXAMPLES, ROOT } from "../support";

function synthExample(name: string, environment: string) {
  const file = join(ROOT, "examples", name);
  const plan = buildPlan(parseConfig(readFileSync(file, "utf8"), file));
  const app = Testing.app();
  const stack = new EnvironmentStack(app, plan.environments.find((e) => e.name === environment)!);
  const synthesized = Testing.synth(stack);
  return { synthesized, json: JSON.parse(synthesized) as Record<string, any> };
}

describe("EnvironmentStack", () => {
  const staging = synthExample("irsa.yaml", "staging");
  const prod = synthExample("irsa.yaml", "prod");
  const platform = synthExample("pod-identity.yaml", "platform");

  it("creates or reads each cluster's OIDC provider with audience sts.amazonaws.com and no thumbprint", () => {
    expect(staging.synthesized).toHaveResourceWithProperties(IamOpenidConnectProvider, {
      url: "https://oidc.eks.us-west-2.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF",
      client_id_list: ["sts.amazonaws.com"],
    });
    expect(staging.json.resource.aws_iam_openid_connect_provider.staging.thumbprint_list).toBeUndefined();
    expect(prod.synthesized).toHaveDataSourceWithProperties(DataAwsIamOpenidConnectProvider, {
      url: "https://oidc.eks.us-west-2.amazonaws.com/id/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
    });
    expect(Object.keys(prod.json.resource.aws_iam_openid_connect_provider)).toEqual(["prod-green"]);
  });

  it("creates one role per workload with a literal trust, its attachments and inline policies", () => {
    expect(staging.synthesized).toHaveResourceWithProperties(IamRole, {
      name: "staging-orders-orders-api",
      path: "/eks/",
      permissions_boundary: "arn:aws:iam::111122223333:policy/eks-workload-boundary",
      max_session_duration: 3600,
      tags: { "managed-by": "cdktf-irsa", owner: "platform" },
    });
    const role = staging.json.resource.aws_iam_role["orders__orders-api"];
    expect(JSON.parse(role.assume_role_policy).Statement[0].Condition.StringEquals).toEqual({
      "oidc.eks.us-west-2.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF:sub": "system:serviceaccount:orders:orders-api",
      "oidc.eks.us-west-2.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF:aud": "sts.amazonaws.com",
    });
    expect(role.assume_role_policy).not.toContain("${");
    expect(role.depends_on).toEqual(["aws_iam_openid_connect_provider.staging"]);
    expect(staging.synthesized).toHaveResourceWithProperties(IamRolePolicyAttachment, {
      role: "${aws_iam_role.orders__orders-api.name}",
      policy_arn: "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess",
    });
    expect(staging.synthesized).toHaveResourceWithProperties(IamRolePolicy, { role: "${aws_iam_role.billing__billing-worker.name}", name: "inline" });
  });

  it("creates each ServiceAccount once per cluster it runs on, through that cluster's provider, annotated with its own role", () => {
    const sas = prod.json.resource.kubernetes_service_account_v1;
    expect(Object.keys(sas).sort()).toEqual([
      "prod-blue__kube-system__cluster-autoscaler",
      "prod-blue__orders__orders-api",
      "prod-green__analytics__reports",
      "prod-green__kube-system__cluster-autoscaler",
      "prod-green__orders__orders-api",
    ]);
    expect(sas["prod-blue__orders__orders-api"].provider).toBe("kubernetes.prod-blue");
    expect(sas["prod-green__analytics__reports"].metadata.annotations).toEqual({
      "eks.amazonaws.com/role-arn": "arn:aws:iam::111122223333:role/eks/prod-analytics-reports",
    });
    expect(staging.synthesized).toHaveResourceWithProperties(ServiceAccountV1, {
      metadata: {
        name: "billing-worker",
        namespace: "billing",
        annotations: {
          "eks.amazonaws.com/role-arn": "arn:aws:iam::111122223333:role/eks/staging-billing-billing-worker",
          "eks.amazonaws.com/sts-regional-endpoints": "true",
          "eks.amazonaws.com/token-expiration": "3600",
        },
        labels: { "app.kubernetes.io/part-of": "billing" },
      },
    });
  });

  it("configures one aliased kubernetes provider per cluster from data aws_eks_cluster and aws eks get-token", () => {
    expect(prod.synthesized).toHaveProviderWithProperties(KubernetesProvider, {
      alias: "prod-green",
      host: "${data.aws_eks_cluster.prod-green.endpoint}",
      cluster_ca_certificate: "${base64decode(data.aws_eks_cluster.prod-green.certificate_authority[0].data)}",
      exec: [{ api_version: "client.authentication.k8s.io/v1beta1", command: "aws", args: ["eks", "get-token", "--cluster-name", "prod-green", "--region", "us-west-2"] }],
    });
    expect(prod.synthesized).toHaveDataSourceWithProperties(DataAwsEksCluster, { name: "prod-blue" });
    expect(prod.synthesized).toHaveProviderWithProperties(AwsProvider, { region: "us-west-2", allowed_account_ids: ["111122223333"] });
  });

  it("renders the Terraform Cloud backend with the environment's workspace and project", () => {
    expect(prod.json.terraform.cloud).toEqual({ organization: "acme", workspaces: { name: "irsa-prod", project: "eks-iam" } });
  });

  it("renders the S3 backend with native locking", () => {
    expect(platform.json.terraform.backend.s3).toEqual({ bucket: "acme-terraform-state", key: "irsa/platform.tfstate", region: "eu-west-1", encrypt: true, use_lockfile: true });
  });

  it("outputs every role's ARN and name keyed <namespace>/<name>", () => {
    expect(prod.json.output.roles.value).toMatchObject({
      "analytics/reports": { arn: "${aws_iam_role.analytics__reports.arn}", name: "${aws_iam_role.analytics__reports.name}" },
      "orders/orders-api": { arn: "${aws_iam_role.orders__orders-api.arn}", name: "${aws_iam_role.orders__orders-api.name}" },
    });
  });

  it("outputs each controller's role with its EKS add-on name or ready Helm values", () => {
    expect(prod.json.output.addons.value.ebsCsiDriver).toEqual({
      role_arn: "${aws_iam_role.kube-system__ebs-csi-controller-sa.arn}",
      service_account: "kube-system/ebs-csi-controller-sa",
      identity: "irsa",
      eks_addon_name: "aws-ebs-csi-driver",
    });
    // EKS managed add-ons create their own ServiceAccount: role only.
    expect(prod.json.resource.kubernetes_service_account_v1["prod-blue__kube-system__ebs-csi-controller-sa"]).toBeUndefined();
    const alb = staging.json.output.addons.value.awsLoadBalancerController;
    expect(alb).toMatchObject({ helm_chart: "aws-load-balancer-controller", helm_repository: "https://aws.github.io/eks-charts" });
    // We create the ServiceAccount, so the chart must not.
    expect(alb.helm_values).toBe("serviceAccount:\n  create: false\n  name: aws-load-balancer-controller\n");
    expect(prod.json.output.addons.value["clusterAutoscaler@prod-green"].helm_values).toBe("rbac:\n  serviceAccount:\n    create: false\n    name: cluster-autoscaler\n");
  });

  it("creates Pod Identity associations per cluster, with pass-through options, and none for IRSA-only roles", () => {
    const associations = platform.json.resource.aws_eks_pod_identity_association;
    expect(Object.keys(associations).sort()).toEqual(["platform-a__finance__exporter", "platform-a__finance__invoices", "platform-a__finance__ledger", "platform-a__shop__checkout"]);
    expect(platform.synthesized).toHaveResourceWithProperties(EksPodIdentityAssociation, {
      cluster_name: "platform-a",
      namespace: "finance",
      service_account: "exporter",
      role_arn: "${aws_iam_role.finance__exporter.arn}",
      target_role_arn: "arn:aws:iam::777788889999:role/ledger-export",
    });
    // pod-identity only: the ServiceAccount exists but carries no role-arn annotation.
    expect(platform.json.resource.kubernetes_service_account_v1["platform-a__finance__ledger"].metadata.annotations).toBeUndefined();
    // Mid-migration: Pod Identity only on the pods, the IRSA trust kept, the role still waits for the provider.
    expect(platform.json.resource.kubernetes_service_account_v1["platform-a__finance__invoices"].metadata.annotations).toBeUndefined();
    expect(platform.json.resource.aws_iam_role["finance__invoices"].depends_on).toEqual(["aws_iam_openid_connect_provider.platform-a"]);
    expect(platform.json.resource.aws_iam_role["finance__ledger"].depends_on).toBeUndefined();
    // both: annotated too.
    expect(platform.json.resource.kubernetes_service_account_v1["platform-a__shop__checkout"].metadata.annotations["eks.amazonaws.com/role-arn"]).toBe(
      "arn:aws:iam::111122223333:role/platform-shop-checkout",
    );
  });

  it("reaches a cluster in another account through an aliased AWS provider that assumes its role", () => {
    expect(platform.synthesized).toHaveProviderWithProperties(AwsProvider, {
      alias: "platform-b",
      region: "eu-central-1",
      allowed_account_ids: ["444455556666"],
      assume_role: [{ role_arn: "arn:aws:iam::444455556666:role/terraform-irsa" }],
    });
    expect(platform.json.data.aws_eks_cluster["platform-b"].provider).toBe("aws.platform-b");
    expect(platform.json.provider.kubernetes.find((p: any) => p.alias === "platform-b").exec[0].args).toContain("--role-arn");
    // The issuer of the other account's cluster is registered in the role's account (default provider).
    expect(platform.json.resource.aws_iam_openid_connect_provider["platform-b"].provider).toBeUndefined();
  });
});

describe("props the stack maps from a plan", () => {
  it("pass the constructs' own checks for every example environment (the checks checkedByPlan lets it skip)", () => {
    jest.isolateModules(() => {
      // The stack with the marker turned off: every construct checks its props again, as for a library user.
      jest.doMock("../../lib/constructs/props", () => ({ ...jest.requireActual("../../lib/constructs/props"), checkedByPlan: <T>(props: T) => props }));
      const { App } = require("cdktf") as typeof import("cdktf");
      const { EnvironmentStack: CheckingStack } = require("../../stacks/environment-stack") as typeof import("../../stacks/environment-stack");
      let stacks = 0;
      for (const file of EXAMPLES) {
        for (const environment of buildPlan(parseConfig(readFileSync(file, "utf8"), file)).environments) {
          expect(() => new CheckingStack(new App({ skipValidation: true }), environment)).not.toThrow();
          stacks++;
        }
      }
      expect(stacks).toBeGreaterThanOrEqual(EXAMPLES.length);
    });
  });

  it("is marked by a function the package does not export: a library user's props are always checked", () => {
    expect(Object.keys(require("../../index") as object)).not.toContain("checkedByPlan");
  });
});
