// The adoption props of the public constructs, as a cdktf app uses them: adopt (Terraform import blocks with
// the providers' import ids), exclusivePolicies, and existingRole for a role managed elsewhere.
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import { TerraformStack, Testing } from "cdktf";
import { EksOidcProvider, existingRole, IrsaRole, IrsaServiceAccount, PodIdentityAssociation } from "../../index";
import { ISSUER_A } from "../support";

const ACCOUNT = "111122223333";
const PROVIDER_ARN = `arn:aws:iam::${ACCOUNT}:oidc-provider/${ISSUER_A.replace("https://", "")}`;
const S3 = "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess";
const QUEUE = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["sqs:SendMessage"], Resource: ["arn:aws:sqs:us-west-2:111122223333:q"] }] } as const;

function newStack() {
  const stack = new TerraformStack(Testing.app(), "prod");
  new AwsProvider(stack, "aws", { region: "us-west-2" });
  const provider = new EksOidcProvider(stack, "blue", { clusterName: "blue", issuerUrl: ISSUER_A, accountId: ACCOUNT, adopt: true, localName: "blue" });
  return { stack, provider };
}
const synth = (stack: TerraformStack) => JSON.parse(Testing.synth(stack)) as Record<string, any>;

describe("adopt", () => {
  it("imports the OIDC provider by ARN, the role by name, its attachments and the inline policies it has", () => {
    const { stack, provider } = newStack();
    const role = new IrsaRole(stack, "api", {
      oidcProviders: [provider],
      serviceAccounts: [{ namespace: "orders", name: "api" }],
      roleName: "legacy-api",
      policyArns: [S3],
      inlinePolicies: { queue: QUEUE, extra: QUEUE },
      adopt: { inlinePolicies: ["queue"] },
      localName: "api",
    });
    new IrsaServiceAccount(stack, "sa", { role, namespace: "orders", name: "api", provider: new KubernetesProvider(stack, "k8s", {}), adopt: true, localName: "sa" });
    expect(synth(stack).import).toEqual([
      { to: "aws_iam_openid_connect_provider.blue", id: PROVIDER_ARN },
      { to: "aws_iam_role.api", id: "legacy-api" },
      { to: "aws_iam_role_policy_attachment.api__AmazonS3ReadOnlyAccess", id: `legacy-api/${S3}` },
      { to: "aws_iam_role_policy.api__queue", id: "legacy-api:queue" },
      { to: "kubernetes_service_account_v1.sa", id: "orders/api", provider: "kubernetes" },
    ]);
  });

  it("throws, naming the construct and the prop, when the import id cannot be known", () => {
    const { stack, provider } = newStack();
    const props = { oidcProviders: [provider], serviceAccounts: [{ namespace: "orders", name: "api" }] };
    expect(() => new IrsaRole(stack, "unnamed", { ...props, adopt: true })).toThrow("IrsaRole prod/unnamed: adopt needs roleName as a literal");
    expect(() => new IrsaRole(stack, "typo", { ...props, roleName: "x", inlinePolicies: { queue: QUEUE }, adopt: { inlinePolicies: ["queu"] } })).toThrow(
      'IrsaRole prod/typo: adopt names inline policy "queu", which is not one of inlinePolicies',
    );
    expect(() => new EksOidcProvider(stack, "read", { clusterName: "blue", issuerUrl: ISSUER_A, accountId: ACCOUNT, existing: true, adopt: true })).toThrow(/EksOidcProvider prod\/read: adopt imports a provider this stack creates/);
  });
});

describe("exclusivePolicies", () => {
  it("adds the role's exclusive attachment and inline policy sets, by reference", () => {
    const { stack, provider } = newStack();
    new IrsaRole(stack, "api", { oidcProviders: [provider], serviceAccounts: [{ namespace: "orders", name: "api" }], policyArns: [S3], inlinePolicies: { queue: QUEUE }, exclusivePolicies: true, localName: "api" });
    const { resource } = synth(stack);
    expect(resource.aws_iam_role_policy_attachments_exclusive).toEqual({ api: { role_name: "${aws_iam_role.api.name}", policy_arns: ["${aws_iam_role_policy_attachment.api__AmazonS3ReadOnlyAccess.policy_arn}"] } });
    expect(resource.aws_iam_role_policies_exclusive).toEqual({ api: { role_name: "${aws_iam_role.api.name}", policy_names: ["${aws_iam_role_policy.api__queue.name}"] } });
  });

  it("keeps two roles' exclusive sets apart when no localName is given", () => {
    const { stack, provider } = newStack();
    for (const name of ["api", "worker"]) {
      new IrsaRole(stack, name, { oidcProviders: [provider], serviceAccounts: [{ namespace: "orders", name }], policyArns: [S3], exclusivePolicies: true });
    }
    const { resource } = synth(stack);
    const roles = Object.values<{ role_name: string }>(resource.aws_iam_role_policy_attachments_exclusive).map((r) => r.role_name);
    expect(roles).toHaveLength(2);
    expect(new Set(roles).size).toBe(2);
    expect(Object.keys(resource.aws_iam_role_policies_exclusive)).toHaveLength(2);
  });
});

describe("existingRole", () => {
  it("is named by the annotation and the association; nothing waits on it", () => {
    const { stack } = newStack();
    const role = existingRole("arn:aws:iam::111122223333:role/team/shared");
    expect(role.roleName).toBe("shared");
    new IrsaServiceAccount(stack, "sa", { role, namespace: "web", name: "api", provider: new KubernetesProvider(stack, "k8s", {}), localName: "sa" });
    new PodIdentityAssociation(stack, "pia", { role, clusterName: "blue", namespace: "web", serviceAccount: "api", localName: "pia" });
    const { resource } = synth(stack);
    expect(resource.kubernetes_service_account_v1.sa.metadata.annotations).toEqual({ "eks.amazonaws.com/role-arn": "arn:aws:iam::111122223333:role/team/shared" });
    expect(resource.kubernetes_service_account_v1.sa.depends_on).toBeUndefined();
    expect(resource.aws_eks_pod_identity_association.pia.role_arn).toBe("arn:aws:iam::111122223333:role/team/shared");
    expect(() => existingRole("arn:aws:iam::111122223333:policy/x")).toThrow(/existingRole: .* is not an IAM role ARN/);
  });
});
