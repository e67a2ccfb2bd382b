// A cluster's IAM OIDC identity provider, created or read. Register it in the account of the roles that trust
// it: IAM only trusts a provider of the role's own account (for a cluster of another account, register its
// issuer here).
import { DataAwsIamOpenidConnectProvider } from "@cdktf/provider-aws/lib/data-aws-iam-openid-connect-provider";
import { IamOpenidConnectProvider } from "@cdktf/provider-aws/lib/iam-openid-connect-provider";
import type { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Fn, Token } from "cdktf";
import { Construct } from "constructs";
import { z } from "zod";
import * as field from "../config/fields";
import { oidcProviderArn, type Partition } from "../iam/arn";
import { canonicalIssuerUrl, issuerHost } from "../eks/issuer";
import { STS_AUDIENCE, type OidcTrustee } from "../iam/trust";
import { literal, literalMap } from "./literal";
import { checkProps, unlessToken } from "./props";

export interface EksOidcProviderProps {
  /** Name of the EKS cluster whose issuer this is (a literal or a reference such as `cluster.name`). */
  readonly clusterName: string;
  /**
   * The cluster's OIDC issuer URL, `https://oidc.eks.<region>.amazonaws.com/id/<id>`, or a reference such as
   * `cluster.identity.get(0).oidc.get(0).issuer`. With a reference the trust of the roles is rendered by
   * `aws_iam_policy_document`, whose condition keys may be expressions.
   */
  readonly issuerUrl: string;
  /** Read a provider that exists already (data source) instead of creating it. @default false */
  readonly existing?: boolean;
  /**
   * The provider exists and this stack takes it over: a Terraform `import` block (id: its ARN, so `accountId`
   * and a literal `issuerUrl` are required) brings it into state at the next apply. Not with `existing`.
   * @default false
   */
  readonly adopt?: boolean;
  /**
   * The AWS account the provider is registered in: the account of the roles that trust it. When given with
   * a literal issuer URL, the provider's ARN is known at synth and trust policies stay literal JSON.
   * @default - the ARN comes from Terraform (the resource's or data source's `arn`)
   */
  readonly accountId?: string;
  /** Partition of that account. @default "aws" */
  readonly partition?: Partition;
  /** Tags of a created provider, beside `eks-cluster: <clusterName>`. @default - none */
  readonly tags?: Readonly<Record<string, string>>;
  /** AWS provider for the provider's account. @default - the stack's default aws provider */
  readonly provider?: AwsProvider;
  /**
   * Terraform local name of the resource (`aws_iam_openid_connect_provider.<localName>`), to keep its
   * address whatever the construct tree. @default - cdktf's name from the construct path
   */
  readonly localName?: string;
}

const propsSchema = z.object({
  clusterName: unlessToken(field.clusterName),
  issuerUrl: unlessToken(field.issuerUrl),
  accountId: unlessToken(field.accountId.optional()),
  partition: field.partition.optional(),
  tags: unlessToken(field.tags.optional()),
});

/** The IAM OIDC identity provider of an EKS cluster's issuer, created or read; IRSA roles trust it. */
export class EksOidcProvider extends Construct {
  /** The created provider, or the data source that reads an existing one. */
  readonly resource: IamOpenidConnectProvider | DataAwsIamOpenidConnectProvider;
  /** The cluster's name, as given. */
  readonly clusterName: string;
  /** The issuer URL: its canonical spelling when literal, else the reference. */
  readonly issuerUrl: string;
  /** The issuer without `https://`: the provider's name and the prefix of its condition keys. */
  readonly issuerHost: string;
  /** The provider's ARN: literal when `accountId` and a literal issuer are given, else a reference. */
  readonly arn: string;
  /** The account the provider is registered in, when given. */
  readonly accountId?: string;
  /** The partition of that account. */
  readonly partition: Partition;

  constructor(scope: Construct, id: string, props: EksOidcProviderProps) {
    super(scope, id);
    checkProps(this, props, propsSchema);
    this.clusterName = props.clusterName;
    const known = !Token.isUnresolved(props.issuerUrl);
    // The spelling IAM and STS compare byte for byte (irsa.yaml normalises the same way).
    this.issuerUrl = known ? canonicalIssuerUrl(props.issuerUrl) : props.issuerUrl;
    this.accountId = props.accountId;
    this.partition = props.partition ?? "aws";
    const url = literal(this.issuerUrl);
    this.resource = props.existing
      ? new DataAwsIamOpenidConnectProvider(this, "provider", { url, provider: props.provider })
      : new IamOpenidConnectProvider(this, "provider", {
          url,
          clientIdList: [STS_AUDIENCE],
          tags: literalMap({ "eks-cluster": props.clusterName, ...props.tags }),
          provider: props.provider,
        });
    if (props.localName) this.resource.overrideLogicalId(props.localName);
    this.issuerHost = known ? issuerHost(this.issuerUrl) : Fn.replace(props.issuerUrl, "https://", "");
    this.arn =
      known && props.accountId !== undefined && !Token.isUnresolved(props.accountId)
        ? oidcProviderArn(this.partition, props.accountId, this.issuerHost)
        : this.resource.arn;
    if (props.adopt) {
      if (props.existing || Token.isUnresolved(this.arn)) {
        throw new Error(`EksOidcProvider ${this.node.path}: adopt imports a provider this stack creates, by its ARN: it needs accountId and a literal issuerUrl, and not existing`);
      }
      (this.resource as IamOpenidConnectProvider).importFrom(this.arn, props.provider);
    }
  }

  /** What a trust statement names: the provider and the prefix of its condition keys. */
  get trustee(): OidcTrustee {
    return { providerArn: this.arn, issuerHost: this.issuerHost };
  }
}
