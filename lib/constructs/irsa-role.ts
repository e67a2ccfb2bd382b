// An IAM role for Kubernetes ServiceAccounts (IRSA): trusted by the OIDC provider of each cluster that runs
// the ServiceAccounts (blue/green: several), one trust statement per provider.
import type { Construct } from "constructs";
import { z } from "zod";
import * as field from "../config/fields";
import { workloadTrust } from "../iam/trust";
import type { EksOidcProvider } from "./oidc-provider";
import { WorkloadRole, workloadRolePropsShape, type RoleTrust, type ServiceAccountSubject, type WorkloadRoleProps } from "./workload-role";

export interface IrsaRoleProps extends WorkloadRoleProps {
  /** The OIDC providers of the clusters whose ServiceAccount tokens may assume the role; one trust statement each. */
  readonly oidcProviders: readonly EksOidcProvider[];
  /** The ServiceAccounts that may assume it, on every one of those clusters. At least one. */
  readonly serviceAccounts: readonly ServiceAccountSubject[];
  /** Accept globs (`*`, `?`) in namespace or name: StringLike admits every matching ServiceAccount. @default false */
  readonly allowWildcard?: boolean;
}

/** Subjects as irsa.yaml checks them: DNS names, globs only with allowWildcard. */
function subjectsSchema(allowWildcard: boolean) {
  const subject = z
    .object({ namespace: field.subjectPattern("namespace"), name: field.subjectPattern("name") })
    .superRefine((value, ctx) => field.refineWildcardSubject(value, allowWildcard, ctx));
  return z.array(subject, { error: "must list the ServiceAccounts ({ namespace, name }) that may assume the role" }).min(1, "must list at least one ServiceAccount");
}

/** Providers a role can trust: at least one, all registered in the role's account. */
export const oidcProvidersSchema = (min: number) =>
  z
    .array(z.custom<EksOidcProvider>(), { error: "must list the EksOidcProvider of each cluster that may use the role" })
    .min(min, "must list at least one EksOidcProvider")
    .refine((providers) => new Set(providers.map((p) => p.accountId).filter((a) => a !== undefined)).size <= 1, {
      message: "are registered in different accounts; IAM trusts only providers of the role's own account (register each cluster's issuer in it)",
    });

/** What the OIDC providers contribute to a role: their statements' trustees, the account, what to wait for. */
export function oidcTrust(providers: readonly EksOidcProvider[]): Omit<RoleTrust, "document"> {
  return {
    accountId: providers.find((p) => p.accountId !== undefined)?.accountId,
    partition: providers[0]?.partition ?? "aws",
    dependsOn: providers.map((p) => p.resource),
  };
}

/**
 * IrsaRoleProps' rules, built once per `allowWildcard` and reused by every role: zod compiles an object schema
 * on its first parse, which cost more than the check itself when each role built its own.
 */
const propsSchemas = new Map([false, true].map((allowWildcard) => [allowWildcard, z.object({ ...workloadRolePropsShape, oidcProviders: oidcProvidersSchema(1), serviceAccounts: subjectsSchema(allowWildcard) })]));

/** An IAM role that Kubernetes ServiceAccounts assume with their projected token (IRSA), on one or more clusters. */
export class IrsaRole extends WorkloadRole {
  /** The trusted providers. */
  readonly oidcProviders: readonly EksOidcProvider[];
  /** The trusted ServiceAccounts. */
  readonly serviceAccounts: readonly ServiceAccountSubject[];

  constructor(scope: Construct, id: string, props: IrsaRoleProps) {
    super(scope, id, props, propsSchemas.get(Boolean(props.allowWildcard))!, () => ({
      ...oidcTrust(props.oidcProviders),
      document: workloadTrust({ subjects: props.serviceAccounts, oidc: props.oidcProviders.map((p) => p.trustee) }),
    }));
    this.oidcProviders = props.oidcProviders;
    this.serviceAccounts = props.serviceAccounts;
  }
}
