// The starter irsa.yaml `irsa init` writes. A test proves it validates without findings.
import { RULE_ID } from "../config/rule-ids";
import { serviceAccountSubject, STS_AUDIENCE } from "../iam/trust";

export const STARTER_CONFIG = `# yaml-language-server: $schema=./irsa.schema.json
# irsa.yaml: one IAM role per Kubernetes ServiceAccount on EKS (IRSA and/or EKS Pod Identity).
#
#   irsa schema > irsa.schema.json       editor completion and checks (the first line points at it)
#   irsa validate --config irsa.yaml     schema and lint rules, before anything is deployed
#   irsa explain  --config irsa.yaml     who can assume which role, from which cluster
#   irsa synth    --config irsa.yaml     one Terraform stack per environment in cdktf.out/
version: 1

# Merged into every environment; an environment's own keys win (maps merge, lists replace).
defaults:
  accountId: "111122223333"       # quoted: the account that holds the roles and the OIDC providers
  region: us-west-2
  # rolePath: /eks/
  # permissionsBoundaryArn: arn:aws:iam::111122223333:policy/eks-workload-boundary
  tags:
    managed-by: cdktf-irsa
  # Each role's policies are exactly those listed here: a policy attached by hand is removed at the next apply.
  exclusivePolicies: true
  # State: local unless exactly one of local | cloud | s3 is set.
  # backend:
  #   cloud: { organization: acme, workspace: "irsa-{env}" }

environments:
  # One Terraform stack per environment, named after its key.
  staging:
    clusters:
      - name: staging             # the EKS cluster name
        # aws eks describe-cluster --name staging --query cluster.identity.oidc.issuer --output text
        oidcIssuerUrl: https://oidc.eks.us-west-2.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF
        # oidcProvider: existing  # the issuer is already registered as an IAM OIDC provider
      # Blue/green: list a second cluster; every role is then trusted by both.
      # - name: staging-green
      #   oidcIssuerUrl: https://oidc.eks.us-west-2.amazonaws.com/id/<ID>

    # Roles for well-known controllers (\`irsa addons\` lists them and their options).
    # addons:
    #   awsLoadBalancerController: {}
    #   externalDns: { hostedZoneArns: ["arn:aws:route53:::hostedzone/Z0123456789ABC"] }

    serviceAccounts:
      # The role trusts exactly ${serviceAccountSubject({ namespace: "orders", name: "orders-api" })}, with audience ${STS_AUDIENCE}.
      - name: orders-api
        namespace: orders
        policyArns: ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"]
        # An inline policy: name the actions and the resources (no "*").
        policy:
          Statement:
            - Effect: Allow
              Action: ["sqs:SendMessage"]
              Resource: ["arn:aws:sqs:us-west-2:111122223333:orders"]
        # identity: both          # irsa (default) | pod-identity | both
        # createServiceAccount: false   # role only, when a Helm chart owns the ServiceAccount
        # adopt: true             # the role (roleName) and ServiceAccount exist: import them at the first apply
        # suppress:               # accept a lint finding for this entry, saying why
        #   - { rule: ${RULE_ID.writeOnAnyResource}, reason: "PutMetricData has no resource-level permissions" }
`;
