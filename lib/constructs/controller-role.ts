// IRSA roles of the well-known cluster controllers. The permissions come from the controller catalog
// (lib/addons), the same documents irsa.yaml's `addons:` block gets; the options are that block's keys.
import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import { DataAwsRegion } from "@cdktf/provider-aws/lib/data-aws-region";
import { TerraformStack, Token } from "cdktf";
import type { Construct } from "constructs";
import { z } from "zod";
import { addonById, ADDONS, type AddonContext, type ControllerAddon } from "../addons";
import { helmValues } from "../model/requests";
import * as field from "../config/fields";
import { didYouMean } from "../config/diagnostics";
import { eksIssuerRegion } from "../eks/issuer";
import type { PolicyDocument } from "../iam/policy";
import { IrsaRole, type IrsaRoleProps } from "./irsa-role";
import type { EksOidcProvider } from "./oidc-provider";
import { checkPropsAt, unlessToken } from "./props";
import type { ServiceAccountSubject, WorkloadRoleProps } from "./workload-role";

/** Props of every controller role. */
export interface ControllerRoleBaseProps extends WorkloadRoleProps {
  /** The OIDC providers of the clusters the controller runs on. Per-cluster controllers (Cluster Autoscaler, Karpenter): one. */
  readonly oidcProviders: readonly EksOidcProvider[];
  /** The controller's ServiceAccount. @default - the controller's usual namespace and name (see `irsa addons`) */
  readonly serviceAccount?: Partial<ServiceAccountSubject>;
  /**
   * Region the controller works in, where its policy names one.
   * @default - the region of the first provider's literal EKS issuer URL, else the stack's aws provider's (data aws_region)
   */
  readonly region?: string;
  /**
   * Account the controller works in, where its policy names one.
   * @default - the providers' `accountId`, else the stack's aws provider's (data aws_caller_identity)
   */
  readonly accountId?: string;
  /**
   * For `helmValues`: true when the chart creates the ServiceAccount (annotated with this role), false when you
   * create it (IrsaServiceAccount). @default true
   */
  readonly chartCreatesServiceAccount?: boolean;
}

export interface ControllerRoleProps extends ControllerRoleBaseProps {
  /** Catalog id of the controller, as under `addons:` in irsa.yaml (e.g. `externalSecrets`, `karpenter`). */
  readonly controller: string;
  /** The controller's own scoping keys, as under `addons.<controller>` in irsa.yaml (hosted zones, KMS keys, ...). @default {} */
  readonly options?: Readonly<Record<string, unknown>>;
}

/**
 * The IRSA role of any controller of the catalog (`irsa addons` lists them), with the permissions irsa.yaml's
 * `addons.<controller>` gives it.
 */
export class ControllerRole extends IrsaRole {
  /** The catalog entry. */
  readonly controller: ControllerAddon;
  /** The controller's ServiceAccount. */
  readonly serviceAccount: ServiceAccountSubject;
  /** For Helm-installed controllers: values for `helm install -f` that wire the chart's ServiceAccount to this role. */
  readonly helmValues?: string;

  constructor(scope: Construct, id: string, props: ControllerRoleProps) {
    const { addon, irsaProps } = controllerRoleProps(new.target.name, scope, id, props);
    super(scope, id, irsaProps);
    this.controller = addon;
    this.serviceAccount = irsaProps.serviceAccounts[0];
    const chartCreates = props.chartCreatesServiceAccount ?? true;
    this.helmValues = helmValues(addon, this.serviceAccount.name, !chartCreates, this.roleArn);
  }
}

const propsSchema = z.object({
  controller: z.string().refine((value) => addonById(value) !== undefined, {
    error: (issue) => `unknown controller "${String(issue.input)}"${didYouMean(String(issue.input), ADDONS.map((a) => a.id))}`,
  }),
  oidcProviders: z.array(z.unknown(), { error: "must list the EksOidcProvider of each cluster the controller runs on" }).min(1, "must list at least one EksOidcProvider"),
  region: unlessToken(field.region.optional()),
  accountId: unlessToken(field.accountId.optional()),
});

/** The `options` rule of each controller, built on first use (zod compiles an object schema when it first parses). */
const optionsSchemas = new Map<ControllerAddon, z.ZodType>();
function optionsSchema(addon: ControllerAddon): z.ZodType {
  let schema = optionsSchemas.get(addon);
  if (!schema) optionsSchemas.set(addon, (schema = z.object({ options: unlessToken(addon.options) })));
  return schema;
}

