// Scoping keys narrow what upstream grants on "*" or on every resource of a type: the generated statements
// name exactly the resources given, and per-cluster conditions name exactly the clusters of the environment.
import { ADDONS, addonById } from "../../lib/addons";
import { PARTITIONS } from "../../lib/iam/arn";
import { toArray, type PolicyStatement } from "../../lib/iam/policy";
import { ACCOUNT, contextFor, grantsOf, policiesOf, sampleArns, sampleOptions, statementsOf } from "./fixtures";

const addon = (id: string) => addonById(id)!;
const arns = sampleArns("aws");
const statements = (id: string, options: Record<string, unknown>, clusters?: readonly string[]) =>
  statementsOf(policiesOf(addon(id), options, contextFor("aws", clusters)));
/** The one statement granting `action`. */
const onlyGrant = (all: readonly PolicyStatement[], action: string) => {
  const grants = grantsOf(all, action);
  expect(grants).toHaveLength(1);
  return grants[0];
};

describe("Route 53 controllers", () => {
  it("ExternalDNS changes records only in the listed zones", () => {
    const all = statements("externalDns", { hostedZoneArns: arns.hostedZones });
    for (const action of ["route53:ChangeResourceRecordSets", "route53:ListResourceRecordSets", "route53:ListTagsForResources"]) {
      expect(onlyGrant(all, action).Resource).toEqual(arns.hostedZones);
    }
  });

  it("cert-manager changes only TXT records, only in the listed zones", () => {
    const all = statements("certManager", { hostedZoneArns: [arns.hostedZones[1]] });
    const change = onlyGrant(all, "route53:ChangeResourceRecordSets");
    expect(change.Resource).toEqual([arns.hostedZones[1]]);
    expect(change.Condition).toEqual({ "ForAllValues:StringEquals": { "route53:ChangeResourceRecordSetsRecordTypes": ["TXT"] } });
    expect(onlyGrant(all, "route53:GetChange").Resource).toBe("arn:aws:route53:::change/*");
  });
});

describe("Cluster Autoscaler", () => {
  const writeActions = ["autoscaling:SetDesiredCapacity", "autoscaling:TerminateInstanceInAutoScalingGroup"];

  it.each([[["prod-blue"]], [["prod-blue", "prod-green"]]])(
    "scales only groups tagged owned by %j, one statement per cluster",
    (clusters) => {
      const all = statements("clusterAutoscaler", {}, clusters);
      for (const action of writeActions) {
        const grants = grantsOf(all, action);
        expect(grants.map((s) => s.Condition)).toEqual(
          clusters.map((cluster) => ({ StringEquals: { [`aws:ResourceTag/k8s.io/cluster-autoscaler/${cluster}`]: "owned" } }))
        );
        for (const grant of grants) {
          expect(grant.Resource).toBe(`arn:aws:autoscaling:us-west-2:${ACCOUNT}:autoScalingGroup:*:autoScalingGroupName/*`);
        }
      }
      expect(new Set(all.map((s) => s.Sid)).size).toBe(all.length);
    }
  );
});

describe("External Secrets", () => {
  it("reads only the listed secrets and parameters, and decrypts only with the listed keys", () => {
    const all = statements("externalSecrets", sampleOptions("externalSecrets"));
    for (const action of ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret", "secretsmanager:GetResourcePolicy"]) {
      expect(onlyGrant(all, action).Resource).toEqual(arns.secrets);
    }
    expect(onlyGrant(all, "ssm:GetParameter*").Resource).toEqual(arns.parameters);
    expect(onlyGrant(all, "kms:Decrypt").Resource).toEqual(arns.kmsKeys);
  });

  it("grants nothing for a provider whose ARNs are not given", () => {
    const all = statements("externalSecrets", { ssmParameterArns: arns.parameters });
    expect(all.flatMap((s) => toArray(s.Action))).toEqual(["ssm:GetParameter*"]);
  });
});

