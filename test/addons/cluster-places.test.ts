// Controllers work where their cluster is. The environment is in us-east-1 of account 999988887777; cluster
// "far" runs in us-west-2 of account 111122223333 (its issuer is registered in the environment's account).
// The IAM evaluator judges the roles' permission policies on the far cluster's resources.
import { stringify } from "yaml";
import { ADDONS } from "../../lib/addons";
import { evaluate, type RequestContext } from "../../lib/iam/evaluate";
import type { RolePlan } from "../../lib/model/types";
import { planOf } from "../support";
import { ACCOUNT as FAR_ACCOUNT, REGIONS, sampleOptions } from "./fixtures";

const ENV_ACCOUNT = "999988887777";
const ENV_REGION = "us-east-1";
const FAR_REGION = REGIONS.aws;

const plan = planOf(
  stringify({
    version: 1,
    defaults: { accountId: ENV_ACCOUNT, region: ENV_REGION },
    environments: {
      prod: {
        clusters: [
          {
            name: "far",
            oidcIssuerUrl: `https://oidc.eks.${FAR_REGION}.amazonaws.com/id/FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF`,
            accountId: FAR_ACCOUNT,
            providerRoleArn: `arn:aws:iam::${FAR_ACCOUNT}:role/terraform`,
          },
        ],
        addons: Object.fromEntries(ADDONS.map((addon) => [addon.id, sampleOptions(addon.id)])),
      },
    },
  }),
);
const [env] = plan.environments;
const roleOf = (id: string): RolePlan => env.roles.find((role) => role.addon?.id === id)!;

function allows(role: RolePlan, request: RequestContext): boolean {
  const decisions = role.inlinePolicies.map((policy) => evaluate(policy.document, request).decision);
  return !decisions.includes("explicit-deny") && decisions.includes("allow");
}

/** The same request on the far cluster's resource and on the same resource in the environment's place. */
function whereAllowed(role: RolePlan, action: string, resource: (region: string, account: string) => string, keys: RequestContext["keys"] = {}) {
  return {
    far: allows(role, { action, resource: resource(FAR_REGION, FAR_ACCOUNT), keys }),
    environment: allows(role, { action, resource: resource(ENV_REGION, ENV_ACCOUNT), keys }),
  };
}

const group = (region: string, account: string) => `arn:aws:autoscaling:${region}:${account}:autoScalingGroup:1a2b3c4d-0000-1111-2222-333344445555:autoScalingGroupName/far-ng-1`;
const instance = (region: string, account: string) => `arn:aws:ec2:${region}:${account}:instance/i-0123456789abcdef0`;
const cluster = (region: string, account: string) => `arn:aws:eks:${region}:${account}:cluster/far`;

describe("controllers on a cluster in another region and account", () => {
  it("Cluster Autoscaler scales the far cluster's own groups, not groups where the environment is", () => {
    const keys = { "aws:ResourceTag/k8s.io/cluster-autoscaler/far": "owned" };
    expect(whereAllowed(roleOf("clusterAutoscaler"), "autoscaling:SetDesiredCapacity", group, keys)).toEqual({ far: true, environment: false });
    expect(whereAllowed(roleOf("clusterAutoscaler"), "autoscaling:TerminateInstanceInAutoScalingGroup", group, keys)).toEqual({ far: true, environment: false });
  });

  it("Karpenter describes the far cluster and launches and terminates its nodes there", () => {
    const karpenter = roleOf("karpenter");
    expect(whereAllowed(karpenter, "eks:DescribeCluster", cluster)).toEqual({ far: true, environment: false });
    const owned = { "aws:ResourceTag/kubernetes.io/cluster/far": "owned", "aws:ResourceTag/karpenter.sh/nodepool": "default" };
    expect(whereAllowed(karpenter, "ec2:TerminateInstances", instance, owned)).toEqual({ far: true, environment: false });
    const launch = { "aws:RequestTag/kubernetes.io/cluster/far": "owned", "aws:RequestTag/eks:eks-cluster-name": "far", "aws:RequestTag/karpenter.sh/nodepool": "default" };
    expect(whereAllowed(karpenter, "ec2:RunInstances", instance, launch)).toEqual({ far: true, environment: false });
    const profile = (_region: string, account: string) => `arn:aws:iam::${account}:instance-profile/far_123`;
    const profileTags = {
      "aws:RequestTag/kubernetes.io/cluster/far": "owned",
      "aws:RequestTag/eks:eks-cluster-name": "far",
      "aws:RequestTag/topology.kubernetes.io/region": FAR_REGION,
      "aws:RequestTag/karpenter.k8s.aws/ec2nodeclass": "default",
    };
    expect(whereAllowed(karpenter, "iam:CreateInstanceProfile", profile, profileTags)).toEqual({ far: true, environment: false });
    const regional = { action: "ec2:DescribeSubnets", resource: "*" };
    expect(allows(karpenter, { ...regional, keys: { "aws:RequestedRegion": FAR_REGION } })).toBe(true);
    expect(allows(karpenter, { ...regional, keys: { "aws:RequestedRegion": ENV_REGION } })).toBe(false);
  });

  it("Node Termination Handler completes lifecycle actions of the far cluster's groups", () => {
    expect(whereAllowed(roleOf("nodeTerminationHandler"), "autoscaling:CompleteLifecycleAction", group)).toEqual({ far: true, environment: false });
  });

  it("no controller policy names the environment's account or region: only the cluster's, or what the options list", () => {
    for (const role of env.roles) {
      const text = JSON.stringify(role.inlinePolicies.map((policy) => policy.document));
      expect({ role: role.key, account: text.includes(ENV_ACCOUNT), region: text.includes(`:${ENV_REGION}:`) }).toEqual({ role: role.key, account: false, region: false });
    }
  });

  it("an environment-wide controller serving clusters in two places gets both", () => {
    const twoPlaces = planOf(
      stringify({
        version: 1,
        defaults: { accountId: ENV_ACCOUNT, region: ENV_REGION },
        environments: {
          prod: {
            clusters: [
              { name: "near", oidcIssuerUrl: `https://oidc.eks.${ENV_REGION}.amazonaws.com/id/EEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEE` },
              { name: "far", oidcIssuerUrl: `https://oidc.eks.${FAR_REGION}.amazonaws.com/id/FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF`, accountId: FAR_ACCOUNT, providerRoleArn: `arn:aws:iam::${FAR_ACCOUNT}:role/terraform` },
            ],
            addons: { nodeTerminationHandler: sampleOptions("nodeTerminationHandler") },
          },
        },
      }),
    );
    const nth = twoPlaces.environments[0].roles[0];
    expect(whereAllowed(nth, "autoscaling:CompleteLifecycleAction", group)).toEqual({ far: true, environment: true });
    expect(allows(nth, { action: "autoscaling:CompleteLifecycleAction", resource: group("eu-west-1", FAR_ACCOUNT), keys: {} })).toBe(false);
  });
});
