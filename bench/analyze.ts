// What a synthesized stack costs at plan time: managed resources, and data sources split into those that
// call a remote API when Terraform refreshes them and those the provider computes locally.

import { readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * Data sources that make no API call at plan time. Everything else is counted as a remote read.
 * - aws_iam_policy_document: renders JSON inside the provider.
 * - aws_partition, aws_region (no arguments): derived from the provider's configured region and endpoints data.
 * - aws_eks_cluster_auth: presigns an STS URL locally.
 * - aws_default_tags: reads the provider configuration.
 */
export const LOCAL_DATA_SOURCES: ReadonlySet<string> = new Set(["aws_iam_policy_document", "aws_partition", "aws_region", "aws_eks_cluster_auth", "aws_default_tags"]);

export interface StackCounts {
  readonly stack: string;
  readonly resources: Readonly<Record<string, number>>;
  readonly remoteData: Readonly<Record<string, number>>;
  readonly localData: Readonly<Record<string, number>>;
  readonly providers: Readonly<Record<string, number>>;
  readonly totalResources: number;
  readonly totalRemote: number;
  readonly totalLocal: number;
}

type Blocks = Record<string, Record<string, unknown>>;

const countBlocks = (blocks: Blocks | undefined): Record<string, number> =>
  Object.fromEntries(Object.entries(blocks ?? {}).map(([type, byName]) => [type, Object.keys(byName).length]));

const sum = (counts: Readonly<Record<string, number>>) => Object.values(counts).reduce((a, b) => a + b, 0);

export function countStack(stack: string, json: { resource?: Blocks; data?: Blocks; provider?: Record<string, unknown[] | unknown> }): StackCounts {
  const resources = countBlocks(json.resource);
  const data = countBlocks(json.data);
  const remoteData = Object.fromEntries(Object.entries(data).filter(([type]) => !LOCAL_DATA_SOURCES.has(type)));
  const localData = Object.fromEntries(Object.entries(data).filter(([type]) => LOCAL_DATA_SOURCES.has(type)));
  const providers = Object.fromEntries(Object.entries(json.provider ?? {}).map(([type, blocks]) => [type, Array.isArray(blocks) ? blocks.length : 1]));
  return { stack, resources, remoteData, localData, providers, totalResources: sum(resources), totalRemote: sum(remoteData), totalLocal: sum(localData) };
}

/** Counts every stack of a JSON synth output folder (manifest.json + stacks/<name>/cdk.tf.json). */
export function countSynthOutput(outDir: string): StackCounts[] {
  const manifest = JSON.parse(readFileSync(join(outDir, "manifest.json"), "utf8")) as { stacks: Record<string, { synthesizedStackPath: string }> };
  return Object.entries(manifest.stacks).map(([name, stack]) => countStack(name, JSON.parse(readFileSync(join(outDir, stack.synthesizedStackPath), "utf8"))));
}

/** Per-type differences between two stacks' resource counts ("" when equal). */
export function resourceDiff(ours: StackCounts, other: StackCounts): string {
  const types = [...new Set([...Object.keys(ours.resources), ...Object.keys(other.resources)])].sort();
  return types
    .filter((t) => (ours.resources[t] ?? 0) !== (other.resources[t] ?? 0))
    .map((t) => `${t} ${ours.resources[t] ?? 0} vs ${other.resources[t] ?? 0}`)
    .join(", ");
}

/**
 * terraform-aws-modules/terraform-aws-iam, modules/iam-role-for-service-accounts-eks (v5.x), per module instance
 * (main.tf + policies.tf): resources aws_iam_role.this, aws_iam_role_policy_attachment.this (one per
 * role_policy_arns entry), and per attach_*_policy an aws_iam_policy + aws_iam_role_policy_attachment; data sources
 * aws_partition.current, aws_caller_identity.current, aws_region.current, aws_iam_policy_document.this and one
 * aws_iam_policy_document per attached controller policy. Only aws_caller_identity calls an API (sts:GetCallerIdentity).
 * The module takes the OIDC provider ARN as input and creates neither the provider nor the ServiceAccount: a stack
 * built from it adds those (and the aws_eks_cluster read for the kubernetes provider) exactly as ours does.
 * It has no inline-policy input: a custom policy is an aws_iam_policy + attachment beside it.
 */
export const MODULE_PER_INSTANCE = {
  remoteData: { aws_caller_identity: 1 },
  localData: { aws_partition: 1, aws_region: 1, aws_iam_policy_document: 1 },
} as const;

export interface ModuleEquivalent {
  readonly instances: number;
  readonly totalResources: number;
  readonly totalRemote: number;
  readonly totalLocal: number;
}

/** The same stack built with one IRSA module instance per role (see MODULE_PER_INSTANCE). */
export function moduleEquivalent(ours: StackCounts): ModuleEquivalent {
  const roles = ours.resources.aws_iam_role ?? 0;
  const inline = ours.resources.aws_iam_role_policy ?? 0;
  const perInstanceRemote = sum(MODULE_PER_INSTANCE.remoteData);
  const perInstanceLocal = sum(MODULE_PER_INSTANCE.localData);
  return {
    instances: roles,
    // each inline policy becomes an aws_iam_policy + an aws_iam_role_policy_attachment
    totalResources: ours.totalResources + inline,
    // the stack's own reads (cluster for the kubernetes provider, existing OIDC providers) + one per instance
    totalRemote: ours.totalRemote + roles * perInstanceRemote,
    // one policy document per instance (trust) + one per custom or controller policy
    totalLocal: ours.totalLocal + roles * perInstanceLocal + inline,
  };
}

export const formatCounts = (counts: Readonly<Record<string, number>>) =>
  Object.entries(counts)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([type, n]) => `${type} ${n}`)
    .join(", ") || "none";