describe("Karpenter", () => {
  const clusters = ["prod-blue", "prod-green"];
  const options = { nodeRoleArns: arns.nodeRoles, interruptionQueueArn: arns.queues[0] };
  const policies = () => policiesOf(addon("karpenter"), options, contextFor("aws", clusters));

  it("passes only the node roles, only to EC2", () => {
    const passRole = onlyGrant(statementsOf(policies()), "iam:PassRole");
    expect(passRole.Resource).toEqual(arns.nodeRoles);
    expect(passRole.Condition).toEqual({ StringEquals: { "iam:PassedToService": ["ec2.amazonaws.com", "ec2.amazonaws.com.cn"] } });
  });

  it("consumes only the interruption queue", () => {
    expect(onlyGrant(statementsOf(policies()), "sqs:ReceiveMessage").Resource).toBe(arns.queues[0]);
  });

  it("repeats each cluster-scoped statement per cluster, naming exactly one cluster in each", () => {
    for (const policy of policies()) {
      const sids = policy.document.Statement.map((s) => s.Sid);
      expect(new Set(sids).size).toBe(sids.length);
      for (const statement of policy.document.Statement) {
        const conditionText = JSON.stringify(statement.Condition ?? {});
        const named = clusters.filter((cluster) => conditionText.includes(`kubernetes.io/cluster/${cluster}"`));
        expect(named.length).toBeLessThanOrEqual(1);
      }
    }
    const tagged = (cluster: string) =>
      statementsOf(policies()).filter((s) => JSON.stringify(s.Condition ?? {}).includes(`kubernetes.io/cluster/${cluster}"`));
    expect(tagged("prod-blue")).toHaveLength(8); // 5 node-lifecycle + 3 instance-profile statements, as upstream per cluster
    expect(tagged("prod-green")).toHaveLength(8);
  });

  it("names every cluster where upstream names its cluster ARN", () => {
    const clusterArns = clusters.map((cluster) => `arn:aws:eks:us-west-2:${ACCOUNT}:cluster/${cluster}`);
    const all = statementsOf(policies());
    expect(onlyGrant(all, "eks:DescribeCluster").Resource).toEqual(clusterArns);
    expect(onlyGrant(all, "arc-zonal-shift:GetManagedResource").Condition).toEqual({
      StringEquals: { "arc-zonal-shift:ResourceIdentifier": clusterArns },
    });
  });
});

describe("S3 buckets, SQS queues and Prometheus workspaces", () => {
  it.each(["velero", "mountpointS3CsiDriver"])("%s lists only the listed buckets and touches only their objects", (id) => {
    const all = statements(id, { bucketArns: arns.buckets });
    expect(onlyGrant(all, "s3:ListBucket").Resource).toEqual(arns.buckets);
    for (const action of ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"]) {
      expect(onlyGrant(all, action).Resource).toEqual(arns.buckets.map((bucket) => `${bucket}/*`));
    }
  });

  it("Node Termination Handler consumes only the listed queues", () => {
    const all = statements("nodeTerminationHandler", { queueArns: arns.queues });
    expect(onlyGrant(all, "sqs:ReceiveMessage").Resource).toEqual(arns.queues);
    expect(onlyGrant(all, "sqs:DeleteMessage").Resource).toEqual(arns.queues);
  });

  it.each([
    ["remoteWrite", ["aps:RemoteWrite"]],
    ["query", ["aps:GetLabels", "aps:GetMetricMetadata", "aps:GetSeries", "aps:QueryMetrics"]],
    [undefined, ["aps:RemoteWrite"]],
  ])("Prometheus access %s grants %j on the listed workspaces only", (access, actions) => {
    const all = statements("amazonManagedPrometheus", { workspaceArns: arns.workspaces, ...(access ? { access } : {}) });
    expect(all.flatMap((s) => toArray(s.Action)).sort()).toEqual(actions);
    for (const statement of all) expect(statement.Resource).toEqual(arns.workspaces);
  });
});

describe("VPC CNI", () => {
  it("follows the IPv6 policy when ipFamily is ipv6", () => {
    const actions = (ipFamily?: string) => statements("vpcCni", ipFamily ? { ipFamily } : {}).flatMap((s) => toArray(s.Action));
    expect(actions("ipv6")).toContain("ec2:AssignIpv6Addresses");
    expect(actions("ipv6")).not.toContain("ec2:AssignPrivateIpAddresses");
    expect(actions()).toEqual(actions("ipv4"));
    expect(actions()).toContain("ec2:AssignPrivateIpAddresses");
  });
});

describe("every controller, every partition", () => {
  const arnsIn = (statement: PolicyStatement) =>
    [
      ...toArray(statement.Resource),
      ...Object.values(statement.Condition ?? {}).flatMap((keys) =>
        Object.values(keys).flatMap((value) => (typeof value === "boolean" ? [] : toArray(value)))
      ),
    ].filter((value) => value.startsWith("arn:"));

  it.each(PARTITIONS)("writes every ARN in %s", (partition) => {
    for (const each of ADDONS) {
      const all = statementsOf(policiesOf(each, sampleOptions(each.id, partition), contextFor(partition, ["blue", "green"])));
      for (const value of all.flatMap(arnsIn)) expect([each.id, value.split(":")[1]]).toEqual([each.id, partition]);
    }
  });

  it("never writes a Sid twice in one document, nor a statement without Action", () => {
    for (const each of ADDONS) {
      for (const policy of policiesOf(each, sampleOptions(each.id), contextFor("aws", ["blue", "green", "canary"]))) {
        const sids = policy.document.Statement.flatMap((s) => (s.Sid ? [s.Sid] : []));
        expect([each.id, policy.name, new Set(sids).size]).toEqual([each.id, policy.name, sids.length]);
        for (const statement of policy.document.Statement) expect(toArray(statement.Action).length).toBeGreaterThan(0);
        for (const sid of sids) expect(sid).toMatch(/^[A-Za-z0-9]+$/);
      }
    }
  });
});