/** Resolves the catalog entry, checks the options with its schema and builds the role's props. */
function controllerRoleProps(constructName: string, scope: Construct, id: string, props: ControllerRoleProps): { addon: ControllerAddon; irsaProps: IrsaRoleProps } {
  const path = scope.node.path ? `${scope.node.path}/${id}` : id;
  checkPropsAt(constructName, path, props, propsSchema);
  const addon = addonById(props.controller)!;
  checkPropsAt(constructName, path, { options: props.options ?? {} }, optionsSchema(addon));
  const providers = props.oidcProviders;
  const options = Token.isUnresolved(JSON.stringify(props.options ?? {})) ? props.options ?? {} : addon.options.parse(props.options ?? {});
  const issuerRegion = (provider: EksOidcProvider) => (Token.isUnresolved(provider.issuerUrl) ? undefined : eksIssuerRegion(provider.issuerUrl));
  const contextWith = (accountId: string, region: string): AddonContext => ({
    partition: providers[0].partition,
    accountId,
    region,
    environment: TerraformStack.of(scope).node.id,
    // Each cluster where it runs: its own account and the region of its literal EKS issuer, else the role's.
    clusters: providers.map((p) => ({ name: p.clusterName, accountId: p.accountId ?? accountId, region: issuerRegion(p) ?? region })),
  });
  const accountId = props.accountId ?? providers.find((p) => p.accountId !== undefined)?.accountId;
  const region = props.region ?? issuerRegion(providers[0]);
  // What the props leave unknown is read from the stack's aws provider, only where the policy names it.
  const named = JSON.stringify(addon.policies(options, contextWith(accountId ?? UNKNOWN.accountId, region ?? UNKNOWN.region)));
  const policies = addon.policies(
    options,
    contextWith(
      accountId ?? (named.includes(UNKNOWN.accountId) ? stackDefault(scope, "accountId") : UNKNOWN.accountId),
      region ?? (named.includes(UNKNOWN.region) ? stackDefault(scope, "region") : UNKNOWN.region),
    ),
  );
  const serviceAccount = { namespace: props.serviceAccount?.namespace ?? addon.defaultNamespace, name: props.serviceAccount?.name ?? addon.defaultServiceAccountName };
  const inlinePolicies: Record<string, PolicyDocument> = { ...Object.fromEntries(policies.map((p) => [p.name, p.document])), ...props.inlinePolicies };
  return { addon, irsaProps: { ...props, serviceAccounts: [serviceAccount], inlinePolicies } };
}

/** AWS Load Balancer Controller (Helm chart aws-load-balancer-controller in kube-system). */
export class AwsLoadBalancerControllerRole extends ControllerRole {
  constructor(scope: Construct, id: string, props: ControllerRoleBaseProps) {
    super(scope, id, { ...props, controller: "awsLoadBalancerController" });
  }
}

export interface EbsCsiDriverRoleProps extends ControllerRoleBaseProps {
  /** Customer managed KMS keys of encrypted volumes. @default - none (AWS managed keys only) */
  readonly kmsKeyArns?: readonly string[];
}

/** Amazon EBS CSI driver (EKS add-on aws-ebs-csi-driver): pass `roleArn` as its `service_account_role_arn`. */
export class EbsCsiDriverRole extends ControllerRole {
  constructor(scope: Construct, id: string, props: EbsCsiDriverRoleProps) {
    const { kmsKeyArns, ...rest } = props;
    super(scope, id, { ...rest, controller: "ebsCsiDriver", options: kmsKeyArns ? { kmsKeyArns } : {} });
  }
}

export interface ExternalDnsRoleProps extends ControllerRoleBaseProps {
  /** The Route 53 hosted zones ExternalDNS may change (never all zones). At least one. */
  readonly hostedZoneArns: readonly string[];
}

/** ExternalDNS with the Route 53 provider, scoped to the listed hosted zones. */
export class ExternalDnsRole extends ControllerRole {
  constructor(scope: Construct, id: string, props: ExternalDnsRoleProps) {
    const { hostedZoneArns, ...rest } = props;
    super(scope, id, { ...rest, controller: "externalDns", options: { hostedZoneArns } });
  }
}

/** Cluster Autoscaler: scales only the Auto Scaling groups tagged as owned by its own cluster (one provider per role). */
export class ClusterAutoscalerRole extends ControllerRole {
  constructor(scope: Construct, id: string, props: ControllerRoleBaseProps) {
    super(scope, id, { ...props, controller: "clusterAutoscaler" });
  }
}

/** Stand for a region or account the props do not give, to see whether a policy names it. */
const UNKNOWN = { accountId: "cdktf-irsa-unknown-account", region: "cdktf-irsa-unknown-region" } as const;

/**
 * The region or account of the stack's default aws provider, read by one data source per stack: what a
 * controller policy names when neither the props nor the providers say it.
 */
function stackDefault(scope: Construct, what: "region" | "accountId"): string {
  const stack = TerraformStack.of(scope);
  const id = `cdktf-irsa-default-${what}`;
  if (what === "region") return ((stack.node.tryFindChild(id) as DataAwsRegion | undefined) ?? new DataAwsRegion(stack, id)).region;
  return ((stack.node.tryFindChild(id) as DataAwsCallerIdentity | undefined) ?? new DataAwsCallerIdentity(stack, id)).accountId;
}
