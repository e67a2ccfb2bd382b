// The one interface every controller in the catalog implements. Adding a controller = adding one file
// beside this one and listing it in ./index.ts.
import type { z } from "zod";
import type { Partition } from "../iam/arn";
import type { PolicyDocument } from "../iam/policy";

/** Where a cluster runs: its resources (instances, Auto Scaling groups, the cluster itself) are there. */
export interface ClusterPlace {
  readonly name: string;
  readonly accountId: string;
  readonly region: string;
}

/** What a policy builder may know about the clusters the controller serves. */
export interface AddonContext {
  readonly partition: Partition;
  /**
   * Account and region of the served cluster for per-cluster controllers (scope "cluster"), which may differ
   * from the environment's; the environment's otherwise.
   */
  readonly accountId: string;
  readonly region: string;
  readonly environment: string;
  /** The EKS clusters the controller's role is trusted by, with the account and region each runs in. */
  readonly clusters: readonly ClusterPlace[];
}

/** How the controller is usually installed: decides the default of createServiceAccount and the outputs. */
export type InstallMethod =
  | { readonly kind: "eks-addon"; readonly addonName: string }
  | {
      readonly kind: "helm";
      readonly chart: string;
      readonly repository: string;
      /** Where the chart keeps its ServiceAccount settings (create, name, annotations); default ["serviceAccount"]. */
      readonly serviceAccountValues?: readonly string[];
    };

export interface NamedPolicy {
  /** Short name, unique within the controller, e.g. `main` or `node-lifecycle`. */
  readonly name: string;
  readonly document: PolicyDocument;
}

export interface ControllerAddon<Options = Record<string, unknown>> {
  /** Key under `addons:` in irsa.yaml, e.g. `awsLoadBalancerController`. */
  readonly id: string;
  readonly title: string;
  readonly defaultNamespace: string;
  readonly defaultServiceAccountName: string;
  /**
   * Zod strict object of the controller's own scoping keys (namespace etc. are added by the registry, which
   * needs the object's shape to do so: hence ZodObject, not any ZodType).
   */
  readonly options: z.ZodObject & z.ZodType<Options>;
  /** Upstream policy document this controller's permissions follow. */
  readonly upstream: string;
  readonly install: InstallMethod;
  /**
   * "cluster": the policy names the cluster (its tags), so every cluster gets its own role, trusted by that
   * cluster only: a controller then touches only its own cluster's resources, and blue/green does not
   * multiply the policy. Absent: one role for the environment, trusted by each of its clusters.
   */
  readonly scope?: "cluster";
  /**
   * The controller's permissions, as named documents (Karpenter's upstream splits its policy in six;
   * most controllers have one). Rendered as inline role policies.
   */
  policies(options: Options, context: AddonContext): readonly NamedPolicy[];
}
