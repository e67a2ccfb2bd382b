// The catalog follows the upstream documents in test/fixtures/reference-policies (see SOURCES.md there):
// none of their actions missing, none added; where upstream has no per-installation values, the whole
// document is identical up to statement order.
import { addonById } from "../../lib/addons";
import { PARTITIONS } from "../../lib/iam/arn";
import {
  ACCOUNT,
  REGIONS,
  actionsOf,
  canonicalStatements,
  contextFor,
  inPartition,
  policiesOf,
  readReference,
  readReferenceWith,
  sampleArns,
  sampleOptions,
  statementsOf,
} from "./fixtures";

const addon = (id: string) => {
  const found = addonById(id);
  if (!found) throw new Error(`addon ${id} is not in the catalog`);
  return found;
};

describe("AWS Load Balancer Controller", () => {
  const files = {
    aws: "aws-load-balancer-controller.json",
    "aws-cn": "aws-load-balancer-controller-cn.json",
    "aws-us-gov": "aws-load-balancer-controller-us-gov.json",
  };

  it.each(PARTITIONS)("renders upstream's %s variant statement for statement", (partition) => {
    const policies = policiesOf(addon("awsLoadBalancerController"), {}, contextFor(partition));
    expect(policies.map((p) => p.name)).toEqual(["main"]);
    expect(canonicalStatements(statementsOf(policies))).toEqual(canonicalStatements(readReference(files[partition]).Statement));
  });

  it("the three upstream variants differ only by partition, so one builder is right for all", () => {
    for (const partition of PARTITIONS) {
      const moved = readReferenceWith(files[partition], { [`arn:${partition}:`]: "arn:aws:" });
      expect(canonicalStatements(moved.Statement)).toEqual(canonicalStatements(readReference(files.aws).Statement));
    }
  });
});

describe("Amazon EBS CSI driver", () => {
  it.each(PARTITIONS)("renders AmazonEBSCSIDriverPolicyV2 in %s, Sids included", (partition) => {
    const policies = policiesOf(addon("ebsCsiDriver"), {}, contextFor(partition));
    expect(policies.map((p) => p.name)).toEqual(["main"]);
    const upstream = inPartition("aws-ebs-csi-driver-AmazonEBSCSIDriverPolicyV2.json", partition);
    expect(canonicalStatements(statementsOf(policies), { withSid: true })).toEqual(
      canonicalStatements(upstream.Statement, { withSid: true })
    );
  });

  it("follows V2, not the older example policy (which adds ec2:DescribeTags)", () => {
    const ours = actionsOf(statementsOf(policiesOf(addon("ebsCsiDriver"), {})));
    const example = actionsOf(readReference("aws-ebs-csi-driver.json").Statement);
    expect(example.filter((action) => !ours.includes(action))).toEqual(["ec2:DescribeTags"]);
  });

  it("adds a kms document only for the given keys", () => {
    const keys = sampleArns("aws").kmsKeys;
    const policies = policiesOf(addon("ebsCsiDriver"), { kmsKeyArns: keys });
    expect(policies.map((p) => p.name)).toEqual(["main", "kms"]);
    const kms = policies[1].document.Statement;
    expect(kms.every((statement) => JSON.stringify(statement.Resource) === JSON.stringify(keys))).toBe(true);
  });
});

describe("Amazon EFS CSI driver", () => {
  it("renders upstream's iam-policy-example.json", () => {
    const policies = policiesOf(addon("efsCsiDriver"), {});
    expect(canonicalStatements(statementsOf(policies))).toEqual(canonicalStatements(readReference("aws-efs-csi-driver.json").Statement));
  });
});

describe.each([
  ["externalDns", ["external-dns.json"]],
  ["clusterAutoscaler", ["cluster-autoscaler.json"]],
  ["certManager", ["cert-manager-route53.json"]],
  ["externalSecrets", ["external-secrets-secrets-manager.json", "external-secrets-parameter-store.json"]],
])("%s", (id, files) => {
  it(`grants exactly the actions of ${files.join(" + ")}`, () => {
    const options = { ...sampleOptions(id) };
    delete options.kmsKeyArns; // External Secrets' KMS statement is ours (customer managed keys), not upstream's
    const upstream = actionsOf(files.flatMap((file) => readReference(file).Statement));
    expect(actionsOf(statementsOf(policiesOf(addon(id), options)))).toEqual(upstream);
  });
});

describe("cert-manager", () => {
  it("keeps upstream's TXT-only condition on record changes", () => {
    const upstream = readReference("cert-manager-route53.json").Statement.find((s) => s.Condition)!;
    const ours = statementsOf(policiesOf(addon("certManager"), sampleOptions("certManager"))).find((s) => s.Condition)!;
    expect(ours.Condition).toEqual(upstream.Condition);
    expect(ours.Action).toEqual(upstream.Action);
  });
});

describe("Karpenter", () => {
  const cluster = "prod-blue";
  const nodeRole = sampleArns("aws").nodeRoles[0];
  const files: Record<string, string> = {
    "node-lifecycle": "karpenter-controller-node-lifecycle.json",
    "iam-integration": "karpenter-controller-iam-integration.json",
    "eks-integration": "karpenter-controller-eks-integration.json",
    interruption: "karpenter-controller-interruption.json",
    "zonal-shift": "karpenter-controller-zonal-shift.json",
    "resource-discovery": "karpenter-controller-resource-discovery.json",
  };
  const upstream = (file: string, partition: (typeof PARTITIONS)[number]) =>
    readReferenceWith(file, {
      "${AWS::Partition}": partition,
      "${AWS::Region}": REGIONS[partition],
      "${AWS::AccountId}": ACCOUNT,
      "${ClusterName}": cluster,
      "${KarpenterNodeRole.Arn}": sampleArns(partition).nodeRoles[0],
      "${KarpenterInterruptionQueue.Arn}": sampleArns(partition).queues[0],
    });

  it.each(PARTITIONS)("renders the six upstream controller policies for one cluster in %s, Sids included", (partition) => {
    const policies = policiesOf(addon("karpenter"), sampleOptions("karpenter", partition), contextFor(partition, [cluster]));
    expect(policies.map((p) => p.name)).toEqual(Object.keys(files));
    for (const policy of policies) {
      expect([policy.name, canonicalStatements(policy.document.Statement, { withSid: true })]).toEqual([
        policy.name,
        canonicalStatements(upstream(files[policy.name], partition).Statement, { withSid: true }),
      ]);
    }
  });

  it("grants exactly the union of the six policies' actions", () => {
    const union = actionsOf(Object.values(files).flatMap((file) => upstream(file, "aws").Statement));
    expect(actionsOf(statementsOf(policiesOf(addon("karpenter"), sampleOptions("karpenter"))))).toEqual(union);
  });

  it("leaves out the interruption policy when no queue is given", () => {
    const policies = policiesOf(addon("karpenter"), { nodeRoleArns: [nodeRole] });
    expect(policies.map((p) => p.name)).not.toContain("interruption");
  });
});
