// A Kubernetes ServiceAccount annotated with its IAM role (eks.amazonaws.com/role-arn), created in its cluster
// through that cluster's kubernetes provider.
import type { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import { ServiceAccountV1 } from "@cdktf/provider-kubernetes/lib/service-account-v1";
import { Token, type ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { z } from "zod";
import * as field from "../config/fields";
import { ANNOTATION, serviceAccountAnnotations } from "../eks/service-account";
import { globMatch } from "../iam/glob";
import { literal, literalMap } from "./literal";
import { dependOn } from "./reference";
import { adoptionIds } from "../model/adoption";
import { checkProps, mappedFromPlan, unlessToken } from "./props";
import type { IWorkloadRole } from "./workload-role";

export interface IrsaServiceAccountProps {
  /** Namespace of the ServiceAccount (it must exist). */
  readonly namespace: string;
  /** Name of the ServiceAccount. */
  readonly name: string;
  /**
   * The role the pods assume, written to `eks.amazonaws.com/role-arn`.
   * @default - no role annotation: for a ServiceAccount that gets its role from an EKS Pod Identity association
   */
  readonly role?: IWorkloadRole;
  /** The kubernetes provider of the cluster. @default - the stack's default kubernetes provider */
  readonly provider?: KubernetesProvider;
  /** Labels of the ServiceAccount. @default - none */
  readonly labels?: Readonly<Record<string, string>>;
  /** More annotations; `eks.amazonaws.com/role-arn` is written from `role`. @default - none */
  readonly annotations?: Readonly<Record<string, string>>;
  /** `eks.amazonaws.com/sts-regional-endpoints`: use the regional STS endpoint. @default - not set (the webhook's default) */
  readonly stsRegionalEndpoints?: boolean;
  /** `eks.amazonaws.com/token-expiration` in seconds, 600..86400. @default - not set (86400) */
  readonly tokenExpiration?: number;
  /** Resources the ServiceAccount must wait for, besides `role`. @default - none */
  readonly dependsOn?: readonly ITerraformDependable[];
  /**
   * The ServiceAccount exists (eksctl or a chart created it): the stack carries a Terraform `import` block
   * (`namespace/name`), so the next apply takes it into state instead of failing with AlreadyExists. @default false
   */
  readonly adopt?: boolean;
  /** Terraform local name (`kubernetes_service_account_v1.<localName>`). @default - cdktf's name from the construct path */
  readonly localName?: string;
}

const propsSchema = z.object({
  namespace: unlessToken(field.namespaceName),
  name: unlessToken(field.serviceAccountName),
  labels: unlessToken(field.stringMap.optional()),
  annotations: unlessToken(
    field.stringMap.refine((annotations) => annotations[ANNOTATION.roleArn] === undefined, `must not set ${ANNOTATION.roleArn}: it is written from role`).optional(),
  ),
  tokenExpiration: unlessToken(field.tokenExpiration.optional()),
});

/** A Kubernetes ServiceAccount annotated with the role its pods assume (`kubernetes_service_account_v1`). */
export class IrsaServiceAccount extends Construct {
  /** The ServiceAccount resource. */
  readonly serviceAccount: ServiceAccountV1;
  /** `<namespace>/<name>`. */
  readonly qualifiedName: string;

  constructor(scope: Construct, id: string, props: IrsaServiceAccountProps) {
    super(scope, id);
    checkProps(this, props, propsSchema);
    const mismatch = props.role && untrusted(props.role, props.namespace, props.name);
    if (mismatch) throw new Error(`IrsaServiceAccount ${this.node.path}: role: ${mismatch}`);
    const annotations = serviceAccountAnnotations({
      roleArn: props.role?.roleArn,
      stsRegionalEndpoints: props.stsRegionalEndpoints,
      tokenExpiration: props.tokenExpiration,
      annotations: props.annotations,
    });
    this.serviceAccount = new ServiceAccountV1(this, "sa", {
      provider: props.provider,
      metadata: { name: literal(props.name), namespace: literal(props.namespace), annotations: literalMap(annotations), labels: literalMap(props.labels) },
    });
    // The annotation may name the role by its literal ARN: no reference to wait on.
    dependOn(this.serviceAccount, [...(props.role?.role ? [props.role.role] : []), ...(props.dependsOn ?? [])], mappedFromPlan(props));
    if (props.localName) this.serviceAccount.overrideLogicalId(props.localName);
    if (props.adopt) this.serviceAccount.importFrom(adoptionIds.serviceAccount(props), props.provider);
    this.qualifiedName = `${props.namespace}/${props.name}`;
  }
}

/** Why the role would refuse this ServiceAccount's token (undefined when it admits it or a reference decides). */
function untrusted(role: IWorkloadRole, namespace: string, name: string): string | undefined {
  const subjects = role.serviceAccounts;
  if (!subjects || [namespace, name, ...subjects.flatMap((s) => [s.namespace, s.name])].some((value) => Token.isUnresolved(value))) return undefined;
  if (subjects.some((s) => globMatch(s.namespace, namespace) && globMatch(s.name, name))) return undefined;
  const trusted = subjects.map((s) => `${s.namespace}/${s.name}`).join(", ");
  return `the trust of ${role instanceof Construct ? role.node.path : role.roleName} admits ${trusted}, not ${namespace}/${name}: its pods could not assume the role`;
}
