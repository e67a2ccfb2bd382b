// Shared data for the catalog tests: contexts, sample options, the upstream reference policies, and a
// canonical form of statements so that documents compare regardless of order and string-vs-list spelling.
import { readFileSync } from "node:fs";
import path from "node:path";
import type { AddonContext, ControllerAddon, NamedPolicy } from "../../lib/addons";
import type { Partition } from "../../lib/iam/arn";
import { toArray, type PolicyDocument, type PolicyStatement } from "../../lib/iam/policy";

export const REFERENCE_DIR = path.resolve(__dirname, "../fixtures/reference-policies");

export const ACCOUNT = "111122223333";
export const REGIONS: Readonly<Record<Partition, string>> = { aws: "us-west-2", "aws-cn": "cn-north-1", "aws-us-gov": "us-gov-west-1" };

export function contextFor(partition: Partition = "aws", clusterNames: readonly string[] = ["prod-blue"]): AddonContext {
  return { partition, accountId: ACCOUNT, region: REGIONS[partition], environment: "prod", clusters: clusterNames.map((name) => ({ name, accountId: ACCOUNT, region: REGIONS[partition] })) };
}

/** Sample ARNs of every scoped kind, in the given partition. */
export function sampleArns(partition: Partition) {
  const region = REGIONS[partition];
  return {
    hostedZones: [`arn:${partition}:route53:::hostedzone/Z0123456789ABC`, `arn:${partition}:route53:::hostedzone/Z9876543210XYZ`],
    kmsKeys: [`arn:${partition}:kms:${region}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`],
    secrets: [`arn:${partition}:secretsmanager:${region}:${ACCOUNT}:secret:dev/orders-*`],
    parameters: [`arn:${partition}:ssm:${region}:${ACCOUNT}:parameter/dev/*`],
    buckets: [`arn:${partition}:s3:::acme-backups`, `arn:${partition}:s3:::acme-models`],
    queues: [`arn:${partition}:sqs:${region}:${ACCOUNT}:node-events`],
    nodeRoles: [`arn:${partition}:iam::${ACCOUNT}:role/KarpenterNodeRole-prod`],
    workspaces: [`arn:${partition}:aps:${region}:${ACCOUNT}:workspace/ws-0123abcd-4567-89ef-0123-456789abcdef`],
  };
}

/** Options that switch on every permission of each controller. Every catalog id must have an entry. */
export function sampleOptions(id: string, partition: Partition = "aws"): Record<string, unknown> {
  const a = sampleArns(partition);
  const samples: Record<string, Record<string, unknown>> = {
    awsLoadBalancerController: {},
    ebsCsiDriver: { kmsKeyArns: a.kmsKeys },
    efsCsiDriver: {},
    externalDns: { hostedZoneArns: a.hostedZones },
    clusterAutoscaler: {},
    karpenter: { nodeRoleArns: a.nodeRoles, interruptionQueueArn: a.queues[0] },
    certManager: { hostedZoneArns: a.hostedZones },
    externalSecrets: { secretsManagerArns: a.secrets, ssmParameterArns: a.parameters, kmsKeyArns: a.kmsKeys },
    vpcCni: { ipFamily: "ipv4" },
    velero: { bucketArns: a.buckets },
    amazonManagedPrometheus: { workspaceArns: a.workspaces, access: "remoteWriteAndQuery" },
    fsxLustreCsiDriver: {},
    mountpointS3CsiDriver: { bucketArns: a.buckets },
    cloudwatchObservability: {},
    nodeTerminationHandler: { queueArns: a.queues },
  };
  const sample = samples[id];
  if (!sample) throw new Error(`no sample options for addon ${id}: add them to test/addons/fixtures.ts`);
  return sample;
}

/** Parse the options with the addon's own schema (as the config loader would) and build its policies. */
export function policiesOf(addon: ControllerAddon, options: Record<string, unknown>, context = contextFor()): readonly NamedPolicy[] {
  return addon.policies(addon.options.parse(options), context);
}

export function statementsOf(policies: readonly NamedPolicy[]): readonly PolicyStatement[] {
  return policies.flatMap((policy) => policy.document.Statement);
}

export function actionsOf(statements: readonly PolicyStatement[]): string[] {
  return [...new Set(statements.flatMap((statement) => toArray(statement.Action)))].sort();
}

/** The statements granting `action`. */
export function grantsOf(statements: readonly PolicyStatement[], action: string): readonly PolicyStatement[] {
  return statements.filter((statement) => toArray(statement.Action).includes(action));
}

export function readReference(file: string): PolicyDocument {
  return JSON.parse(readFileSync(path.join(REFERENCE_DIR, file), "utf8")) as PolicyDocument;
}

/** A reference file with its placeholders (`${AWS::Partition}`, `arn:aws:`, ...) replaced as given. */
export function readReferenceWith(file: string, replacements: Readonly<Record<string, string>>): PolicyDocument {
  let text = readFileSync(path.join(REFERENCE_DIR, file), "utf8");
  for (const [from, to] of Object.entries(replacements)) text = text.split(from).join(to);
  return JSON.parse(text) as PolicyDocument;
}

/** The upstream arn:aws: file moved to another partition. */
export const inPartition = (file: string, partition: Partition) => readReferenceWith(file, { "arn:aws:": `arn:${partition}:` });

/**
 * Canonical form of a statement: every list sorted, single strings as one-element lists, keys in a fixed order.
 * Returns JSON so that lists of statements compare as sorted lists of strings (a multiset).
 */
export function canonical(statement: PolicyStatement, options: { readonly withSid?: boolean } = {}): string {
  const list = (value: unknown) => [...toArray(value as string | readonly string[] | undefined)].map(String).sort();
  const condition = Object.fromEntries(
    Object.entries(statement.Condition ?? {})
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([operator, keys]) => [
        operator,
        Object.fromEntries(
          Object.entries(keys)
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([key, value]) => [key, list(value)])
        ),
      ])
  );
  return JSON.stringify({
    Sid: options.withSid ? statement.Sid : undefined,
    Effect: statement.Effect,
    Action: list(statement.Action),
    NotAction: list(statement.NotAction),
    Resource: list(statement.Resource),
    NotResource: list(statement.NotResource),
    Condition: condition,
  });
}

export const canonicalStatements = (statements: readonly PolicyStatement[], options?: { readonly withSid?: boolean }) =>
  statements.map((statement) => canonical(statement, options)).sort();
